package com.example.deployment;

import io.helidon.config.Config;
import io.helidon.config.EnvironmentVariables;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The invariants that tie the deployment files to the application. Each reads both sides and returns
 * its violations as sentences (empty when it holds), so that a test can show it holds for the
 * repository and is violated by a copy broken on purpose.
 */
final class CrossChecks {

    static final String LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    static final String TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";
    static final String LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
    private static final Pattern HEALTH_CHECK_TARGET =
            Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)\\b.*GET (/\\S+) HTTP/1\\.1");
    /** Jib's container user in a service's pom (scripts/build-images.sh builds the images with Jib). */
    private static final Pattern IMAGE_USER = Pattern.compile("<user>\\s*([^<\\s]+)\\s*</user>");

    private CrossChecks() {}

    /** Each container port is the port its service is configured to listen on (in ECS, with the task's environment). */
    static List<String> containerPortIsTheServerPort(Deployment deployment, Application application) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            int configured = settings(deployment, application, service)
                    .get("server.port")
                    .asInt()
                    .orElse(-1);
            int container = deployment.containerPort(service);
            if (configured != container) {
                violations.add(service + ": the container port is " + container + " but server.port is " + configured);
            }
        }
        return violations;
    }

    /**
     * products' task sets every {@code payments.*} setting of products' application.yaml, so that what
     * products does in ECS is stated in the task definition, not inherited from local defaults.
     */
    static List<String> productsTaskSetsEveryPaymentsSetting(Deployment deployment, Application application) {
        Map<String, String> set = EnvironmentVariables.expand(deployment.environment("products"));
        List<String> violations = new ArrayList<>();
        application
                .settings("products", Map.of())
                .get("payments")
                .traverse()
                .filter(node -> node.isLeaf())
                .map(node -> node.key().toString())
                .filter(key -> !set.containsKey(key))
                .forEach(key -> violations.add("products' task does not set " + key + " (as "
                        + key.toUpperCase().replace('.', '_').replace("-", "_dash_") + ")"));
        return violations;
    }

    /** The status that the target group's health check got from payments is inside its matcher. */
    static List<String> healthCheckStatusIsInsideTheMatcher(Deployment deployment, int measuredStatus) {
        String matcher =
                targetGroup(deployment).path("Matcher").path("HttpCode").asString("200");
        if (!matches(matcher, measuredStatus)) {
            return List.of("payments answers " + healthCheckPath(deployment) + " with " + measuredStatus
                    + ", outside the target group's matcher " + matcher + ": the ALB would never route to it");
        }
        return List.of();
    }

    /** The target group's health-check path. */
    static String healthCheckPath(Deployment deployment) {
        return targetGroup(deployment).path("HealthCheckPath").asString("/");
    }

    /**
     * products calls payments at the private DNS name that aliases the internal ALB, on the port and
     * protocol of the ALB's listener.
     */
    static List<String> productsCallPaymentsThroughThePrivateNameAndTheListenerPort(
            Deployment deployment, Application application) {
        List<String> violations = new ArrayList<>();
        URI uri = URI.create(settings(deployment, application, "products")
                .get("payments.base.uri")
                .asString()
                .orElse(""));
        JsonNode listener = deployment.alb().single(LISTENER).getValue().path("Properties");
        String albId = deployment.alb().single(LOAD_BALANCER).getKey();
        if (uri.getPort() != listener.path("Port").asInt()) {
            violations.add("PAYMENTS_BASE_URI " + uri + " uses port " + uri.getPort() + " but the ALB listens on "
                    + listener.path("Port").asInt());
        }
        if (!listener.path("Protocol").asString().equalsIgnoreCase(uri.getScheme())) {
            violations.add("PAYMENTS_BASE_URI " + uri + " uses " + uri.getScheme() + " but the listener speaks "
                    + listener.path("Protocol").asString());
        }
        boolean aliased = deployment.alb().resourcesOfType("AWS::Route53::RecordSet").values().stream()
                .map(record -> record.path("Properties"))
                .filter(record ->
                        record.path("Name").asString().replaceFirst("\\.$", "").equals(uri.getHost()))
                .anyMatch(record -> CloudFormationTemplate.referencedId(
                                        record.path("AliasTarget").path("DNSName"))
                                .filter(albId::equals)
                                .isPresent()
                        && isPrivateZone(deployment, record.path("HostedZoneId")));
        if (!aliased) {
            violations.add("PAYMENTS_BASE_URI " + uri + ": no record in a private hosted zone aliases " + uri.getHost()
                    + " to the ALB " + albId);
        }
        return violations;
    }

    /**
     * products gives up on payments before the ALB closes an idle connection, and payments keeps
     * connections open longer than the ALB does, so that the ALB (never the target) closes them.
     */
    static List<String> readTimeoutIsBelowAlbIdleTimeoutWhichIsBelowPaymentsKeepAlive(
            Deployment deployment, Application application) {
        Duration readTimeout =
                Application.duration(settings(deployment, application, "products"), "payments.read.timeout");
        Duration keepAlive =
                Application.duration(settings(deployment, application, "payments"), "server.idle-connection-timeout");
        Duration idleTimeout = Duration.ofSeconds(Long.parseLong(CloudFormationTemplate.attribute(
                        deployment
                                .alb()
                                .single(LOAD_BALANCER)
                                .getValue()
                                .path("Properties")
                                .path("LoadBalancerAttributes"),
                        "idle_timeout.timeout_seconds")
                .orElse("60")));
        if (readTimeout.compareTo(idleTimeout) < 0 && idleTimeout.compareTo(keepAlive) < 0) {
            return List.of();
        }
        return List.of("expected products' read timeout (" + readTimeout + ") < the ALB's idle timeout (" + idleTimeout
                + ") < payments' idle-connection timeout (" + keepAlive + ")");
    }

    /** The ALB stops sending to a draining task before ECS kills it. */
    static List<String> deregistrationDelayIsBelowStopTimeout(Deployment deployment) {
        int delay = Integer.parseInt(CloudFormationTemplate.attribute(
                        targetGroup(deployment).path("TargetGroupAttributes"), "deregistration_delay.timeout_seconds")
                .orElse("300"));
        int stopTimeout = deployment.stopTimeoutSeconds("payments");
        if (delay < stopTimeout) {
            return List.of();
        }
        return List.of("the deregistration delay (" + delay + " s) is not shorter than payments' stopTimeout ("
                + stopTimeout + " s)");
    }

    /** Each service finishes its in-flight requests after SIGTERM before ECS sends SIGKILL. */
    static List<String> shutdownGracePeriodIsBelowStopTimeout(Deployment deployment, Application application) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            Duration grace =
                    Application.duration(settings(deployment, application, service), "server.shutdown-grace-period");
            Duration stopTimeout = Duration.ofSeconds(deployment.stopTimeoutSeconds(service));
            if (grace.compareTo(stopTimeout) >= 0) {
                violations.add(service + ": server.shutdown-grace-period " + grace + " is not shorter than stopTimeout "
                        + stopTimeout);
            }
        }
        return violations;
    }

    /** Every load balancer of the template is internal (CloudFormation's default is internet-facing). */
    static List<String> albIsInternal(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        deployment.alb().resourcesOfType(LOAD_BALANCER).forEach((id, alb) -> {
            String scheme = alb.path("Properties").path("Scheme").asString("internet-facing");
            if (!scheme.equals("internal")) {
                violations.add(id + " has Scheme " + scheme);
            }
        });
        return violations;
    }

    /** No security-group rule, inline or separate, ingress or egress, is open to 0.0.0.0/0 or ::/0. */
    static List<String> noSecurityGroupRuleIsOpenToTheWorld(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (Rule rule : rules(deployment)) {
            checkCidr(deployment, rule, "CidrIp", "0.0.0.0/0", violations);
            checkCidr(deployment, rule, "CidrIpv6", "::/0", violations);
        }
        return violations;
    }

    /**
     * Ingress goes products tasks → ALB (listener port) → payments tasks (container port) and nowhere
     * else: the ALB accepts only the products tasks' group, payments accepts only the ALB's group.
     */
    static List<String> securityGroupsChainProductsToAlbToPayments(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        Optional<String> products = deployment.resourceBehind(securityGroupPlaceholder(deployment, "products"));
        Optional<String> payments = deployment.resourceBehind(securityGroupPlaceholder(deployment, "payments"));
        List<String> albGroups = new ArrayList<>();
        deployment
                .alb()
                .single(LOAD_BALANCER)
                .getValue()
                .path("Properties")
                .path("SecurityGroups")
                .forEach(group -> CloudFormationTemplate.referencedId(group).ifPresent(albGroups::add));
        int listenerPort = deployment
                .alb()
                .single(LISTENER)
                .getValue()
                .path("Properties")
                .path("Port")
                .asInt();
        if (products.isEmpty() || payments.isEmpty() || albGroups.isEmpty()) {
            return List.of("cannot trace the services' security groups to the template (products " + products
                    + ", payments " + payments + ", ALB " + albGroups + ")");
        }
        List<Rule> ingress = rules(deployment).stream().filter(Rule::ingress).toList();
        for (Rule rule : ingress) {
            Optional<String> source =
                    CloudFormationTemplate.referencedId(rule.body().path("SourceSecurityGroupId"));
            if (albGroups.contains(rule.group())) {
                expect(
                        rule,
                        source.equals(products) && covers(rule, listenerPort, listenerPort),
                        "should admit only the products tasks' group on " + listenerPort,
                        violations);
            } else if (rule.group().equals(payments.get())) {
                int port = deployment.containerPort("payments");
                expect(
                        rule,
                        source.isPresent() && albGroups.contains(source.get()) && covers(rule, port, port),
                        "should admit only the ALB's group on " + port,
                        violations);
            }
        }
        if (ingress.stream().noneMatch(rule -> rule.group().equals(payments.get()))) {
            violations.add("nothing admits the ALB to the payments tasks");
        }
        return violations;
    }

    /**
     * The payments service registers its container's port with the target group that the listener
     * forwards to, and the target group sends traffic to that port.
     */
    static List<String> paymentsServiceRegistersTheContainerPortWithTheListenersTargetGroup(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        JsonNode loadBalancer =
                deployment.services().get("payments").path("loadBalancers").path(0);
        String targetGroupId = deployment.alb().single(TARGET_GROUP).getKey();
        int containerPort = deployment.containerPort("payments");
        if (!loadBalancer
                .path("containerName")
                .asString()
                .equals(deployment.container("payments").path("name").asString())) {
            violations.add("the service names container " + loadBalancer.path("containerName") + ", the task has "
                    + deployment.container("payments").path("name"));
        }
        if (loadBalancer.path("containerPort").asInt() != containerPort) {
            violations.add("the service registers port " + loadBalancer.path("containerPort")
                    + ", the container listens on " + containerPort);
        }
        if (!deployment.resourceBehind(loadBalancer.path("targetGroupArn")).equals(Optional.of(targetGroupId))) {
            violations.add("the service's targetGroupArn " + loadBalancer.path("targetGroupArn")
                    + " is not the stack's " + targetGroupId);
        }
        if (targetGroup(deployment).path("Port").asInt() != containerPort) {
            violations.add("the target group's port " + targetGroup(deployment).path("Port")
                    + " is not the container port " + containerPort);
        }
        JsonNode forward = deployment
                .alb()
                .single(LISTENER)
                .getValue()
                .path("Properties")
                .path("DefaultActions")
                .path(0);
        if (!CloudFormationTemplate.referencedId(forward.path("TargetGroupArn")).equals(Optional.of(targetGroupId))) {
            violations.add("the listener does not forward to " + targetGroupId);
        }
        return violations;
    }

    /** ECS gives new payments tasks at least as long as the target group needs to find them healthy. */
    static List<String> healthCheckGracePeriodCoversTheTimeToHealthy(Deployment deployment) {
        JsonNode targetGroup = targetGroup(deployment);
        int timeToHealthy = targetGroup.path("HealthCheckIntervalSeconds").asInt(30)
                * targetGroup.path("HealthyThresholdCount").asInt(5);
        int grace = deployment
                .services()
                .get("payments")
                .path("healthCheckGracePeriodSeconds")
                .asInt(0);
        if (grace >= timeToHealthy) {
            return List.of();
        }
        return List.of("healthCheckGracePeriodSeconds " + grace + " is shorter than the " + timeToHealthy
                + " s the target group needs to find a task healthy");
    }

    /** Each task's awslogs group is created by the stack. */
    static List<String> logGroupsAreCreatedByTheStack(Deployment deployment) {
        List<String> created = deployment.alb().resourcesOfType("AWS::Logs::LogGroup").values().stream()
                .map(group -> group.path("Properties").path("LogGroupName").asString())
                .toList();
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            String group = deployment
                    .container(service)
                    .path("logConfiguration")
                    .path("options")
                    .path("awslogs-group")
                    .asString();
            if (!created.contains(group)) {
                violations.add(service + " logs to " + group + ", which the stack does not create (it creates "
                        + created + ")");
            }
        }
        return violations;
    }

    /** Each task runs as the non-root user its image was built for. */
    static List<String> taskUserIsTheImagesNonRootUser(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            Matcher user = IMAGE_USER.matcher(deployment.servicePoms().get(service));
            String imageUser = null;
            while (user.find()) {
                imageUser = user.group(1);
            }
            String taskUser = deployment.container(service).path("user").asString("");
            if (imageUser == null || !imageUser.equals(taskUser) || taskUser.matches("^(0|root)(:.*)?$")) {
                violations.add(service + ": the task runs as '" + taskUser + "', the image's user (Jib <user>) is '"
                        + imageUser + "' (both must be the same non-root uid:gid)");
            }
        }
        return violations;
    }

    /** Each container health check probes the container's own port, on a path the service serves. */
    static List<String> containerHealthCheckProbesTheContainerPort(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            Optional<HealthCheckTarget> target = containerHealthCheckTarget(deployment, service);
            if (target.isEmpty() || target.get().port() != deployment.containerPort(service)) {
                violations.add(service + ": the container health check "
                        + target.map(Object::toString).orElse("(none)") + " does not probe the container port "
                        + deployment.containerPort(service));
            }
        }
        return violations;
    }

    /** Where a container health check command connects and what it requests. */
    record HealthCheckTarget(int port, String path) {}

    static Optional<HealthCheckTarget> containerHealthCheckTarget(Deployment deployment, String service) {
        JsonNode command = deployment.container(service).path("healthCheck").path("command");
        Matcher matcher =
                HEALTH_CHECK_TARGET.matcher(command.path(command.size() - 1).asString(""));
        return matcher.find()
                ? Optional.of(new HealthCheckTarget(Integer.parseInt(matcher.group(1)), matcher.group(2)))
                : Optional.empty();
    }

    private static Config settings(Deployment deployment, Application application, String service) {
        return application.settings(service, deployment.environment(service));
    }

    private static JsonNode targetGroup(Deployment deployment) {
        return deployment.alb().single(TARGET_GROUP).getValue().path("Properties");
    }

    private static JsonNode securityGroupPlaceholder(Deployment deployment, String service) {
        return deployment
                .services()
                .get(service)
                .path("networkConfiguration")
                .path("awsvpcConfiguration")
                .path("securityGroups")
                .path(0);
    }

    /** An ELB matcher: "200", "200,204" or "200-299". */
    static boolean matches(String matcher, int status) {
        for (String part : matcher.split(",")) {
            String[] range = part.trim().split("-");
            int low = Integer.parseInt(range[0]);
            int high = range.length == 2 ? Integer.parseInt(range[1]) : low;
            if (status >= low && status <= high) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrivateZone(Deployment deployment, JsonNode zoneReference) {
        return CloudFormationTemplate.referencedId(zoneReference)
                .map(zone -> deployment
                        .alb()
                        .raw()
                        .path("Resources")
                        .path(zone)
                        .path("Properties")
                        .path("VPCs"))
                .filter(vpcs -> vpcs.isArray() && !vpcs.isEmpty())
                .isPresent();
    }

    /** A security-group rule: the group it belongs to, its direction, and its body. */
    private record Rule(String id, String group, boolean ingress, JsonNode body) {}

    private static List<Rule> rules(Deployment deployment) {
        List<Rule> rules = new ArrayList<>();
        deployment.alb().resourcesOfType("AWS::EC2::SecurityGroup").forEach((id, group) -> {
            group.path("Properties")
                    .path("SecurityGroupIngress")
                    .forEach(rule -> rules.add(new Rule(id, id, true, rule)));
            group.path("Properties")
                    .path("SecurityGroupEgress")
                    .forEach(rule -> rules.add(new Rule(id, id, false, rule)));
        });
        for (Map.Entry<String, Boolean> type : Map.of(
                        "AWS::EC2::SecurityGroupIngress", true, "AWS::EC2::SecurityGroupEgress", false)
                .entrySet()) {
            deployment
                    .alb()
                    .resourcesOfType(type.getKey())
                    .forEach((id, rule) -> rules.add(new Rule(
                            id,
                            CloudFormationTemplate.referencedId(
                                            rule.path("Properties").path("GroupId"))
                                    .orElse("?"),
                            type.getValue(),
                            rule.path("Properties"))));
        }
        return rules;
    }

    private static void checkCidr(Deployment deployment, Rule rule, String key, String world, List<String> violations) {
        JsonNode cidr = rule.body().path(key);
        if (cidr.isString() && cidr.asString().equals(world)) {
            violations.add(rule.id() + ": a rule is open to " + world);
        }
        if (cidr.has("Ref")) {
            JsonNode parameter = deployment
                    .alb()
                    .raw()
                    .path("Parameters")
                    .path(cidr.get("Ref").asString());
            String pattern = parameter.path("AllowedPattern").asString("");
            if (parameter.path("Default").asString("").equals(world) || pattern.isEmpty() || world.matches(pattern)) {
                violations.add(rule.id() + ": the rule's " + key + " comes from parameter "
                        + cidr.get("Ref").asString() + ", which can be " + world
                        + " (give it an AllowedPattern that rejects it, and no such default)");
            }
        }
    }

    private static boolean covers(Rule rule, int from, int to) {
        return rule.body().path("IpProtocol").asString().equals("tcp")
                && rule.body().path("FromPort").asInt(-1) == from
                && rule.body().path("ToPort").asInt(-1) == to;
    }

    private static void expect(Rule rule, boolean ok, String what, List<String> violations) {
        if (!ok) {
            violations.add(rule.id() + ": an ingress rule of " + rule.group() + " " + what + ": " + rule.body());
        }
    }
}
