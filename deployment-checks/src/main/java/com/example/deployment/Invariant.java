package com.example.deployment;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every invariant between the deployment documents and the application, as checked by {@link CrossChecks},
 * {@link DatabaseCrossChecks}, {@link PactStatesCrossChecks}, {@link TracingCrossChecks}, {@link
 * ScalingCrossChecks} and {@link EdgeCrossChecks}; {@link DeploymentChecks} runs them all before deploy.sh
 * changes anything. The tests show each holding for the repository and failing on a copy broken on purpose;
 * the health checks, which need the real servers, are a test of their own (HealthCheckIT).
 */
enum Invariant {
    CONTAINER_PORT(CrossChecks::containerPortIsTheServerPort),
    PAYMENTS_SETTINGS(CrossChecks::productsTaskSetsEveryPaymentsSetting),
    BASE_URI(CrossChecks::productsCallPaymentsThroughThePrivateNameAndTheListenerPort),
    TIMEOUTS(CrossChecks::readTimeoutIsBelowAlbIdleTimeoutWhichIsBelowPaymentsKeepAlive),
    DRAINING(CrossChecks::deregistrationDelayIsBelowStopTimeout),
    SHUTDOWN(CrossChecks::shutdownGracePeriodIsBelowStopTimeout),
    ALB_SCHEMES(CrossChecks::paymentsAlbIsInternalAndProductsAlbFacesTheInternet),
    OPEN_TO_THE_WORLD(CrossChecks::onlyThePublicAlbIsOpenToTheWorld),
    PUBLIC_CHAIN(CrossChecks::securityGroupsChainInternetToPublicAlbToProducts),
    INTERNAL_CHAIN(CrossChecks::securityGroupsChainProductsToAlbToPayments),
    TARGET_GROUPS(CrossChecks::servicesRegisterTheContainerPortWithTheirListenersTargetGroup),
    GRACE_PERIOD(CrossChecks::healthCheckGracePeriodCoversTheTimeToHealthy),
    HTTPS(CrossChecks::publicEntryServesHttpsWithAModernPolicyAndRedirectsHttp),
    METRICS_NOT_PUBLIC(CrossChecks::metricsAreNotServedOnThePublicEntry),
    AUTH_SETTINGS(CrossChecks::productsTaskSetsTheAuthSettingsFromCheckedInputs),
    LOG_GROUPS(CrossChecks::logGroupsAreCreatedByTheStack),
    NON_ROOT_USER(CrossChecks::taskUserIsTheImagesNonRootUser),
    CONTAINER_HEALTH_CHECK_PORT(CrossChecks::containerHealthCheckProbesTheContainerPort),
    DATABASE_SETTINGS(DatabaseCrossChecks::paymentsTaskSetsTheDatabaseSettingsPaymentsReads),
    NO_PLAIN_PASSWORD(DatabaseCrossChecks::noPasswordInPlainEnvironment),
    DATABASE_SECRET(DatabaseCrossChecks::credentialsComeFromTheKeysOfTheDatabasesManagedSecret),
    SECRET_READERS(DatabaseCrossChecks::onlyPaymentsExecutionRoleReadsTheDatabaseSecretAndNothingElse),
    DATABASE_ROUTE(DatabaseCrossChecks::databaseUrlAndSecurityGroupsLeadPaymentsToTheDatabase),
    DATABASE_PRIVACY(DatabaseCrossChecks::databaseIsPrivateEncryptedAndSnapshottedOnDelete),
    NO_SAMPLE_DATA(DatabaseCrossChecks::sampleDataIsOffInEcs),
    NO_PACT_STATES(PactStatesCrossChecks::providerStatesAreOffInEcs),
    NO_PACT_STATES_IN_THE_IMAGE(PactStatesCrossChecks::providerStatesAreOffInTheImage),
    TRACE_COLLECTOR(TracingCrossChecks::eachTaskHasTheCollectorSidecar),
    TRACE_ENDPOINT(TracingCrossChecks::servicesExportToTheirCollector),
    TRACE_SAMPLING(TracingCrossChecks::tracesAreSampled),
    TASK_ROLES(TracingCrossChecks::taskRolesMayOnlyWriteTracesToXRay),
    ROLLBACK_ALARMS(TracingCrossChecks::deploymentsRollBackOnTheirAlarms),
    CIRCUIT_ALARM(TracingCrossChecks::circuitBreakerOpenRaisesAnAlarm),
    SCALING_METRIC(ScalingCrossChecks::eachServiceScalesOnItsOwnRequestsPerTarget),
    SCALING_FLOOR(ScalingCrossChecks::paymentsKeepsTwoTasksInTwoZones),
    WEB_ACL(EdgeCrossChecks::webAclGuardsThePublicAlb),
    RATE_LIMIT(EdgeCrossChecks::rateLimitPerCallerAnswersTheSpecsProblem),
    MANAGED_RULES(EdgeCrossChecks::managedRuleGroupsAreInForce);

    private final BiFunction<Deployment, Application, List<String>> check;

    Invariant(BiFunction<Deployment, Application, List<String>> check) {
        this.check = check;
    }

    /** For the invariants within the deployment files alone. */
    Invariant(Function<Deployment, List<String>> check) {
        this((deployment, application) -> check.apply(deployment));
    }

    /** The invariant's violations, as sentences that name what disagrees (empty when it holds). */
    List<String> violations(Deployment deployment, Application application) {
        return check.apply(deployment, application);
    }
}
