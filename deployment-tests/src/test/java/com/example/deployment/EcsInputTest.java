package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

    /** A mistake in a rendered document, and the problem botocore must report. */
    private record Mistake(
            String name, String file, String operation, Consumer<ObjectNode> make, Matcher<? super String> problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                new Mistake(
                        "an unknown member",
                        "payments-task-def.json",
                        "RegisterTaskDefinition",
                        task -> container(task).put("readOnlyRootFileSystem", true),
                        containsString("Unknown parameter in containerDefinitions[0]: \"readOnlyRootFileSystem\"")),
                new Mistake(
                        "a value of the wrong type",
                        "payments-task-def.json",
                        "RegisterTaskDefinition",
                        task -> port(task).put("containerPort", "5000"),
                        containsString(
                                "Invalid type for parameter containerDefinitions[0].portMappings[0].containerPort")),
                new Mistake(
                        "an unknown enum value",
                        "payments-task-def.json",
                        "RegisterTaskDefinition",
                        task -> port(task).put("appProtocol", "https"),
                        is(
                                "$.containerDefinitions[0].portMappings[0].appProtocol: 'https' is not one of ['http', 'http2', 'grpc']")),
                new Mistake(
                        "an unknown enum value in a list",
                        "payments-task-def.json",
                        "RegisterTaskDefinition",
                        task -> task.withArray("requiresCompatibilities").add("LAMBDA"),
                        containsString("$.requiresCompatibilities[1]: 'LAMBDA' is not one of")),
                new Mistake(
                        "a missing required member",
                        "payments-task-def.json",
                        "RegisterTaskDefinition",
                        task -> task.remove("family"),
                        is("Missing required parameter in input: \"family\"")),
                new Mistake(
                        "a missing required member of a nested structure",
                        "payments-service.json",
                        "CreateService",
                        service -> ((ObjectNode) service.at("/networkConfiguration/awsvpcConfiguration"))
                                .remove("subnets"),
                        is("Missing required parameter in networkConfiguration.awsvpcConfiguration: \"subnets\"")));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("mistakes")
    void rejects(Mistake mistake) {
        ObjectNode document = (ObjectNode) SampleDeployment.rendered(mistake.file());
        mistake.make().accept(document);

        assertThat(EcsInput.problems(mistake.operation(), document), hasItem(mistake.problem()));
    }

    private static ObjectNode container(ObjectNode task) {
        return (ObjectNode) task.at("/containerDefinitions/0");
    }

    private static ObjectNode port(ObjectNode task) {
        return (ObjectNode) task.at("/containerDefinitions/0/portMappings/0");
    }
}
