package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.example.support.Json;
import com.example.support.ProblemType;
import com.example.support.testing.ExternalProcess;
import com.example.support.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A consumer outside Java: {@code src/test/node/consumer.ts}, compiled against the client that
 * openapi-generator's {@code typescript-fetch} makes from {@code products.yaml}, run by Node against
 * the running system with development tokens. Each call's outcome, typed problems included.
 */
class TypeScriptConsumerSystemIT {

    private static final Path CONSUMER = Path.of("target/ts-consumer/out/src/test/node/consumer.js");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void listsGetsCreatesReplaysAndReadsTypedProblems() throws Exception {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("typescript-consumer", LocalSystem.UNHURRIED)) {
            Map<String, JsonNode> calls = run(
                    system.products().baseUri(),
                    SystemIssuer.token(TestTokens.ALL_SCOPES),
                    SystemIssuer.token(List.of("products:read")));
            calls.forEach((call, outcome) -> Figures.print("typescript consumer", outcome.toString()));

            JsonNode created = calls.get("create");
            assertThat(created.path("status").asInt(), is(201));
            assertThat(created.path("replayed").asText(), is("false"));
            assertThat(
                    created.path("location").asText(),
                    is("/api/1.0/payments/" + created.path("id").asText()));
            assertThat(calls.get("replay").path("status").asInt(), is(201));
            assertThat(calls.get("replay").path("replayed").asText(), is("true"));
            assertThat(
                    calls.get("replay").path("id").asText(),
                    is(created.path("id").asText()));
            assertThat(calls.get("list").path("count").asInt(), greaterThanOrEqualTo(1));
            assertThat(
                    calls.get("get").path("id").asText(), is(created.path("id").asText()));
            assertThat(calls.get("get").path("amount").asText(), is("19.99"));
            assertProblem(calls.get("400 limit=0"), 400, ProblemType.INVALID_PARAMETERS.uri());
            assertProblem(calls.get("401 no token"), 401, ProblemType.ABOUT_BLANK);
            assertProblem(calls.get("403 read-only token creates"), 403, ProblemType.INSUFFICIENT_SCOPE.uri());
            assertProblem(calls.get("404 unknown payment"), 404, ProblemType.ABOUT_BLANK);
            assertProblem(calls.get("422 amount zero"), 422, ProblemType.VALIDATION_FAILED.uri());
            assertProblem(calls.get("422 key reused"), 422, ProblemType.IDEMPOTENCY_KEY_REUSED.uri());
        }
    }

    private static void assertProblem(JsonNode outcome, int status, String type) {
        assertThat(outcome.toString(), outcome.path("status").asInt(), is(status));
        assertThat(outcome.toString(), outcome.path("type").asText(), is(type));
        assertThat(outcome.toString(), outcome.path("title").asText().isEmpty(), is(false));
    }

    /** Runs the consumer; one JSON line per call, keyed by the call's name (other lines are Node's own). */
    private static Map<String, JsonNode> run(String baseUri, String token, String readOnlyToken) throws IOException {
        assertThat("compiled by the build (pre-integration-test)", Files.exists(CONSUMER), is(true));
        ExternalProcess.Finished node = ExternalProcess.run(
                TIMEOUT, new ProcessBuilder("node", CONSUMER.toString(), baseUri, token, readOnlyToken));
        assertThat("node consumer.js exit status; output: " + node.output(), node.exitCode(), is(0));
        Map<String, JsonNode> calls = new LinkedHashMap<>();
        for (String line :
                node.output().lines().filter(line -> line.startsWith("{")).toList()) {
            JsonNode call = Json.mapper().readTree(line);
            calls.put(call.path("call").asText(), call);
        }
        return calls;
    }
}
