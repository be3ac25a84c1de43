package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.localdb.LocalDatabase;
import com.example.payments.Main;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The health checks of the deployment, sent to the real payments server (started in-process with
 * its application.yaml and its task's environment, on a free port): the target group's path answers
 * with a status inside the target group's matcher, and the container health check command succeeds.
 * Each is also shown to fail when the deployment asks for something payments does not answer.
 */
class PaymentsHealthCheckIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // as the ALB's health checker
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static LocalDatabase database;
    private static WebServer payments;

    @BeforeAll
    static void startPayments() {
        Deployment deployment = Deployment.fromRepository();
        // The database settings point at RDS, which is not here: a local PostgreSQL stands in for it.
        Map<String, String> environment = new HashMap<>(deployment.environment("payments"));
        environment.keySet().removeIf(name -> name.startsWith("PAYMENTS_DB_"));
        database = LocalDatabase.startThrowaway();
        payments = Main.start(Application.fromRepository()
                .settings(
                        "payments",
                        environment,
                        Map.of(
                                "server.port", "0",
                                "server.host", "127.0.0.1",
                                "payments.db.url", database.jdbcUrl(),
                                "payments.db.user", LocalDatabase.USER,
                                "payments.db.password", "")));
    }

    @AfterAll
    static void stopPayments() {
        if (payments != null) {
            payments.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void targetGroupHealthCheckIsAnsweredInsideTheMatcher() throws Exception {
        Deployment deployment = Deployment.fromRepository();

        int status = get(CrossChecks.healthCheckPath(deployment, "payments"));

        assertThat(CrossChecks.healthCheckStatusIsInsideTheMatcher(deployment, "payments", status), is(empty()));
    }

    @Test
    void healthCheckCheckFailsWhenTheMatcherExpectsOnly200() throws Exception {
        Deployment deployment = Deployment.fromRepository().copy();
        ((ObjectNode) deployment.stack().properties("PaymentsTargetGroup").get("Matcher")).put("HttpCode", "200");

        int status = get(CrossChecks.healthCheckPath(deployment, "payments"));

        assertThat(
                CrossChecks.healthCheckStatusIsInsideTheMatcher(deployment, "payments", status),
                contains(
                        "payments answers /observe/health/ready with 204, outside the target group's matcher 200: the ALB would never route to it"));
    }

    @Test
    void healthCheckCheckFailsWhenThePathDoesNotExistOnPayments() throws Exception {
        Deployment deployment = Deployment.fromRepository().copy();
        deployment.stack().properties("PaymentsTargetGroup").put("HealthCheckPath", "/health");

        int status = get(CrossChecks.healthCheckPath(deployment, "payments"));

        assertThat(
                CrossChecks.healthCheckStatusIsInsideTheMatcher(deployment, "payments", status),
                contains(containsString(
                        "payments answers /health with 404, outside the target group's matcher 200-299")));
    }

    @Test
    void containerHealthCheckCommandSucceedsAgainstPayments() throws Exception {
        Deployment deployment = Deployment.fromRepository();

        assertThat(runHealthCheck(deployment), is(0));
    }

    @Test
    void containerHealthCheckCommandFailsWhenItsPathDoesNotExist() throws Exception {
        Deployment deployment = Deployment.fromRepository().copy();
        ContainerHealthCheck.replaceInScript(
                deployment, "payments", "GET /observe/health/live ", "GET /observe/healthz ");

        assertThat(runHealthCheck(deployment), is(not(0)));
    }

    @Test
    void containerHealthCheckCommandFailsWhenNothingListens() throws Exception {
        Deployment deployment = Deployment.fromRepository();

        assertThat(ContainerHealthCheck.run(deployment, "payments", 1), is(not(0))); // nothing listens on port 1
    }

    private static int get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + payments.port() + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int runHealthCheck(Deployment deployment) throws IOException, InterruptedException {
        return ContainerHealthCheck.run(deployment, "payments", payments.port());
    }
}
