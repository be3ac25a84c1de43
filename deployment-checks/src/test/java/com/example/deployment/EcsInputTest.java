package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * botocore's model, as {@link EcsInput} asks it, catches each kind of mistake it can in a rendered
 * document. (That the documents the plan sends are valid is {@link DeployScriptTest}'s; its
 * {@code update-service} runs through the AWS CLI, which validates it, in {@link DeployRehearsalIT}.)
 */
class EcsInputTest {

    /**
     * Each row: a mistake ({@link JsonEdits}) in a rendered document, and the problem botocore must report
     * ({@code =} exactly, {@code ~} within a longer one).
     */
    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an unknown member | payments-task-def.json | RegisterTaskDefinition | /containerDefinitions/0/readOnlyRootFileSystem = true | ~ | Unknown parameter in containerDefinitions[0]: "readOnlyRootFileSystem"
            a value of the wrong type | payments-task-def.json | RegisterTaskDefinition | /containerDefinitions/0/portMappings/0/containerPort = "5000" | ~ | Invalid type for parameter containerDefinitions[0].portMappings[0].containerPort
            an unknown enum value | payments-task-def.json | RegisterTaskDefinition | /containerDefinitions/0/portMappings/0/appProtocol = https | = | $.containerDefinitions[0].portMappings[0].appProtocol: 'https' is not one of ['http', 'http2', 'grpc']
            an unknown enum value in a list | payments-task-def.json | RegisterTaskDefinition | /requiresCompatibilities/- = LAMBDA | ~ | $.requiresCompatibilities[1]: 'LAMBDA' is not one of
            a missing required member | payments-task-def.json | RegisterTaskDefinition | remove /family | = | Missing required parameter in input: "family"
            a missing required member of a nested structure | payments-service.json | CreateService | remove /networkConfiguration/awsvpcConfiguration/subnets | = | Missing required parameter in networkConfiguration.awsvpcConfiguration: "subnets"
            """)
    void rejects(String mistake, String file, String operation, String edit, String match, String problem) {
        JsonNode document = SampleDeployment.rendered(file);
        JsonEdits.apply(document, edit);

        assertThat(
                EcsInput.problems(operation, document),
                hasItem(match.equals("=") ? equalTo(problem) : containsString(problem)));
    }
}
