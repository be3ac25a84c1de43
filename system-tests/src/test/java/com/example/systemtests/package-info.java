/**
 * Both services together: in one JVM ({@code *IT}), and as packaged processes behind HAProxy
 * configured as the internal ALB ({@code *SystemIT}), under load and faults.
 */
package com.example.systemtests;
