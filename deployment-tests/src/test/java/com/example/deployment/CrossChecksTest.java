package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * The deployment files agree with the application, as read from the repository. Each invariant is
 * shown to fail when broken in {@link CrossChecksMutationTest}; the health-check path and status,
 * which need the real payments server, are in {@link PaymentsHealthCheckIT}.
 */
class CrossChecksTest {

    private final Deployment deployment = Deployment.fromRepository();
    private final Application application = Application.fromRepository();

    @Test
    void containerPortIsTheServerPort() {
        assertThat(CrossChecks.containerPortIsTheServerPort(deployment, application), is(empty()));
    }

    @Test
    void productsTaskSetsEveryPaymentsSetting() {
        assertThat(CrossChecks.productsTaskSetsEveryPaymentsSetting(deployment, application), is(empty()));
    }

    @Test
    void productsCallPaymentsThroughThePrivateNameAndTheListenerPort() {
        assertThat(
                CrossChecks.productsCallPaymentsThroughThePrivateNameAndTheListenerPort(deployment, application),
                is(empty()));
    }

    @Test
    void readTimeoutIsBelowAlbIdleTimeoutWhichIsBelowPaymentsKeepAlive() {
        assertThat(
                CrossChecks.readTimeoutIsBelowAlbIdleTimeoutWhichIsBelowPaymentsKeepAlive(deployment, application),
                is(empty()));
    }

    @Test
    void deregistrationDelayIsBelowStopTimeout() {
        assertThat(CrossChecks.deregistrationDelayIsBelowStopTimeout(deployment), is(empty()));
    }

    @Test
    void shutdownGracePeriodIsBelowStopTimeout() {
        assertThat(CrossChecks.shutdownGracePeriodIsBelowStopTimeout(deployment, application), is(empty()));
    }

    @Test
    void albIsInternal() {
        assertThat(CrossChecks.albIsInternal(deployment), is(empty()));
    }

    @Test
    void noSecurityGroupRuleIsOpenToTheWorld() {
        assertThat(CrossChecks.noSecurityGroupRuleIsOpenToTheWorld(deployment), is(empty()));
    }

    @Test
    void securityGroupsChainProductsToAlbToPayments() {
        assertThat(CrossChecks.securityGroupsChainProductsToAlbToPayments(deployment), is(empty()));
    }

    @Test
    void paymentsServiceRegistersTheContainerPortWithTheListenersTargetGroup() {
        assertThat(
                CrossChecks.paymentsServiceRegistersTheContainerPortWithTheListenersTargetGroup(deployment),
                is(empty()));
    }

    @Test
    void healthCheckGracePeriodCoversTheTimeToHealthy() {
        assertThat(CrossChecks.healthCheckGracePeriodCoversTheTimeToHealthy(deployment), is(empty()));
    }

    @Test
    void logGroupsAreCreatedByTheStack() {
        assertThat(CrossChecks.logGroupsAreCreatedByTheStack(deployment), is(empty()));
    }

    @Test
    void taskUserIsTheImagesNonRootUser() {
        assertThat(CrossChecks.taskUserIsTheImagesNonRootUser(deployment), is(empty()));
    }

    @Test
    void containerHealthCheckProbesTheContainerPort() {
        assertThat(CrossChecks.containerHealthCheckProbesTheContainerPort(deployment), is(empty()));
    }
}
