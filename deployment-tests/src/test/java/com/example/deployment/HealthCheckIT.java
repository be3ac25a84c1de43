package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.localdb.LocalDatabase;
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
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    private static final Map<String, String> LOCAL = Map.of("server.port", "0", "server.host", "127.0.0.1");
    private static final Map<String, WebServer> SERVERS = new HashMap<>();

    @TempDir
    static Path temp;

    private static LocalDatabase database;

    @BeforeAll
    static void startTheServices() throws IOException {
        Deployment deployment = Deployment.fromRepository();
        Application application = Application.fromRepository();
        // The database settings point at RDS, which is not here: a local PostgreSQL stands in for it.
        Map<String, String> payments = new HashMap<>(deployment.environment("payments"));
        payments.keySet().removeIf(name -> name.startsWith("PAYMENTS_DB_"));
        database = LocalDatabase.startThrowaway();
        Map<String, String> paymentsLocal = new HashMap<>(LOCAL);
        paymentsLocal.putAll(Map.of(
                "payments.db.url",
                database.jdbcUrl(),
                "payments.db.user",
                LocalDatabase.USER,
                "payments.db.password",
                ""));
        SERVERS.put(
                "payments", com.example.payments.Main.start(application.settings("payments", payments, paymentsLocal)));
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
        SERVERS.put("products", com.example.products.Main.start(application.settings("products", products, LOCAL)));
    }

    @AfterAll
    static void stopTheServices() {
        SERVERS.values().forEach(WebServer::stop);
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void targetGroupHealthCheckIsAnsweredInsideTheMatcher(String service) throws Exception {
        assertThat(healthCheckViolations(service, targetGroup -> {}), is(empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void healthCheckCheckFailsWhenTheMatcherExpectsOnly200(String service) throws Exception {
        assertThat(
                healthCheckViolations(
                        service, targetGroup -> targetGroup.putObject("Matcher").put("HttpCode", "200")),
                contains(service + " answers /observe/health/ready with 204, outside the target group's matcher 200: "
                        + "the ALB would never route to it"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void healthCheckCheckFailsWhenThePathDoesNotExist(String service) throws Exception {
        // payments answers an unknown path with 404; products with 401 (it asks for a token first).
        int status = Map.of("payments", 404, "products", 401).get(service);

        assertThat(
                healthCheckViolations(service, targetGroup -> targetGroup.put("HealthCheckPath", "/health")),
                contains(service + " answers /health with " + status + ", outside the target group's matcher 200-299: "
                        + "the ALB would never route to it"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void containerHealthCheckCommandSucceeds(String service) throws Exception {
        assertThat(ContainerHealthCheck.run(Deployment.fromRepository(), service, port(service)), is(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void containerHealthCheckCommandFailsWhenItsPathDoesNotExist(String service) throws Exception {
        Deployment deployment = Deployment.fromRepository();
        ContainerHealthCheck.replaceInScript(deployment, service, "GET /observe/health/live ", "GET /healthz ");

        assertThat(ContainerHealthCheck.run(deployment, service, port(service)), is(not(0)));
    }

    @Test
    void containerHealthCheckCommandFailsWhenNothingListens() throws Exception {
        assertThat(ContainerHealthCheck.run(Deployment.fromRepository(), "payments", 1), is(not(0)));
    }

    /** What the check reports for the status the service answers on its target group's (changed) path. */
    private static List<String> healthCheckViolations(String service, Consumer<ObjectNode> changeTargetGroup)
            throws IOException, InterruptedException {
        Deployment deployment = Deployment.fromRepository();
        changeTargetGroup.accept(targetGroup(deployment, service));
        int status = get(service, CrossChecks.healthCheckPath(deployment, service));
        return CrossChecks.healthCheckStatusIsInsideTheMatcher(deployment, service, status);
    }

    /** The properties of the target group the service registers with (as the check finds it). */
    private static ObjectNode targetGroup(Deployment deployment, String service) {
        return deployment
                .stack()
                .properties(CrossChecks.Entry.of(deployment, service).targetGroup());
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
