package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code deploy.sh}: its dry run prints the whole command sequence and valid documents and calls no
 * aws; a real run (against a fake aws command) calls the same sequence and wires the stack's outputs
 * and the registered revisions into the services.
 */
class DeployScriptTest {

    private static final List<String> FIRST_DEPLOYMENT = List.of(
            "aws cloudformation deploy",
            "aws cloudformation describe-stacks",
            "aws cloudformation describe-stacks",
            "aws cloudformation describe-stacks",
            "aws ecs register-task-definition",
            "aws ecs register-task-definition",
            "aws ecs describe-services",
            "aws ecs create-service",
            "aws ecs wait",
            "aws ecs describe-services",
            "aws ecs create-service",
            "aws ecs wait");

    @TempDir
    Path temp;

    @Test
    void dryRunPrintsTheWholeSequenceAndCallsNoAws() throws Exception {
        DeployScript.Run run = dryRun(Map.of());

        assertThat(run.stderr(), run.exitCode(), is(0));
        assertThat(run.operations(), is(FIRST_DEPLOYMENT));
        assertThat("the fake aws was called", Files.exists(temp.resolve("aws.log")), is(false));
    }

    @Test
    void dryRunPrintsEachDocumentRenderedAndValidAgainstTheEcsModel() throws Exception {
        DeployScript.Run run = dryRun(Map.of());

        Map<String, JsonNode> documents = run.documents();
        assertThat(
                List.copyOf(documents.keySet()),
                contains(
                        "payments-task-def.json",
                        "products-task-def.json",
                        "payments-service.json",
                        "products-service.json"));
        for (String text : run.documentTexts()) {
            assertThat(text, not(containsString("${")));
        }
        documents.forEach((name, document) -> assertThat(
                name,
                (name.endsWith("-task-def.json") ? EcsApi.REGISTER_TASK_DEFINITION : EcsApi.CREATE_SERVICE)
                        .problems(document),
                is(empty())));
        assertThat(
                documents
                        .get("payments-task-def.json")
                        .at("/containerDefinitions/0/image")
                        .asString(),
                is("123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments:1.0.0"));
        assertThat(
                documents.get("products-task-def.json").at("/executionRoleArn").asString(),
                is("arn:aws:iam::123456789012:role/ecsTaskExecutionRole"));
        assertThat(
                documents
                        .get("payments-service.json")
                        .at("/networkConfiguration/awsvpcConfiguration/subnets")
                        .toString(),
                is("[\"subnet-0aaaaaaaaaaaaaaa1\",\"subnet-0bbbbbbbbbbbbbbb2\"]"));
    }

    @Test
    void dryRunPassesTheTemplateEveryParameterItNeeds() throws Exception {
        List<String> deploy = dryRun(Map.of()).commands().getFirst();

        assertThat(
                deploy.get(deploy.indexOf("--template-file") + 1),
                is(RepositoryFiles.ecsTaskDefs().resolve("alb.yaml").toString()));
        List<String> overrides = deploy.subList(deploy.indexOf("--parameter-overrides") + 1, deploy.size());
        List<String> names = overrides.stream()
                .map(override -> override.substring(0, override.indexOf('=')))
                .toList();
        List<String> required = new ArrayList<>();
        AlbTemplateTest.template().raw().get("Parameters").properties().forEach(parameter -> {
            if (!parameter.getValue().has("Default")) {
                required.add(parameter.getKey());
            }
        });
        assertThat(names, is(required));
        assertThat(overrides, hasItem("PrivateSubnetIds=subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2"));
    }

    @Test
    void dryRunOfAnUpdateShowsUpdateServiceCommandsValidAgainstTheEcsModel() throws Exception {
        DeployScript.Run run = dryRun(Map.of("DRY_RUN_SERVICES_EXIST", "true"));

        assertThat(run.stderr(), run.exitCode(), is(0));
        List<List<String>> updates = run.commands().stream()
                .filter(words -> words.get(2).equals("update-service"))
                .toList();
        assertThat(updates.size(), is(2));
        for (List<String> update : updates) {
            assertThat(update.toString(), EcsApi.UPDATE_SERVICE.problems(input(update)), is(empty()));
        }
        assertThat(run.operations(), not(hasItem("aws ecs create-service")));
    }

