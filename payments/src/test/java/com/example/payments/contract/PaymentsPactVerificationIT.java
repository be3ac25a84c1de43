package com.example.payments.contract;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;

/**
 * Provider verification: payments honours every interaction of every pact in {@code contracts/}
 * whose provider is payments. Any mismatch fails the build and names the interaction and the field.
 */
@Provider("payments")
@PactFolder("${contracts.dir:../contracts}")
class PaymentsPactVerificationIT extends PaymentsProviderVerification {}
