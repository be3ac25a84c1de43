package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each cross-check fails when its invariant is broken: a copy of the repository's files with one
 * deliberate change, on either side, is reported with a sentence that names what disagrees.
 */
class CrossChecksMutationTest {

    private final Deployment deployment = Deployment.fromRepository().copy();
    private final Application application = Application.fromRepository();

    @Test
    void containerPortCheckFailsWhenTheTaskExposesAnotherPort() {
        port(deployment, "payments").put("containerPort", 8081);

        assertThat(
                CrossChecks.containerPortIsTheServerPort(deployment, application),
                contains("payments: the container port is 8081 but server.port is 5000"));
    }

    @Test
    void containerPortCheckFailsWhenTheServiceMovesToAnotherPort() {
        Application moved = application.withYamlReplaced("products", "port: 8080", "port: 8081");

        assertThat(
                CrossChecks.containerPortIsTheServerPort(deployment, moved),
                contains("products: the container port is 8080 but server.port is 8081"));
    }

    @Test
    void containerPortCheckFailsWhenTheTaskEnvironmentOverridesThePort() {
        environment(deployment, "payments")
                .addObject()
                .put("name", "SERVER_PORT")
                .put("value", "5001");

        assertThat(
                CrossChecks.containerPortIsTheServerPort(deployment, application),
                contains("payments: the container port is 5000 but server.port is 5001"));
    }

    @Test
    void settingsCheckFailsWhenTheTaskLeavesAPaymentsSettingToTheLocalDefault() {
        removeVariable(deployment, "products", "PAYMENTS_BREAKER_DELAY");

        assertThat(
                CrossChecks.productsTaskSetsEveryPaymentsSetting(deployment, application),
                contains("products' task does not set payments.breaker.delay (as PAYMENTS_BREAKER_DELAY)"));
    }

    @Test
    void settingsCheckFailsWhenProductsGainsASettingTheTaskDoesNotSet() {
        Application newSetting =
                application.withYamlReplaced("products", "payments:\n  base:", "payments:\n  retries: 2\n  base:");

        assertThat(
                CrossChecks.productsTaskSetsEveryPaymentsSetting(deployment, newSetting),
                contains("products' task does not set payments.retries (as PAYMENTS_RETRIES)"));
    }

    @Test
    void baseUriCheckFailsWhenProductsUsesAnotherPort() {
        setProductsEnvironment("PAYMENTS_BASE_URI", "http://payments.internal:8080");

        assertThat(
                CrossChecks.productsCallPaymentsThroughThePrivateNameAndTheListenerPort(deployment, application),
                contains(containsString("uses port 8080 but the ALB listens on 5000")));
    }

    @Test
    void baseUriCheckFailsWhenProductsUsesANameNothingAliases() {
        setProductsEnvironment("PAYMENTS_BASE_URI", "http://payments.example.internal:5000");

        assertThat(
                CrossChecks.productsCallPaymentsThroughThePrivateNameAndTheListenerPort(deployment, application),
                contains(containsString("no record in a private hosted zone aliases payments.example.internal")));
    }

    @Test
    void baseUriCheckFailsWhenTheHostedZoneIsPublic() {
        deployment.stack().properties("PrivateHostedZone").remove("VPCs");

        assertThat(
                CrossChecks.productsCallPaymentsThroughThePrivateNameAndTheListenerPort(deployment, application),
                contains(containsString("no record in a private hosted zone aliases payments.internal")));
    }

    @Test
    void baseUriCheckFailsWhenTheTaskLeavesTheLocalDefault() {
        removeVariable(deployment, "products", "PAYMENTS_BASE_URI");

        assertThat(
                CrossChecks.productsCallPaymentsThroughThePrivateNameAndTheListenerPort(deployment, application),
                hasItem(containsString("PAYMENTS_BASE_URI http://localhost:5000: no record")));
    }

    @Test
    void timeoutCheckFailsWhenProductsWaitsLongerThanTheAlbKeepsIdleConnections() {
        setProductsEnvironment("PAYMENTS_READ_TIMEOUT", "PT90S");

        assertThat(
                CrossChecks.readTimeoutIsBelowAlbIdleTimeoutWhichIsBelowPaymentsKeepAlive(deployment, application),
                contains(containsString("products' read timeout (PT1M30S) < the ALB's idle timeout (PT1M)")));
    }

