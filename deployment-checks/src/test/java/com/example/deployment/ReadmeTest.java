package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration that ecs-task-defs/README.md tells readers to paste is valid where it goes. */
class ReadmeTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void serviceConnectSnippetIsAValidPartOfThePaymentsService() {
        Matcher block =
                JSON_BLOCK.matcher(Documents.read(RepositoryFiles.ecsTaskDefs().resolve("README.md")));
        assertThat("README.md has a json block", block.find(), is(true));
        JsonNode snippet = Documents.json("{" + block.group(1) + "}");
        ObjectNode service = (ObjectNode) SampleDeployment.rendered("payments-service.json");
        service.remove("loadBalancers");
        service.remove("healthCheckGracePeriodSeconds");
        service.setAll((ObjectNode) snippet);

        assertThat(EcsInput.problems("CreateService", service), is(empty()));
        assertThat(
                service.at("/serviceConnectConfiguration/services/0/portName").asText(),
                is(Deployment.read(RepositoryFiles.root())
                        .container("payments")
                        .at("/portMappings/0/name")
                        .asText()));
        assertThat(
                service.at("/serviceConnectConfiguration/services/0/clientAliases/0/dnsName")
                                .asText() + ":"
                        + service.at("/serviceConnectConfiguration/services/0/clientAliases/0/port")
                                .asInt(),
                is(Deployment.read(RepositoryFiles.root())
                        .environment("products")
                        .get("PAYMENTS_BASE_URI")
                        .replace("http://", "")));
    }
}
