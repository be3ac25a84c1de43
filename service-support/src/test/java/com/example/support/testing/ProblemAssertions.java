package com.example.support.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.example.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Asserts that a response is a well-formed RFC 9457 problem that leaks nothing internal.
 */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /**
     * Asserts the response is a problem with the given status and returns its body.
     *
     * @param response a response read as a string
     * @param status   the expected HTTP status
     * @return the problem document
     */
    public static JsonNode assertProblem(ClientResponseTyped<String> response, int status) {
        String body = response.entity();
        assertThat(body, response.status().code(), is(status));
        assertThat(
                response.headers().first(HeaderNames.CONTENT_TYPE).orElse(""), startsWith("application/problem+json"));
        assertThat(body, not(containsString("Exception")));
        assertThat(body, not(containsString("com.example")));
        assertThat(body, not(containsString("\tat ")));
        JsonNode problem = parse(body);
        assertThat(problem.path("status").asInt(), is(status));
        assertThat(problem.path("title").asText(), not(is("")));
        assertThat(problem.path("detail").asText(), not(is("")));
        return problem;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }
}
