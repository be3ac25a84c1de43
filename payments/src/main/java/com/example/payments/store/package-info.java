/**
 * Adapters of the {@link com.example.payments.domain.PaymentLedger} port.
 */
package com.example.payments.store;
