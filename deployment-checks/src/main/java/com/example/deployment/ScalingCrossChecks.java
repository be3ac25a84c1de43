package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants of the services' auto scaling ({@code <service>-scaling-policy.json}, registered by
 * deploy.sh after both services exist): what the policy measures is the service's own load balancer
 * entry, and payments keeps two tasks in two Availability Zones.
 */
final class ScalingCrossChecks {

    /** {@code ${Alb.LoadBalancerFullName}/${TargetGroup.TargetGroupFullName}}: the label of a target group's requests. */
    private static final Pattern RESOURCE_LABEL =
            Pattern.compile("\\$\\{(\\w+)\\.LoadBalancerFullName}/\\$\\{(\\w+)\\.TargetGroupFullName}");
    /** deploy.sh's default and lowest accepted count: {@code PAYMENTS_MIN_COUNT=${PAYMENTS_MIN_COUNT:-2}}, {@code counts PAYMENTS 2}. */
    private static final Pattern PAYMENTS_MIN_DEFAULT =
            Pattern.compile("^\\s*PAYMENTS_MIN_COUNT=\\$\\{PAYMENTS_MIN_COUNT:-(\\d+)}$", Pattern.MULTILINE);

    private static final Pattern PAYMENTS_MIN_LOWEST =
            Pattern.compile("^\\s*counts PAYMENTS (\\d+)$", Pattern.MULTILINE);

    private ScalingCrossChecks() {}

    /**
     * Each service's policy tracks {@code ALBRequestCountPerTarget} of the target group its service
     * registers with, behind the ALB whose listener forwards to it, and scales that service.
     */
    static List<String> eachServiceScalesOnItsOwnRequestsPerTarget(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            JsonNode policy = deployment.scaling().get(service);
            JsonNode tracking = policy.path("TargetTrackingScalingPolicyConfiguration");
            JsonNode metric = tracking.path("PredefinedMetricSpecification");
            if (!policy.path("PolicyType").asText().equals("TargetTrackingScaling")
                    || !metric.path("PredefinedMetricType").asText().equals("ALBRequestCountPerTarget")) {
                violations.add(service + "' scaling does not track ALBRequestCountPerTarget: "
                        + policy.path("PolicyType").asText() + " on " + metric.path("PredefinedMetricType"));
            }
            if (!(tracking.path("TargetValue").asDouble(0) > 0)) {
                violations.add(service + "' scaling has no positive target value: " + tracking.path("TargetValue"));
            }
            String resourceId = "service/${ECS_CLUSTER}/"
                    + deployment.services().get(service).path("serviceName").asText();
            if (!policy.path("ResourceId").asText().equals(resourceId)
                    || !policy.path("ScalableDimension").asText().equals("ecs:service:DesiredCount")) {
                violations.add(service + "' scaling policy scales "
                        + policy.path("ResourceId").asText() + " "
                        + policy.path("ScalableDimension").asText() + ", not " + resourceId
                        + " ecs:service:DesiredCount");
            }
            CrossChecks.Entry entry = CrossChecks.Entry.of(deployment, service);
            String measured = deployment
                    .outputBehind(metric.path("ResourceLabel").asText(""))
                    .map(ScalingCrossChecks::labelled)
                    .orElse("no stack output");
            String expected = entry.alb() + "/" + entry.targetGroup();
            if (!measured.equals(expected)) {
                violations.add(
                        service + "' scaling counts the requests of " + measured + ", not of its own " + expected);
            }
        }
        return violations;
    }

    /**
     * Payments keeps at least two tasks (deploy.sh's default and lowest accepted minimum) in two
     * subnets, which are in two Availability Zones: the internal ALB, which spans the same private
     * subnets, needs two zones, and Fargate spreads a service's tasks over its subnets' zones.
     */
    static List<String> paymentsKeepsTwoTasksInTwoZones(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (Pattern count : List.of(PAYMENTS_MIN_DEFAULT, PAYMENTS_MIN_LOWEST)) {
            Matcher found = count.matcher(deployment.deployScript());
            if (!found.find() || Integer.parseInt(found.group(1)) < 2) {
                violations.add("deploy.sh lets payments scale in below two tasks (" + count.pattern() + ")");
            }
        }
        JsonNode subnets =
                deployment.services().get("payments").at("/networkConfiguration/awsvpcConfiguration/subnets");
        List<String> named = new ArrayList<>();
        subnets.forEach(subnet -> named.add(subnet.asText()));
        if (!new HashSet<>(named).equals(new HashSet<>(List.of("${PRIVATE_SUBNET_1}", "${PRIVATE_SUBNET_2}")))
                || named.size() != 2) {
            violations.add("payments' tasks are placed in " + named
                    + ", not in both private subnets (two Availability Zones)");
        }
        return violations;
    }

    /** {@code Alb/TargetGroup} from a {@code Fn::Sub} of their full names, or what the value is instead. */
    private static String labelled(JsonNode output) {
        return Optional.ofNullable(output.get("Fn::Sub"))
                .map(JsonNode::asText)
                .map(RESOURCE_LABEL::matcher)
                .filter(Matcher::matches)
                .map(label -> label.group(1) + "/" + label.group(2))
                .orElse(output.toString());
    }
}
