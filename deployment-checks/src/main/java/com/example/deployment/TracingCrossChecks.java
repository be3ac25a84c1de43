package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The invariants of tracing on ECS (issue 18): each task runs an AWS Distro for OpenTelemetry
 * collector beside the service, which the service exports to, sampled, with a task role that may
 * write traces to X-Ray and do nothing else. Each returns its violations as sentences, as
 * {@link CrossChecks} do.
 */
final class TracingCrossChecks {

    /** The sidecar's container name. */
    static final String COLLECTOR = "aws-otel-collector";
    /** What a task role may do: send segments and the collector's telemetry to X-Ray. */
    static final Set<String> X_RAY_WRITES = Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");

    /**
     * The CloudWatch metric that products writes (in the embedded metric format) when its circuit
     * breaker around payments opens: products' {@code CircuitStateMetric}, whose constants a test holds
     * these to (the preflight runs without products on its class path).
     */
    record CircuitMetric(String namespace, String metric, String dimension, String service) {}

    static final CircuitMetric CIRCUIT_METRIC =
            new CircuitMetric("ContractFirstEcs", "PaymentsCircuitOpen", "Service", "products");

    private static final Set<String> SAMPLERS = Set.of("parentbased_traceidratio", "parentbased_always_off");

    private TracingCrossChecks() {}

