package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorHandlersTest {

    @Test
    void describesSyntaxErrorByPosition() {
        JsonProcessingException e =
                assertThrows(JsonProcessingException.class, () -> Json.mapper().readTree("{\"a\":\n  tru"));

        assertThat(ErrorHandlers.malformedJson(e).detail(), is("The body is not well-formed JSON at line 2, column 3"));
    }

    @Test
    void describesWrongTypeByJsonPointerWithoutJavaTypes() {
        JsonProcessingException e = assertThrows(
                JsonProcessingException.class,
                () -> Json.mapper().readValue("{\"inner\":{\"count\":\"many\"}}", Outer.class));

        Problem problem = ErrorHandlers.malformedJson(e);

        assertThat(problem.status(), is(400));
        assertThat(problem.detail(), is("The JSON body has a value of the wrong type at /inner/count"));
        assertThat(problem.errors(), is(List.of(new Problem.InvalidParam("/inner/count", "wrong JSON type"))));
    }

    @Test
    void describesWrongRootType() {
        JsonProcessingException e =
                assertThrows(JsonProcessingException.class, () -> Json.mapper().readValue("[1]", Outer.class));

        assertThat(
                ErrorHandlers.malformedJson(e).detail(), is("The JSON body has the wrong type; an object is expected"));
    }

    @Test
    void writesProblemWithoutNullsOrEmptyErrors() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.bytes(Problem.of(io.helidon.http.Status.NOT_FOUND_404, "gone")));

        assertThat(json.has("instance"), is(false));
        assertThat(json.has("errors"), is(false));
        assertThat(json.path("title").asText(), is("Not Found"));
    }

    record Outer(Inner inner) {}

    record Inner(int count) {}
}
