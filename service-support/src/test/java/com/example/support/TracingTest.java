package com.example.support;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server and client spans of {@link Tracing} on a real server, recorded by the SDK's in-memory
 * exporter: W3C propagation in and out, the semantic-convention attributes, the trace id in problems,
 * the access log and the logging MDC, and no span for the observability endpoints.
 */
class TracingTest {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final List<LogRecord> ACCESS_LOG = new CopyOnWriteArrayList<>();
    private static final Logger ACCESS_LOGGER = Logger.getLogger("io.helidon.webserver.AccessLog");
    private static final Handler ACCESS_LOG_CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ACCESS_LOG.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private static Tracing tracing;
    private static WebServer server;
    private static WebClient http;

    @BeforeAll
    static void startServer() {
        tracing = Tracing.of(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build());
        ACCESS_LOGGER.addHandler(ACCESS_LOG_CAPTURE);
        server = ServiceServer.configure(WebServer.builder(), Config.empty())
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> ServiceServer.routing(
                        routing,
                        tracing,
                        api -> api.get(
                                        "/things/{id}",
                                        (req, res) -> res.send(HelidonMdc.get(TracingFilter.MDC_TRACE_ID)
                                                        .orElse("-") + " "
                                                + HelidonMdc.get(TracingFilter.MDC_SPAN_ID)
                                                        .orElse("-")))
                                .get("/failing", (req, res) -> {
                                    throw new ProblemException(
                                            Problem.of(Status.SERVICE_UNAVAILABLE_503, "down"), null, null);
                                })
                                .get("/outer", (req, res) -> {
                                    try (var inner = client().get("/things/7").request()) {
                                        res.send(String.valueOf(inner.status().code()));
                                    }
                                })))
                .build()
                .start();
        http = WebClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
        ACCESS_LOGGER.removeHandler(ACCESS_LOG_CAPTURE);
    }

    @BeforeEach
    void forgetSpans() {
        SPANS.reset();
        ACCESS_LOG.clear();
    }

    private static WebClient client() {
        return WebClient.builder()
                .baseUri("http://127.0.0.1:" + server.port())
                .addService(tracing.clientSpans())
                .build();
    }

    @Test
    void continuesTheCallersTraceWithAServerSpanNamedByItsRoute() {
        String body = http.get("/things/42")
                .header(HeaderNames.create("traceparent"), TRACEPARENT)
                .requestEntity(String.class);

        SpanData span = single(spans(1));
        assertThat(span.getKind(), is(SpanKind.SERVER));
        assertThat(span.getTraceId(), is(CALLER_TRACE));
        assertThat(span.getParentSpanId(), is(CALLER_SPAN));
        assertThat(span.getName(), is("GET /things/{id}"));
        assertThat(span.getAttributes().get(ROUTE), is("/things/{id}"));
        assertThat(span.getAttributes().get(STATUS), is(200L));
        assertThat(span.getAttributes().get(METHOD), is("GET"));
        assertThat(span.getAttributes().get(PEER_ADDRESS), is("127.0.0.1"));
        assertThat(span.getStatus().getStatusCode(), is(StatusCode.UNSET));
        assertThat("the MDC while handling", body, is(CALLER_TRACE + " " + span.getSpanId()));
    }

    @Test
    void writesTheTraceAndSpanIdIntoTheAccessLog() {
        http.get("/things/1").request(String.class).close();

        SpanData span = single(spans(1));
        String line = await("an access log line")
                .atMost(Duration.ofSeconds(5))
                .until(() -> ACCESS_LOG, hasSize(greaterThanOrEqualTo(1)))
                .getFirst()
                .getMessage();
        assertThat(line, containsString(" trace_id=" + span.getTraceId() + " span_id=" + span.getSpanId() + " "));
    }

    @Test
    void startsANewTraceWithoutTraceparent() {
        http.get("/things/1").request(String.class).close();

        SpanData span = single(spans(1));
        assertThat(span.getTraceId(), span.getTraceId().matches("[0-9a-f]{32}"), is(true));
        assertThat(span.getParentSpanContext().isValid(), is(false));
    }

    @Test
    void putsTheTraceIdInTheProblemAndMarksTheSpanFailed() {
        ClientResponseTyped<String> response = http.get("/failing")
                .header(HeaderNames.create("traceparent"), TRACEPARENT)
                .request(String.class);

        JsonNode problem = parse(response.entity());
        assertThat(response.status().code(), is(503));
        assertThat(problem.path("traceId").asText(), is(CALLER_TRACE));
        SpanData span = single(spans(1));
        assertThat(span.getAttributes().get(STATUS), is(503L));
        assertThat(span.getStatus().getStatusCode(), is(StatusCode.ERROR));
    }

    @Test
    void putsTheTraceIdInTheProblemOfAPathWithNoRoute() {
        JsonNode problem = parse(http.get("/nothing").request(String.class).entity());

        SpanData span = single(spans(1));
        assertThat(problem.path("status").asInt(), is(404));
        assertThat(problem.path("traceId").asText(), is(span.getTraceId()));
        assertThat(span.getAttributes().get(STATUS), is(404L));
    }

    @Test
    void makesAClientSpanBetweenTheTwoServerSpansAndSendsTraceparent() {
        http.get("/outer").request(String.class).close();

        List<SpanData> spans = spans(3);
        SpanData outer = byName(spans, "GET /outer");
        SpanData call = byName(spans, "GET");
        SpanData inner = byName(spans, "GET /things/{id}");
        assertThat(call.getKind(), is(SpanKind.CLIENT));
        assertThat(call.getParentSpanId(), is(outer.getSpanId()));
        assertThat(inner.getParentSpanId(), is(call.getSpanId()));
        assertThat(inner.getTraceId(), is(outer.getTraceId()));
        assertThat(call.getAttributes().get(SERVER_ADDRESS), is("127.0.0.1"));
        assertThat(call.getAttributes().get(SERVER_PORT), is((long) server.port()));
        assertThat(call.getAttributes().get(STATUS), is(200L));
        assertThat(
                call.getAttributes().get(AttributeKey.stringKey("url.full")),
                is("http://127.0.0.1:" + server.port() + "/things/7"));
    }

    @Test
    void doesNotTraceTheObservabilityEndpoints() throws InterruptedException {
        assertThat(http.get("/observe/health").request(String.class).status().code(), is(204));
        assertThat(http.get("/observe/metrics").request(String.class).status().code(), is(200));
        http.get("/things/1").request(String.class).close();

        // The last request's span proves the exporter is live; it is the only one.
        assertThat(single(spans(1)).getName(), is("GET /things/{id}"));
        Thread.sleep(200);
        assertThat(SPANS.getFinishedSpanItems(), hasSize(1));
    }

    @Test
    void exportsNothingUnlessAnExporterOrAnEndpointIsSet() {
        Map<String, String> none = Tracing.defaults("payments", property -> Optional.empty());
        assertThat(none.get("otel.traces.exporter"), is("none"));
        assertThat(none.get("otel.metrics.exporter"), is("none"));
        assertThat(none.get("otel.logs.exporter"), is("none"));
        assertThat(none.get("otel.service.name"), is("payments"));

        Map<String, String> endpoint = Tracing.defaults(
                "payments",
                property -> property.equals("otel.exporter.otlp.endpoint")
                        ? Optional.of("http://localhost:4318")
                        : Optional.empty());
        assertThat(endpoint.get("otel.traces.exporter"), is("otlp"));
        assertThat(endpoint.get("otel.exporter.otlp.protocol"), is("http/protobuf"));
    }

    @Test
    void tracesWithTheDefaultsOfAnEmptyEnvironment() {
        Tracing defaults = Tracing.fromEnvironment("products");
        var span = defaults.openTelemetry().getTracer("test").spanBuilder("s").startSpan();
        assertThat(defaults.openTelemetry().toString(), span.getSpanContext().isValid(), is(true));
        span.end();
    }

    private static List<SpanData> spans(int count) {
        return await("%d finished spans".formatted(count))
                .atMost(Duration.ofSeconds(5))
                .until(SPANS::getFinishedSpanItems, hasSize(greaterThanOrEqualTo(count)));
    }

    private static SpanData single(List<SpanData> spans) {
        assertThat(spans.toString(), spans, hasSize(1));
        return spans.getFirst();
    }

    private static SpanData byName(List<SpanData> spans, String name) {
        return spans.stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No span " + name + " in " + spans));
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }
}
