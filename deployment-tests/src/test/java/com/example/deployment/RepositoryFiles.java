package com.example.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's files that the deployment tests read: the deployment side ({@code ecs-task-defs/},
 * the image definitions) and the application side (each service's {@code application.yaml}).
 */
final class RepositoryFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();

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
        return JSON.readTree(read(ecsTaskDefs().resolve(fileName)));
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
