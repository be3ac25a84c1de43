package com.example.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's files that the deployment tests read: the deployment side ({@code ecs-task-defs/},
 * the image definitions) and the application side (each service's {@code application.yaml}).
 */
final class RepositoryFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RepositoryFiles() {}

    /** The repository root, as the build passes it ({@code project.root}). */
    static Path root() {
        String root = System.getProperty("project.root");
        if (root == null) {
            throw new IllegalStateException("system property project.root is not set; run the tests through Maven");
        }
        return Path.of(root);
    }

    static Path ecsTaskDefs() {
        return root().resolve("ecs-task-defs");
    }

    static Path deployScript() {
        return ecsTaskDefs().resolve("deploy.sh");
    }

    static JsonNode ecsJson(String fileName) {
        return json(read(ecsTaskDefs().resolve(fileName)));
    }

    /** A JSON text as a tree; malformed JSON fails the test that reads it. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree of maps, lists and scalars (a parsed YAML document) as JSON. */
    static JsonNode asJson(Object tree) {
        return JSON.valueToTree(tree);
    }

    static String stackTemplateText() {
        return read(ecsTaskDefs().resolve("stack.yaml"));
    }

    /** A service's own {@code src/main/resources/application.yaml}. */
    static String applicationYaml(String service) {
        return read(root().resolve(service).resolve("src/main/resources/application.yaml"));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
