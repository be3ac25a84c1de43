package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * A dry run of {@code script} with the sample inputs and {@code changes} (an empty value unsets an
     * input), and an aws first on PATH that answers the contract gate's reads as if the commit {@code
     * running} ran on the cluster (nothing when empty), writes each call to {@link #calls}, and fails
     * any other call.
     */
    static Command.Result dryRun(
            Path script, Path temp, String running, Map<String, String> changes, String... options) {
        Path bin = temp.resolve("bin");
        Path aws = bin.resolve("aws");
        try {
            Files.createDirectories(bin);
            Files.deleteIfExists(temp.resolve("aws-calls"));
            Files.writeString(aws, """
                    #!/bin/sh
                    echo "$*" >> '%s'
                    case "$*" in
                        "ecs describe-services "*) [ -n '%2$s' ] && echo arn:aws:ecs:eu-west-1:123456789012:task-definition/x:1 || echo None ;;
                        "ecs describe-task-definition "*) echo 123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:%2$s ;;
                        *) echo "a dry run must not call aws $*" >&2; exit 1 ;;
                    esac
                    """.formatted(temp.resolve("aws-calls"), running));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        aws.toFile().setExecutable(true);
        Map<String, String> environment = new HashMap<>(SampleDeployment.DEPLOY_ENVIRONMENT);
        environment.putAll(changes);
        environment.values().removeIf(String::isEmpty);
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        // The deployment checks and the gate run ./mvnw, which keeps Maven under $HOME/.m2.
        for (String inherited : List.of("HOME", "JAVA_HOME")) {
            if (System.getenv(inherited) != null) {
                environment.put(inherited, System.getenv(inherited));
            }
        }
        List<String> args = new ArrayList<>(List.of("--dry-run"));
        args.addAll(List.of(options));
        return run(script.toString(), environment, Duration.ofMinutes(5), args.toArray(String[]::new));
    }

    /** The aws calls of the last {@link #dryRun} in {@code temp}. */
    static List<String> calls(Path temp) {
        try {
            Path calls = temp.resolve("aws-calls");
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
