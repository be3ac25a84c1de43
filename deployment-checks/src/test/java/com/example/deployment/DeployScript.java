package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ecs-task-defs/deploy.sh} with sample inputs (what an operator would pass) and reads its
 * plan: the documents it sends inline ({@code fill <<'JSON' ... JSON}), rendered as AWS would receive
 * them with sample values of what the plan learns while it runs (stack outputs, registered revisions);
 * the stack outputs it reads are {@link Deployment#stackOutputs}.
 */
final class DeployScript {

    private static final Pattern DOCUMENT = Pattern.compile("fill <<'JSON'\\n(.*?)\\nJSON\\n", Pattern.DOTALL);

    /** The sample inputs of a deployment. */
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

    private DeployScript() {}

    /** Runs deploy.sh (from {@code directory}) with exactly the given environment (and PATH). */
    static Command.Result run(String script, Map<String, String> environment, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        return Command.runIsolated(command, environment, timeout);
    }

    /**
     * A dry run of {@code script} with the sample inputs and {@code changes} (an empty value unsets an
     * input), and an aws first on PATH that answers the contract gate's reads as if the commit {@code
     * running} ran on the cluster (nothing when empty), writes each call to {@link #calls}, and fails
     * any other call.
     */
    static Command.Result dryRun(
            Path script, Path temp, String running, Map<String, String> changes, String... options) {
        Path bin = temp.resolve("bin");
        Path aws = bin.resolve("aws");
        try {
            Files.createDirectories(bin);
            Files.deleteIfExists(temp.resolve("aws-calls"));
            Files.writeString(aws, """
                    #!/bin/sh
                    echo "$*" >> '%s'
                    case "$*" in
                        "ecs describe-services "*) [ -n '%2$s' ] && echo arn:aws:ecs:eu-west-1:123456789012:task-definition/x:1 || echo None ;;
                        "ecs describe-task-definition "*) echo 123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:%2$s ;;
                        *) echo "a dry run must not call aws $*" >&2; exit 1 ;;
                    esac
                    """.formatted(temp.resolve("aws-calls"), running));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        aws.toFile().setExecutable(true);
        Map<String, String> environment = new HashMap<>(DEPLOY_ENVIRONMENT);
        environment.putAll(changes);
        environment.values().removeIf(String::isEmpty);
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        // The deployment checks and the gate run ./mvnw, which keeps Maven under $HOME/.m2.
        for (String inherited : List.of("HOME", "JAVA_HOME")) {
            if (System.getenv(inherited) != null) {
                environment.put(inherited, System.getenv(inherited));
            }
        }
        List<String> args = new ArrayList<>(List.of("--dry-run"));
        args.addAll(List.of(options));
        return run(script.toString(), environment, Duration.ofMinutes(5), args.toArray(String[]::new));
    }

    /** The aws calls of the last {@link #dryRun} in {@code temp}. */
    static List<String> calls(Path temp) {
        try {
            Path calls = temp.resolve("aws-calls");
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of a plan, in order, with the values the plan learns while running filled from samples. */
    static List<JsonNode> documents(String plan) {
        return DOCUMENT.matcher(plan)
                .results()
                .map(document -> Documents.json(filled(document.group(1))))
                .toList();
    }

    /** The document with each {@code ${NAME}} filled from {@link #RUNTIME_VALUES}; one without a value fails the test. */
    private static String filled(String document) {
        return Deployment.PLACEHOLDER.matcher(document).replaceAll(placeholder -> {
            String value = RUNTIME_VALUES.get(placeholder.group(1));
            if (value == null) {
                throw new AssertionError("the plan leaves ${" + placeholder.group(1) + "} to a value it never finds");
            }
            return Matcher.quoteReplacement(value);
        });
    }
}