    @Test
    void refusesToRunWithoutARequiredInput() throws Exception {
        Map<String, String> environment = new HashMap<>(SampleDeployment.DEPLOY_ENVIRONMENT);
        environment.remove("PRIVATE_SUBNET_2");

        DeployScript.Run run = DeployScript.run(environment, DeployScript.fakeAws(temp), "--dry-run");

        assertThat(run.exitCode(), is(1));
        assertThat(run.stderr(), containsString("PRIVATE_SUBNET_2 is not set"));
    }

    @Test
    void refusesAValueThatWouldBreakTheJsonDocuments() throws Exception {
        DeployScript.Run run = dryRun(Map.of("IMAGE_TAG", "1.0\",\"privileged\":true"));

        assertThat(run.exitCode(), is(1));
        assertThat(run.stderr(), containsString("IMAGE_TAG has characters outside"));
    }

    @Test
    void realRunCallsTheSameSequenceAndWiresStackOutputsAndRevisionsIntoTheServices() throws Exception {
        Path documents = Files.createDirectories(temp.resolve("documents"));
        Map<String, String> environment = new HashMap<>(SampleDeployment.DEPLOY_ENVIRONMENT);
        environment.put("FAKE_AWS_LOG", temp.resolve("aws.log").toString());
        environment.put("FAKE_AWS_DOCUMENTS", documents.toString());

        DeployScript.Run run = DeployScript.run(environment, DeployScript.fakeAws(temp));

        assertThat(run.stderr(), run.exitCode(), is(0));
        List<String> calls = Files.readAllLines(temp.resolve("aws.log")).stream()
                .map(line -> "aws " + String.join(" ", List.of(line.split(" ")).subList(0, 2)))
                .toList();
        assertThat(calls, is(FIRST_DEPLOYMENT));
        JsonNode payments = RepositoryFiles.JSON.readTree(
                documents.resolve("payments-service.json").toFile());
        assertThat(
                payments.at("/taskDefinition").asString(),
                is("arn:aws:ecs:eu-west-1:123456789012:task-definition/payments:7"));
        assertThat(
                payments.at("/loadBalancers/0/targetGroupArn").asString(),
                is("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/payments/0123456789abcdef"));
        assertThat(
                payments.at("/networkConfiguration/awsvpcConfiguration/securityGroups/0")
                        .asString(),
                is("sg-0aaaaaaaaaaaaaaa1"));
        JsonNode products = RepositoryFiles.JSON.readTree(
                documents.resolve("products-service.json").toFile());
        assertThat(
                products.at("/networkConfiguration/awsvpcConfiguration/securityGroups/0")
                        .asString(),
                is("sg-0bbbbbbbbbbbbbbb2"));
    }

    private DeployScript.Run dryRun(Map<String, String> extra) throws Exception {
        Map<String, String> environment = new HashMap<>(SampleDeployment.DEPLOY_ENVIRONMENT);
        environment.putAll(extra);
        // A fake aws first on PATH: if the dry run called aws, it would leave a log.
        environment.put("FAKE_AWS_LOG", temp.resolve("aws.log").toString());
        environment.put("FAKE_AWS_DOCUMENTS", temp.toString());
        return DeployScript.run(environment, DeployScript.fakeAws(temp), "--dry-run");
    }

    /** An {@code aws ecs update-service} command line as its API input (AWS CLI options dropped). */
    private static ObjectNode input(List<String> command) {
        List<String> cliOptions = List.of("--region", "--query", "--output");
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        for (int i = 3; i < command.size(); i += 2) {
            String option = command.get(i);
            if (!cliOptions.contains(option)) {
                input.put(camelCase(option.substring(2)), command.get(i + 1));
            }
        }
        return input;
    }

    private static String camelCase(String option) {
        StringBuilder name = new StringBuilder();
        for (String part : option.split("-")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }
}
