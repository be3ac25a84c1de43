package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.example.products.payments.CircuitStateMetric;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link Invariant} holds for the deployment files and the application as they are in the
 * repository, and every one is shown to fail when broken ({@link CrossChecksMutationTest}).
 */
class CrossChecksTest {

    private static final Deployment DEPLOYMENT = Deployment.read(RepositoryFiles.root());
    private static final Application APPLICATION = Application.read(RepositoryFiles.root());

    @ParameterizedTest
    @EnumSource(Invariant.class)
    void holdsForTheRepository(Invariant invariant) {
        assertThat(invariant.violations(DEPLOYMENT, APPLICATION), is(empty()));
    }

    @Test
    void circuitAlarmWatchesTheMetricProductsWrites() {
        assertThat(
                TracingCrossChecks.CIRCUIT_METRIC,
                is(new TracingCrossChecks.CircuitMetric(
                        CircuitStateMetric.NAMESPACE,
                        CircuitStateMetric.METRIC,
                        CircuitStateMetric.DIMENSION,
                        CircuitStateMetric.SERVICE)));
    }

    @Test
    void everyInvariantHasAMutationProof() {
        Set<Invariant> proven = CrossChecksMutationTest.mutations()
                .map(Mutation::invariant)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Invariant.class)));

        assertThat(proven, is(EnumSet.allOf(Invariant.class)));
    }
}
