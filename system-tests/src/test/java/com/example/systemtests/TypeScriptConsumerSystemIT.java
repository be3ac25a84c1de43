package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.support.Json;
import com.example.support.ProblemType;
import com.example.support.testing.ExternalProcess;
import com.example.support.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

            // Every call's outcome in one comparison: the created id as <id>, of a problem its status and type
            // (its title must be there; its wording and the payment's time are the services' own).
            String id = calls.get("create").path("id").asText();
            List<String> outcomes = calls.values().stream()
                    .map(outcome -> ((ObjectNode) outcome.deepCopy())
                            .remove(List.of("title", "detail", "createdAt"))
                            .toString()
                            .replace(id, "<id>"))
                    .toList();
            assertThat(outcomes, is("""
                    {"call":"create","status":201,"id":"<id>","replayed":"false","location":"/api/1.0/payments/<id>"}
                    {"call":"replay","status":201,"id":"<id>","replayed":"true"}
                    {"call":"list","count":5,"first":"<id>","nextCursor":true}
                    {"call":"get","id":"<id>","amount":"19.99","status":"PENDING"}
                    {"call":"400 limit=0","status":400,"type":"%1$sinvalid-parameters"}
                    {"call":"401 no token","status":401,"type":"about:blank"}
                    {"call":"403 read-only token creates","status":403,"type":"%1$sinsufficient-scope"}
                    {"call":"404 unknown payment","status":404,"type":"about:blank"}
                    {"call":"422 amount zero","status":422,"type":"%1$svalidation-failed"}
                    {"call":"422 key reused","status":422,"type":"%1$sidempotency-key-reused"}""".formatted(ProblemType.BASE_URI).lines().toList()));
            calls.values().stream()
                    .filter(outcome -> outcome.has("type"))
                    .forEach(problem -> assertThat(
                            problem.toString(), problem.path("title").asText().isEmpty(), is(false)));
        }
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
