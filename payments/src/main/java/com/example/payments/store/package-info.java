/**
 * Adapters of the {@link com.example.payments.domain.PaymentLedger} port: PostgreSQL (every
 * deployment; schema in {@code db/migration}, applied by Flyway at start or by the deploy, see
 * {@link com.example.payments.store.SchemaStep}) and in memory (unit tests),
 * with the database's settings, set-up and readiness check.
 */
package com.example.payments.store;
