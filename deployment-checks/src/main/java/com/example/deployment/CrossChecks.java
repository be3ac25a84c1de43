package com.example.deployment;

import com.example.support.EnvironmentKeys;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants that tie the deployment files to the application. Each reads both sides and returns
 * its violations as sentences (empty when it holds), so that a test can show it holds for the
 * repository and is violated by a copy broken on purpose.
 */
final class CrossChecks {

    static final String TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";
    static final String LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
    private static final Pattern HEALTH_CHECK_TARGET =
            Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)\\b.*GET (/\\S+) HTTP/1\\.1");
    /** The TLS 1.3 policies of ELB (TLS 1.3 and 1.2 with forward-secret ciphers, or TLS 1.3 only). */
    static final String MODERN_TLS_POLICY_PREFIX = "ELBSecurityPolicy-TLS13-";
    /** products' authentication settings (fixed for the round; products' application.yaml may add more). */
    static final List<String> PRODUCTS_AUTH_KEYS =
            List.of("products.auth.issuer", "products.auth.audience", "products.auth.jwks.uri");

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
        Map<String, String> set = EnvironmentKeys.of(deployment.environment("products"));
        List<String> violations = new ArrayList<>();
        application
                .settings("products", Map.of())
                .get("payments")
                .traverse()
                .filter(node -> node.isLeaf())
                .map(node -> node.key().toString())
                .filter(key -> !set.containsKey(key))
                .forEach(key -> violations.add(
                        "products' task does not set " + key + " (as " + EnvironmentKeys.variable(key) + ")"));
        return violations;
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
        Entry payments = Entry.of(deployment, "payments");
        JsonNode listener = deployment.stack().properties(payments.listener());
        if (uri.getPort() != listener.path("Port").asInt()) {
            violations.add("PAYMENTS_BASE_URI " + uri + " uses port " + uri.getPort() + " but the ALB listens on "
                    + listener.path("Port").asInt());
        }
        if (!listener.path("Protocol").asText().equalsIgnoreCase(uri.getScheme())) {
            violations.add("PAYMENTS_BASE_URI " + uri + " uses " + uri.getScheme() + " but the listener speaks "
                    + listener.path("Protocol").asText());
        }
        boolean aliased = deployment.stack().resourcesOfType("AWS::Route53::RecordSet").values().stream()
                .map(record -> record.path("Properties"))
                .filter(record ->
                        record.path("Name").asText().replaceFirst("\\.$", "").equals(uri.getHost()))
                .anyMatch(record -> CloudFormationTemplate.referencedId(record.at("/AliasTarget/DNSName"))
                                .filter(payments.alb()::equals)
                                .isPresent()
                        && isPrivateZone(deployment, record.path("HostedZoneId")));
        if (!aliased) {
            violations.add("PAYMENTS_BASE_URI " + uri + ": no record in a private hosted zone aliases " + uri.getHost()
                    + " to the ALB " + payments.alb());
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
                                .stack()
                                .properties(Entry.of(deployment, "payments").alb())
                                .path("LoadBalancerAttributes"),
                        "idle_timeout.timeout_seconds")
                .orElse("60")));
        if (readTimeout.compareTo(idleTimeout) < 0 && idleTimeout.compareTo(keepAlive) < 0) {
            return List.of();
        }
        return List.of("expected products' read timeout (" + readTimeout + ") < the ALB's idle timeout (" + idleTimeout
                + ") < payments' idle-connection timeout (" + keepAlive + ")");
    }

    /** Each ALB stops sending to a draining task before ECS kills it. */
    static List<String> deregistrationDelayIsBelowStopTimeout(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            int delay = Integer.parseInt(CloudFormationTemplate.attribute(
                            targetGroup(deployment, service).path("TargetGroupAttributes"),
                            "deregistration_delay.timeout_seconds")
                    .orElse("300"));
            int stopTimeout = deployment.stopTimeoutSeconds(service);
            if (delay >= stopTimeout) {
                violations.add(service + ": the deregistration delay (" + delay
                        + " s) is not shorter than the stopTimeout (" + stopTimeout + " s)");
            }
        }
        return violations;
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

    /**
     * payments' ALB is internal (CloudFormation's default is internet-facing) and products' ALB, the
     * public entry, faces the internet.
     */
    static List<String> paymentsAlbIsInternalAndProductsAlbFacesTheInternet(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        Map<String, String> expected = Map.of("payments", "internal", "products", "internet-facing");
        for (String service : Deployment.SERVICES) {
            String alb = Entry.of(deployment, service).alb();
            String scheme = deployment.stack().properties(alb).path("Scheme").asText("internet-facing");
            if (!scheme.equals(expected.get(service))) {
                violations.add(service + "'s ALB " + alb + " has Scheme " + scheme);
            }
        }
        return violations;
    }

    /**
     * Only the public ALB's security group admits the whole internet, and only on its listeners'
     * ports; no other rule, inline or separate, ingress or egress, is open to 0.0.0.0/0 or ::/0.
     */
    static List<String> onlyThePublicAlbIsOpenToTheWorld(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        List<String> publicGroups =
                albGroups(deployment, Entry.of(deployment, "products").alb());
        List<Integer> publicPorts =
                listenerPorts(deployment, Entry.of(deployment, "products").alb());
        for (Rule rule : rules(deployment)) {
            for (String world : List.of("0.0.0.0/0", "::/0")) {
                if (!world.equals(rule.body()
                        .path(world.contains(":") ? "CidrIpv6" : "CidrIp")
                        .asText(""))) {
                    continue;
                }
                boolean allowed = rule.ingress()
                        && publicGroups.contains(rule.group())
                        && publicPorts.stream().anyMatch(port -> covers(rule, port, port));
                if (!allowed) {
                    violations.add(
                            rule.id() + ": a rule of " + rule.group() + " is open to " + world + ": " + rule.body());
                }
            }
        }
        return violations;
    }

    /**
     * Ingress goes internet → public ALB (its listener ports) → products tasks (container port) and
     * nowhere else: products accepts only the public ALB's group.
     */
    static List<String> securityGroupsChainInternetToPublicAlbToProducts(Deployment deployment) {
        Entry products = Entry.of(deployment, "products");
        return admitsOnly(
                deployment,
                taskGroup(deployment, "products"),
                albGroups(deployment, products.alb()),
                deployment.containerPort("products"),
                "the public ALB's group");
    }

    /**
     * Ingress goes products tasks → internal ALB (listener port) → payments tasks (container port)
     * and nowhere else: the ALB accepts only the products tasks' group, payments only the ALB's.
     */
    static List<String> securityGroupsChainProductsToAlbToPayments(Deployment deployment) {
        Entry payments = Entry.of(deployment, "payments");
        List<String> albGroups = albGroups(deployment, payments.alb());
        int listenerPort =
                deployment.stack().properties(payments.listener()).path("Port").asInt();
        List<String> violations = new ArrayList<>();
        for (String albGroup : albGroups) {
            violations.addAll(admitsOnly(
                    deployment,
                    Optional.of(albGroup),
                    taskGroup(deployment, "products").stream().toList(),
                    listenerPort,
                    "the products tasks' group"));
        }
        violations.addAll(admitsOnly(
                deployment,
                taskGroup(deployment, "payments"),
                albGroups,
                deployment.containerPort("payments"),
                "the internal ALB's group"));
        return violations;
    }

    /**
     * Each service registers its container's port with the target group that its ALB's listener
     * forwards to, and the target group sends traffic to that port.
     */
    static List<String> servicesRegisterTheContainerPortWithTheirListenersTargetGroup(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            JsonNode loadBalancer = deployment.services().get(service).at("/loadBalancers/0");
            String container = deployment.container(service).path("name").asText();
            int containerPort = deployment.containerPort(service);
            Optional<String> targetGroup = deployment.resourceBehind(loadBalancer.path("targetGroupArn"));
            if (!loadBalancer.path("containerName").asText().equals(container)) {
                violations.add(service + ": the service names container " + loadBalancer.path("containerName")
                        + ", the task has \"" + container + "\"");
            }
            if (loadBalancer.path("containerPort").asInt() != containerPort) {
                violations.add(service + ": the service registers port " + loadBalancer.path("containerPort")
                        + ", the container listens on " + containerPort);
            }
            if (targetGroup.isEmpty()
                    || !deployment
                            .stack()
                            .resource(targetGroup.get())
                            .path("Type")
                            .asText()
                            .equals(TARGET_GROUP)) {
                violations.add(service + ": the service's targetGroupArn " + loadBalancer.path("targetGroupArn")
                        + " is no target group of the stack");
                continue;
            }
            int targetPort = deployment
                    .stack()
                    .properties(targetGroup.get())
                    .path("Port")
                    .asInt();
            if (targetPort != containerPort) {
                violations.add(service + ": the target group's port " + targetPort + " is not the container port "
                        + containerPort);
            }
            if (listenersForwardingTo(deployment, targetGroup.get()).isEmpty()) {
                violations.add(service + ": no listener forwards to " + targetGroup.get());
            }
        }
        return violations;
    }

    /** ECS gives new tasks at least as long as their target group needs to find them healthy. */
    static List<String> healthCheckGracePeriodCoversTheTimeToHealthy(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            JsonNode targetGroup = targetGroup(deployment, service);
            int timeToHealthy = targetGroup.path("HealthCheckIntervalSeconds").asInt(30)
                    * targetGroup.path("HealthyThresholdCount").asInt(5);
            int grace = deployment
                    .services()
                    .get(service)
                    .path("healthCheckGracePeriodSeconds")
                    .asInt(0);
            if (grace < timeToHealthy) {
                violations.add(service + ": healthCheckGracePeriodSeconds " + grace + " is shorter than the "
                        + timeToHealthy + " s the target group needs to find a task healthy");
            }
        }
        return violations;
    }

    /**
     * The public entry speaks HTTPS only: every listener of products' ALB either serves HTTPS on a
     * certificate named by a parameter with a TLS 1.3 policy, or redirects to HTTPS.
     */
    static List<String> publicEntryServesHttpsWithAModernPolicyAndRedirectsHttp(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        List<String> listeners =
                listenersOf(deployment, Entry.of(deployment, "products").alb());
        for (String id : listeners) {
            JsonNode listener = deployment.stack().properties(id);
            String protocol = listener.path("Protocol").asText();
            if (protocol.equals("HTTPS")) {
                String policy = listener.path("SslPolicy").asText("ELBSecurityPolicy-2016-08");
                if (!policy.startsWith(MODERN_TLS_POLICY_PREFIX)) {
                    violations.add(id + ": the HTTPS listener's SslPolicy " + policy + " is not one of "
                            + MODERN_TLS_POLICY_PREFIX + "*");
                }
                JsonNode certificate = listener.at("/Certificates/0/CertificateArn");
                if (!deployment
                        .stack()
                        .raw()
                        .path("Parameters")
                        .has(certificate.path("Ref").asText(""))) {
                    violations.add(id + ": the HTTPS listener's certificate " + certificate + " is not a parameter");
                }
            } else {
                JsonNode action = listener.at("/DefaultActions/0");
                boolean redirects = listener.path("DefaultActions").size() == 1
                        && action.path("Type").asText().equals("redirect")
                        && action.at("/RedirectConfig/Protocol").asText().equals("HTTPS");
                if (!redirects) {
                    violations.add(id + ": the " + protocol + " listener on port " + listener.path("Port")
                            + " does not redirect to HTTPS: " + listener.path("DefaultActions"));
                }
            }
        }
        if (listeners.stream()
                .noneMatch(id -> deployment
                        .stack()
                        .properties(id)
                        .path("Protocol")
                        .asText()
                        .equals("HTTPS"))) {
            violations.add("products' ALB has no HTTPS listener");
        }
        return violations;
    }

    /**
     * products' metrics endpoint is not served on the public entry: every listener of products' ALB
     * that forwards has a rule answering the metrics path, and everything below it, with a 404.
     */
    static List<String> metricsAreNotServedOnThePublicEntry(Deployment deployment, Application application) {
        String metrics = application
                .settings("products", Map.of())
                .get("server.features.observe.observers.metrics.endpoint")
                .asString()
                .orElse("/observe/metrics");
        List<String> violations = new ArrayList<>();
        for (String listener :
                listenersOf(deployment, Entry.of(deployment, "products").alb())) {
            JsonNode action = deployment.stack().properties(listener).at("/DefaultActions/0");
            if (!action.path("Type").asText().equals("forward")) {
                continue;
            }
            for (String path : List.of(metrics, metrics + "/prometheus")) {
                if (!answeredWith404(deployment, listener, path)) {
                    violations.add(listener + " forwards " + path + " to products: no rule answers it with 404");
                }
            }
        }
        return violations;
    }

    /**
     * products' task sets every {@code products.auth.*} setting that products reads, each from an
     * input that deploy.sh checks before it deploys.
     */
    static List<String> productsTaskSetsTheAuthSettingsFromCheckedInputs(
            Deployment deployment, Application application) {
        Map<String, String> environment = deployment.environment("products");
        Map<String, String> set = EnvironmentKeys.of(environment);
        List<String> violations = new ArrayList<>();
        for (String key : application.keysRead("products", "products.auth", PRODUCTS_AUTH_KEYS)) {
            String variable = EnvironmentKeys.variable(key);
            if (!set.containsKey(key)) {
                violations.add("products' task does not set " + key + " (as " + variable + ")");
                continue;
            }
            Matcher placeholder = Deployment.PLACEHOLDER.matcher(environment.get(variable));
            if (placeholder.matches() && !deployment.deployScript().contains("check " + placeholder.group(1) + " ")) {
                violations.add("products' " + variable + " comes from " + placeholder.group(1)
                        + ", which deploy.sh does not check");
            }
        }
        return violations;
    }

    /** Each task's awslogs group is created by the stack. */
    static List<String> logGroupsAreCreatedByTheStack(Deployment deployment) {
        List<String> created = deployment.stack().resourcesOfType("AWS::Logs::LogGroup").values().stream()
                .map(group -> group.at("/Properties/LogGroupName").asText())
                .toList();
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            String group = deployment
                    .container(service)
                    .at("/logConfiguration/options/awslogs-group")
                    .asText();
            if (!created.contains(group)) {
                violations.add(service + " logs to " + group + ", which the stack does not create (it creates "
                        + created + ")");
            }
        }
        return violations;
    }

    /** Each task runs as the non-root user its image was built for (Jib's container user). */
    static List<String> taskUserIsTheImagesNonRootUser(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            ImageUser image = deployment.imageUsers().get(service);
            String taskUser = deployment.container(service).path("user").asText("");
            if (!image.user().equals(taskUser) || taskUser.matches("^(0|root)(:.*)?$")) {
                violations.add(service + ": the task runs as '" + taskUser + "', the image as '" + image.user() + "' ("
                        + image.source() + "); both must be the same non-root uid:gid");
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
        JsonNode command = deployment.container(service).at("/healthCheck/command");
        Matcher matcher =
                HEALTH_CHECK_TARGET.matcher(command.path(command.size() - 1).asText(""));
        return matcher.find()
                ? Optional.of(new HealthCheckTarget(Integer.parseInt(matcher.group(1)), matcher.group(2)))
                : Optional.empty();
    }

    static Config settings(Deployment deployment, Application application, String service) {
        return application.settings(service, deployment.environment(service));
    }

    /**
     * Where a service meets its load balancer: the target group its service definition registers
     * with (traced through deploy.sh's stack outputs), the listener forwarding to it, and that
     * listener's ALB.
     */
    record Entry(String targetGroup, String listener, String alb) {
        static Entry of(Deployment deployment, String service) {
            String targetGroup = deployment
                    .resourceBehind(deployment.services().get(service).at("/loadBalancers/0/targetGroupArn"))
                    .orElseThrow(() -> new IllegalStateException(
                            service + "'s service registers with no target group of the stack"));
            String listener = listenersForwardingTo(deployment, targetGroup).stream()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no listener forwards to " + targetGroup));
            String alb = CloudFormationTemplate.referencedId(
                            deployment.stack().properties(listener).path("LoadBalancerArn"))
                    .orElseThrow(() -> new IllegalStateException(listener + " names no load balancer of the stack"));
            return new Entry(targetGroup, listener, alb);
        }
    }

    static JsonNode targetGroup(Deployment deployment, String service) {
        return deployment.stack().properties(Entry.of(deployment, service).targetGroup());
    }

    static List<String> listenersOf(Deployment deployment, String alb) {
        return deployment.stack().resourcesOfType(LISTENER).entrySet().stream()
                .filter(listener -> CloudFormationTemplate.referencedId(
                                listener.getValue().at("/Properties/LoadBalancerArn"))
                        .equals(Optional.of(alb)))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static List<Integer> listenerPorts(Deployment deployment, String alb) {
        return listenersOf(deployment, alb).stream()
                .map(listener ->
                        deployment.stack().properties(listener).path("Port").asInt())
                .toList();
    }

    private static List<String> listenersForwardingTo(Deployment deployment, String targetGroup) {
        return deployment.stack().resourcesOfType(LISTENER).entrySet().stream()
                .filter(listener -> listener.getValue()
                        .at("/Properties/DefaultActions")
                        .valueStream()
                        .anyMatch(action -> action.path("Type").asText().equals("forward")
                                && CloudFormationTemplate.referencedId(action.path("TargetGroupArn"))
                                        .equals(Optional.of(targetGroup))))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Whether a rule of the listener answers the path with a fixed 404 (ELB path patterns: * and ?). */
    private static boolean answeredWith404(Deployment deployment, String listener, String path) {
        return deployment.stack().resourcesOfType("AWS::ElasticLoadBalancingV2::ListenerRule").values().stream()
                .map(rule -> rule.path("Properties"))
                .filter(rule -> CloudFormationTemplate.referencedId(rule.path("ListenerArn"))
                        .equals(Optional.of(listener)))
                .filter(rule -> rule.at("/Actions/0/Type").asText().equals("fixed-response")
                        && rule.at("/Actions/0/FixedResponseConfig/StatusCode")
                                .asText()
                                .equals("404"))
                .anyMatch(rule -> rule.path("Conditions")
                        .valueStream()
                        .filter(condition -> condition.path("Field").asText().equals("path-pattern"))
                        .flatMap(condition ->
                                condition.at("/PathPatternConfig/Values").valueStream())
                        .anyMatch(pattern -> path.matches(pattern.asText()
                                .replace(".", "\\.")
                                .replace("*", ".*")
                                .replace("?", "."))));
    }

    private static List<String> albGroups(Deployment deployment, String alb) {
        List<String> groups = new ArrayList<>();
        deployment
                .stack()
                .properties(alb)
                .path("SecurityGroups")
                .forEach(group -> CloudFormationTemplate.referencedId(group).ifPresent(groups::add));
        return groups;
    }

    /** The security group of a service's tasks, traced from its service definition. */
    static Optional<String> taskGroup(Deployment deployment, String service) {
        return deployment.resourceBehind(
                deployment.services().get(service).at("/networkConfiguration/awsvpcConfiguration/securityGroups/0"));
    }

    /** Every ingress rule of the group admits only the given source groups, on the port only; at least one does. */
    static List<String> admitsOnly(
            Deployment deployment, Optional<String> group, List<String> sources, int port, String sourceName) {
        if (group.isEmpty() || sources.isEmpty()) {
            return List.of(
                    "cannot trace the security groups to the template (group " + group + ", sources " + sources + ")");
        }
        List<String> violations = new ArrayList<>();
        List<Rule> ingress = rules(deployment).stream()
                .filter(rule -> rule.ingress() && rule.group().equals(group.get()))
                .toList();
        for (Rule rule : ingress) {
            Optional<String> source =
                    CloudFormationTemplate.referencedId(rule.body().path("SourceSecurityGroupId"));
            if (source.isEmpty() || !sources.contains(source.get()) || !covers(rule, port, port)) {
                violations.add(rule.id() + ": an ingress rule of " + group.get() + " should admit only " + sourceName
                        + " on " + port + ": " + rule.body());
            }
        }
        if (ingress.isEmpty()) {
            violations.add("nothing admits " + sourceName + " to " + group.get());
        }
        return violations;
    }

    private static boolean isPrivateZone(Deployment deployment, JsonNode zoneReference) {
        return CloudFormationTemplate.referencedId(zoneReference)
                .map(zone -> deployment.stack().properties(zone).path("VPCs"))
                .filter(vpcs -> vpcs.isArray() && !vpcs.isEmpty())
                .isPresent();
    }

    /** A security-group rule: the group it belongs to, its direction, and its body. */
    record Rule(String id, String group, boolean ingress, JsonNode body) {}

    static List<Rule> rules(Deployment deployment) {
        List<Rule> rules = new ArrayList<>();
        deployment.stack().resourcesOfType("AWS::EC2::SecurityGroup").forEach((id, group) -> {
            group.at("/Properties/SecurityGroupIngress").forEach(rule -> rules.add(new Rule(id, id, true, rule)));
            group.at("/Properties/SecurityGroupEgress").forEach(rule -> rules.add(new Rule(id, id, false, rule)));
        });
        for (Map.Entry<String, Boolean> type : Map.of(
                        "AWS::EC2::SecurityGroupIngress", true, "AWS::EC2::SecurityGroupEgress", false)
                .entrySet()) {
            deployment
                    .stack()
                    .resourcesOfType(type.getKey())
                    .forEach((id, rule) -> rules.add(new Rule(
                            id,
                            CloudFormationTemplate.referencedId(rule.at("/Properties/GroupId"))
                                    .orElse("?"),
                            type.getValue(),
                            rule.path("Properties"))));
        }
        return rules;
    }

    static boolean covers(Rule rule, int from, int to) {
        return rule.body().path("IpProtocol").asText().equals("tcp")
                && rule.body().path("FromPort").asInt(-1) == from
                && rule.body().path("ToPort").asInt(-1) == to;
    }
}
