package com.example.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An environment given as a map (a task definition's, a test's) as the config keys Helidon reads the
 * process environment under: {@code PAYMENTS_BASE_URI} also as {@code payments.base.uri}, and
 * {@code _dash_} as {@code -}. Helidon 4.5 applies this mapping only to {@code System.getenv}
 * ({@code EnvironmentVariables.expand}, which took a map, is deprecated for removal), so it is written
 * out here; {@code EnvironmentKeysTest} holds it to Helidon's own on variables the build sets. The
 * deployment checks read task definitions with it, and tests build their config with it.
 */
public final class EnvironmentKeys {

    private static final Pattern DASH = Pattern.compile("_dash_|_DASH_");

    private EnvironmentKeys() {}

    /** Each variable under its own name and under the config keys it sets. */
    public static Map<String, String> of(Map<String, String> variables) {
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

    /** The variable that Helidon maps to a key, as ECS sets it ({@code payments.db.url} → {@code PAYMENTS_DB_URL}). */
    public static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "_dash_");
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
