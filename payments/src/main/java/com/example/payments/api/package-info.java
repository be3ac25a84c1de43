/**
 * The HTTP edge of payments: the hand-written endpoint that extends the server stub generated from
 * {@code api-specs/payments.yaml}, and the mapping between the generated models and the domain.
 */
package com.example.payments.api;
