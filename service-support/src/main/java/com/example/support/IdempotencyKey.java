package com.example.support;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header that makes a create safe to retry, as both specs
 * define it: required, 1 to 255 visible ASCII characters (spaces allowed inside).
 */
public final class IdempotencyKey {

    /** The header. */
    public static final HeaderName HEADER = HeaderNames.create("Idempotency-Key");

    /** The response header that says whether a create replayed an earlier request with the same key. */
    public static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{0,254}");

    private IdempotencyKey() {}

    /**
     * Checks a key that the generated server has read; it has checked presence and length (1 to 255)
     * against the spec. Keys are also compared and stored as given, so only visible ASCII is taken.
     *
     * @param key the header's value
     * @return the key
     * @throws ProblemException 400 naming the header when the key has other characters
     */
    public static String valid(String key) {
        if (!VALID.matcher(key).matches()) {
            throw ProblemException.invalidParameter(HEADER.defaultCase(), "must be 1 to 255 visible ASCII characters");
        }
        return key;
    }
}
