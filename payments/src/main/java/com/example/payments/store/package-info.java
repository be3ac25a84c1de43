/**
 * Adapters of the {@link com.example.payments.domain.PaymentLedger} port: PostgreSQL (every
 * deployment; schema in {@code db/migration}, applied by Flyway at start or by the deploy, see
 * {@link com.example.payments.store.SchemaStep}), with the database's settings, set-up and readiness
 * check. The in-memory fake of unit tests lives with the tests.
 */
package com.example.payments.store;
