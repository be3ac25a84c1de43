package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    private static final String PARENT = RepositoryFiles.read(ROOT.resolve("pom.xml"));
    private static final String PAYMENTS = RepositoryFiles.read(ROOT.resolve("payments/pom.xml"));
    private static final String JVM_OPTIONS =
            RepositoryFiles.read(ROOT.resolve("service-support/src/main/jvm/jvm.options"));
    private static final String JIB_CONTAINER = "<user>10001:10001</user>";

    @Test
    void holdsForTheRepository() {
        assertThat(
                PactStatesCrossChecks.providerStatesAreOffInTheImage(
                        Map.of("pom.xml", PARENT, "payments/pom.xml", PAYMENTS), JVM_OPTIONS),
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
                PactStatesCrossChecks.providerStatesAreOffInTheImage(
                        Map.of("pom.xml", PARENT, "payments/pom.xml", paymentsPom), jvmOptions),
                contains(containsString(reported)));
    }
}
