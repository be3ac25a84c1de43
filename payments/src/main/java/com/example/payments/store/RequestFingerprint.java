package com.example.payments.store;

import com.example.payments.domain.NewPayment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a request's canonical form, stored beside its idempotency key. Two requests have
 * the same fingerprint exactly when their {@link NewPayment}s are equal, which is when the in-memory
 * ledger also calls them the same request.
 */
final class RequestFingerprint {

    private RequestFingerprint() {}

    static byte[] of(NewPayment request) {
        // One field per line; the description, the only free text, comes last so that any line break
        // in it cannot be mistaken for a field boundary. The version prefix lets the form evolve.
        String canonical = String.join(
                "\n",
                "v1",
                request.amount().toPlainString(),
                request.currency().getCurrencyCode(),
                request.description().map(text -> "+" + text).orElse("-"));
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
