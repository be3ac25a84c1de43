package com.example.systemtests;

import com.example.support.testing.BadQueries;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A value sent where a field's schema expects something else, or at its very edge, derived from the
 * schema: lengths just inside and outside {@code minLength}/{@code maxLength} (counted in code points,
 * as JSON Schema counts), characters outside a {@code pattern}, every kind of character JSON and
 * URLs can carry (controls, NUL, lone surrogates, non-BMP), numbers outside {@code minimum}/{@code
 * maximum} and the integer type, enum values in the wrong case, and wrong JSON types for body fields.
 *
 * @param text the value (for {@link Form#JSON}, a JSON token)
 * @param form how the value is put into the request
 */
record HostileValue(String text, Form form) {

    /** How a value is put into a request. */
    enum Form {
        /** Encoded as its location requires: percent-encoded in a URL, escaped in a JSON string. */
        TEXT,
        /** Written as it is: an encoding of its own in a URL, control characters unescaped in JSON. */
        RAW,
        /** In a body, a JSON token of another type than the schema's. */
        JSON,
        /** Left out. */
        ABSENT
    }

    /** Characters that break stores, logs, parsers and encoders: controls, NUL, lone and reversed surrogates. */
    private static final List<String> SPECIAL = List.of(
            "\u0000",
            "\u0001",
            "\t",
            "\n",
            "\r",
            "\u001b",
            "\u007f",
            "\u0080",
            "\u0085",
            "\u00a0",
            "\u00e9",
            "\u2028",
            "\u202e",
            "\ufeff",
            "\ufffd",
            "\uffff",
            "\ud800",
            "\udfff",
            "\udc00\ud800",
            "\ud83d\ude00",
            "\"",
            "\\",
            "/",
            "%",
            "+",
            " ",
            "|",
            "'",
            ";",
            "<",
            "&",
            "=",
            "?",
            "#",
            "{",
            "..");

    /** Percent-encodings a decoder must refuse or decode to something unusual. */
    private static final List<String> ENCODINGS = List.of(
            "%",
            "%0",
            "%ZZ",
            "%FF",
            "%C0%80",
            "%ED%A0%80",
            "%F4%90%80%80",
            "%00",
            "%2F",
            "%2e%2e",
            "%u0000",
            "%25",
            "+",
            "%0D%0A");

    /** JSON tokens of every type, for a body field. */
    private static final List<String> JSON_TOKENS =
            List.of("null", "true", "0", "-1", "1.5", "1e999", "[]", "{}", "[\"a\"]", "{\"a\":1}", "\"\"");

    /** Not integers, or out of range: the shared table's bad limits ({@link BadQueries}) and more. */
    private static final List<String> NUMBERS = Stream.concat(
                    BadQueries.ALL.stream()
                            .filter(query -> query.name().equals("limit"))
                            .map(BadQueries.BadQuery::value),
                    Stream.of(" 5", "5 ", "0x10", "-0", "00", "2147483648", "-2147483649", "NaN", "Infinity"))
            .toList();

    /**
     * Hostile values for a field, derived from its schema.
     *
     * @param field the field
     * @return values, edges first (jqwik mixes edge cases in and shrinks towards the first ones)
     */
    static Arbitrary<HostileValue> of(SpecField field) {
        Schema<?> schema = field.schema();
        List<Arbitrary<HostileValue>> values = new ArrayList<>();
        values.add(text(strings(schema, field.valid(0) == null ? "fuzz" : field.valid(0))));
        if ("integer".equals(schema.getType())) {
            values.add(text(integers(schema)));
        }
        if (schema.getEnum() != null) {
            values.add(text(Arbitraries.of(schema.getEnum().stream()
                    .map(Object::toString)
                    .flatMap(value -> Stream.of(
                            value.toLowerCase(java.util.Locale.ROOT), value + "\u0000", " " + value, value + value))
                    .toList())));
        }
        if (field.location() == SpecField.Location.BODY) {
            values.add(Arbitraries.of(JSON_TOKENS).map(token -> new HostileValue(token, Form.JSON)));
            values.add(Arbitraries.of(SPECIAL).map(special -> new HostileValue("a" + special, Form.RAW)));
        } else if (field.location() != SpecField.Location.HEADER) {
            values.add(Arbitraries.of(ENCODINGS).map(encoding -> new HostileValue(encoding, Form.RAW)));
        }
        values.add(Arbitraries.just(new HostileValue(null, Form.ABSENT)));
        return Arbitraries.oneOf(values);
    }

    private static Arbitrary<HostileValue> text(Arbitrary<String> texts) {
        return texts.map(text -> new HostileValue(text, Form.TEXT));
    }

    private static Arbitrary<String> strings(Schema<?> schema, String valid) {
        int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
        int max = schema.getMaxLength() == null ? 1_000 : schema.getMaxLength();
        List<String> edges = new ArrayList<>(List.of(""));
        for (String unit : List.of("x", "\u00e9", "\ud83d\ude00", "\u0000")) {
            edges.add(unit.repeat(max));
            edges.add(unit.repeat(max + 1));
            if (min > 1) {
                edges.add(unit.repeat(min - 1));
            }
        }
        Arbitrary<String> special = Combinators.combine(
                        Arbitraries.of(SPECIAL), Arbitraries.integers().between(0, valid.length()))
                .as((character, at) -> valid.substring(0, at) + character + valid.substring(at));
        Arbitrary<String> anyCharacter = Combinators.combine(
                        Arbitraries.chars().all(), Arbitraries.integers().between(0, valid.length()))
                .as((character, at) -> valid.substring(0, at) + character + valid.substring(at));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(edges)),
                net.jqwik.api.Tuple.of(4, special),
                net.jqwik.api.Tuple.of(2, anyCharacter),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(max + 2)));
    }

    private static Arbitrary<String> integers(Schema<?> schema) {
        List<String> edges = new ArrayList<>(NUMBERS);
        if (schema.getMinimum() != null) {
            edges.add(schema.getMinimum().subtract(java.math.BigDecimal.ONE).toPlainString());
        }
        if (schema.getMaximum() != null) {
            edges.add(schema.getMaximum().add(java.math.BigDecimal.ONE).toPlainString());
        }
        return Arbitraries.oneOf(
                Arbitraries.of(edges),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers()
                        .between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                        .map(String::valueOf));
    }

    /** The value as a Java string literal would show it, so that a report shows every invisible character. */
    @Override
    public String toString() {
        if (text == null) {
            return form.name();
        }
        StringBuilder shown = new StringBuilder(form.name()).append(" \"");
        text.chars()
                .limit(80)
                .forEach(c ->
                        shown.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return shown.append(text.length() > 80 ? "…(" + text.length() + " chars)\"" : "\"")
                .toString();
    }
}
