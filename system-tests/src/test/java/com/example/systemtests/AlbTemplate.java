package com.example.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The internal ALB's settings, read from {@code ecs-task-defs/stack.yaml} (its resources
 * {@code PaymentsAlb}, {@code PaymentsTargetGroup} and {@code PaymentsListener}): the source of truth
 * that the local stand-in ({@code local-alb/haproxy.cfg}) and the system tests follow.
 *
 * @param healthCheckPath         the target group's health check path
 * @param matcher                 the success codes, e.g. {@code 200-299}
 * @param healthCheckInterval     time between health checks
 * @param healthCheckTimeout      how long a check may take
 * @param healthyThreshold        consecutive successes that make a target healthy
 * @param unhealthyThreshold      consecutive failures that make it unhealthy
 * @param deregistrationDelay     how long a deregistered target keeps its in-flight requests
 * @param idleTimeout             the load balancer's idle connection timeout
 * @param listenerPort            the listener's port
 */
record AlbTemplate(
        String healthCheckPath,
        String matcher,
        Duration healthCheckInterval,
        Duration healthCheckTimeout,
        int healthyThreshold,
        int unhealthyThreshold,
        Duration deregistrationDelay,
        Duration idleTimeout,
        int listenerPort) {

    /** Reads the repository's template. */
    static AlbTemplate read() {
        return read(Repository.file("ecs-task-defs/stack.yaml"));
    }

    @SuppressWarnings("unchecked")
    static AlbTemplate read(Path file) {
        Map<String, Object> resources;
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> template = new Yaml(new CloudFormationTags()).load(reader);
            resources = (Map<String, Object>) template.get("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> group = properties(resources, "PaymentsTargetGroup");
        Map<String, Object> alb = properties(resources, "PaymentsAlb");
        Map<String, Object> listener = properties(resources, "PaymentsListener");
        return new AlbTemplate(
                (String) group.get("HealthCheckPath"),
                String.valueOf(((Map<String, Object>) group.get("Matcher")).get("HttpCode")),
                Duration.ofSeconds(number(group.get("HealthCheckIntervalSeconds"))),
                Duration.ofSeconds(number(group.get("HealthCheckTimeoutSeconds"))),
                (int) number(group.get("HealthyThresholdCount")),
                (int) number(group.get("UnhealthyThresholdCount")),
                Duration.ofSeconds(
                        number(attribute(group, "TargetGroupAttributes", "deregistration_delay.timeout_seconds"))),
                Duration.ofSeconds(number(attribute(alb, "LoadBalancerAttributes", "idle_timeout.timeout_seconds"))),
                (int) number(listener.get("Port")));
    }

    /**
     * Longest time from a target's first health check to the load balancer routing to it:
     * healthy-threshold checks in a row, an interval apart, each of which may take up to the check
     * timeout on a busy machine. The first check may be up to one more interval away.
     */
    Duration timeToHealthy() {
        return healthCheckInterval
                .multipliedBy(healthyThreshold)
                .plus(healthCheckTimeout.multipliedBy(healthyThreshold));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resources, String name) {
        Map<String, Object> resource = (Map<String, Object>) resources.get(name);
        if (resource == null) {
            throw new IllegalStateException("stack.yaml has no resource " + name);
        }
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Object attribute(Map<String, Object> properties, String list, String key) {
        return ((List<Map<String, Object>>) properties.get(list))
                .stream()
                        .filter(attribute -> key.equals(attribute.get("Key")))
                        .map(attribute -> attribute.get("Value"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("stack.yaml has no " + key));
    }

    private static long number(Object value) {
        return Long.parseLong(String.valueOf(value).strip());
    }

    /** Reads CloudFormation's short-form tags ({@code !Ref}, {@code !GetAtt}, ...) as plain values. */
    private static final class CloudFormationTags extends SafeConstructor {

        CloudFormationTags() {
            super(new LoaderOptions());
            for (String tag : List.of(
                    "!Ref",
                    "!GetAtt",
                    "!Sub",
                    "!Join",
                    "!Select",
                    "!GetAZs",
                    "!If",
                    "!Equals",
                    "!Not",
                    "!And",
                    "!Or",
                    "!FindInMap",
                    "!Base64",
                    "!Split",
                    "!ImportValue",
                    "!Condition")) {
                yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return node instanceof ScalarNode scalar ? scalar.getValue() : tag;
                    }
                });
            }
        }
    }
}
