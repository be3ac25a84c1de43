package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ecs-task-defs/deploy.sh} and reads its plan: the documents it sends inline
 * ({@code fill <<'JSON' ... JSON}); the stack outputs it reads are {@link Deployment#stackOutputs}.
 */
final class DeployScript {

    private static final Pattern DOCUMENT = Pattern.compile("fill <<'JSON'\\n(.*?)\\nJSON\\n", Pattern.DOTALL);

    private DeployScript() {}

    /** Runs deploy.sh (from {@code directory}) with exactly the given environment (and PATH). */
    static Command.Result run(String script, Map<String, String> environment, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        return Command.runIsolated(command, environment, timeout);
    }

    static Command.Result run(Map<String, String> environment, String... args) {
        return run(RepositoryFiles.deployScript().toString(), environment, Duration.ofSeconds(60), args);
    }

    /** The documents of a plan, in order, with the values the plan learns while running filled from samples. */
    static List<JsonNode> documents(String plan) {
        List<JsonNode> documents = new ArrayList<>();
        Matcher document = DOCUMENT.matcher(plan);
        while (document.find()) {
            documents.add(Documents.json(SampleDeployment.fill(
                    document.group(1),
                    SampleDeployment.RUNTIME_VALUES,
                    name -> "the plan leaves ${" + name + "} to a value it never finds")));
        }
        return documents;
    }
}
