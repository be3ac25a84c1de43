package com.example.payments.contract;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.TestDatabases;
import com.example.support.Json;
import com.example.support.testing.ExternalProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Pact Foundation's verifier CLI ({@code pact verifier}, pinned in {@code contracts/verifier/})
 * against the payments jar, started as a process with {@code PAYMENTS_PACT_STATES=true} over its own
 * new database: the verifier sets each provider state over HTTP, as a CI that verifies providers the
 * usual way does. Every interaction of every pact in {@code contracts/} must pass. Its output is in
 * {@code target/pact-cli-verification.txt}.
 */
class PactCliVerificationIT {

    private static final Path CONTRACTS = Path.of(System.getProperty("contracts.dir", "../contracts"));
    private static final Path JAR = Path.of(System.getProperty("payments.jar", "target/payments.jar"));
    private static final Duration START = Duration.ofSeconds(60);

    private Process payments;
    private int port;

    @BeforeEach
    void startPaymentsJar() throws Exception {
        DatabaseSettings database = TestDatabases.fresh();
        port = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("PAYMENTS_"));
        builder.environment()
                .putAll(Map.of(
                        "SERVER_PORT", String.valueOf(port),
                        "SERVER_HOST", "127.0.0.1",
                        "PAYMENTS_DB_URL", database.url(),
                        "PAYMENTS_DB_USER", database.user(),
                        "PAYMENTS_PACT_STATES", "true"));
        builder.redirectErrorStream(true)
                .redirectOutput(Path.of("target", "pact-cli-payments.log").toFile());
        payments = builder.start();
        awaitReady();
    }

    @AfterEach
    void stopPayments() {
        if (payments != null) {
            payments.destroy();
        }
    }

    @Test
    void everyInteractionPassesWithStatesSetOverHttp() throws Exception {
        String base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(
                List.of(CONTRACTS.resolve("verifier/node_modules/.bin/pact").toString(), "verifier"));
        int interactions = 0;
        for (Path pact : pactFiles()) {
            command.add("--file");
            command.add(pact.toString());
            interactions +=
                    Json.mapper().readTree(pact.toFile()).path("interactions").size();
        }
        command.addAll(List.of(
                "--provider-name",
                "payments",
                "--hostname",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--state-change-url",
                base + "/_pact/provider-states",
                "--state-change-teardown",
                "--json",
                Path.of("target", "pact-cli-verification.json").toString(),
                "--no-colour"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PACT_DO_NOT_TRACK", "true");
        ExternalProcess.Finished verifier = ExternalProcess.run(Duration.ofSeconds(120), builder);
        String report = verifier.output();
        Files.writeString(Path.of("target", "pact-cli-verification.txt"), report);
        JsonNode results = Json.mapper()
                .readTree(Path.of("target", "pact-cli-verification.json").toFile());
        long passed = results.path("interactionResults")
                .valueStream()
                .filter(result -> result.path("result").asText().equals("OK"))
                .count();

        assertThat(report, verifier.exitCode(), is(0));
        assertThat(report, not(containsString("Failures:")));
        assertThat(results.path("errors").toString(), results.path("errors").isEmpty(), is(true));
        assertThat(report, passed, is((long) interactions));
    }

    private static List<Path> pactFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONTRACTS)) {
            // Each pact file, not the folder: it also holds the verifier's own package.json.
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                .build();
        await("payments ready, see target/pact-cli-payments.log")
                .atMost(START)
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("payments exited", () -> !payments.isAlive())
                .until(() -> client.send(ready, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                / 100
                        == 2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
