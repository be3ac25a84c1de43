package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ecs-task-defs/alb.yaml} is a template CloudFormation accepts (sections, references,
 * resource properties against each type's schema), and the offline check rejects each kind of
 * mistake it claims to catch.
 */
class AlbTemplateTest {

    private static final CloudFormationSchemas SCHEMAS = new CloudFormationSchemas();

    @Test
    void templateIsAcceptedWithEveryReferenceResolvedAndEveryResourceValid() {
        assertThat(template().problems(SampleDeployment.STACK_PARAMETERS, SCHEMAS), is(empty()));
    }

    @Test
    void outputsTheAlbDnsNameAndTheTargetGroupArn() {
        JsonNode outputs = template().raw().get("Outputs");
        String alb =
                template().single("AWS::ElasticLoadBalancingV2::LoadBalancer").getKey();
        String targetGroup =
                template().single("AWS::ElasticLoadBalancingV2::TargetGroup").getKey();

        assertThat(
                outputs.get("PaymentsAlbDnsName").get("Value").get("Fn::GetAtt").toString(),
                is("[\"" + alb + "\",\"DNSName\"]"));
        assertThat(outputs.get("PaymentsTargetGroupArn").get("Value").get("Ref").asString(), is(targetGroup));
    }

    @Test
    void targetGroupRegistersFargateTasksByIpAndFindsThemHealthyWithinHalfAMinute() {
        JsonNode targetGroup = template()
                .single("AWS::ElasticLoadBalancingV2::TargetGroup")
                .getValue()
                .get("Properties");
        int interval = targetGroup.get("HealthCheckIntervalSeconds").asInt();

        assertThat(targetGroup.get("TargetType").asString(), is("ip"));
        assertThat(interval * targetGroup.get("HealthyThresholdCount").asInt(), is(lessThanOrEqualTo(30)));
        assertThat(targetGroup.get("HealthCheckTimeoutSeconds").asInt(), is(lessThan(interval)));
    }

    @Test
    void rejectsAPropertyTheResourceTypeDoesNotHave() {
        CloudFormationTemplate template = template().copy();
        template.properties("PaymentsTargetGroup").put("HealthCheckUrl", "/observe/health");

        assertThat(
                template.problems(SampleDeployment.STACK_PARAMETERS, SCHEMAS),
                hasItem(allOf(
                        startsWith("PaymentsTargetGroup (AWS::ElasticLoadBalancingV2::TargetGroup)"),
                        containsString("'HealthCheckUrl' is not defined in the schema"))));
    }

    @Test
    void rejectsAValueOutsideThePropertysEnum() {
        CloudFormationTemplate template = template().copy();
        template.properties("PaymentsAlb").put("Scheme", "private");

        assertThat(
                template.problems(SampleDeployment.STACK_PARAMETERS, SCHEMAS),
                hasItem(allOf(
                        startsWith("PaymentsAlb (AWS::ElasticLoadBalancingV2::LoadBalancer)"),
                        containsString("/Scheme: does not have a value in the enumeration"))));
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        CloudFormationTemplate template = template().copy();
        template.properties("PaymentsListener").put("Port", "five thousand");

        assertThat(
                template.problems(SampleDeployment.STACK_PARAMETERS, SCHEMAS),
                hasItem(allOf(
                        startsWith("PaymentsListener (AWS::ElasticLoadBalancingV2::Listener)"),
                        containsString("/Port: string found, integer expected"))));
    }

    @Test
    void rejectsAMissingRequiredProperty() {
        CloudFormationTemplate template = template().copy();
        template.properties("PaymentsListener").remove("DefaultActions");

        assertThat(
                template.problems(SampleDeployment.STACK_PARAMETERS, SCHEMAS),
                hasItem(allOf(
                        startsWith("PaymentsListener (AWS::ElasticLoadBalancingV2::Listener)"),
                        containsString("DefaultActions"))));
    }

    @Test
    void rejectsARefToNothing() {
        CloudFormationTemplate template = template().copy();
        ((ObjectNode) template.properties("PaymentsListener")
                        .get("DefaultActions")
                        .get(0))
                .set("TargetGroupArn", RepositoryFiles.JSON.readTree("{\"Ref\": \"PaymentTargetGroup\"}"));

        assertThat(
                template.problems(SampleDeployment.STACK_PARAMETERS, SCHEMAS),
                hasItem("PaymentsListener: Ref to 'PaymentTargetGroup', which is neither a parameter nor a resource"));
    }

    @Test
    void rejectsAGetAttOfAnAttributeTheResourceDoesNotHave() {
        CloudFormationTemplate template = template().copy();
        ((ObjectNode) template.properties("PaymentsDnsRecord").get("AliasTarget"))
                .set("DNSName", RepositoryFiles.JSON.readTree("{\"Fn::GetAtt\": [\"PaymentsAlb\", \"DnsName\"]}"));

        assertThat(
                template.problems(SampleDeployment.STACK_PARAMETERS, SCHEMAS),
                hasItem(
                        containsString(
                                "PaymentsDnsRecord: PaymentsAlb (AWS::ElasticLoadBalancingV2::LoadBalancer) has no attribute 'DnsName'")));
    }

    @Test
    void rejectsAResourceTypeWithoutAKnownSchema() {
        CloudFormationTemplate template = template().copy();
        ((ObjectNode) template.raw().get("Resources").get("PaymentsLogGroup")).put("Type", "AWS::Logs::LogGroups");

        assertThat(
                template.problems(SampleDeployment.STACK_PARAMETERS, SCHEMAS),
                hasItem("PaymentsLogGroup: no CloudFormation schema kept for type 'AWS::Logs::LogGroups'"));
    }

    @Test
    void rejectsAParameterValueOutsideItsAllowedPattern() {
        Map<String, Object> parameters = new HashMap<>(SampleDeployment.STACK_PARAMETERS);
        parameters.put("ProductsIngressCidr", "0.0.0.0/0");

        List<String> problems = template().problems(parameters, SCHEMAS);

        assertThat(problems, hasItem("parameter ProductsIngressCidr: '0.0.0.0/0' does not match AllowedPattern"));
    }

    static CloudFormationTemplate template() {
        return CloudFormationTemplate.parse(RepositoryFiles.albTemplateText());
    }
}
