package com.example.deployment;

import static com.example.deployment.Invariant.ALB_SCHEMES;
import static com.example.deployment.Invariant.AUTH_SETTINGS;
import static com.example.deployment.Invariant.BASE_URI;
import static com.example.deployment.Invariant.CIRCUIT_ALARM;
import static com.example.deployment.Invariant.CONTAINER_HEALTH_CHECK_PORT;
import static com.example.deployment.Invariant.CONTAINER_PORT;
import static com.example.deployment.Invariant.DATABASE_PRIVACY;
import static com.example.deployment.Invariant.DATABASE_ROUTE;
import static com.example.deployment.Invariant.DATABASE_SECRET;
import static com.example.deployment.Invariant.DATABASE_SETTINGS;
import static com.example.deployment.Invariant.DRAINING;
import static com.example.deployment.Invariant.GRACE_PERIOD;
import static com.example.deployment.Invariant.HTTPS;
import static com.example.deployment.Invariant.INTERNAL_CHAIN;
import static com.example.deployment.Invariant.LOG_GROUPS;
import static com.example.deployment.Invariant.MANAGED_RULES;
import static com.example.deployment.Invariant.METRICS_NOT_PUBLIC;
import static com.example.deployment.Invariant.NON_ROOT_USER;
import static com.example.deployment.Invariant.NO_PACT_STATES;
import static com.example.deployment.Invariant.NO_PLAIN_PASSWORD;
import static com.example.deployment.Invariant.NO_SAMPLE_DATA;
import static com.example.deployment.Invariant.OPEN_TO_THE_WORLD;
import static com.example.deployment.Invariant.PAYMENTS_SETTINGS;
import static com.example.deployment.Invariant.PUBLIC_CHAIN;
import static com.example.deployment.Invariant.RATE_LIMIT;
import static com.example.deployment.Invariant.ROLLBACK_ALARMS;
import static com.example.deployment.Invariant.SCALING_FLOOR;
import static com.example.deployment.Invariant.SCALING_METRIC;
import static com.example.deployment.Invariant.SECRET_READERS;
import static com.example.deployment.Invariant.SHUTDOWN;
import static com.example.deployment.Invariant.TARGET_GROUPS;
import static com.example.deployment.Invariant.TASK_ROLES;
import static com.example.deployment.Invariant.TIMEOUTS;
import static com.example.deployment.Invariant.TRACE_COLLECTOR;
import static com.example.deployment.Invariant.TRACE_ENDPOINT;
import static com.example.deployment.Invariant.TRACE_SAMPLING;
import static com.example.deployment.Invariant.WEB_ACL;
import static com.example.deployment.Mutation.addVariable;
import static com.example.deployment.Mutation.getAtt;
import static com.example.deployment.Mutation.removeVariable;
import static com.example.deployment.Mutation.setVariable;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@link Invariant} fails when broken: a copy of the repository's files with one deliberate
 * change, on either side, is reported with a sentence that names what disagrees.
 */
class CrossChecksMutationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void invariantReportsTheChange(Mutation mutation) {
        assertThat(mutation.violations(), mutation.reported());
    }

    static Stream<Mutation> mutations() {
        return Stream.of(serviceMutations(), databaseMutations(), tracingMutations(), edgeMutations())
                .flatMap(mutations -> mutations);
    }

    private static Stream<Mutation> edgeMutations() {
        return Stream.of(
                Mutation.of(
                        WEB_ACL,
                        "the web ACL guards the internal ALB",
                        d -> d.stack().properties("ProductsWebAclAssociation").set("ResourceArn", ref("PaymentsAlb")),
                        hasItem(containsString("PaymentsAlb, which is not the internet-facing ALB"))),
                Mutation.of(
                        WEB_ACL,
                        "no association",
                        d -> ((ObjectNode) d.stack().raw().get("Resources")).remove("ProductsWebAclAssociation"),
                        contains("no web ACL guards the internet-facing ALB")),
                Mutation.of(
                        RATE_LIMIT,
                        "the limit is keyed on the source IP",
                        d -> rateRule(d).put("AggregateKeyType", "IP"),
                        contains("ProductsWebAcl: the rate-based rule is not keyed on the Authorization header alone")),
                Mutation.of(
                        RATE_LIMIT,
                        "the limit is fixed",
                        d -> rateRule(d).put("Limit", 1000),
                        contains("ProductsWebAcl: the rate limit is not a parameter")),
                Mutation.of(
                        RATE_LIMIT,
                        "over the limit answers 403",
                        d -> ((ObjectNode) rateAction(d)).put("ResponseCode", 403),
                        contains("ProductsWebAcl: the rate-based rule answers 403, not 429")),
                Mutation.of(
                        RATE_LIMIT,
                        "no Retry-After",
                        d -> ((ObjectNode) rateAction(d)).remove("ResponseHeaders"),
                        contains("ProductsWebAcl: the 429 has no Retry-After in seconds")),
                Mutation.of(
                        RATE_LIMIT,
                        "the body's type is not the spec's",
                        d -> ((ObjectNode)
                                        d.stack().properties("ProductsWebAcl").at("/CustomResponseBodies/RateLimited"))
                                .put("Content", "{\"type\":\"about:blank\",\"title\":\"Rate limited\",\"status\":429}"),
                        contains("ProductsWebAcl: the 429 body's type is 'about:blank', products.yaml lists '"
                                + EdgeCrossChecks.RATE_LIMITED + "'")),
                Mutation.of(
                        MANAGED_RULES,
                        "the known-bad-inputs group only counts",
                        d -> ((ObjectNode)
                                        d.stack().properties("ProductsWebAcl").at("/Rules/2"))
                                .set("OverrideAction", RepositoryFiles.json("{\"Count\":{}}")),
                        contains("ProductsWebAcl runs AWSManagedRulesKnownBadInputsRuleSet but overrides its actions"
                                + " (only counting)")),
                Mutation.of(
                        MANAGED_RULES,
                        "the common rule set is gone",
                        d -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                                        d.stack().properties("ProductsWebAcl").get("Rules"))
                                .remove(1),
                        contains("ProductsWebAcl does not run AWSManagedRulesCommonRuleSet")));
    }

    private static ObjectNode rateRule(Deployment deployment) {
        return (ObjectNode) deployment.stack().properties("ProductsWebAcl").at("/Rules/0/Statement/RateBasedStatement");
    }

    private static com.fasterxml.jackson.databind.JsonNode rateAction(Deployment deployment) {
        return deployment.stack().properties("ProductsWebAcl").at("/Rules/0/Action/Block/CustomResponse");
    }

    private static com.fasterxml.jackson.databind.JsonNode ref(String logicalId) {
        return RepositoryFiles.json("{\"Ref\":\"" + logicalId + "\"}");
    }

    private static Stream<Mutation> serviceMutations() {
        return Stream.of(
                Mutation.of(
                        CONTAINER_PORT,
                        "the task exposes another port",
                        d -> port(d, "payments").put("containerPort", 8081),
                        contains("payments: the container port is 8081 but server.port is 5000")),
                Mutation.ofYaml(
                        CONTAINER_PORT,
                        "the service moves to another port",
                        "products",
                        "port: 8080",
                        "port: 8081",
                        contains("products: the container port is 8080 but server.port is 8081")),
                Mutation.of(
                        CONTAINER_PORT,
                        "the task environment overrides the port",
                        d -> addVariable(d, "payments", "SERVER_PORT", "5001"),
                        contains("payments: the container port is 5000 but server.port is 5001")),
                Mutation.of(
                        PAYMENTS_SETTINGS,
                        "the task leaves a payments setting to the local default",
                        d -> removeVariable(d, "products", "PAYMENTS_BREAKER_DELAY"),
                        contains("products' task does not set payments.breaker.delay (as PAYMENTS_BREAKER_DELAY)")),
                Mutation.ofYaml(
                        PAYMENTS_SETTINGS,
                        "products gains a setting the task does not set",
                        "products",
                        "payments:\n  base:",
                        "payments:\n  retries: 2\n  base:",
                        contains("products' task does not set payments.retries (as PAYMENTS_RETRIES)")),
                Mutation.of(
                        BASE_URI,
                        "products uses another port",
                        d -> setVariable(d, "products", "PAYMENTS_BASE_URI", "http://payments.internal:8080"),
                        contains(containsString("uses port 8080 but the ALB listens on 5000"))),
                Mutation.of(
                        BASE_URI,
                        "products uses a name nothing aliases",
                        d -> setVariable(d, "products", "PAYMENTS_BASE_URI", "http://payments.example.internal:5000"),
                        contains(containsString(
                                "no record in a private hosted zone aliases payments.example.internal"))),
                Mutation.of(
                        BASE_URI,
                        "the hosted zone is public",
                        d -> d.stack().properties("PrivateHostedZone").remove("VPCs"),
                        contains(containsString("no record in a private hosted zone aliases payments.internal"))),
                Mutation.of(
                        BASE_URI,
                        "the task leaves the local default",
                        d -> removeVariable(d, "products", "PAYMENTS_BASE_URI"),
                        hasItem(containsString("PAYMENTS_BASE_URI http://localhost:5000: no record"))),
                Mutation.of(
                        TIMEOUTS,
                        "products waits longer than the ALB keeps idle connections",
                        d -> setVariable(d, "products", "PAYMENTS_READ_TIMEOUT", "PT90S"),
                        contains(containsString("products' read timeout (PT1M30S) < the ALB's idle timeout (PT1M)"))),
                Mutation.ofYaml(
                        TIMEOUTS,
                        "payments closes idle connections before the ALB",
                        "payments",
                        "idle-connection-timeout: PT5M",
                        "idle-connection-timeout: PT30S",
                        contains(containsString("< payments' idle-connection timeout (PT30S)"))),
                Mutation.of(
                        TIMEOUTS,
                        "the ALB idle timeout is raised above payments' keep-alive",
                        d -> setAttribute(
                                d.stack().properties("PaymentsAlb"),
                                "LoadBalancerAttributes",
                                "idle_timeout.timeout_seconds",
                                "600"),
                        contains(containsString("the ALB's idle timeout (PT10M)"))),
                Mutation.of(
                        DRAINING,
                        "the deregistration delay outlasts stopTimeout",
                        d -> setAttribute(
                                d.stack().properties("PaymentsTargetGroup"),
                                "TargetGroupAttributes",
                                "deregistration_delay.timeout_seconds",
                                "300"),
                        contains(
                                "payments: the deregistration delay (300 s) is not shorter than the stopTimeout (30 s)")),
                Mutation.of(
                        DRAINING,
                        "stopTimeout is cut",
                        d -> d.container("payments").put("stopTimeout", 10),
                        contains(
                                "payments: the deregistration delay (15 s) is not shorter than the stopTimeout (10 s)")),
                Mutation.ofYaml(
                        SHUTDOWN,
                        "the grace period outlasts stopTimeout",
                        "products",
                        "shutdown-grace-period: PT20S",
                        "shutdown-grace-period: PT45S",
                        contains("products: server.shutdown-grace-period PT45S is not shorter than stopTimeout PT30S")),
                Mutation.of(
                        SHUTDOWN,
                        "stopTimeout falls back to the default, below the grace period",
                        d -> {
                            d.container("payments").remove("stopTimeout");
                            addVariable(d, "payments", "SERVER_SHUTDOWN_dash_GRACE_dash_PERIOD", "PT40S");
                        },
                        contains("payments: server.shutdown-grace-period PT40S is not shorter than stopTimeout PT30S")),
                Mutation.of(
                        ALB_SCHEMES,
                        "payments' ALB faces the internet",
                        d -> d.stack().properties("PaymentsAlb").put("Scheme", "internet-facing"),
                        contains("payments's ALB PaymentsAlb has Scheme internet-facing")),
                Mutation.of(
                        ALB_SCHEMES,
                        "payments' scheme is left to CloudFormation's default",
                        d -> d.stack().properties("PaymentsAlb").remove("Scheme"),
                        contains("payments's ALB PaymentsAlb has Scheme internet-facing")),
                Mutation.of(
                        ALB_SCHEMES,
                        "the public entry is internal",
                        d -> d.stack().properties("ProductsAlb").put("Scheme", "internal"),
                        contains("products's ALB ProductsAlb has Scheme internal")),
                Mutation.of(
                        OPEN_TO_THE_WORLD,
                        "an ingress rule of the internal ALB is open to every IPv4 address",
                        d -> ingress(d, "PaymentsAlbSecurityGroup")
                                .addObject()
                                .put("IpProtocol", "tcp")
                                .put("FromPort", 5000)
                                .put("ToPort", 5000)
                                .put("CidrIp", "0.0.0.0/0"),
                        contains(containsString(
                                "PaymentsAlbSecurityGroup: a rule of PaymentsAlbSecurityGroup is open to 0.0.0.0/0"))),
                Mutation.of(
                        OPEN_TO_THE_WORLD,
                        "a separate ingress resource is open to every IPv6 address",
                        d -> {
                            d.stack().properties("PaymentsTaskIngressFromAlb").remove("SourceSecurityGroupId");
                            d.stack().properties("PaymentsTaskIngressFromAlb").put("CidrIpv6", "::/0");
                        },
                        contains(containsString(
                                "PaymentsTaskIngressFromAlb: a rule of PaymentsTaskSecurityGroup is open to ::/0"))),
                Mutation.of(
                        OPEN_TO_THE_WORLD,
                        "the public ALB is open on a port it does not listen on",
                        d -> ((ObjectNode)
                                        ingress(d, "ProductsAlbSecurityGroup").get(1))
                                .put("FromPort", 8080)
                                .put("ToPort", 8080),
                        contains(containsString(
                                "ProductsAlbSecurityGroup: a rule of ProductsAlbSecurityGroup is open to 0.0.0.0/0"))),
                Mutation.of(
                        PUBLIC_CHAIN,
                        "products admits the internet directly",
                        d -> {
                            d.stack().properties("ProductsTaskIngressFromAlb").remove("SourceSecurityGroupId");
                            d.stack().properties("ProductsTaskIngressFromAlb").put("CidrIp", "0.0.0.0/0");
                        },
                        contains(
                                containsString(
                                        "ProductsTaskIngressFromAlb: an ingress rule of ProductsTaskSecurityGroup should admit only the public ALB's group on 8080"))),
                Mutation.of(
                        PUBLIC_CHAIN,
                        "products admits the ALB on another port",
                        d -> d.stack().properties("ProductsTaskIngressFromAlb").put("ToPort", 8090),
                        contains(containsString("should admit only the public ALB's group on 8080"))),
                Mutation.of(
                        INTERNAL_CHAIN,
                        "payments admits the products tasks directly",
                        d -> d.stack()
                                .properties("PaymentsTaskIngressFromAlb")
                                .set("SourceSecurityGroupId", getAtt("ProductsTaskSecurityGroup", "GroupId")),
                        contains(
                                containsString(
                                        "PaymentsTaskIngressFromAlb: an ingress rule of PaymentsTaskSecurityGroup should admit only the internal ALB's group on 5000"))),
                Mutation.of(
                        INTERNAL_CHAIN,
                        "the ALB admits another port",
                        d -> ((ObjectNode)
                                        ingress(d, "PaymentsAlbSecurityGroup").get(0))
                                .put("ToPort", 5010),
                        contains(
                                containsString(
                                        "PaymentsAlbSecurityGroup: an ingress rule of PaymentsAlbSecurityGroup should admit only the products tasks' group on 5000"))),
                Mutation.of(
                        INTERNAL_CHAIN,
                        "the products service uses another stack output",
                        d -> ((ArrayNode) d.services()
                                        .get("products")
                                        .at("/networkConfiguration/awsvpcConfiguration/securityGroups"))
                                .set(0, "${PAYMENTS_SECURITY_GROUP_ID}"),
                        hasItem(
                                containsString(
                                        "PaymentsAlbSecurityGroup: an ingress rule of PaymentsAlbSecurityGroup should admit only the products tasks' group on 5000"))),
                Mutation.of(
                        TARGET_GROUPS,
                        "the service registers another port",
                        d -> loadBalancer(d, "payments").put("containerPort", 8080),
                        contains("payments: the service registers port 8080, the container listens on 5000")),
                Mutation.of(
                        TARGET_GROUPS,
                        "the service names another container",
                        d -> loadBalancer(d, "payments").put("containerName", "app"),
                        contains(containsString("payments: the service names container \"app\""))),
                Mutation.of(
                        TARGET_GROUPS,
                        "the target group sends to another port",
                        d -> d.stack().properties("PaymentsTargetGroup").put("Port", 80),
                        contains("payments: the target group's port 80 is not the container port 5000")),
                Mutation.of(
                        TARGET_GROUPS,
                        "products registers with the internal target group",
                        d -> loadBalancer(d, "products")
                                .put("targetGroupArn", "${PAYMENTS_TARGET_GROUP_ARN}")
                                .put("containerPort", 8080),
                        contains("products: the target group's port 5000 is not the container port 8080")),
                Mutation.of(
                        GRACE_PERIOD,
                        "ECS gives up before the task can be healthy",
                        d -> d.services().get("payments").put("healthCheckGracePeriodSeconds", 10),
                        contains(
                                "payments: healthCheckGracePeriodSeconds 10 is shorter than the 20 s the target group needs to find a task healthy")),
                Mutation.of(
                        HTTPS,
                        "the TLS policy is old",
                        d -> d.stack()
                                .properties("ProductsHttpsListener")
                                .put("SslPolicy", "ELBSecurityPolicy-2016-08"),
                        contains(containsString(
                                "ProductsHttpsListener: the HTTPS listener's SslPolicy ELBSecurityPolicy-2016-08"))),
                Mutation.of(
                        HTTPS,
                        "HTTP is forwarded instead of redirected",
                        d -> ((ObjectNode) d.stack()
                                        .properties("ProductsHttpListener")
                                        .at("/DefaultActions/0"))
                                .put("Type", "forward")
                                .put("TargetGroupArn", "x")
                                .remove("RedirectConfig"),
                        contains(containsString(
                                "ProductsHttpListener: the HTTP listener on port 80 does not redirect to HTTPS"))),
                Mutation.of(
                        HTTPS,
                        "the certificate is written into the template",
                        d -> ((ObjectNode) d.stack()
                                        .properties("ProductsHttpsListener")
                                        .at("/Certificates/0"))
                                .put("CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/x"),
                        contains(containsString("the HTTPS listener's certificate \"arn:aws:acm"))),
                Mutation.of(
                        METRICS_NOT_PUBLIC,
                        "the rule covers another path",
                        d -> ((ArrayNode) d.stack()
                                        .properties("ProductsMetricsNotPublic")
                                        .at("/Conditions/0/PathPatternConfig/Values"))
                                .removeAll()
                                .add("/metrics*"),
                        contains(
                                "ProductsHttpsListener forwards /observe/metrics to products: no rule answers it with 404",
                                "ProductsHttpsListener forwards /observe/metrics/prometheus to products: no rule answers it with 404")),
                Mutation.of(
                        METRICS_NOT_PUBLIC,
                        "the rule forwards",
                        d -> ((ObjectNode) d.stack()
                                        .properties("ProductsMetricsNotPublic")
                                        .at("/Actions/0"))
                                .put("Type", "forward"),
                        hasItem(
                                "ProductsHttpsListener forwards /observe/metrics to products: no rule answers it with 404")),
                Mutation.ofYaml(
                        METRICS_NOT_PUBLIC,
                        "products moves its metrics (the check follows)",
                        "products",
                        "        metrics:\n",
                        "        metrics:\n          endpoint: /internal/metrics\n",
                        hasItem(
                                "ProductsHttpsListener forwards /internal/metrics to products: no rule answers it with 404")),
                Mutation.of(
                        AUTH_SETTINGS,
                        "the task leaves out the audience",
                        d -> removeVariable(d, "products", "PRODUCTS_AUTH_AUDIENCE"),
                        contains("products' task does not set products.auth.audience (as PRODUCTS_AUTH_AUDIENCE)")),
                Mutation.of(
                        AUTH_SETTINGS,
                        "an issuer comes from an unchecked input",
                        d -> setVariable(d, "products", "PRODUCTS_AUTH_ISSUER", "${ISSUER}"),
                        contains("products' PRODUCTS_AUTH_ISSUER comes from ISSUER, which deploy.sh does not check")),
                Mutation.of(
                        LOG_GROUPS,
                        "a task logs to a group the stack does not create",
                        d -> ((ObjectNode) d.container("products").at("/logConfiguration/options"))
                                .put("awslogs-group", "/ecs/product"),
                        contains(containsString("products logs to /ecs/product, which the stack does not create"))),
                Mutation.of(
                        NON_ROOT_USER,
                        "the task runs as root",
                        d -> d.container("payments").put("user", "0:0"),
                        contains(containsString("payments: the task runs as '0:0', the image as '10001:10001'"))),
                Mutation.of(
                        NON_ROOT_USER,
                        "the image runs as another user",
                        d -> d.imageUsers()
                                .put("products", new ImageUser("1000:1000", "products/pom.xml (jib-maven-plugin)")),
                        contains("products: the task runs as '10001:10001', the image as '1000:1000' "
                                + "(products/pom.xml (jib-maven-plugin)); both must be the same non-root uid:gid")),
                Mutation.of(
                        CONTAINER_HEALTH_CHECK_PORT,
                        "it probes another port",
                        d -> ContainerHealthCheck.replaceInScript(d, "products", "127.0.0.1/8080", "127.0.0.1/5000"),
                        contains(containsString("products: the container health check HealthCheckTarget[port=5000"))));
    }

    private static Stream<Mutation> tracingMutations() {
        return Stream.of(
                Mutation.of(
                        TRACE_COLLECTOR,
                        "the collector is essential",
                        d -> collector(d, "payments").put("essential", true),
                        contains("payments' collector is essential: its failure would stop the service")),
                Mutation.of(
                        TRACE_COLLECTOR,
                        "the collector has no health check",
                        d -> collector(d, "products").remove("healthCheck"),
                        contains("products' collector has no health check")),
                Mutation.of(
                        TRACE_COLLECTOR,
                        "the collector takes half the task",
                        d -> collector(d, "products").put("memory", 512),
                        contains(containsString("products' collector takes cpu 64 and memory 512 MiB"))),
                Mutation.of(
                        TRACE_COLLECTOR,
                        "the collector exports traces nowhere",
                        d -> collectorConfig(d, "payments", "exporters: [awsxray]", "exporters: [debug]"),
                        contains(containsString("payments' collector has no traces pipeline from otlp to awsxray"))),
                Mutation.of(
                        TRACE_ENDPOINT,
                        "products exports to the collector's gRPC port",
                        d -> setVariable(d, "products", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"),
                        contains("products exports to OTEL_EXPORTER_OTLP_ENDPOINT 'http://127.0.0.1:4317', "
                                + "its collector receives OTLP/HTTP on 127.0.0.1:4318")),
                Mutation.of(
                        TRACE_ENDPOINT,
                        "the collector moves to another port",
                        d -> collectorConfig(d, "payments", "127.0.0.1:4318", "127.0.0.1:4319"),
                        contains("payments exports to OTEL_EXPORTER_OTLP_ENDPOINT 'http://127.0.0.1:4318', "
                                + "its collector receives OTLP/HTTP on 127.0.0.1:4319")),
                Mutation.of(
                        TRACE_ENDPOINT,
                        "payments sends gRPC",
                        d -> setVariable(d, "payments", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
                        contains("payments sends OTLP as grpc; the collector receives http/protobuf")),
                Mutation.of(
                        TRACE_SAMPLING,
                        "products samples every request",
                        d -> setVariable(d, "products", "OTEL_TRACES_SAMPLER", "always_on"),
                        contains(containsString("products' OTEL_TRACES_SAMPLER is always_on"))),
                Mutation.of(
                        TRACE_SAMPLING,
                        "the ratio is not a ratio",
                        d -> setVariable(d, "payments", "OTEL_TRACES_SAMPLER_ARG", "10"),
                        contains("payments' OTEL_TRACES_SAMPLER_ARG is '10'; a ratio in (0, 1] is needed")),
                Mutation.of(
                        TASK_ROLES,
                        "payments' task role may also read S3",
                        d -> ((ArrayNode) d.stack()
                                        .properties("PaymentsTaskRole")
                                        .at("/Policies/0/PolicyDocument/Statement/0/Action"))
                                .add("s3:GetObject"),
                        contains("payments' task role PaymentsTaskRole may s3:GetObject; "
                                + "it may only [xray:PutTelemetryRecords, xray:PutTraceSegments]")),
                Mutation.of(
                        TASK_ROLES,
                        "products' task role gets a managed policy",
                        d -> d.stack()
                                .properties("ProductsTaskRole")
                                .putArray("ManagedPolicyArns")
                                .add("arn:aws:iam::aws:policy/AdministratorAccess"),
                        contains(containsString("products' task role ProductsTaskRole has managed policies"))),
                Mutation.of(
                        TASK_ROLES,
                        "products runs with its execution role",
                        d -> d.tasks().get("products").put("taskRoleArn", "${PRODUCTS_EXECUTION_ROLE_ARN}"),
                        hasItem("products' task role is its execution role ProductsExecutionRole")),
                Mutation.of(
                        ROLLBACK_ALARMS,
                        "payments rolls back on products' alarm",
                        d -> ((ArrayNode) d.services().get("payments").at("/deploymentConfiguration/alarms/alarmNames"))
                                .set(1, "${PRODUCTS_LATENCY_ALARM}"),
                        contains("payments' deployments roll back on [PaymentsAlb5xxAlarm, ProductsLatencyAlarm], "
                                + "not on [PaymentsAlb5xxAlarm, PaymentsLatencyAlarm]")),
                Mutation.of(
                        ROLLBACK_ALARMS,
                        "products' alarms only notify",
                        d -> ((ObjectNode) d.services().get("products").at("/deploymentConfiguration/alarms"))
                                .put("rollback", false),
                        contains(containsString("products' deployments do not roll back on alarms"))),
                Mutation.of(
                        CIRCUIT_ALARM,
                        "the circuit alarm watches another namespace",
                        d -> d.stack()
                                .properties("ProductsPaymentsCircuitOpenAlarm")
                                .put("Namespace", "ContractFirst"),
                        contains(containsString("no alarm fires on ContractFirstEcs PaymentsCircuitOpen"))),
                Mutation.of(
                        CIRCUIT_ALARM,
                        "the circuit alarm watches payments",
                        d -> ((ObjectNode) d.stack()
                                        .properties("ProductsPaymentsCircuitOpenAlarm")
                                        .at("/Dimensions/0"))
                                .put("Value", "payments"),
                        contains(containsString("Service=products >= 1"))),
                Mutation.of(
                        SCALING_METRIC,
                        "payments scales on products' requests",
                        d -> ((ObjectNode) d.scaling()
                                        .get("payments")
                                        .at("/TargetTrackingScalingPolicyConfiguration"
                                                + "/PredefinedMetricSpecification"))
                                .put("ResourceLabel", "${PRODUCTS_SCALING_RESOURCE_LABEL}"),
                        contains("payments' scaling counts the requests of ProductsAlb/ProductsTargetGroup, not of its"
                                + " own PaymentsAlb/PaymentsTargetGroup")),
                Mutation.of(
                        SCALING_METRIC,
                        "the label's output names the other service's target group",
                        d -> ((ObjectNode) d.stack().raw().at("/Outputs/ProductsScalingResourceLabel"))
                                .put(
                                        "Value",
                                        "${ProductsAlb.LoadBalancerFullName}/${PaymentsTargetGroup.TargetGroupFullName}"),
                        contains(containsString("products' scaling counts the requests of"))),
                Mutation.of(
                        SCALING_METRIC,
                        "products scales on CPU",
                        d -> ((ObjectNode) d.scaling()
                                        .get("products")
                                        .at("/TargetTrackingScalingPolicyConfiguration"
                                                + "/PredefinedMetricSpecification"))
                                .put("PredefinedMetricType", "ECSServiceAverageCPUUtilization"),
                        contains(containsString("products' scaling does not track ALBRequestCountPerTarget"))),
                Mutation.of(
                        SCALING_METRIC,
                        "payments' policy scales products",
                        d -> d.scaling().get("payments").put("ResourceId", "service/${ECS_CLUSTER}/products"),
                        contains(containsString("payments' scaling policy scales service/${ECS_CLUSTER}/products"))),
                Mutation.of(
                        SCALING_FLOOR,
                        "payments' tasks go to one subnet",
                        d -> ((ArrayNode) d.services()
                                        .get("payments")
                                        .at("/networkConfiguration/awsvpcConfiguration" + "/subnets"))
                                .remove(1),
                        contains("payments' tasks are placed in [${PRIVATE_SUBNET_1}], not in both private subnets"
                                + " (two Availability Zones)")));
    }

    private static ObjectNode collector(Deployment deployment, String service) {
        return TracingCrossChecks.collector(deployment, service).orElseThrow();
    }

    private static void collectorConfig(Deployment deployment, String service, String target, String replacement) {
        ObjectNode variable =
                (ObjectNode) collector(deployment, service).get("environment").get(0);
        variable.put("value", variable.get("value").asText().replace(target, replacement));
    }

    private static Stream<Mutation> databaseMutations() {
        return Stream.of(
                Mutation.of(
                        DATABASE_SETTINGS,
                        "a variable is misspelt",
                        d -> secret(d, "PAYMENTS_DB_USER").put("name", "PAYMENTS_DB_USERNAME"),
                        containsInAnyOrder(
                                "payments' task does not set payments.db.user (as PAYMENTS_DB_USER)",
                                "payments' task sets PAYMENTS_DB_USERNAME, but payments reads no payments.db.username")),
                Mutation.ofYaml(
                        DATABASE_SETTINGS,
                        "payments gains a database setting the task does not set",
                        "payments",
                        "\n  db:\n",
                        "\n  db:\n    idle-timeout: PT10M\n",
                        contains(
                                "payments' task does not set payments.db.idle-timeout (as PAYMENTS_DB_IDLE_dash_TIMEOUT)")),
                Mutation.of(
                        NO_PLAIN_PASSWORD,
                        "the password is moved into the environment",
                        d -> {
                            ((ArrayNode) d.container("payments").get("secrets")).remove(1);
                            addVariable(d, "payments", "PAYMENTS_DB_PASSWORD", "hunter2");
                        },
                        contains("payments gets PAYMENTS_DB_PASSWORD in plain environment; it belongs in secrets")),
                Mutation.of(
                        DATABASE_SECRET,
                        "a key is one the managed secret does not have",
                        d -> secret(d, "PAYMENTS_DB_USER").put("valueFrom", "${PAYMENTS_DB_SECRET_ARN}:user::"),
                        contains("PAYMENTS_DB_USER reads the key 'user' of the secret, which RDS names 'username'")),
                Mutation.of(
                        DATABASE_SECRET,
                        "the secret is not the database's",
                        d -> secret(d, "PAYMENTS_DB_PASSWORD")
                                .put("valueFrom", "${PAYMENTS_EXECUTION_ROLE_ARN}:password::"),
                        contains(containsString(
                                "PAYMENTS_DB_PASSWORD comes from ${PAYMENTS_EXECUTION_ROLE_ARN}, which is not"))),
                Mutation.of(
                        DATABASE_SECRET,
                        "RDS does not manage the password",
                        d -> d.stack().properties("PaymentsDb").remove("ManageMasterUserPassword"),
                        contains("PaymentsDb does not set ManageMasterUserPassword: true")),
                Mutation.of(
                        SECRET_READERS,
                        "payments may read every secret",
                        d -> ((ObjectNode) d.stack()
                                        .properties("PaymentsExecutionRole")
                                        .at("/Policies/0/PolicyDocument/Statement/0"))
                                .put("Resource", "*"),
                        contains(containsString(
                                "payments's execution role PaymentsExecutionRole may use Secrets Manager on \"*\""))),
                Mutation.of(
                        SECRET_READERS,
                        "products may read the database secret",
                        d -> d.stack()
                                .properties("ProductsExecutionRole")
                                .set(
                                        "Policies",
                                        d.stack()
                                                .properties("PaymentsExecutionRole")
                                                .get("Policies")
                                                .deepCopy()),
                        contains(containsString(
                                "products's execution role ProductsExecutionRole may use Secrets Manager"))),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the URL has another port",
                        d -> setUrl(d, "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5433/payments"),
                        contains("PAYMENTS_DB_URL uses port 5433, the database listens on 5432")),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the URL has another database name",
                        d -> setUrl(d, "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5432/ledger"),
                        contains("PAYMENTS_DB_URL names the database ledger, the stack creates 'payments'")),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the URL's host is not the database's endpoint",
                        d -> setUrl(d, "jdbc:postgresql://${PAYMENTS_ALB_DNS}:5432/payments"),
                        contains(containsString(
                                "PAYMENTS_DB_URL's host is not the stack's output of PaymentsDb.Endpoint.Address"))),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the database admits products",
                        d -> ((ObjectNode) d.stack()
                                        .properties("PaymentsDbSecurityGroup")
                                        .at("/SecurityGroupIngress/0"))
                                .set("SourceSecurityGroupId", getAtt("ProductsTaskSecurityGroup", "GroupId")),
                        contains(
                                containsString(
                                        "PaymentsDbSecurityGroup: an ingress rule of PaymentsDbSecurityGroup should admit only the payments tasks' group on 5432"))),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the database listens on another port than its group admits",
                        d -> {
                            d.stack().properties("PaymentsDb").put("Port", "5433");
                            setUrl(d, "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5433/payments");
                        },
                        contains(containsString("should admit only the payments tasks' group on 5433"))),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "the database is public",
                        d -> d.stack().properties("PaymentsDb").put("PubliclyAccessible", true),
                        contains("PaymentsDb: PubliclyAccessible is not false")),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "the storage is not encrypted",
                        d -> d.stack().properties("PaymentsDb").remove("StorageEncrypted"),
                        contains("PaymentsDb: StorageEncrypted is not true")),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "deleting the stack deletes the data",
                        d -> ((ObjectNode) d.stack().resource("PaymentsDb")).put("DeletionPolicy", "Delete"),
                        contains("PaymentsDb: DeletionPolicy is Delete, not Snapshot")),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "the database is in the public subnets",
                        d -> ((ObjectNode) d.stack()
                                        .properties("PaymentsDbSubnetGroup")
                                        .get("SubnetIds"))
                                .put("Ref", "PublicSubnetIds"),
                        contains("PaymentsDb: its subnet group PaymentsDbSubnetGroup is not in PrivateSubnetIds")),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "Multi-AZ is fixed",
                        d -> d.stack().properties("PaymentsDb").put("MultiAZ", false),
                        hasItem(containsString("PaymentsDb: MultiAZ is not a parameter"))),
                Mutation.of(
                        NO_SAMPLE_DATA,
                        "the task seeds sample data",
                        d -> setVariable(d, "payments", "PAYMENTS_STORE_SAMPLE_DATA", "true"),
                        contains("payments' task leaves payments.store.sample.data on")),
                Mutation.of(
                        NO_PACT_STATES,
                        "the task serves the provider-state endpoint",
                        d -> addVariable(d, "payments", "PAYMENTS_PACT_STATES", "true"),
                        contains(containsString("payments' task turns payments.pact.states on"))),
                Mutation.ofYaml(
                        NO_PACT_STATES,
                        "application.yaml turns the provider-state endpoint on by default",
                        "payments",
                        "    states: false",
                        "    states: true",
                        contains(containsString("payments' task turns payments.pact.states on"))));
    }

    private static ObjectNode port(Deployment deployment, String service) {
        return (ObjectNode) deployment.container(service).at("/portMappings/0");
    }

    private static ObjectNode loadBalancer(Deployment deployment, String service) {
        return (ObjectNode) deployment.services().get(service).at("/loadBalancers/0");
    }

    private static ArrayNode ingress(Deployment deployment, String group) {
        return (ArrayNode) deployment.stack().properties(group).get("SecurityGroupIngress");
    }

    private static void setAttribute(ObjectNode properties, String list, String key, String value) {
        properties.get(list).forEach(attribute -> {
            if (attribute.get("Key").asText().equals(key)) {
                ((ObjectNode) attribute).put("Value", value);
            }
        });
    }

    private static ObjectNode secret(Deployment deployment, String name) {
        for (var secret : deployment.container("payments").get("secrets")) {
            if (secret.get("name").asText().equals(name)) {
                return (ObjectNode) secret;
            }
        }
        throw new AssertionError("no secret " + name);
    }

    private static void setUrl(Deployment deployment, String url) {
        setVariable(deployment, "payments", "PAYMENTS_DB_URL", url);
    }
}
