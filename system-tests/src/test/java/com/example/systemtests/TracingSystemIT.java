package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.example.systemtests.OtlpReceiver.Span;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole system (products, the ALB stand-in, two payments, PostgreSQL) exporting OTLP to a
 * collector the test owns: one call to products, in its caller's trace, is one trace of products' server
 * span, its client span to payments, payments' server span and the spans of payments' statements, each
 * the child of the one before, across both services; the trace id is in both services' access logs.
 * That a call without {@code traceparent} starts a trace and that the health checks make no span are
 * TracingTest's, the statements' attributes PaymentsApiIT's.
 */
class TracingSystemIT {

    /** The test's own trace and span, as a caller's {@code traceparent} names them. */
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String CALLER = "00f067aa0ba902b7";

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
                // A first call warms both JVMs up; the second, in a trace of the test's own, is the one checked.
                assertThat(system.client().listPaymentsStatus(), is(200));
                var call = WebClient.create()
                        .get(system.products().baseUri() + "/api/1.0/payments")
                        .header(HeaderNames.AUTHORIZATION, SystemIssuer.bearer())
                        .header(HeaderNames.create("traceparent"), "00-" + TRACE + "-" + CALLER + "-01")
                        .request(String.class);
                assertThat(call.entity(), call.status().code(), is(200));

                List<Span> trace = new ArrayList<>();
                Poll.until("the call's four kinds of span at the collector", Duration.ofSeconds(30), () -> {
                    trace.clear();
                    collector.spans().stream()
                            .filter(span -> span.traceId().equals(TRACE))
                            .forEach(trace::add);
                    // Products' server and client spans, payments' server span and its statements (its client
                    // spans): each service exports in batches of its own, so the statements may come first.
                    return trace.stream()
                                    .map(span -> span.service() + " " + span.kind())
                                    .distinct()
                                    .count()
                            == 4;
                });
                String lines = trace.stream().map(Span::toString).collect(Collectors.joining("\n"));
                Figures.print("trace", "\n" + lines);

                // One span of each HTTP hop, each the child of the one before; the statements under payments'.
                assertThat(
                        lines,
                        trace.stream()
                                .map(span -> shape(span, trace))
                                .distinct()
                                .sorted()
                                .toList(),
                        is(List.of(
                                "payments CLIENT postgresql <- payments SERVER",
                                "payments SERVER /metaapi/1.0/payments 200 <- products CLIENT",
                                "products CLIENT 127.0.0.1:" + system.alb().port() + " 200 <- products SERVER",
                                "products SERVER /api/1.0/payments 200 <- (the caller)")));
                assertThat(
                        lines, trace.stream().filter(span -> !isStatement(span)).count(), is(3L));
                Span paymentsServer = trace.stream()
                        .filter(span -> shape(span, trace).startsWith("payments SERVER"))
                        .findFirst()
                        .orElseThrow();
                String traceId = paymentsServer.traceId();
                assertThat(Files.readString(system.products().log()), containsString("trace_id=" + traceId));
                assertThat(
                        Files.readString(system.payments(0).log())
                                + Files.readString(system.payments(1).log()),
                        containsString("trace_id=" + traceId + " span_id=" + paymentsServer.spanId()));
            }
        }
    }

    private static boolean isStatement(Span span) {
        return span.attributes().containsKey("db.system");
    }

    /** A span as the trace's shape shows it: service, kind, what it is, its status and its parent. */
    private static String shape(Span span, List<Span> trace) {
        Map<String, String> attributes = span.attributes();
        String what = isStatement(span)
                ? attributes.get("db.system")
                : attributes.getOrDefault(
                                "http.route", attributes.get("server.address") + ":" + attributes.get("server.port"))
                        + " " + attributes.get("http.response.status_code");
        String parent = trace.stream()
                .filter(candidate -> candidate.spanId().equals(span.parentId()))
                .map(candidate -> candidate.service() + " " + candidate.kind())
                .findFirst()
                .orElse(span.parentId().equals(CALLER) ? "(the caller)" : "(not in the trace)");
        return span.service() + " " + span.kind() + " " + what + " <- " + parent;
    }
}
