/**
 * The checks that keep the API contracts honest, as plain library code: the build runs them as
 * tests, and the proof tests run the very same code on deliberately broken copies of the artefacts.
 *
 * <ul>
 *     <li>{@link com.example.contracts.PactConformance}: every interaction of a pact is allowed by the provider's spec;</li>
 *     <li>{@link com.example.contracts.SpecCompatibility}: a spec does not break its released baseline.</li>
 * </ul>
 * Provider verification is Pact-JVM's own, run by the provider's tests; the contract lock (the pact
 * the consumer tests write is the committed one) is git's, run by {@code scripts/contract-lock.sh}.
 */
package com.example.contracts;
