package com.example.payments.contract;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactBroker;
import au.com.dius.pact.provider.junitsupport.loader.PactBrokerAuth;
import au.com.dius.pact.provider.junitsupport.loader.PactBrokerConsumerVersionSelectors;
import au.com.dius.pact.provider.junitsupport.loader.SelectorBuilder;

/**
 * Provider verification against a Pact Broker, run only by the opt-in {@code pact-broker} profile
 * (its name does not end in {@code IT}, so the default build never runs it). It verifies the pacts
 * of every consumer's main branch and of every version deployed or released to an environment;
 * pacts not yet verified by payments' main branch are pending (they cannot fail payments' build),
 * and work-in-progress pacts since {@code pactbroker.includeWipPactsSince} are verified too. The
 * profile also publishes the results, which {@code can-i-deploy} reads.
 *
 * <p>This repository has no broker, so this class is compiled by every build but has never run
 * here; see {@code contracts/README.md}.
 */
@Provider("payments")
@PactBroker(
        url = "${pactbroker.url}",
        authentication = @PactBrokerAuth(token = "${pactbroker.auth.token}"),
        enablePendingPacts = "true",
        providerBranch = "${pactbroker.providerBranch}",
        includeWipPactsSince = "${pactbroker.includeWipPactsSince}")
class PaymentsBrokerPactVerification extends PaymentsProviderVerification {

    @PactBrokerConsumerVersionSelectors
    static SelectorBuilder consumerVersionSelectors() {
        return new SelectorBuilder().mainBranch().deployedOrReleased();
    }
}
