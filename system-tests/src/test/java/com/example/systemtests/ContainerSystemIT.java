package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.support.testing.ExternalProcess;
import com.example.systemtests.client.model.Payment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The images that ECS runs ({@code scripts/build-images.sh}), run as their task definitions say
 * (user, memory, read-only root with a {@code /tmp} volume, environment) behind the ALB stand-in.
 * Runs in the {@code containers} profile ({@code ./mvnw verify -Pcontainers}), which {@code .ci/run}
 * activates after building the images; it fails when they are missing.
 */
class ContainerSystemIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalSystem<ServiceContainer> system;

    @BeforeAll
    static void startSystem() {
        system = LocalSystem.containers("containers", false, LocalSystem.AS_CONFIGURED);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void passesEachTaskDefinitionsContainerHealthCheckInsideItsImage() {
        for (ServiceContainer container : system.instances()) {
            ExternalProcess.Finished check = container.exec(healthCheckCommand(container.service()));

            assertThat(container.service() + ": " + check.output(), check.exitCode(), is(0));
        }
    }

    @Test
    void runsAsTheTaskDefinitionsUserOnAReadOnlyRootWithAWritableTmp() {
        for (ServiceContainer container : system.instances()) {
            String user =
                    Repository.taskContainer(container.service()).path("user").asText();
            ExternalProcess.Finished rootWrite = container.execAsRoot(List.of("touch", "/app/written"));
            ExternalProcess.Finished tmpWrite =
                    container.exec(List.of("bash", "-c", "echo written > /tmp/written && cat /tmp/written"));

            assertThat(container.inspect("{{.Config.User}}"), is(user));
            // The service itself (PID 1) runs as that uid.
            assertThat(
                    container.exec(List.of("grep", "^Uid:", "/proc/1/status")).output(),
                    containsString("\t" + user.split(":")[0] + "\t"));
            // Even root cannot write outside /tmp: the root filesystem is read-only, as in ECS.
            assertThat(rootWrite.exitCode(), is(not(0)));
            assertThat(rootWrite.output(), containsString("Read-only file system"));
            assertThat(tmpWrite.output(), tmpWrite.output().strip(), is("written"));
        }
    }

    @Test
    void createsAPaymentThroughProductsAndTheStandInThenReadsItBackFromEitherInstance() throws Exception {
        Poll.until(
                "products to answer through the stand-in",
                Duration.ofSeconds(60),
                () -> system.client().listPayments().status() == 200);
        // Both payments containers share one database: the reads, round robin over both, find the payment
        // whichever instance took the write.
        Payment created = system.client().createPayment(UUID.randomUUID().toString(), "12.34", "EUR");
        for (int i = 0; i < 4; i++) {
            Payment read = system.client().getPayment(created.getId());

            assertThat(read.getId(), is(created.getId()));
            assertThat(read.getAmount(), is("12.34"));
            assertThat(read.getCurrency(), is("EUR"));
        }
        // And each instance on its own, past the stand-in.
        for (ServiceContainer payments : system.payments()) {
            HttpResponse<String> direct = HTTP.send(
                    HttpRequest.newBuilder(URI.create(payments.baseUri() + "/metaapi/1.0/payments/" + created.getId()))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(payments.address() + ": " + direct.body(), direct.statusCode(), is(200));
            assertThat(direct.body(), containsString(created.getId()));
        }
    }

    @Test
    void completesRequestsInFlightAndExitsWithinStopTimeoutOnSigterm() throws Exception {
        try (LocalSystem<ServiceContainer> slow =
                LocalSystem.containers("containers-sigterm", true, LocalSystem.UNHURRIED)) {
            InFlightAtSigterm.check(slow, "SIGTERM to the products container with calls in flight");
        }
    }

    /** The container health check's command of a task definition, as ECS runs it inside the container. */
    private static List<String> healthCheckCommand(String service) {
        List<String> command = new ArrayList<>();
        Repository.taskContainer(service)
                .path("healthCheck")
                .path("command")
                .forEach(word -> command.add(word.asText()));
        return switch (command.getFirst()) {
            case "CMD" -> command.subList(1, command.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", command.subList(1, command.size())));
            default -> throw new IllegalStateException(service + ": unexpected health check " + command);
        };
    }
}
