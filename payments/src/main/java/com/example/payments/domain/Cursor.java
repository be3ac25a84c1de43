package com.example.payments.domain;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The position after which a page starts: the sort key of the last payment of the previous page.
 * Keyset pagination stays correct while payments are created; clients see it only as an opaque,
 * URL-safe token.
 *
 * @param createdAt the creation time of the last payment seen
 * @param id        the id of the last payment seen
 */
public record Cursor(Instant createdAt, String id) {

    private static final String VERSION = "v1";
    /** The ids this service issues; anything else (a NUL, say) must not reach the database's query. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Times within PostgreSQL's {@code timestamptz} range and ISO-8601's four-digit years. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * The cursor that continues after the given payment.
     *
     * @param payment the last payment of a page
     * @return its cursor
     */
    public static Cursor after(Payment payment) {
        return new Cursor(payment.createdAt(), payment.id());
    }

    /**
     * Decodes a token made by {@link #encode()}.
     *
     * @param token the client's {@code cursor} parameter
     * @return the cursor
     * @throws InvalidCursor when the token was not made by this service
     */
    public static Cursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3
                    || !parts[0].equals(VERSION)
                    || !ID.matcher(parts[2]).matches()) {
                throw new InvalidCursor();
            }
            Instant createdAt = Instant.parse(parts[1]);
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                throw new InvalidCursor();
            }
            return new Cursor(createdAt, parts[2]);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidCursor();
        }
    }

    /**
     * The opaque token for clients.
     *
     * @return a URL-safe token
     */
    public String encode() {
        String raw = VERSION + "|" + createdAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the payment sorts after this cursor, newest first.
     *
     * @param payment a payment
     * @return true when it belongs to a later page
     */
    public boolean precedes(Payment payment) {
        int byTime = payment.createdAt().compareTo(createdAt);
        return byTime < 0 || byTime == 0 && payment.id().compareTo(id) < 0;
    }
}
