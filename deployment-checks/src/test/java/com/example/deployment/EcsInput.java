package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An ECS request checked against botocore's model, the one the AWS CLI validates
 * {@code --cli-input-json} against (plus enum values), by {@code validate-ecs-input.py}.
 */
final class EcsInput {

    private static final String SCRIPT = RepositoryFiles.root()
            .resolve("deployment-checks/src/test/resources/validate-ecs-input.py")
            .toString();

    private EcsInput() {}

    /**
     * The problems botocore finds in the input of an ECS operation, e.g. {@code RegisterTaskDefinition}, or
     * of another service's, e.g. {@code application-autoscaling:PutScalingPolicy}.
     */
    static List<String> problems(String operation, JsonNode input) {
        Command.Result result =
                Command.run(List.of("python3", SCRIPT, operation), Map.of(), input.toString(), Duration.ofSeconds(60));
        if (result.exitCode() > 1 || !result.stderr().isBlank()) {
            throw new AssertionError(
                    "validate-ecs-input.py failed (python3 needs botocore: .ci/run installs it into .venv/, or"
                            + " pip install awscli, which brings it): " + result.stderr());
        }
        return result.stdout().lines().filter(line -> !line.isBlank()).toList();
    }
}
