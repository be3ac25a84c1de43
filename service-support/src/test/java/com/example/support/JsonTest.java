package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    /** A body with a string and an integer member, as the generated models have. */
    record Body(String text, Integer count) {}

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1.5", "true", "false", "null"})
    void rejectsNonStringWhereStringIsTyped(String value) {
        JsonProcessingException e = assertThrows(
                JsonProcessingException.class, () -> Json.mapper().readValue("{\"text\":" + value + "}", Body.class));

        Problem problem = ErrorHandlers.malformedJson(e);
        assertThat(problem.status(), is(400));
        assertThat(problem.errors().getFirst().name(), is("/text"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"7\"", "7.0", "true"})
    void rejectsNonIntegerWhereIntegerIsTyped(String value) {
        JsonProcessingException e = assertThrows(
                JsonProcessingException.class, () -> Json.mapper().readValue("{\"count\":" + value + "}", Body.class));

        assertThat(ErrorHandlers.malformedJson(e).errors().getFirst().name(), is("/count"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"12345\",\"count\":7}", "{\"text\":\"12345\",\"count\":7,\"later\":true}"})
    void readsValuesOfTheirOwnTypeAndIgnoresUnknownMembers(String json) throws Exception {
        assertThat(Json.mapper().readValue(json, Body.class), is(new Body("12345", 7)));
    }
}
