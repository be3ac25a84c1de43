package com.example.support.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.example.support.Json;
import com.example.support.ProblemType;
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

    /** Asserts the response is an {@code about:blank} problem (its status says everything) and returns its body. */
    public static JsonNode assertProblem(ClientResponseTyped<String> response, int status) {
        JsonNode problem = assertProblemDocument(response, status);
        assertThat(problem.toString(), problem.path("type").asText(), is(ProblemType.ABOUT_BLANK));
        return problem;
    }

    /** Asserts the response is a problem of the given type, with its status and title, and returns its body. */
    public static JsonNode assertProblem(ClientResponseTyped<String> response, ProblemType type) {
        JsonNode problem = assertProblemDocument(response, type.status().code());
        assertThat(problem.toString(), problem.path("type").asText(), is(type.uri()));
        assertThat(problem.toString(), problem.path("title").asText(), is(type.title()));
        return problem;
    }

    /**
     * Asserts the response is the expected problem, a {@link ProblemType} or an {@link Integer} status
     * for {@code about:blank}, for tables of cases that mix both kinds; returns its body.
     */
    public static JsonNode assertProblemAs(ClientResponseTyped<String> response, Object typeOrStatus) {
        return switch (typeOrStatus) {
            case ProblemType type -> assertProblem(response, type);
            case Integer status -> assertProblem(response, status.intValue());
            default -> throw new IllegalArgumentException("Not a problem type or status: " + typeOrStatus);
        };
    }

    private static JsonNode assertProblemDocument(ClientResponseTyped<String> response, int status) {
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
