package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

/**
 * The sample inputs of a deployment (what an operator would pass to {@code deploy.sh}) and sample
 * values of what the plan learns while it runs (stack outputs, registered revisions), for rendering
 * the documents as AWS would receive them.
 */
final class SampleDeployment {

    static final Map<String, String> DEPLOY_ENVIRONMENT = Map.ofEntries(
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("AWS_ACCOUNT_ID", "123456789012"),
            Map.entry("ECS_CLUSTER", "contract-first"),
            Map.entry("VPC_ID", "vpc-0123456789abcdef0"),
            Map.entry("PRIVATE_SUBNET_1", "subnet-0aaaaaaaaaaaaaaa1"),
            Map.entry("PRIVATE_SUBNET_2", "subnet-0bbbbbbbbbbbbbbb2"),
            Map.entry("PUBLIC_SUBNET_1", "subnet-0ccccccccccccccc3"),
            Map.entry("PUBLIC_SUBNET_2", "subnet-0ddddddddddddddd4"),
            Map.entry(
                    "CERTIFICATE_ARN",
                    "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
            Map.entry("PRODUCTS_AUTH_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example"),
            Map.entry("PRODUCTS_AUTH_AUDIENCE", "products-api"),
            Map.entry("IMAGE_TAG", "1.0.0"));

    /** What the plan fills in while it runs. */
    static final Map<String, String> RUNTIME_VALUES = Map.ofEntries(
            Map.entry(
                    "PAYMENTS_TARGET_GROUP_ARN",
                    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/payments/0123456789abcdef"),
            Map.entry(
                    "PRODUCTS_TARGET_GROUP_ARN",
                    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/products/0123456789abcdef"),
            Map.entry("PAYMENTS_SECURITY_GROUP_ID", "sg-0aaaaaaaaaaaaaaa1"),
            Map.entry("PRODUCTS_SECURITY_GROUP_ID", "sg-0bbbbbbbbbbbbbbb2"),
            Map.entry("PAYMENTS_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/payments-execution"),
            Map.entry("PRODUCTS_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/products-execution"),
            Map.entry("PAYMENTS_DB_ENDPOINT", "payments.abcdefghij.eu-west-1.rds.amazonaws.com"),
            Map.entry(
                    "PAYMENTS_DB_SECRET_ARN",
                    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf"),
            Map.entry("PAYMENTS_TASK_DEFINITION", "arn:aws:ecs:eu-west-1:123456789012:task-definition/payments:7"),
            Map.entry("PRODUCTS_TASK_DEFINITION", "arn:aws:ecs:eu-west-1:123456789012:task-definition/products:7"),
            Map.entry("PAYMENTS_TASK_ROLE_ARN", "arn:aws:iam::123456789012:role/payments-task"),
            Map.entry("PRODUCTS_TASK_ROLE_ARN", "arn:aws:iam::123456789012:role/products-task"),
            Map.entry("PAYMENTS_ERROR_ALARM", "contract-first-payments-5xx"),
            Map.entry("PAYMENTS_LATENCY_ALARM", "contract-first-payments-p99"),
            Map.entry("PRODUCTS_ERROR_ALARM", "contract-first-products-5xx"),
            Map.entry("PRODUCTS_LATENCY_ALARM", "contract-first-products-p99"),
            Map.entry(
                    "PAYMENTS_SCALING_RESOURCE_LABEL",
                    "app/payments/0123456789abcdef/targetgroup/payments/0123456789abcdef"),
            Map.entry(
                    "PRODUCTS_SCALING_RESOURCE_LABEL",
                    "app/products/0123456789abcdef/targetgroup/products/0123456789abcdef"));

    private SampleDeployment() {}

    /** An ecs-task-defs/ document with every placeholder filled with a sample value. */
    static JsonNode rendered(String file) {
        Map<String, String> values = new HashMap<>(DEPLOY_ENVIRONMENT);
        values.putAll(RUNTIME_VALUES);
        String registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/";
        values.put("PAYMENTS_IMAGE", registry + "payments:1.0.0");
        values.put("PRODUCTS_IMAGE", registry + "products:1.0.0");
        values.put("PRODUCTS_AUTH_JWKS_URI", values.get("PRODUCTS_AUTH_ISSUER") + "/.well-known/jwks.json");
        return Documents.json(fill(
                Documents.read(RepositoryFiles.ecsTaskDefs().resolve(file)),
                values,
                name -> file + " uses ${" + name + "}, which has no sample value"));
    }

    /** The text with each {@code ${NAME}} replaced by its value; a placeholder without one fails the test. */
    static String fill(String text, Map<String, String> values, UnaryOperator<String> missing) {
        return Deployment.PLACEHOLDER.matcher(text).replaceAll(placeholder -> {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new AssertionError(missing.apply(placeholder.group(1)));
            }
            return Matcher.quoteReplacement(value);
        });
    }
}
