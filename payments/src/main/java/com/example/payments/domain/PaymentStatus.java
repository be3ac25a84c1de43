package com.example.payments.domain;

/**
 * Where a payment is in its life.
 */
public enum PaymentStatus {
    /** Created, not yet authorised. */
    PENDING,
    /** Authorised by the issuer, not yet captured. */
    AUTHORIZED,
    /** Captured: the money moved. */
    CAPTURED,
    /** Declined or errored. */
    FAILED,
    /** Captured, then returned. */
    REFUNDED
}
