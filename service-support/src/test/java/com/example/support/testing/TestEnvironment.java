package com.example.support.testing;

import com.example.support.EnvironmentKeys;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;

/**
 * A made-up process environment, read under the config keys Helidon reads the real one under
 * ({@link EnvironmentKeys}): a test builds its config from these instead of the real environment.
 */
public final class TestEnvironment {

    private TestEnvironment() {}

    /** The variables (as a task definition or a shell sets them) as the only config source. */
    public static Config config(Map<String, String> variables) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(EnvironmentKeys.of(variables)))
                .build();
    }

    /** The module's {@code application.yaml} under the variables, as a service reads it in ECS. */
    public static Config applicationYaml(Map<String, String> variables) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(
                        ConfigSources.create(EnvironmentKeys.of(variables)),
                        ConfigSources.classpath("application.yaml"))
                .build();
    }
}
