package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ecs-task-defs/deploy.sh} and reads its plan: the documents it sends inline
 * ({@code fill <<'JSON' ... JSON}) and the stack outputs it reads ({@code NAME=$(output Key)}).
 */
final class DeployScript {

    private static final Pattern DOCUMENT = Pattern.compile("fill <<'JSON'\\n(.*?)\\nJSON\\n", Pattern.DOTALL);
    private static final Pattern STACK_OUTPUT =
            Pattern.compile("^([A-Z_]+)=\\$\\(output (\\w+)\\)$", Pattern.MULTILINE);

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
            documents.add(RepositoryFiles.json(SampleDeployment.fill(
                    document.group(1),
                    SampleDeployment.RUNTIME_VALUES,
                    name -> "the plan leaves ${" + name + "} to a value it never finds")));
        }
        return documents;
    }

    /** The placeholders the plan fills from stack outputs: placeholder name to output key. */
    static Map<String, String> stackOutputs(String plan) {
        Map<String, String> outputs = new LinkedHashMap<>();
        Matcher assignment = STACK_OUTPUT.matcher(plan);
        while (assignment.find()) {
            outputs.putIfAbsent(assignment.group(1), assignment.group(2));
        }
        return outputs;
    }
}
