package com.example.support.testing;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A made-up process environment, as the config keys Helidon reads it under: a test builds its config
 * from these instead of the real environment. Helidon 4.5 looks each key up in {@code System.getenv}
 * (it has no public way to pass another environment; {@code io.helidon.config.EnvironmentVariables},
 * which did this, is deprecated for removal), so the mapping is repeated here, and
 * {@code TestEnvironmentTest} checks it against Helidon's own on variables the build sets.
 */
public final class TestEnvironment {

    private static final Pattern DASH = Pattern.compile("_dash_|_DASH_");

    private TestEnvironment() {}

    /**
     * Each variable under its own name and under the config keys it sets: {@code PAYMENTS_BASE_URI}
     * also as {@code PAYMENTS.BASE.URI} and {@code payments.base.uri}, and {@code _dash_} as {@code -}.
     *
     * @param variables names and values, as a task definition or a shell sets them
     * @return the same values under every key Helidon reads them under
     */
    public static Map<String, String> configKeys(Map<String, String> variables) {
        Map<String, String> keys = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            keys.put(name, value);
            if (aliased(name)) {
                String dotted = DASH.matcher(name).replaceAll("-").replace('_', '.');
                keys.put(dotted, value);
                keys.put(dotted.toLowerCase(Locale.ROOT), value);
            }
        });
        return keys;
    }

    /** The variables (as a task definition or a shell sets them) as the only config source. */
    public static Config config(Map<String, String> variables) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(configKeys(variables)))
                .build();
    }

    /** The module's {@code application.yaml} under the variables, as a service reads it in ECS. */
    public static Config applicationYaml(Map<String, String> variables) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(configKeys(variables)), ConfigSources.classpath("application.yaml"))
                .build();
    }

    /** Helidon's rule: an inner {@code _}, and neither a leading or trailing one nor {@code __}. */
    private static boolean aliased(String name) {
        return name.length() > 2
                && !name.startsWith("_")
                && !name.endsWith("_")
                && name.contains("_")
                && !name.contains("__");
    }
}
