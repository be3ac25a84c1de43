package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The task and service definitions, rendered as deploy.sh's plan sends them, are valid inputs of
 * {@code register-task-definition}, {@code create-service} and {@code update-service} in botocore's
 * model; and each kind of mistake the model can catch is caught.
 */
class EcsInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void taskDefinitionIsAValidRegisterTaskDefinitionInput(String service) {
        assertThat(
                EcsInput.problems("RegisterTaskDefinition", SampleDeployment.rendered(service + "-task-def.json")),
                is(empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void serviceDefinitionIsAValidCreateServiceInput(String service) {
        assertThat(
                EcsInput.problems("CreateService", SampleDeployment.rendered(service + "-service.json")), is(empty()));
    }

    @Test
    void theUpdateThePlanSendsIsAValidUpdateServiceInput() {
        ObjectNode update = JsonNodeFactory.instance
                .objectNode()
                .put("cluster", "contract-first")
                .put("service", "payments")
                .put("taskDefinition", SampleDeployment.RUNTIME_VALUES.get("PAYMENTS_TASK_DEFINITION"));

        assertThat(EcsInput.problems("UpdateService", update), is(empty()));
    }

    @Test
    void rejectsAnUnknownMember() {
        ObjectNode task = payments();
        container(task).put("readOnlyRootFileSystem", true);

        assertThat(
                EcsInput.problems("RegisterTaskDefinition", task),
                hasItem(containsString("Unknown parameter in containerDefinitions[0]: \"readOnlyRootFileSystem\"")));
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        ObjectNode task = payments();
        ((ObjectNode) container(task).get("portMappings").get(0)).put("containerPort", "5000");

        assertThat(
                EcsInput.problems("RegisterTaskDefinition", task),
                hasItem(containsString(
                        "Invalid type for parameter containerDefinitions[0].portMappings[0].containerPort")));
    }

    @Test
    void rejectsAnUnknownEnumValue() {
        ObjectNode task = payments();
        ((ObjectNode) container(task).get("portMappings").get(0)).put("appProtocol", "https");

        assertThat(
                EcsInput.problems("RegisterTaskDefinition", task),
                hasItem(
                        "$.containerDefinitions[0].portMappings[0].appProtocol: 'https' is not one of ['http', 'http2', 'grpc']"));
    }

    @Test
    void rejectsAnUnknownEnumValueInAList() {
        ObjectNode task = payments();
        ((ArrayNode) task.get("requiresCompatibilities")).add("LAMBDA");

        assertThat(
                EcsInput.problems("RegisterTaskDefinition", task),
                hasItem(containsString("$.requiresCompatibilities[1]: 'LAMBDA' is not one of")));
    }

    @Test
    void rejectsAMissingRequiredMember() {
        ObjectNode task = payments();
        task.remove("family");

        assertThat(
                EcsInput.problems("RegisterTaskDefinition", task),
                hasItem("Missing required parameter in input: \"family\""));
    }

    @Test
    void rejectsAMissingRequiredMemberOfANestedStructure() {
        ObjectNode service = (ObjectNode) SampleDeployment.rendered("payments-service.json");
        ((ObjectNode) service.get("networkConfiguration").get("awsvpcConfiguration")).remove("subnets");

        assertThat(
                EcsInput.problems("CreateService", service),
                hasItem("Missing required parameter in networkConfiguration.awsvpcConfiguration: \"subnets\""));
    }

    private static ObjectNode payments() {
        return (ObjectNode) SampleDeployment.rendered("payments-task-def.json");
    }

    private static ObjectNode container(ObjectNode task) {
        return (ObjectNode) task.get("containerDefinitions").get(0);
    }
}