    @Test
    void timeoutCheckFailsWhenPaymentsClosesIdleConnectionsBeforeTheAlb() {
        Application shortKeepAlive = application.withYamlReplaced(
                "payments", "idle-connection-timeout: PT5M", "idle-connection-timeout: PT30S");

        assertThat(
                CrossChecks.readTimeoutIsBelowAlbIdleTimeoutWhichIsBelowPaymentsKeepAlive(deployment, shortKeepAlive),
                contains(containsString("< payments' idle-connection timeout (PT30S)")));
    }

    @Test
    void timeoutCheckFailsWhenTheAlbIdleTimeoutIsRaisedAbovePaymentsKeepAlive() {
        setAttribute(
                deployment.stack().properties("PaymentsAlb"),
                "LoadBalancerAttributes",
                "idle_timeout.timeout_seconds",
                "600");

        assertThat(
                CrossChecks.readTimeoutIsBelowAlbIdleTimeoutWhichIsBelowPaymentsKeepAlive(deployment, application),
                contains(containsString("the ALB's idle timeout (PT10M)")));
    }

    @Test
    void drainingCheckFailsWhenTheDeregistrationDelayOutlastsStopTimeout() {
        setAttribute(
                deployment.stack().properties("PaymentsTargetGroup"),
                "TargetGroupAttributes",
                "deregistration_delay.timeout_seconds",
                "300");

        assertThat(
                CrossChecks.deregistrationDelayIsBelowStopTimeout(deployment),
                contains("payments: the deregistration delay (300 s) is not shorter than the stopTimeout (30 s)"));
    }

    @Test
    void drainingCheckFailsWhenStopTimeoutIsCut() {
        deployment.container("payments").put("stopTimeout", 10);

        assertThat(
                CrossChecks.deregistrationDelayIsBelowStopTimeout(deployment),
                contains("payments: the deregistration delay (15 s) is not shorter than the stopTimeout (10 s)"));
    }

    @Test
    void shutdownCheckFailsWhenTheGracePeriodOutlastsStopTimeout() {
        Application slowShutdown = application.withYamlReplaced(
                "products", "shutdown-grace-period: PT20S", "shutdown-grace-period: PT45S");

        assertThat(
                CrossChecks.shutdownGracePeriodIsBelowStopTimeout(deployment, slowShutdown),
                contains("products: server.shutdown-grace-period PT45S is not shorter than stopTimeout PT30S"));
    }

    @Test
    void shutdownCheckFailsWhenStopTimeoutFallsBackToTheDefaultBelowTheGracePeriod() {
        deployment.container("payments").remove("stopTimeout");
        environment(deployment, "payments")
                .addObject()
                .put("name", "SERVER_SHUTDOWN_dash_GRACE_dash_PERIOD")
                .put("value", "PT40S");

        assertThat(
                CrossChecks.shutdownGracePeriodIsBelowStopTimeout(deployment, application),
                contains("payments: server.shutdown-grace-period PT40S is not shorter than stopTimeout PT30S"));
    }

    @Test
    void schemeCheckFailsWhenPaymentsAlbFacesTheInternet() {
        deployment.stack().properties("PaymentsAlb").put("Scheme", "internet-facing");

        assertThat(
                CrossChecks.paymentsAlbIsInternalAndProductsAlbFacesTheInternet(deployment),
                contains("payments's ALB PaymentsAlb has Scheme internet-facing"));
    }

    @Test
    void schemeCheckFailsWhenPaymentsSchemeIsLeftToCloudFormationsDefault() {
        deployment.stack().properties("PaymentsAlb").remove("Scheme");

        assertThat(
                CrossChecks.paymentsAlbIsInternalAndProductsAlbFacesTheInternet(deployment),
                contains("payments's ALB PaymentsAlb has Scheme internet-facing"));
    }

    @Test
    void schemeCheckFailsWhenThePublicEntryIsInternal() {
        deployment.stack().properties("ProductsAlb").put("Scheme", "internal");

        assertThat(
                CrossChecks.paymentsAlbIsInternalAndProductsAlbFacesTheInternet(deployment),
                contains("products's ALB ProductsAlb has Scheme internal"));
    }

