package com.example.deployment;

import com.example.support.testing.TestEnvironment;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application side: each service's {@code application.yaml}. A service's effective settings in
 * ECS are that file overridden by its task's environment, resolved here by Helidon's own config
 * (including its mapping of {@code PAYMENTS_READ_TIMEOUT} to {@code payments.read.timeout} and of
 * {@code _dash_} to {@code -}), exactly as the running service resolves them.
 *
 * @param applicationYaml each service's application.yaml, by service name
 */
record Application(Map<String, String> applicationYaml) {

    static Application fromRepository() {
        return new Application(Map.of(
                "payments", RepositoryFiles.applicationYaml("payments"),
                "products", RepositoryFiles.applicationYaml("products")));
    }

    /** The same application with one service's application.yaml changed by a text replacement. */
    Application withYamlReplaced(String service, String target, String replacement) {
        String yaml = applicationYaml.get(service);
        if (!yaml.contains(target)) {
            throw new IllegalArgumentException(service + "'s application.yaml has no '" + target + "'");
        }
        Map<String, String> changed = new HashMap<>(applicationYaml);
        changed.put(service, yaml.replace(target, replacement));
        return new Application(changed);
    }

    /** The service's configuration when started with the given environment (as ECS starts it). */
    Config settings(String service, Map<String, String> environment) {
        return settings(service, environment, Map.of());
    }

    /** The same, with some keys overridden on top (a test's {@code server.port: 0}, say). */
    Config settings(String service, Map<String, String> environment, Map<String, String> overrides) {
        return Config.just(
                ConfigSources.create(overrides),
                ConfigSources.create(TestEnvironment.configKeys(environment)),
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

    /** The environment variable that Helidon maps to a key, as ECS sets it ({@code payments.db.url} → {@code PAYMENTS_DB_URL}). */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "_dash_");
    }

    static Duration duration(Config config, String key) {
        return config.get(key).as(Duration.class).orElseThrow(() -> new AssertionError(key + " is not set"));
    }
}
