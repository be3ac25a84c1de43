/**
 * Provider states over HTTP, for any Pact verifier: {@code POST /_pact/provider-states} arranges each
 * state of the pacts in {@code contracts/} in payments' own database. Off unless
 * {@code PAYMENTS_PACT_STATES=true}; it empties the ledger, so no deployment may turn it on (the
 * image and the ECS task definitions never do, and the deployment tests check it).
 */
package com.example.payments.pact;
