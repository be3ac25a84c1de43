package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.localdb.LocalDatabase;
import com.example.support.testing.ExternalProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The health checks of the deployment, sent to the real servers (started in-process with their
 * application.yaml and their task's environment, on free ports): each target group's path answers
 * with a status inside the target group's matcher, and each container health check command
 * succeeds. Each is also shown to fail when the deployment asks for something the service does not
 * answer.
 */
class HealthCheckIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // as the ALB's health checker
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Map<String, String> LOCAL = Map.of("SERVER_PORT", "0", "SERVER_HOST", "127.0.0.1");
    private static final Map<String, WebServer> SERVERS = new HashMap<>();

    @TempDir
    static Path temp;

    private static LocalDatabase database;

    @BeforeAll
    static void startTheServices() throws IOException {
        Deployment deployment = Deployment.read(RepositoryFiles.root());
        Application application = Application.read(RepositoryFiles.root());
        // The database settings point at RDS, which is not here: a local PostgreSQL stands in for it.
        Map<String, String> payments = new HashMap<>(deployment.environment("payments"));
        payments.keySet().removeIf(name -> name.startsWith("PAYMENTS_DB_"));
        database = LocalDatabase.startThrowaway();
        payments.putAll(LOCAL);
        payments.putAll(Map.of(
                "PAYMENTS_DB_URL",
                database.jdbcUrl(),
                "PAYMENTS_DB_USER",
                LocalDatabase.USER,
                "PAYMENTS_DB_PASSWORD",
                ""));
        SERVERS.put("payments", com.example.payments.Main.start(application.settings("payments", payments)));
        // products' health does not depend on payments. The issuer's keys are fetched over https in ECS;
        // here an empty key set from a file stands in.
        Map<String, String> products = new HashMap<>(deployment.environment("products"));
        products.put("PRODUCTS_AUTH_ISSUER", "https://issuer.example");
        products.put("PRODUCTS_AUTH_AUDIENCE", "products-api");
        products.put(
                "PRODUCTS_AUTH_JWKS_URI",
                Files.writeString(temp.resolve("jwks.json"), "{\"keys\": []}")
                        .toUri()
                        .toString());
        products.putAll(LOCAL);
        SERVERS.put("products", com.example.products.Main.start(application.settings("products", products)));
    }

    @AfterAll
    static void stopTheServices() {
        SERVERS.values().forEach(WebServer::stop);
        if (database != null) {
            database.close();
        }
    }

    /**
     * Each row: a change to the service's target group ({@link JsonEdits}; none: the repository's) and
     * whether the status its health check path then answers is inside its matcher (outside, the ALB
     * would never route to it). payments answers an unknown path with 404; products with 401 (it asks
     * for a token first); both answer their health with 204.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            payments | | true
            products | | true
            payments | /Matcher = {"HttpCode":"200"} | false
            products | /Matcher = {"HttpCode":"200"} | false
            payments | /HealthCheckPath = /health | false
            products | /HealthCheckPath = /health | false
            """)
    void targetGroupHealthCheckIsAnsweredInsideTheMatcher(String service, String change, boolean inside)
            throws Exception {
        Deployment deployment = Deployment.read(RepositoryFiles.root());
        ObjectNode targetGroup = deployment
                .stack()
                .properties(CrossChecks.Entry.of(deployment, service).targetGroup());
        if (change != null) {
            JsonEdits.apply(targetGroup, change);
        }
        String path = targetGroup.path("HealthCheckPath").asText("/");
        String matcher = targetGroup.at("/Matcher/HttpCode").asText("200");

        int status = get(service, path);

        assertThat(
                service + " answers " + path + " with " + status + "; the target group's matcher is " + matcher,
                matches(matcher, status),
                is(inside));
    }

    /** Each row: a change to the service's container ({@link JsonEdits}; none: the repository's), and whether its health check command then succeeds. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            payments | | true
            products | | true
            payments | /healthCheck/command/3 ~ GET /observe/health/live HTTP => GET /healthz HTTP | false
            products | /healthCheck/command/3 ~ GET /observe/health/live HTTP => GET /healthz HTTP | false
            """)
    void containerHealthCheckCommandSucceedsOnlyOnAPathTheServiceServes(String service, String change, boolean healthy)
            throws Exception {
        Deployment deployment = Deployment.read(RepositoryFiles.root());
        if (change != null) {
            JsonEdits.apply(deployment.container(service), change);
        }
        int exitCode = runContainerHealthCheck(deployment, service, port(service));

        assertThat("the health check's exit code " + exitCode, exitCode == 0, is(healthy));
    }

    @Test
    void containerHealthCheckCommandFailsWhenNothingListens() throws Exception {
        assertThat(runContainerHealthCheck(Deployment.read(RepositoryFiles.root()), "payments", 1), is(not(0)));
    }

    /** An ELB matcher: "200", "200,204" or "200-299". */
    private static boolean matches(String matcher, int status) {
        for (String part : matcher.split(",")) {
            String[] range = part.trim().split("-");
            int low = Integer.parseInt(range[0]);
            int high = range.length == 2 ? Integer.parseInt(range[1]) : low;
            if (status >= low && status <= high) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the service's container health check command ({@code ["CMD", "bash", "-c", script]}) as ECS
     * would inside the container, against the server started here: the script's port is the only thing
     * changed. Its exit code (0 is healthy), within the check's own {@code timeout}.
     */
    private static int runContainerHealthCheck(Deployment deployment, String service, int port) {
        JsonNode healthCheck = deployment.container(service).get("healthCheck");
        List<String> command =
                healthCheck.get("command").valueStream().map(JsonNode::asText).toList();
        assertThat(command.subList(0, 3), is(List.of("CMD", "bash", "-c")));
        String script = command.get(3)
                .replace("/127.0.0.1/" + deployment.containerPort(service) + " ", "/127.0.0.1/" + port + " ");
        Duration timeout = Duration.ofSeconds(healthCheck.get("timeout").asInt());
        return ExternalProcess.run(timeout, new ProcessBuilder("bash", "-c", script))
                .exitCode();
    }

    private static int port(String service) {
        return SERVERS.get(service).port();
    }

    private static int get(String service, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(service) + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
