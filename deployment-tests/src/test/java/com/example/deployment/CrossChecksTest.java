package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * The deployment files agree with the application, as read from the repository. Each invariant is
 * shown to fail when broken in {@link CrossChecksMutationTest} and {@link DatabaseCrossChecksTest};
 * the health-check paths and statuses, which need the real servers, are in
 * {@link PaymentsHealthCheckIT} and {@link ProductsHealthCheckIT}.
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
    void paymentsAlbIsInternalAndProductsAlbFacesTheInternet() {
        assertThat(CrossChecks.paymentsAlbIsInternalAndProductsAlbFacesTheInternet(deployment), is(empty()));
    }

    @Test
    void onlyThePublicAlbIsOpenToTheWorld() {
        assertThat(CrossChecks.onlyThePublicAlbIsOpenToTheWorld(deployment), is(empty()));
    }

    @Test
    void securityGroupsChainInternetToPublicAlbToProducts() {
        assertThat(CrossChecks.securityGroupsChainInternetToPublicAlbToProducts(deployment), is(empty()));
    }

    @Test
    void securityGroupsChainProductsToAlbToPayments() {
        assertThat(CrossChecks.securityGroupsChainProductsToAlbToPayments(deployment), is(empty()));
    }

    @Test
    void servicesRegisterTheContainerPortWithTheirListenersTargetGroup() {
        assertThat(CrossChecks.servicesRegisterTheContainerPortWithTheirListenersTargetGroup(deployment), is(empty()));
    }

    @Test
    void healthCheckGracePeriodCoversTheTimeToHealthy() {
        assertThat(CrossChecks.healthCheckGracePeriodCoversTheTimeToHealthy(deployment), is(empty()));
    }

    @Test
    void publicEntryServesHttpsWithAModernPolicyAndRedirectsHttp() {
        assertThat(CrossChecks.publicEntryServesHttpsWithAModernPolicyAndRedirectsHttp(deployment), is(empty()));
    }

    @Test
    void metricsAreNotServedOnThePublicEntry() {
        assertThat(CrossChecks.metricsAreNotServedOnThePublicEntry(deployment, application), is(empty()));
    }

    @Test
    void productsTaskSetsTheAuthSettingsFromCheckedInputs() {
        assertThat(CrossChecks.productsTaskSetsTheAuthSettingsFromCheckedInputs(deployment, application), is(empty()));
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
