package com.example.deployment;

import com.example.support.EnvironmentKeys;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application side: each service's {@code application.yaml} and products' API spec. A service's
 * effective settings in ECS are that file overridden by its task's environment, resolved here by
 * Helidon's own config (with the environment mapped to keys as Helidon maps it, {@link
 * EnvironmentKeys}), as the running service resolves them.
 *
 * @param applicationYaml each service's application.yaml, by service name
 * @param productsSpec    products' OpenAPI spec ({@code api-specs/products.yaml}), as a tree
 */
record Application(Map<String, String> applicationYaml, JsonNode productsSpec) {

    /** The application of the repository at {@code root}. */
    static Application read(Path root) {
        return new Application(
                Map.of(
                        "payments", applicationYaml(root, "payments"),
                        "products", applicationYaml(root, "products")),
                Documents.yaml(Documents.read(root.resolve("api-specs/products.yaml"))));
    }

    private static String applicationYaml(Path root, String service) {
        return Documents.read(root.resolve(service).resolve("src/main/resources/application.yaml"));
    }

    /** The service's configuration when started with the given environment (as ECS starts it). */
    Config settings(String service, Map<String, String> environment) {
        return Config.just(
                ConfigSources.create(EnvironmentKeys.of(environment)),
                ConfigSources.create(applicationYaml.get(service), MediaTypes.APPLICATION_YAML));
    }

    /**
     * The keys under {@code prefix} that a service reads: the leaves of its application.yaml there,
     * and the keys fixed for the whole project (which a service may leave without a default).
     */
    List<String> keysRead(String service, String prefix, List<String> fixed) {
        Set<String> keys = new TreeSet<>(fixed);
        settings(service, Map.of())
                .get(prefix)
                .traverse()
                .filter(Config::isLeaf)
                .forEach(node -> keys.add(node.key().toString()));
        return List.copyOf(keys);
    }

    static Duration duration(Config config, String key) {
        return config.get(key).as(Duration.class).orElseThrow(() -> new IllegalStateException(key + " is not set"));
    }
}
