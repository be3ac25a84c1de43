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
    void integerDefaultsWhenAbsentAndParsesWhenPresent() {
        assertThat(QueryParameters.integer(query("other", "1"), "limit", 20), is(Optional.of(20)));
        assertThat(QueryParameters.integer(query("limit", "7"), "limit", 20), is(Optional.of(7)));
    }

    @Test
    void integerRejectsNonNumbersNamingTheParameter() {
        ProblemException e =
                assertThrows(ProblemException.class, () -> QueryParameters.integer(query("limit", "ten"), "limit", 20));

        assertThat(e.problem().status(), is(400));
        assertThat(e.problem().detail(), is("limit: must be an integer, not 'ten'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"５", "٣", "+5", " 5", "5 ", "0x5", "5.0", "", "99999999999"})
    void integerAcceptsAsciiDigitsOnly(String value) {
        ProblemException e =
                assertThrows(ProblemException.class, () -> QueryParameters.integer(query("limit", value), "limit", 20));

        assertThat(e.problem().status(), is(400));
        assertThat(e.problem().detail(), is("limit: must be an integer, not '" + value + "'"));
    }

    @Test
    void integerKeepsTheSignForTheBoundsCheck() {
        assertThat(QueryParameters.integer(query("limit", "-3"), "limit", 20), is(Optional.of(-3)));
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
