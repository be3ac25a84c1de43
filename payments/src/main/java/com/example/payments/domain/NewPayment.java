package com.example.payments.domain;

import com.example.support.StoredText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated request to create a payment. Two requests are the same request (for idempotency)
 * exactly when their {@code NewPayment}s are equal.
 *
 * @param amount      greater than zero, two fraction digits
 * @param currency    ISO 4217 currency
 * @param description optional, at most {@value #MAX_DESCRIPTION} characters, stored exactly as sent
 *                    ({@link StoredText})
 */
public record NewPayment(BigDecimal amount, Currency currency, Optional<String> description) {

    /** Longest accepted description, in characters (code points). */
    public static final int MAX_DESCRIPTION = 500;

    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,11})\\.[0-9]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /**
     * Validates the fields of a request body, reporting every invalid field at once.
     *
     * @param amount      the {@code amount} field as sent, or null when missing
     * @param currency    the {@code currency} field as sent, or null when missing
     * @param description the {@code description} field as sent, or null when missing
     * @return the new payment
     * @throws InvalidPayment listing each invalid field as a JSON pointer
     */
    public static NewPayment validate(String amount, String currency, String description) {
        List<InvalidPayment.Violation> invalid = new ArrayList<>();
        if (amount == null) {
            invalid.add(new InvalidPayment.Violation("/amount", "is required"));
        } else if (!AMOUNT.matcher(amount).matches()) {
            invalid.add(
                    new InvalidPayment.Violation("/amount", "must be a decimal with two fraction digits, e.g. 19.99"));
        } else if (new BigDecimal(amount).signum() <= 0) {
            invalid.add(new InvalidPayment.Violation("/amount", "must be greater than 0.00"));
        }
        if (currency == null) {
            invalid.add(new InvalidPayment.Violation("/currency", "is required"));
        } else if (!CURRENCY.matcher(currency).matches() || !isIso4217(currency)) {
            invalid.add(new InvalidPayment.Violation("/currency", "must be an ISO 4217 currency code, e.g. EUR"));
        }
        if (description != null) {
            StoredText.violation(description, MAX_DESCRIPTION)
                    .ifPresent(reason -> invalid.add(new InvalidPayment.Violation("/description", reason)));
        }
        if (!invalid.isEmpty()) {
            throw new InvalidPayment(invalid);
        }
        return new NewPayment(new BigDecimal(amount), Currency.getInstance(currency), Optional.ofNullable(description));
    }

    private static boolean isIso4217(String code) {
        return Currency.getAvailableCurrencies().stream()
                .anyMatch(c -> c.getCurrencyCode().equals(code));
    }
}