    @Test
    void worldCheckFailsOnAnIngressRuleOfTheInternalAlbOpenToEveryIpv4Address() {
        ingress(deployment, "PaymentsAlbSecurityGroup")
                .addObject()
                .put("IpProtocol", "tcp")
                .put("FromPort", 5000)
                .put("ToPort", 5000)
                .put("CidrIp", "0.0.0.0/0");

        assertThat(
                CrossChecks.onlyThePublicAlbIsOpenToTheWorld(deployment),
                contains(containsString(
                        "PaymentsAlbSecurityGroup: a rule of PaymentsAlbSecurityGroup is open to 0.0.0.0/0")));
    }

    @Test
    void worldCheckFailsOnASeparateIngressResourceOpenToEveryIpv6Address() {
        deployment.stack().properties("PaymentsTaskIngressFromAlb").remove("SourceSecurityGroupId");
        deployment.stack().properties("PaymentsTaskIngressFromAlb").put("CidrIpv6", "::/0");

        assertThat(
                CrossChecks.onlyThePublicAlbIsOpenToTheWorld(deployment),
                contains(containsString(
                        "PaymentsTaskIngressFromAlb: a rule of PaymentsTaskSecurityGroup is open to ::/0")));
    }

    @Test
    void worldCheckFailsWhenThePublicAlbIsOpenOnAPortItDoesNotListenOn() {
        ((ObjectNode) ingress(deployment, "ProductsAlbSecurityGroup").get(1))
                .put("FromPort", 8080)
                .put("ToPort", 8080);

        assertThat(
                CrossChecks.onlyThePublicAlbIsOpenToTheWorld(deployment),
                contains(containsString(
                        "ProductsAlbSecurityGroup: a rule of ProductsAlbSecurityGroup is open to 0.0.0.0/0")));
    }

    @Test
    void publicChainCheckFailsWhenProductsAdmitsTheInternetDirectly() {
        deployment.stack().properties("ProductsTaskIngressFromAlb").remove("SourceSecurityGroupId");
        deployment.stack().properties("ProductsTaskIngressFromAlb").put("CidrIp", "0.0.0.0/0");

        assertThat(
                CrossChecks.securityGroupsChainInternetToPublicAlbToProducts(deployment),
                contains(
                        containsString(
                                "ProductsTaskIngressFromAlb: an ingress rule of ProductsTaskSecurityGroup should admit only the public ALB's group on 8080")));
    }

    @Test
    void publicChainCheckFailsWhenProductsAdmitsTheAlbOnAnotherPort() {
        deployment.stack().properties("ProductsTaskIngressFromAlb").put("ToPort", 8090);

        assertThat(
                CrossChecks.securityGroupsChainInternetToPublicAlbToProducts(deployment),
                contains(containsString("should admit only the public ALB's group on 8080")));
    }

    @Test
    void chainCheckFailsWhenPaymentsAdmitsTheProductsTasksDirectly() {
        deployment
                .stack()
                .properties("PaymentsTaskIngressFromAlb")
                .set(
                        "SourceSecurityGroupId",
                        RepositoryFiles.json("{\"Fn::GetAtt\": [\"ProductsTaskSecurityGroup\", \"GroupId\"]}"));

        assertThat(
                CrossChecks.securityGroupsChainProductsToAlbToPayments(deployment),
                contains(
                        containsString(
                                "PaymentsTaskIngressFromAlb: an ingress rule of PaymentsTaskSecurityGroup should admit only the internal ALB's group on 5000")));
    }

    @Test
    void chainCheckFailsWhenTheAlbAdmitsAnotherPort() {
        ((ObjectNode) ingress(deployment, "PaymentsAlbSecurityGroup").get(0)).put("ToPort", 5010);

        assertThat(
                CrossChecks.securityGroupsChainProductsToAlbToPayments(deployment),
                contains(
                        containsString(
                                "PaymentsAlbSecurityGroup: an ingress rule of PaymentsAlbSecurityGroup should admit only the products tasks' group on 5000")));
    }

    @Test
    void chainCheckFailsWhenTheProductsServiceUsesAnotherStackOutput() {
        ((ArrayNode) deployment
                        .services()
                        .get("products")
                        .get("networkConfiguration")
                        .get("awsvpcConfiguration")
                        .get("securityGroups"))
                .set(0, "${PAYMENTS_SECURITY_GROUP_ID}");

        assertThat(
                CrossChecks.securityGroupsChainProductsToAlbToPayments(deployment),
                hasItem(
                        containsString(
                                "PaymentsAlbSecurityGroup: an ingress rule of PaymentsAlbSecurityGroup should admit only the products tasks' group on 5000")));
    }

