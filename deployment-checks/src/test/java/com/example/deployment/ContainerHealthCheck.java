package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task definition's container health check command ({@code ["CMD", "bash", "-c", script]})
 * as ECS would inside the container, against a service started by the test on a free port: the
 * script's port is the only thing changed.
 */
final class ContainerHealthCheck {

    private ContainerHealthCheck() {}

    /** The command's exit code: 0 is healthy. Waits at most the check's own {@code timeout}. */
    static int run(Deployment deployment, String service, int port) throws IOException, InterruptedException {
        JsonNode healthCheck = deployment.container(service).get("healthCheck");
        List<String> command =
                healthCheck.get("command").valueStream().map(JsonNode::asText).toList();
        if (!command.subList(0, 3).equals(List.of("CMD", "bash", "-c"))) {
            throw new AssertionError("expected [CMD, bash, -c, script], got " + command);
        }
        String script = command.get(3)
                .replace("/127.0.0.1/" + deployment.containerPort(service) + " ", "/127.0.0.1/" + port + " ");
        Process process = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int timeout = healthCheck.get("timeout").asInt();
        if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the health check command did not finish within its timeout of " + timeout + " s");
        }
        return process.exitValue();
    }
}
