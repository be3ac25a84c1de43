package com.example.payments.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void decodesWhatItEncodes() {
        Cursor cursor = new Cursor(NOON, "pay_abc");

        assertThat(Cursor.decode(cursor.encode()), is(cursor));
    }

    @Test
    void encodesUrlSafeWithoutPadding() {
        assertThat(new Cursor(NOON, "pay_????>>>").encode().matches("[A-Za-z0-9_-]+"), is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "abc", "djJ8eHx5", ""})
    void rejectsTokensItDidNotIssueWith400(String token) {
        InvalidCursor e = assertThrows(InvalidCursor.class, () -> Cursor.decode(token));

        assertThat(e.getMessage(), is("is not a cursor this service issued; use nextCursor of a previous page"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v1|yesterday|pay_1",
                "v1|2026-01-01T00:00:00Z|pay\u0000x", // a NUL in the id, for the database's query
                "v1|2026-01-01T00:00:00Z|pay x",
                "v1|+100000-01-01T00:00:00Z|pay_1", // beyond PostgreSQL's timestamptz
                "v1|-5000-01-01T00:00:00Z|pay_1"
            })
    void rejectsWellFormedTokensWithATimeOrAnIdItWouldNotIssue(String raw) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));

        assertThrows(InvalidCursor.class, () -> Cursor.decode(token));
    }

    @Test
    void precedesOlderPaymentsAndTiesBrokenById() {
        Cursor cursor = new Cursor(NOON, "pay_m");

        assertThat(cursor.precedes(payment("pay_z", NOON.minusSeconds(1))), is(true));
        assertThat(cursor.precedes(payment("pay_a", NOON)), is(true));
        assertThat(cursor.precedes(payment("pay_m", NOON)), is(false));
        assertThat(cursor.precedes(payment("pay_z", NOON)), is(false));
        assertThat(cursor.precedes(payment("pay_a", NOON.plusSeconds(1))), is(false));
    }

    private static Payment payment(String id, Instant createdAt) {
        return new Payment(
                id,
                new BigDecimal("1.00"),
                Currency.getInstance("EUR"),
                PaymentStatus.PENDING,
                Optional.empty(),
                createdAt);
    }
}