    /**
     * Each task has the collector sidecar: not essential (a collector that fails must not stop the
     * service), with its own health check, a small share of the task, and a traces pipeline from OTLP to X-Ray.
     */
    static List<String> eachTaskHasTheCollectorSidecar(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            Optional<ObjectNode> sidecar = collector(deployment, service);
            if (sidecar.isEmpty()) {
                violations.add(service + "' task has no " + COLLECTOR + " container");
                continue;
            }
            JsonNode container = sidecar.get();
            if (!container.path("image").asText().contains("aws-observability/aws-otel-collector:v")) {
                violations.add(service + "' collector image is " + container.path("image")
                        + ", not a pinned AWS Distro for OpenTelemetry collector");
            }
            if (container.path("essential").asBoolean(true)) {
                violations.add(service + "' collector is essential: its failure would stop the service");
            }
            if (container.at("/healthCheck/command").isEmpty()) {
                violations.add(service + "' collector has no health check");
            }
            int cpu = container.path("cpu").asInt(0);
            int memory = container.path("memory").asInt(0);
            if (cpu <= 0 || cpu > 128 || memory <= 0 || memory > 256) {
                violations.add(service + "' collector takes cpu " + cpu + " and memory " + memory
                        + " MiB; it must have a small share (cpu 1-128, memory 1-256 MiB)");
            }
            JsonNode pipeline = config(container).at("/service/pipelines/traces");
            if (!pipeline.path("receivers").toString().contains("otlp")
                    || !pipeline.path("exporters").toString().contains("awsxray")) {
                violations.add(service + "' collector has no traces pipeline from otlp to awsxray: " + pipeline);
            }
        }
        return violations;
    }

    /**
     * Each service exports OTLP over HTTP to the port on which its task's collector receives it, on
     * the task's loopback (awsvpc tasks share one network namespace).
     */
    static List<String> servicesExportToTheirCollector(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            Map<String, String> environment = deployment.environment(service);
            String endpoint = environment.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
            if (!environment.getOrDefault("OTEL_TRACES_EXPORTER", "otlp").equals("otlp")) {
                violations.add(service + " exports with " + environment.get("OTEL_TRACES_EXPORTER") + ", not otlp");
            }
            if (!environment
                    .getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                    .equals("http/protobuf")) {
                violations.add(service + " sends OTLP as " + environment.get("OTEL_EXPORTER_OTLP_PROTOCOL")
                        + "; the collector receives http/protobuf");
            }
            String listens = collector(deployment, service)
                    .map(TracingCrossChecks::config)
                    .map(config ->
                            config.at("/receivers/otlp/protocols/http/endpoint").asText("none"))
                    .orElse("none");
            URI uri = URI.create(endpoint.isEmpty() ? "missing:/" : endpoint);
            String[] hostPort = listens.split(":");
            boolean loopback = Set.of("127.0.0.1", "localhost").contains(String.valueOf(uri.getHost()));
            boolean samePort = hostPort.length == 2 && hostPort[1].equals(String.valueOf(uri.getPort()));
            boolean reachable = Set.of("127.0.0.1", "localhost", "0.0.0.0").contains(hostPort[0]);
            if (!loopback || !samePort || !reachable) {
                violations.add(service + " exports to OTEL_EXPORTER_OTLP_ENDPOINT '" + endpoint
                        + "', its collector receives OTLP/HTTP on " + listens);
            }
        }
        return violations;
    }

    /**
     * Tracing is sampled: products (where traces start) at a ratio in (0, 1], payments following its caller.
     */
    static List<String> tracesAreSampled(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            Map<String, String> environment = deployment.environment(service);
            String sampler = environment.getOrDefault("OTEL_TRACES_SAMPLER", "(not set)");
            if (!SAMPLERS.contains(sampler)) {
                violations.add(service + "' OTEL_TRACES_SAMPLER is " + sampler + "; one of " + SAMPLERS
                        + " follows the caller's decision");
            }
            if (sampler.equals("parentbased_traceidratio")) {
                double ratio = ratio(environment.getOrDefault("OTEL_TRACES_SAMPLER_ARG", ""));
                if (!(ratio > 0 && ratio <= 1)) {
                    violations.add(service + "' OTEL_TRACES_SAMPLER_ARG is '"
                            + environment.get("OTEL_TRACES_SAMPLER_ARG") + "'; a ratio in (0, 1] is needed");
                }
            }
        }
        return violations;
    }

    /** Each task role (not the execution role) may write traces to X-Ray, and do nothing else. */
    static List<String> taskRolesMayOnlyWriteTracesToXRay(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            JsonNode task = deployment.tasks().get(service);
            Optional<String> role = deployment.resourceBehind(task.path("taskRoleArn"));
            if (role.isEmpty()) {
                violations.add(service + "' task has no task role from the stack");
                continue;
            }
            if (role.equals(deployment.resourceBehind(task.path("executionRoleArn")))) {
                violations.add(service + "' task role is its execution role " + role.get());
            }
            JsonNode properties = deployment.stack().properties(role.get());
            if (!properties.path("ManagedPolicyArns").isEmpty()) {
                violations.add(service + "' task role " + role.get() + " has managed policies "
                        + properties.path("ManagedPolicyArns"));
            }
            List<String> actions = new ArrayList<>();
            properties
                    .path("Policies")
                    .forEach(policy -> policy.at("/PolicyDocument/Statement").forEach(statement -> {
                        if (statement.has("NotAction")) {
                            actions.add("everything but " + statement.path("NotAction"));
                        }
                        JsonNode action = statement.path("Action");
                        if (action.isArray()) {
                            action.forEach(each -> actions.add(each.asText()));
                        } else if (!action.isMissingNode()) {
                            actions.add(action.asText());
                        }
                    }));
            for (String action : actions) {
                if (!X_RAY_WRITES.contains(action)) {
                    violations.add(service + "' task role " + role.get() + " may " + action + "; it may only "
                            + X_RAY_WRITES.stream().sorted().toList());
                }
            }
            if (!actions.contains("xray:PutTraceSegments")) {
                violations.add(service + "' task role " + role.get() + " may not write traces to X-Ray");
            }
        }
        return violations;
    }

    /**
     * Each service's deployment rolls back when its 5xx-rate alarm or its p99 alarm fires: the alarm
     * names come from the stack's alarms on that service's own load balancer and target group.
     */
    static List<String> deploymentsRollBackOnTheirAlarms(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            JsonNode alarms = deployment.services().get(service).at("/deploymentConfiguration/alarms");
            if (!alarms.path("enable").asBoolean(false)
                    || !alarms.path("rollback").asBoolean(false)) {
                violations.add(service + "' deployments do not roll back on alarms: " + alarms);
            }
            String prefix = Character.toUpperCase(service.charAt(0)) + service.substring(1);
            Set<String> expected = Set.of(prefix + "Alb5xxAlarm", prefix + "LatencyAlarm");
            Set<String> named = new TreeSet<>();
            alarms.path("alarmNames")
                    .forEach(name -> named.add(deployment.resourceBehind(name).orElse(name.asText())));
            if (!named.equals(expected)) {
                violations.add(service + "' deployments roll back on " + named + ", not on " + new TreeSet<>(expected));
            }
        }
        return violations;
    }

    static Optional<ObjectNode> collector(Deployment deployment, String service) {
        return deployment
                .tasks()
                .get(service)
                .path("containerDefinitions")
                .valueStream()
                .filter(container -> container.path("name").asText().equals(COLLECTOR))
                .map(ObjectNode.class::cast)
                .findFirst();
    }

    /** The collector's configuration, given as YAML in {@code AOT_CONFIG_CONTENT}, as a tree. */
    static JsonNode config(JsonNode collector) {
        return collector
                .path("environment")
                .valueStream()
                .filter(variable -> variable.path("name").asText().equals("AOT_CONFIG_CONTENT"))
                .findFirst()
                .map(variable -> Documents.yaml(variable.path("value").asText()))
                .orElse(MissingNode.getInstance());
    }

    private static double ratio(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * An alarm of the stack watches the metric that products' embedded-metric-format line gives
     * CloudWatch when its circuit breaker around payments opens ({@link #CIRCUIT_METRIC}): the same
     * namespace, name and dimension, firing on the value 1.
     */
    static List<String> circuitBreakerOpenRaisesAnAlarm(Deployment deployment) {
        boolean watched = deployment.stack().resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                .map(alarm -> alarm.path("Properties"))
                .anyMatch(alarm -> alarm.path("Namespace").asText().equals(CIRCUIT_METRIC.namespace())
                        && alarm.path("MetricName").asText().equals(CIRCUIT_METRIC.metric())
                        && alarm.path("Dimensions").size() == 1
                        && alarm.at("/Dimensions/0/Name").asText().equals(CIRCUIT_METRIC.dimension())
                        && alarm.at("/Dimensions/0/Value").asText().equals(CIRCUIT_METRIC.service())
                        && alarm.path("Threshold").asDouble(-1) == 1
                        && alarm.path("ComparisonOperator").asText().equals("GreaterThanOrEqualToThreshold"));
        return watched
                ? List.of()
                : List.of("no alarm fires on " + CIRCUIT_METRIC.namespace() + " " + CIRCUIT_METRIC.metric() + " "
                        + CIRCUIT_METRIC.dimension() + "=" + CIRCUIT_METRIC.service() + " >= 1, the metric products"
                        + " writes when its circuit breaker opens");
    }
}
