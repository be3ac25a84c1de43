package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.common.parameters.Parameters;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {

    enum Colour {
        RED,
        GREEN
    }

    @Test
    void integerIsEmptyWhenAbsentAndParsedWithItsSignWhenPresent() {
        assertThat(QueryParameters.integer(query("other", "1"), "limit"), is(Optional.empty()));
        assertThat(QueryParameters.integer(query("limit", "7"), "limit"), is(Optional.of(7)));
        // The sign is kept for the bounds check.
        assertThat(QueryParameters.integer(query("limit", "-3"), "limit"), is(Optional.of(-3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "５", "٣", "+5", " 5", "5 ", "0x5", "5.0", "", "99999999999"})
    void integerAcceptsAsciiDigitsOnlyNamingTheParameter(String value) {
        ProblemException e =
                assertThrows(ProblemException.class, () -> QueryParameters.integer(query("limit", value), "limit"));

        assertThat(e.problem().status(), is(400));
        assertThat(e.problem().detail(), is("limit: must be an integer, not '" + value + "'"));
    }

    @Test
    void oneOfMatchesSpecValuesExactly() {
        assertThat(
                QueryParameters.oneOf(query("colour", "GREEN"), "colour", Colour.values(), Colour::name),
                is(Optional.of(Colour.GREEN)));
        assertThat(
                QueryParameters.oneOf(query("x", "y"), "colour", Colour.values(), Colour::name), is(Optional.empty()));
    }

    @Test
    void oneOfListsAcceptedValuesAndAbbreviatesLongInput() {
        ProblemException e = assertThrows(
                ProblemException.class,
                () -> QueryParameters.oneOf(query("colour", "b".repeat(100)), "colour", Colour.values(), Colour::name));

        assertThat(e.problem().detail(), is("colour: must be one of RED, GREEN, not '" + "b".repeat(64) + "...'"));
    }

    private static Parameters query(String name, String value) {
        return Parameters.builder("query").add(name, value).build();
    }
}
