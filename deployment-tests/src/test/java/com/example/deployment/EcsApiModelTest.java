package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The task and service definitions are valid inputs of {@code aws ecs register-task-definition} and
 * {@code aws ecs create-service} in both API models (the SDK for Java v2 classes and botocore's), and
 * each kind of mistake the models can catch is caught. The documents the deploy script renders are
 * checked the same way in {@link DeployScriptTest}.
 */
class EcsApiModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"payments-task-def.json", "products-task-def.json"})
    void taskDefinitionIsAValidRegisterTaskDefinitionInput(String file) {
        ObjectNode taskDefinition = (ObjectNode) RepositoryFiles.ecsJson(file);

        assertThat(EcsApi.REGISTER_TASK_DEFINITION.problems(taskDefinition), is(empty()));
        RegisterTaskDefinitionRequest request = EcsApi.REGISTER_TASK_DEFINITION.request(taskDefinition);
        assertThat(request.networkMode(), is(NetworkMode.AWSVPC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments-service.json", "products-service.json"})
    void serviceDefinitionIsAValidCreateServiceInput(String file) {
        ObjectNode service = (ObjectNode) RepositoryFiles.ecsJson(file);

        assertThat(EcsApi.CREATE_SERVICE.problems(service), is(empty()));
        CreateServiceRequest request = EcsApi.CREATE_SERVICE.request(service);
        assertThat(request.launchType(), is(LaunchType.FARGATE));
    }

    @Test
    void rejectsAnUnknownMember() {
        ObjectNode taskDefinition = paymentsTaskDefinition();
        container(taskDefinition).put("readOnlyRootFileSystem", true);

        List<String> problems = EcsApi.REGISTER_TASK_DEFINITION.problems(taskDefinition);

        assertThat(
                problems,
                hasItem(containsString("[sdk] $.containerDefinitions[0]: unknown member 'readOnlyRootFileSystem'")));
        assertThat(
                problems,
                hasItem(containsString(
                        "[botocore] $.containerDefinitions[0]: unknown member 'readOnlyRootFileSystem'")));
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        ObjectNode taskDefinition = paymentsTaskDefinition();
        ((ObjectNode) container(taskDefinition).get("portMappings").get(0)).put("containerPort", "5000");

        List<String> problems = EcsApi.REGISTER_TASK_DEFINITION.problems(taskDefinition);

        assertThat(
                problems,
                hasItem(containsString(
                        "[sdk] $.containerDefinitions[0].portMappings[0].containerPort: expected an integer")));
        assertThat(
                problems,
                hasItem(containsString(
                        "[botocore] $.containerDefinitions[0].portMappings[0].containerPort: expected an integer")));
    }

    @Test
    void rejectsAnUnknownEnumValue() {
        ObjectNode taskDefinition = paymentsTaskDefinition();
        ((ObjectNode) container(taskDefinition).get("portMappings").get(0)).put("appProtocol", "https");

        List<String> problems = EcsApi.REGISTER_TASK_DEFINITION.problems(taskDefinition);

        assertThat(
                problems,
                hasItem(containsString(
                        "[sdk] $.containerDefinitions[0].portMappings[0].appProtocol: https is not one of")));
        assertThat(
                problems,
                hasItem(containsString(
                        "[botocore] $.containerDefinitions[0].portMappings[0].appProtocol: 'https' is not one of")));
    }

    @Test
    void rejectsAnUnknownEnumValueInAList() {
        ObjectNode taskDefinition = paymentsTaskDefinition();
        ((ArrayNode) taskDefinition.get("requiresCompatibilities")).add("LAMBDA");

        List<String> problems = EcsApi.REGISTER_TASK_DEFINITION.problems(taskDefinition);

        assertThat(problems, hasItem(containsString("[sdk] $.requiresCompatibilities")));
        assertThat(
                problems, hasItem(containsString("[botocore] $.requiresCompatibilities[1]: 'LAMBDA' is not one of")));
    }

    @Test
    void rejectsAMissingRequiredMember() {
        ObjectNode taskDefinition = paymentsTaskDefinition();
        taskDefinition.remove("family");

        assertThat(
                EcsApi.REGISTER_TASK_DEFINITION.problems(taskDefinition),
                hasItem("[botocore] $: required member 'family' is missing"));
    }

    @Test
    void rejectsAMissingRequiredMemberOfANestedStructure() {
        ObjectNode service = (ObjectNode) RepositoryFiles.ecsJson("payments-service.json");
        ((ObjectNode) service.get("networkConfiguration").get("awsvpcConfiguration")).remove("subnets");

        assertThat(
                EcsApi.CREATE_SERVICE.problems(service),
                hasItem("[botocore] $.networkConfiguration.awsvpcConfiguration: required member 'subnets' is missing"));
    }

    private static ObjectNode paymentsTaskDefinition() {
        return (ObjectNode) RepositoryFiles.ecsJson("payments-task-def.json");
    }

    private static ObjectNode container(ObjectNode taskDefinition) {
        return (ObjectNode) taskDefinition.get("containerDefinitions").get(0);
    }
}
