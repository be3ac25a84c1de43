package com.example.deployment;

import java.util.List;

/**
 * payments' provider-state endpoint ({@code PAYMENTS_PACT_STATES=true}, which deletes every payment
 * on request) is off in ECS: its task definition over its application.yaml leaves it off. (That the
 * image's own settings leave it off is PactStatesImageTest's.)
 */
final class PactStatesCrossChecks {

    static final String KEY = "payments.pact.states";

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
}
