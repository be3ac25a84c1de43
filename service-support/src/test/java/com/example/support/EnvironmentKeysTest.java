package com.example.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EnvironmentKeys} maps an environment given as a map as Helidon maps the real one. The build
 * sets the {@code TEST_ENVIRONMENT_*} variables of this module's tests (pom.xml); each key is read once
 * from Helidon's own environment source and once from {@link EnvironmentKeys} over the same variables.
 */
class EnvironmentKeysTest {

    private static final List<String> VARIABLES =
            List.of("TEST_ENVIRONMENT_PLAIN_NAME", "TEST_ENVIRONMENT_DASHED_dash_NAME", "TEST_ENVIRONMENT_X__Y");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "test.environment.plain.name",
                "TEST_ENVIRONMENT_PLAIN_NAME",
                "test.environment.dashed-name",
                "TEST_ENVIRONMENT_X__Y"
            })
    void readsEachKeyAsHelidonReadsTheRealEnvironment(String key) {
        Config real = Config.builder()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.environmentVariables())
                .build();
        Map<String, String> variables = new HashMap<>();
        VARIABLES.forEach(name -> variables.put(name, System.getenv(name)));
        Config madeUp = Config.just(ConfigSources.create(EnvironmentKeys.of(variables)));

        assertEquals(real.get(key).asString().get(), madeUp.get(key).asString().get(), key);
    }
}
