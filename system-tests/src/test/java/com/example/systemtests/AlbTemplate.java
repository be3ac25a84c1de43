package com.example.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The internal ALB's settings, read from {@code ecs-task-defs/stack.yaml} (its resources
 * {@code PaymentsAlb}, {@code PaymentsTargetGroup} and {@code PaymentsListener}): the source of truth
 * that the local stand-in ({@code local-alb/haproxy.cfg}) and the system tests follow. Jackson reads
 * CloudFormation's short-form tags ({@code !Ref}, ...) as plain values.
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

    static AlbTemplate read() {
        JsonNode resources;
        try {
            resources = new YAMLMapper()
                    .readTree(Repository.file("ecs-task-defs/stack.yaml").toFile())
                    .required("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode group = resources.required("PaymentsTargetGroup").required("Properties");
        JsonNode alb = resources.required("PaymentsAlb").required("Properties");
        return new AlbTemplate(
                group.required("HealthCheckPath").asText(),
                group.required("Matcher").required("HttpCode").asText(),
                seconds(group.required("HealthCheckIntervalSeconds")),
                seconds(group.required("HealthCheckTimeoutSeconds")),
                group.required("HealthyThresholdCount").asInt(),
                group.required("UnhealthyThresholdCount").asInt(),
                seconds(attribute(group, "TargetGroupAttributes", "deregistration_delay.timeout_seconds")),
                seconds(attribute(alb, "LoadBalancerAttributes", "idle_timeout.timeout_seconds")),
                resources
                        .required("PaymentsListener")
                        .required("Properties")
                        .required("Port")
                        .asInt());
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

    private static JsonNode attribute(JsonNode properties, String list, String key) {
        for (JsonNode attribute : properties.required(list)) {
            if (key.equals(attribute.path("Key").asText())) {
                return attribute.required("Value");
            }
        }
        throw new IllegalStateException("stack.yaml has no " + key);
    }

    private static Duration seconds(JsonNode value) {
        return Duration.ofSeconds(Long.parseLong(value.asText().strip()));
    }
}