    @Test
    void targetGroupCheckFailsWhenTheServiceRegistersAnotherPort() {
        ((ObjectNode) deployment.services().get("payments").get("loadBalancers").get(0)).put("containerPort", 8080);

        assertThat(
                CrossChecks.servicesRegisterTheContainerPortWithTheirListenersTargetGroup(deployment),
                contains("payments: the service registers port 8080, the container listens on 5000"));
    }

    @Test
    void targetGroupCheckFailsWhenTheServiceNamesAnotherContainer() {
        ((ObjectNode) deployment.services().get("payments").get("loadBalancers").get(0)).put("containerName", "app");

        assertThat(
                CrossChecks.servicesRegisterTheContainerPortWithTheirListenersTargetGroup(deployment),
                contains(containsString("payments: the service names container \"app\"")));
    }

    @Test
    void targetGroupCheckFailsWhenTheTargetGroupSendsToAnotherPort() {
        deployment.stack().properties("PaymentsTargetGroup").put("Port", 80);

        assertThat(
                CrossChecks.servicesRegisterTheContainerPortWithTheirListenersTargetGroup(deployment),
                contains("payments: the target group's port 80 is not the container port 5000"));
    }

    @Test
    void targetGroupCheckFailsWhenProductsRegistersWithTheInternalTargetGroup() {
        ((ObjectNode) deployment.services().get("products").get("loadBalancers").get(0))
                .put("targetGroupArn", "${PAYMENTS_TARGET_GROUP_ARN}")
                .put("containerPort", 8080);

        assertThat(
                CrossChecks.servicesRegisterTheContainerPortWithTheirListenersTargetGroup(deployment),
                contains("products: the target group's port 5000 is not the container port 8080"));
    }

    @Test
    void gracePeriodCheckFailsWhenEcsGivesUpBeforeTheTaskCanBeHealthy() {
        deployment.services().get("payments").put("healthCheckGracePeriodSeconds", 10);

        assertThat(
                CrossChecks.healthCheckGracePeriodCoversTheTimeToHealthy(deployment),
                contains(
                        "payments: healthCheckGracePeriodSeconds 10 is shorter than the 20 s the target group needs to find a task healthy"));
    }

    @Test
    void httpsCheckFailsOnAnOldTlsPolicy() {
        deployment.stack().properties("ProductsHttpsListener").put("SslPolicy", "ELBSecurityPolicy-2016-08");

        assertThat(
                CrossChecks.publicEntryServesHttpsWithAModernPolicyAndRedirectsHttp(deployment),
                contains(containsString(
                        "ProductsHttpsListener: the HTTPS listener's SslPolicy ELBSecurityPolicy-2016-08")));
    }

    @Test
    void httpsCheckFailsWhenHttpIsForwardedInsteadOfRedirected() {
        ((ObjectNode) deployment
                        .stack()
                        .properties("ProductsHttpListener")
                        .get("DefaultActions")
                        .get(0))
                .put("Type", "forward")
                .put("TargetGroupArn", "x")
                .remove("RedirectConfig");

        assertThat(
                CrossChecks.publicEntryServesHttpsWithAModernPolicyAndRedirectsHttp(deployment),
                contains(containsString(
                        "ProductsHttpListener: the HTTP listener on port 80 does not redirect to HTTPS")));
    }

    @Test
    void httpsCheckFailsWhenTheCertificateIsWrittenIntoTheTemplate() {
        ((ObjectNode) deployment
                        .stack()
                        .properties("ProductsHttpsListener")
                        .get("Certificates")
                        .get(0))
                .put("CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/x");

        assertThat(
                CrossChecks.publicEntryServesHttpsWithAModernPolicyAndRedirectsHttp(deployment),
                contains(containsString("the HTTPS listener's certificate \"arn:aws:acm")));
    }

    @Test
    void metricsCheckFailsWhenTheRuleCoversAnotherPath() {
        ((ArrayNode) deployment
                        .stack()
                        .properties("ProductsMetricsNotPublic")
                        .get("Conditions")
                        .get(0)
                        .get("PathPatternConfig")
                        .get("Values"))
                .removeAll()
                .add("/metrics*");

        assertThat(
                CrossChecks.metricsAreNotServedOnThePublicEntry(deployment, application),
                contains(
                        "ProductsHttpsListener forwards /observe/metrics to products: no rule answers it with 404",
                        "ProductsHttpsListener forwards /observe/metrics/prometheus to products: no rule answers it with 404"));
    }

