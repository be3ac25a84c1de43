package com.example.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import tools.jackson.databind.JsonNode;

/**
 * The ECS operations the deploy script calls, each validated against both API models: the AWS SDK
 * for Java v2 classes ({@link AwsApiModel}) and botocore's model, which the AWS CLI checks
 * {@code --cli-input-json} against ({@link BotocoreModel}).
 */
enum EcsApi {
    REGISTER_TASK_DEFINITION("RegisterTaskDefinition", RegisterTaskDefinitionRequest::builder),
    CREATE_SERVICE("CreateService", CreateServiceRequest::builder),
    UPDATE_SERVICE("UpdateService", UpdateServiceRequest::builder);

    private static final class Botocore {
        private static final BotocoreModel ECS = BotocoreModel.load("ecs");
    }

    private final String operation;
    private final Supplier<? extends SdkPojo> builder;

    EcsApi(String operation, Supplier<? extends SdkPojo> builder) {
        this.operation = operation;
        this.builder = builder;
    }

    /** Every violation of either model, each prefixed with the model that found it. */
    List<String> problems(JsonNode input) {
        List<String> problems = new ArrayList<>();
        AwsApiModel.bind(input, builder).problems().forEach(problem -> problems.add("[sdk] " + problem));
        Botocore.ECS.validate(operation, input).forEach(problem -> problems.add("[botocore] " + problem));
        return problems;
    }

    /** The input bound to the SDK's request class (meaningful only when {@link #problems} is empty). */
    <T> T request(JsonNode input) {
        return AwsApiModel.<T>bind(input, builder).request();
    }
}
