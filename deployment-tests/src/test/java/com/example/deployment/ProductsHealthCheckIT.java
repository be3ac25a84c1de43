package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.products.Main;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health checks of products' deployment, sent to the real products server started in-process
 * with its application.yaml and its task's environment (payments itself is not needed: products'
 * health does not depend on it): the public target group's path answers inside its matcher, and the
 * container health check command succeeds. Each is also shown to fail when broken.
 */
class ProductsHealthCheckIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    static Path temp;

    private static WebServer products;

    @BeforeAll
    static void startProducts() throws IOException {
        Deployment deployment = Deployment.fromRepository();
        // The issuer's keys are fetched over https in ECS; here an empty key set from a file stands in.
        Path jwks = Files.writeString(temp.resolve("jwks.json"), "{\"keys\": []}");
        Map<String, String> environment = new HashMap<>(deployment.environment("products"));
        environment.put("PRODUCTS_AUTH_ISSUER", "https://issuer.example");
        environment.put("PRODUCTS_AUTH_AUDIENCE", "products-api");
        environment.put("PRODUCTS_AUTH_JWKS_URI", jwks.toUri().toString());
        products = Main.start(Application.fromRepository()
                .settings("products", environment, Map.of("server.port", "0", "server.host", "127.0.0.1")));
    }

    @AfterAll
    static void stopProducts() {
        if (products != null) {
            products.stop();
        }
    }

    @Test
    void targetGroupHealthCheckIsAnsweredInsideTheMatcher() throws Exception {
        Deployment deployment = Deployment.fromRepository();

        int status = get(CrossChecks.healthCheckPath(deployment, "products"));

        assertThat(CrossChecks.healthCheckStatusIsInsideTheMatcher(deployment, "products", status), is(empty()));
    }

    @Test
    void healthCheckCheckFailsWhenTheMatcherExpectsOnly200() throws Exception {
        Deployment deployment = Deployment.fromRepository().copy();
        ((ObjectNode) deployment.stack().properties("ProductsTargetGroup").get("Matcher")).put("HttpCode", "200");

        int status = get(CrossChecks.healthCheckPath(deployment, "products"));

        assertThat(
                CrossChecks.healthCheckStatusIsInsideTheMatcher(deployment, "products", status),
                contains(
                        "products answers /observe/health/ready with 204, outside the target group's matcher 200: the ALB would never route to it"));
    }

    @Test
    void containerHealthCheckCommandSucceedsAgainstProducts() throws Exception {
        assertThat(ContainerHealthCheck.run(Deployment.fromRepository(), "products", products.port()), is(0));
    }

    @Test
    void containerHealthCheckCommandFailsWhenItsPathDoesNotExist() throws Exception {
        Deployment deployment = Deployment.fromRepository().copy();
        ContainerHealthCheck.replaceInScript(deployment, "products", "GET /observe/health/live ", "GET /health ");

        assertThat(ContainerHealthCheck.run(deployment, "products", products.port()), is(not(0)));
    }

    private static int get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + products.port() + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
