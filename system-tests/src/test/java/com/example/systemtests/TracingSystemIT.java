package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.systemtests.OtlpReceiver.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole system (products, the ALB stand-in, two payments, PostgreSQL) exporting OTLP to a
 * collector the test owns: one call to products is one trace of products' server span, its client
 * span to payments, payments' server span and the spans of payments' statements, each the child of
 * the one before, across both services; the health checks of the stand-in make no span; the trace id
 * is in both services' access logs.
 */
class TracingSystemIT {

    @Test
    void oneCallToProductsIsOneTraceAcrossBothServicesAndTheDatabase() throws IOException {
        try (OtlpReceiver collector = OtlpReceiver.start()) {
            Map<String, String> telemetry = Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    collector.endpoint(),
                    // Export within 0.2 s of a span's end rather than the SDK's 5 s.
                    "OTEL_BSP_SCHEDULE_DELAY",
                    "200");
            Map<String, String> products = new HashMap<>(LocalSystem.UNHURRIED);
            products.putAll(telemetry);
            Map<String, String> payments = new HashMap<>(SystemDatabase.freshEnvironment());
            payments.putAll(telemetry);
            try (LocalSystem<ServiceProcess> system = LocalSystem.start("tracing", products, payments)) {
                // A first call warms both JVMs up; the second is the one whose trace is checked and reported.
                assertThat(system.client().listPaymentsStatus(), is(200));
                Set<String> earlier = new HashSet<>();
                Poll.until("the first call's spans", Duration.ofSeconds(30), () -> {
                    earlier.clear();
                    collector.spans().forEach(span -> earlier.add(span.traceId()));
                    return collector.spans().size() >= 4;
                });
                assertThat(system.client().listPaymentsStatus(), is(200));

                List<Span> trace = new ArrayList<>();
                Poll.until("the call's four kinds of span at the collector", Duration.ofSeconds(30), () -> {
                    trace.clear();
                    trace.addAll(traceOfTheCall(collector.spans(), earlier));
                    // Products' server and client spans, payments' server span and its statements (its client
                    // spans): each service exports in batches of its own, so the statements may come first.
                    return trace.stream()
                                    .map(span -> span.service() + " " + span.kind())
                                    .distinct()
                                    .count()
                            == 4;
                });
                Figures.print("trace", "\n" + OtlpReceiver.lines(trace));

                Span productsServer = only(trace, "products", "SERVER");
                Span productsClient = only(trace, "products", "CLIENT");
                Span paymentsServer = only(trace, "payments", "SERVER");
                List<Span> statements = trace.stream()
                        .filter(span ->
                                span.service().equals("payments") && span.kind().equals("CLIENT"))
                        .toList();
                assertThat(productsServer.parentId(), is(""));
                assertThat(productsServer.attribute("http.route"), is("/api/1.0/payments"));
                assertThat(productsServer.attribute("http.response.status_code"), is("200"));
                assertThat(productsClient.parentId(), is(productsServer.spanId()));
                assertThat(productsClient.attribute("server.address"), is("127.0.0.1"));
                assertThat(
                        productsClient.attribute("server.port"),
                        is(String.valueOf(system.alb().port())));
                assertThat(productsClient.attribute("http.response.status_code"), is("200"));
                assertThat(paymentsServer.parentId(), is(productsClient.spanId()));
                assertThat(paymentsServer.attribute("http.route"), is("/metaapi/1.0/payments"));
                assertThat(statements, not(empty()));
                for (Span statement : statements) {
                    assertThat(statement.toString(), statement.parentId(), is(paymentsServer.spanId()));
                    assertThat(statement.toString(), statement.attribute("db.system"), is("postgresql"));
                }
                assertThat(
                        "no span for the stand-in's health checks",
                        collector.spans().stream()
                                .filter(span -> span.attribute("url.path").startsWith("/observe"))
                                .toList(),
                        is(empty()));
                String traceId = productsServer.traceId();
                assertThat(Files.readString(system.products().log()), containsString("trace_id=" + traceId));
                assertThat(
                        Files.readString(system.payments(0).log())
                                + Files.readString(system.payments(1).log()),
                        containsString("trace_id=" + traceId + " span_id=" + paymentsServer.spanId()));
            }
        }
    }

    /** The spans of the trace whose root is products' server span of the call (not of an earlier one). */
    private static List<Span> traceOfTheCall(List<Span> spans, Set<String> earlier) {
        Optional<Span> root = spans.stream()
                .filter(span -> span.service().equals("products") && span.kind().equals("SERVER"))
                .filter(span -> !earlier.contains(span.traceId()))
                .findFirst();
        return root.map(r -> spans.stream()
                        .filter(span -> span.traceId().equals(r.traceId()))
                        .toList())
                .orElse(List.of());
    }

    private static Span only(List<Span> trace, String service, String kind) {
        List<Span> matching = trace.stream()
                .filter(span -> span.service().equals(service) && span.kind().equals(kind))
                .toList();
        assertThat(OtlpReceiver.lines(trace), matching.size(), is(1));
        return matching.getFirst();
    }
}
