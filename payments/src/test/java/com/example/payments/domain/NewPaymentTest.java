package com.example.payments.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.payments.domain.InvalidPayment.Violation;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of a new payment, one by one. The accepted bounds (0.01, 999999999999.99, a description
 * of 500 characters) are stored and read back by {@code PostgresPaymentLedgerIT.keepsAmountsExactly}
 * and {@code PaymentsApiIT.storesDescriptionExactlyAsSent}.
 */
class NewPaymentTest {

    @Test
    void acceptsValidPayment() {
        NewPayment payment = NewPayment.validate("19.99", "EUR", "Espresso");

        assertThat(payment.amount(), is(new BigDecimal("19.99")));
        assertThat(payment.currency().getCurrencyCode(), is("EUR"));
        assertThat(payment.description(), is(Optional.of("Espresso")));
    }

    @ParameterizedTest
    @CsvSource({
        "0.00, must be greater than 0.00",
        "1.5, 'must be a decimal with two fraction digits, e.g. 19.99'",
        "01.50, 'must be a decimal with two fraction digits, e.g. 19.99'",
        "-1.00, 'must be a decimal with two fraction digits, e.g. 19.99'",
        "1000000000000.00, 'must be a decimal with two fraction digits, e.g. 19.99'",
        "1e3, 'must be a decimal with two fraction digits, e.g. 19.99'"
    })
    void rejectsInvalidAmountNamingTheField(String amount, String reason) {
        InvalidPayment e = assertThrows(InvalidPayment.class, () -> NewPayment.validate(amount, "EUR", null));

        assertThat(e.violations(), contains(new Violation("/amount", reason)));
    }

    @ParameterizedTest
    @CsvSource({"XYZ", "eur", "EURO", "E1R"})
    void rejectsCodesThatAreNotIso4217(String currency) {
        InvalidPayment e = assertThrows(InvalidPayment.class, () -> NewPayment.validate("1.00", currency, null));

        assertThat(e.violations(), contains(new Violation("/currency", "must be an ISO 4217 currency code, e.g. EUR")));
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        InvalidPayment e = assertThrows(InvalidPayment.class, () -> NewPayment.validate(null, null, "x".repeat(501)));

        assertThat(
                e.violations().stream().map(Violation::field).toList(),
                containsInAnyOrder("/amount", "/currency", "/description"));
    }
}