    @Test
    void metricsCheckFailsWhenTheRuleForwards() {
        ((ObjectNode) deployment
                        .stack()
                        .properties("ProductsMetricsNotPublic")
                        .get("Actions")
                        .get(0))
                .put("Type", "forward");

        assertThat(
                CrossChecks.metricsAreNotServedOnThePublicEntry(deployment, application),
                hasItem("ProductsHttpsListener forwards /observe/metrics to products: no rule answers it with 404"));
    }

    @Test
    void metricsCheckFollowsProductsWhenItMovesItsMetrics() {
        Application moved = application.withYamlReplaced(
                "products", "        metrics:\n", "        metrics:\n          endpoint: /internal/metrics\n");

        assertThat(
                CrossChecks.metricsAreNotServedOnThePublicEntry(deployment, moved),
                hasItem("ProductsHttpsListener forwards /internal/metrics to products: no rule answers it with 404"));
    }

    @Test
    void authCheckFailsWhenTheTaskLeavesOutTheAudience() {
        removeVariable(deployment, "products", "PRODUCTS_AUTH_AUDIENCE");

        assertThat(
                CrossChecks.productsTaskSetsTheAuthSettingsFromCheckedInputs(deployment, application),
                contains("products' task does not set products.auth.audience (as PRODUCTS_AUTH_AUDIENCE)"));
    }

    @Test
    void authCheckFailsWhenAnIssuerComesFromAnUncheckedInput() {
        setProductsEnvironment("PRODUCTS_AUTH_ISSUER", "${ISSUER}");

        assertThat(
                CrossChecks.productsTaskSetsTheAuthSettingsFromCheckedInputs(deployment, application),
                contains("products' PRODUCTS_AUTH_ISSUER comes from ISSUER, which deploy.sh does not check"));
    }

    @Test
    void logGroupCheckFailsWhenATaskLogsToAGroupTheStackDoesNotCreate() {
        ((ObjectNode) deployment.container("products").get("logConfiguration").get("options"))
                .put("awslogs-group", "/ecs/product");

        assertThat(
                CrossChecks.logGroupsAreCreatedByTheStack(deployment),
                contains(containsString("products logs to /ecs/product, which the stack does not create")));
    }

    @Test
    void userCheckFailsWhenTheTaskRunsAsRoot() {
        deployment.container("payments").put("user", "0:0");

        assertThat(
                CrossChecks.taskUserIsTheImagesNonRootUser(deployment),
                contains(containsString("payments: the task runs as '0:0', the image as '10001:10001'")));
    }

    @Test
    void userCheckFailsWhenTheImageRunsAsAnotherUser() {
        deployment.imageUsers().put("products", new ImageUser("1000:1000", "products/pom.xml (jib-maven-plugin)"));

        assertThat(
                CrossChecks.taskUserIsTheImagesNonRootUser(deployment),
                contains("products: the task runs as '10001:10001', the image as '1000:1000' "
                        + "(products/pom.xml (jib-maven-plugin)); both must be the same non-root uid:gid"));
    }

    @Test
    void containerHealthCheckCheckFailsWhenItProbesAnotherPort() {
        ArrayNode command =
                (ArrayNode) deployment.container("products").get("healthCheck").get("command");
        command.set(
                command.size() - 1,
                command.get(command.size() - 1).asText().replace("127.0.0.1/8080", "127.0.0.1/5000"));

        List<String> violations = CrossChecks.containerHealthCheckProbesTheContainerPort(deployment);

        assertThat(
                violations,
                contains(containsString("products: the container health check HealthCheckTarget[port=5000")));
    }

    private static ObjectNode port(Deployment deployment, String service) {
        return (ObjectNode) deployment.container(service).get("portMappings").get(0);
    }

    private static ArrayNode environment(Deployment deployment, String service) {
        return (ArrayNode) deployment.container(service).get("environment");
    }

    private static void removeVariable(Deployment deployment, String service, String name) {
        ArrayNode environment = environment(deployment, service);
        for (int i = environment.size() - 1; i >= 0; i--) {
            if (environment.get(i).get("name").asText().equals(name)) {
                environment.remove(i);
            }
        }
    }

    private void setProductsEnvironment(String name, String value) {
        environment(deployment, "products").forEach(variable -> {
            if (variable.get("name").asText().equals(name)) {
                ((ObjectNode) variable).put("value", value);
            }
        });
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
}
