/**
 * The payments domain: what a payment is, which new payments are acceptable, how pages are cut,
 * and the {@link com.example.payments.domain.PaymentLedger} port that stores them.
 */
package com.example.payments.domain;
