package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    /** A body with a string and an integer member, as the generated models have. */
    record Body(String text, Integer count) {}

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "text | 12345",
                "text | 1.5",
                "text | true",
                "text | false",
                "text | null",
                "count | \"7\"",
                "count | 7.0",
                "count | true"
            })
    void rejectsAValueOfAnotherTypeThanTypedNamingItsMember(String member, String value) {
        JsonProcessingException e = assertThrows(
                JsonProcessingException.class,
                () -> Json.mapper().readValue("{\"" + member + "\":" + value + "}", Body.class));

        Problem problem = ErrorHandlers.malformedJson(e);
        assertThat(problem.status(), is(400));
        assertThat(problem.errors().getFirst().name(), is("/" + member));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"12345\",\"count\":7}", "{\"text\":\"12345\",\"count\":7,\"later\":true}"})
    void readsValuesOfTheirOwnTypeAndIgnoresUnknownMembers(String json) throws Exception {
        assertThat(Json.mapper().readValue(json, Body.class), is(new Body("12345", 7)));
    }
}
