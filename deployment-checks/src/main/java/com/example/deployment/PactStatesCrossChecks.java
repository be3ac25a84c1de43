package com.example.deployment;

import com.example.support.EnvironmentKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * payments' provider-state endpoint ({@code PAYMENTS_PACT_STATES=true}, which deletes every payment
 * on request) is off wherever payments is deployed: in its application.yaml's default, its task
 * definition, and the image (the Jib {@code <environment>} and {@code <jvmFlags>} of the poms, and the
 * JVM options file every launcher uses).
 */
final class PactStatesCrossChecks {

    static final String KEY = "payments.pact.states";
    static final String JVM_OPTIONS = "service-support/src/main/jvm/jvm.options";

    private static final Pattern JIB_PLUGIN =
            Pattern.compile("<artifactId>jib-maven-plugin</artifactId>(.*?)</plugin>", Pattern.DOTALL);
    private static final Pattern JIB_ENVIRONMENT = Pattern.compile("<environment>(.*?)</environment>", Pattern.DOTALL);
    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z0-9_.-]+)>\\s*([^<]*?)\\s*</\\1>");
    private static final Pattern JVM_FLAG = Pattern.compile("<jvmFlag>\\s*([^<]*?)\\s*</jvmFlag>");
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("^-D([^=\\s]+)=(\\S*)$");

    private PactStatesCrossChecks() {}

    /** payments' task, over its application.yaml, leaves the provider-state endpoint off. */
    static List<String> providerStatesAreOffInEcs(Deployment deployment, Application application) {
        boolean on = CrossChecks.settings(deployment, application, "payments")
                .get(KEY)
                .asBoolean()
                .orElse(false);
        return on
                ? List.of("payments' task turns " + KEY + " on (the provider-state endpoint deletes payments)")
                : List.of();
    }

    /**
     * payments' image leaves the provider-state endpoint off: no environment variable or system property
     * that its Jib configuration (payments' pom, the parent's) or its JVM options file sets turns
     * {@value #KEY} on.
     */
    static List<String> providerStatesAreOffInTheImage(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        Map<String, String> poms = new TreeMap<>(deployment.imageBuild());
        String jvmOptions = poms.remove(JVM_OPTIONS);
        poms.forEach((name, pom) -> {
            Matcher plugin = JIB_PLUGIN.matcher(pom);
            while (plugin.find()) {
                Matcher environment = JIB_ENVIRONMENT.matcher(plugin.group(1));
                while (environment.find()) {
                    Matcher variable = ELEMENT.matcher(environment.group(1));
                    while (variable.find()) {
                        check(name + " (jib <environment>)", variable.group(1), variable.group(2), violations);
                    }
                }
                Matcher flag = JVM_FLAG.matcher(plugin.group(1));
                while (flag.find()) {
                    systemProperties(flag.group(1))
                            .forEach((key, value) -> check(name + " (jib <jvmFlag>)", key, value, violations));
                }
            }
        });
        jvmOptions
                .lines()
                .forEach(line -> systemProperties(line.strip())
                        .forEach((key, value) -> check(JVM_OPTIONS, key, value, violations)));
        return violations;
    }

    private static Map<String, String> systemProperties(String flag) {
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher property = SYSTEM_PROPERTY.matcher(flag);
        if (property.matches()) {
            properties.put(property.group(1), property.group(2));
        }
        return properties;
    }

    private static void check(String where, String name, String value, List<String> violations) {
        boolean names = name.equals(KEY) || name.equals(EnvironmentKeys.variable(KEY));
        if (names && !value.equalsIgnoreCase("false")) {
            violations.add(
                    where + " sets " + name + "=" + value + ": the image would serve the provider-state endpoint");
        }
    }
}
