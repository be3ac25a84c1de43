/**
 * Test helpers shared by the services' tests (published as the module's test-jar).
 */
package com.example.support.testing;
