package com.example.support;

import io.helidon.common.parameters.Parameters;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses query parameters with errors that tell the client what is accepted. The generated server
 * parses numbers and enums with {@code Integer.valueOf} and {@code Enum.valueOf}, whose failures
 * would otherwise become 500s; services override the generated parameter methods with these.
 */
public final class QueryParameters {

    private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]{1,10}");

    private QueryParameters() {}

    /**
     * An optional integer parameter with a default.
     *
     * @param query        the request's query
     * @param name         the parameter name
     * @param defaultValue the value when the parameter is absent
     * @return the value
     * @throws ProblemException 400 when the value is not a decimal integer of ASCII digits
     */
    public static Optional<Integer> integer(Parameters query, String name, int defaultValue) {
        Optional<String> raw = query.first(name).asOptional();
        if (raw.isEmpty()) {
            return Optional.of(defaultValue);
        }
        // Integer.valueOf also takes a '+' and any Unicode digit ('５' is 5): the spec's integer is
        // ASCII digits with an optional minus sign and nothing else; the bounds are checked after.
        if (!ASCII_INTEGER.matcher(raw.get()).matches()) {
            throw notAnInteger(name, raw.get());
        }
        try {
            return Optional.of(Integer.valueOf(raw.get()));
        } catch (NumberFormatException e) {
            throw notAnInteger(name, raw.get()); // out of int range
        }
    }

    /**
     * An optional enum parameter given by the enum's spec values.
     *
     * @param query     the request's query
     * @param name      the parameter name
     * @param values    every value of the enum
     * @param specValue the value each constant has in the OpenAPI document
     * @param <E>       the enum type
     * @return the constant, or empty when the parameter is absent
     * @throws ProblemException 400 naming the accepted values when the value is not one of them
     */
    public static <E extends Enum<E>> Optional<E> oneOf(
            Parameters query, String name, E[] values, Function<E, String> specValue) {
        Optional<String> raw = query.first(name).asOptional();
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(values)
                .filter(value -> specValue.apply(value).equals(raw.get()))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalidParameter(
                        name,
                        "must be one of "
                                + Arrays.stream(values).map(specValue).collect(Collectors.joining(", "))
                                + ", not '" + abbreviate(raw.get()) + "'")));
    }

    private static ProblemException notAnInteger(String name, String raw) {
        return ProblemException.invalidParameter(name, "must be an integer, not '" + abbreviate(raw) + "'");
    }

    /** Echoes at most 64 characters of client input back. */
    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
