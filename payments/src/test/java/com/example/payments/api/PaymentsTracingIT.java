package com.example.payments.api;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.payments.Main;
import com.example.payments.store.TestDatabases;
import com.example.support.Json;
import com.example.support.Tracing;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * payments started by {@link Main#start} over a real PostgreSQL with an in-memory exporter: a request
 * is a server span that continues the caller's trace, and each statement of the ledger is a child
 * span made by OpenTelemetry's JDBC instrumentation.
 */
class PaymentsTracingIT {

    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-b7ad6b7169203331-01";

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static WebServer server;
    private static WebClient http;

    @BeforeAll
    static void startServer() {
        Tracing tracing = Tracing.of(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build());
        server = Main.start(TestDatabases.config(TestDatabases.fresh(), Map.of()), tracing);
        http = WebClient.builder().baseUri("http://localhost:" + server.port()).build();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void makesASpanForEachStatementUnderTheServerSpan() throws IOException {
        SPANS.reset();
        String body = http.get("/metaapi/1.0/payments/pay_missing")
                .header(HeaderNames.create("traceparent"), TRACEPARENT)
                .request(String.class)
                .entity();

        SpanData server = awaitSpan(SpanKind.SERVER);
        assertThat(server.getTraceId(), is(CALLER_TRACE));
        assertThat(
                server.getAttributes().get(AttributeKey.stringKey("http.route")),
                is("/metaapi/1.0/payments/{paymentId}"));
        assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")), is(404L));
        assertThat(Json.mapper().readTree(body).path("traceId").asText(), is(CALLER_TRACE));
        List<SpanData> statements = SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT)
                .toList();
        assertThat(SPANS.getFinishedSpanItems().toString(), statements, not(empty()));
        assertThat(
                SPANS.getFinishedSpanItems().stream()
                        .map(span -> span.getKind() + " " + span.getName() + " " + span.getSpanId() + " <- "
                                + span.getParentSpanId())
                        .toList()
                        .toString(),
                statements.stream().map(SpanData::getParentSpanId).toList(),
                everyItem(is(server.getSpanId())));
        assertThat(
                statements.stream()
                        .map(span -> span.getAttributes().get(AttributeKey.stringKey("db.system")))
                        .toList(),
                everyItem(is("postgresql")));
    }

    private static SpanData awaitSpan(SpanKind kind) {
        return await("a " + kind + " span")
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> SPANS.getFinishedSpanItems().stream()
                                .filter(span -> span.getKind() == kind)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
