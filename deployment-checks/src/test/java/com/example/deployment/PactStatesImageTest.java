package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * payments' image can never serve the provider-state endpoint: its build settings (the Jib
 * configuration of payments' pom and the parent pom, and the JVM options file) leave
 * {@code payments.pact.states} unset, and each way of setting it is reported (mutation proofs).
 */
class PactStatesImageTest {

    private static final Path ROOT = RepositoryFiles.root();
    private static final String PARENT = Documents.read(ROOT.resolve("pom.xml"));
    private static final String PAYMENTS = Documents.read(ROOT.resolve("payments/pom.xml"));
    private static final String JVM_OPTIONS = Documents.read(ROOT.resolve("service-support/src/main/jvm/jvm.options"));
    private static final String JIB_CONTAINER = "<user>10001:10001</user>";
    private static final Pattern JIB_PLUGIN =
            Pattern.compile("<artifactId>jib-maven-plugin</artifactId>(.*?)</plugin>", Pattern.DOTALL);
    private static final Pattern JIB_ENVIRONMENT = Pattern.compile("<environment>(.*?)</environment>", Pattern.DOTALL);
    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z0-9_.-]+)>\\s*([^<]*?)\\s*</\\1>");
    private static final Pattern JVM_FLAG = Pattern.compile("<jvmFlag>\\s*([^<]*?)\\s*</jvmFlag>");
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("^-D([^=\\s]+)=(\\S*)$");

    @Test
    void holdsForTheRepository() {
        assertThat(
                providerStatesAreOffInTheImage(Map.of("pom.xml", PARENT, "payments/pom.xml", PAYMENTS), JVM_OPTIONS),
                is(empty()));
    }

    static List<Arguments> mutations() {
        return List.of(
                Arguments.of(
                        "payments' image sets the environment variable",
                        PAYMENTS.replace(
                                JIB_CONTAINER,
                                JIB_CONTAINER
                                        + "<environment><PAYMENTS_PACT_STATES>true</PAYMENTS_PACT_STATES></environment>"),
                        JVM_OPTIONS,
                        "payments/pom.xml (jib <environment>) sets PAYMENTS_PACT_STATES=true"),
                Arguments.of(
                        "payments' image passes the system property",
                        PAYMENTS.replace(
                                JIB_CONTAINER,
                                JIB_CONTAINER + "<jvmFlags><jvmFlag>-Dpayments.pact.states=true</jvmFlag></jvmFlags>"),
                        JVM_OPTIONS,
                        "payments/pom.xml (jib <jvmFlag>) sets payments.pact.states=true"),
                Arguments.of(
                        "the JVM options file sets the system property",
                        PAYMENTS,
                        JVM_OPTIONS + "\n-Dpayments.pact.states=yes\n",
                        "jvm.options sets payments.pact.states=yes"));
    }

    @ParameterizedTest(name = "fails when {0}")
    @MethodSource("mutations")
    void reportsEachWayOfTurningItOn(String change, String paymentsPom, String jvmOptions, String reported) {
        if (paymentsPom.equals(PAYMENTS) && jvmOptions.equals(JVM_OPTIONS)) {
            throw new IllegalArgumentException("the mutation changed nothing: " + change);
        }
        assertThat(
                providerStatesAreOffInTheImage(Map.of("pom.xml", PARENT, "payments/pom.xml", paymentsPom), jvmOptions),
                contains(containsString(reported)));
    }

    /**
     * The image's own settings leave the provider-state endpoint off: no environment variable or
     * system property of the image sets {@code payments.pact.states} to anything but false.
     *
     * @param poms       the poms whose jib-maven-plugin configuration builds payments' image, by name
     * @param jvmOptions the JVM options file the image starts with
     */
    private static List<String> providerStatesAreOffInTheImage(Map<String, String> poms, String jvmOptions) {
        List<String> violations = new ArrayList<>();
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
                        .forEach((key, value) -> check("jvm.options", key, value, violations)));
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
        boolean names = name.equals(PactStatesCrossChecks.KEY)
                || name.equals(EnvironmentKeys.variable(PactStatesCrossChecks.KEY));
        if (names && !value.equalsIgnoreCase("false")) {
            violations.add(
                    where + " sets " + name + "=" + value + ": the image would serve the provider-state endpoint");
        }
    }
}
