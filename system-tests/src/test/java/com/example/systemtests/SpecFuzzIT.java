package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import com.example.support.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A fuzzer driven by the specs: for every parameter, header and body field of every operation of
 * {@code payments.yaml} and {@code products.yaml}, jqwik generates hostile values from the field's
 * schema ({@link HostileValue}) and sends each in an otherwise valid request to the running services,
 * payments over its real PostgreSQL and products in front of it. Every answer must come within the
 * timeout, be no 5xx, and, when it is a 4xx, be a problem document. A failure is shrunk to the
 * simplest request that shows it.
 */
class SpecFuzzIT {

    /** Requests per service; each is one jqwik try. */
    private static final int TRIES = 1_500;
    /** Far above any answer the services give (products' slowest is two 2 s reads): longer is a hang. */
    private static final Duration HANG = Duration.ofSeconds(10);

    private static final Map<String, Map<Integer, Integer>> STATUSES = new ConcurrentHashMap<>();
    private static InProcessServices services;

    @BeforeContainer
    static void startServices() {
        services = InProcessServices.start("spec-fuzz", Map.of("PAYMENTS_STORE_SAMPLE_DATA", "true"));
    }

    @AfterContainer
    static void stopServices() {
        STATUSES.forEach((service, statuses) -> Figures.print(
                "spec fuzzer, " + service,
                statuses.values().stream().mapToInt(Integer::intValue).sum() + " requests, statuses " + statuses));
        if (services != null) {
            services.close();
        }
    }

    @Property(tries = TRIES)
    void paymentsAnswersEveryHostileRequestWithinTimeWithAClientErrorProblemAtWorst(
            @ForAll("payments") HostileRequest request) throws IOException {
        check("payments", services.payments().port(), request, null);
    }

    @Property(tries = TRIES)
    void productsAnswersEveryHostileRequestWithinTimeWithAClientErrorProblemAtWorst(
            @ForAll("products") HostileRequest request) throws IOException {
        check("products", services.products().port(), request, SystemIssuer.bearer());
    }

    @Provide
    Arbitrary<HostileRequest> payments() {
        return requests("payments.yaml");
    }

    @Provide
    Arbitrary<HostileRequest> products() {
        return requests("products.yaml");
    }

    private static Arbitrary<HostileRequest> requests(String spec) {
        List<SpecOperation> operations = SpecOperation.read(Repository.file("api-specs/" + spec));
        return Arbitraries.of(operations.stream()
                        .flatMap(operation -> operation.fields().stream().map(field -> Map.entry(operation, field)))
                        .toList())
                .flatMap(target -> HostileValue.of(target.getValue())
                        .map(value -> new HostileRequest(target.getKey(), target.getValue(), value)));
    }

    private static void check(String service, int port, HostileRequest request, String authorization)
            throws IOException {
        RawHttp.Answer answer = RawHttp.send(port, request.bytes(authorization), HANG);
        STATUSES.computeIfAbsent(service, s -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
        String shown = service + ": " + request + " -> " + answer.status() + " " + answer.contentType() + " "
                + answer.body() + " (the services' log: " + services.logs().path() + ")";
        assertThat("answered within " + HANG + ": " + shown, answer.hung(), is(false));
        assertThat(shown, answer.status(), lessThan(500));
        if (answer.status() >= 400) {
            assertThat(shown, answer.contentType(), startsWith("application/problem+json"));
            assertThat(
                    shown, Json.mapper().readTree(answer.body()).path("status").asInt(), is(answer.status()));
        }
    }
}
