package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** Where the tests find the repository: the root the build passes ({@code project.root}) and its documents. */
final class RepositoryFiles {

    private RepositoryFiles() {}

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
        return Documents.json(Documents.read(ecsTaskDefs().resolve(fileName)));
    }

    static String stackTemplateText() {
        return Documents.read(ecsTaskDefs().resolve("stack.yaml"));
    }
}
