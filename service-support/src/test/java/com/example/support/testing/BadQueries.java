package com.example.support.testing;

import java.util.List;

/**
 * The one table of bad query parameters of a payments list, used at every level: payments' API
 * tests, products' (which must reject each without calling payments) and the system tests' fuzzer,
 * which sends the bad values of {@code limit} among its number values. Each is answered 400, naming
 * the parameter.
 */
public final class BadQueries {

    /** One bad parameter, its value unencoded. */
    public record BadQuery(String name, String value) {

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /** Bad values of {@code limit} and {@code status}, which every hop checks against the spec. */
    public static final List<BadQuery> ALL = List.of(
            new BadQuery("limit", "abc"),
            new BadQuery("limit", "0"),
            new BadQuery("limit", "101"),
            new BadQuery("limit", "-1"),
            new BadQuery("limit", "1.5"),
            new BadQuery("limit", "1e3"),
            new BadQuery("limit", "99999999999999999999"),
            new BadQuery("limit", "\uFF15"), // a fullwidth 5: digits are ASCII only
            new BadQuery("limit", "+5"),
            new BadQuery("limit", ""),
            new BadQuery("status", "nope"),
            new BadQuery("status", "captured"));

    private BadQueries() {}
}
