package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.products.Main;
import io.helidon.webserver.WebServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * products' container health check command, run against the real products server started
 * in-process with its application.yaml and its task's environment (payments itself is not needed:
 * products' liveness does not depend on it).
 */
class ProductsHealthCheckIT {

    private static WebServer products;

    @BeforeAll
    static void startProducts() {
        Deployment deployment = Deployment.fromRepository();
        Map<String, String> environment = new HashMap<>(deployment.environment("products"));
        // products does not start without its token settings; the health check needs no token, so any
        // issuer will do where the task definition does not name one (its JWKS is read on the first token).
        environment.putIfAbsent("PRODUCTS_AUTH_ISSUER", "https://issuer.test/");
        environment.putIfAbsent("PRODUCTS_AUTH_AUDIENCE", "products");
        environment.putIfAbsent("PRODUCTS_AUTH_JWKS_URI", "https://issuer.test/.well-known/jwks.json");
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
    void containerHealthCheckCommandSucceedsAgainstProducts() throws Exception {
        assertThat(ContainerHealthCheck.run(Deployment.fromRepository(), "products", products.port()), is(0));
    }

    @Test
    void containerHealthCheckCommandFailsWhenItsPathDoesNotExist() throws Exception {
        Deployment deployment = Deployment.fromRepository().copy();
        ContainerHealthCheck.replaceInScript(deployment, "products", "GET /observe/health/live ", "GET /health ");

        assertThat(ContainerHealthCheck.run(deployment, "products", products.port()), is(not(0)));
    }
}
