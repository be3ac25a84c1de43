package com.example.support;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
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
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    /** The path of each span when it starts: before its request is answered, unlike its export. */
    private static final List<String> STARTED = new CopyOnWriteArrayList<>();

    private static final ByteArrayOutputStream ACCESS_LOG = new ByteArrayOutputStream();
    private static final Logger ACCESS_LOGGER = Logger.getLogger("io.helidon.webserver.AccessLog");
    private static final StreamHandler ACCESS_LOG_CAPTURE = new StreamHandler(ACCESS_LOG, new SimpleFormatter());

    private static Tracing tracing;
    private static WebServer server;
    private static WebClient http;

    @BeforeAll
    static void startServer() {
        tracing = Tracing.of(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                        .addSpanProcessor(new SpanProcessor() {
                            @Override
                            public void onStart(Context parent, ReadWriteSpan span) {
                                STARTED.add(span.getAttribute(AttributeKey.stringKey("url.path")));
                            }

                            @Override
                            public boolean isStartRequired() {
                                return true;
                            }

                            @Override
                            public void onEnd(ReadableSpan span) {}

                            @Override
                            public boolean isEndRequired() {
                                return false;
                            }
                        })
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
        STARTED.clear();
        ACCESS_LOG.reset();
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
    void startsANewTraceWithoutTraceparentAndWritesItsIdsIntoTheAccessLog() {
        http.get("/things/1").request(String.class).close();

        SpanData span = single(spans(1));
        assertThat(span.getTraceId(), span.getTraceId().matches("[0-9a-f]{32}"), is(true));
        assertThat(span.getParentSpanContext().isValid(), is(false));
        await("the access log line")
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> {
                            ACCESS_LOG_CAPTURE.flush();
                            return ACCESS_LOG.toString(StandardCharsets.UTF_8);
                        },
                        containsString(" trace_id=" + span.getTraceId() + " span_id=" + span.getSpanId() + " "));
    }

    @ParameterizedTest
    @CsvSource({"/failing, 503, ERROR", "/nothing, 404, UNSET"})
    void putsTheTraceIdInTheProblemAndMarksTheSpanFailedOn5xxOnly(String path, long status, StatusCode spanStatus)
            throws IOException {
        ClientResponseTyped<String> response = http.get(path)
                .header(HeaderNames.create("traceparent"), TRACEPARENT)
                .request(String.class);

        JsonNode problem = Json.mapper().readTree(response.entity());
        assertThat(problem.path("status").asLong(), is(status));
        assertThat(problem.path("traceId").asText(), is(CALLER_TRACE));
        SpanData span = single(spans(1));
        assertThat(span.getAttributes().get(STATUS), is(status));
        assertThat(span.getStatus().getStatusCode(), is(spanStatus));
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
    void doesNotTraceTheObservabilityEndpoints() {
        assertThat(http.get("/observe/health").request(String.class).status().code(), is(204));
        assertThat(http.get("/observe/metrics").request(String.class).status().code(), is(200));
        http.get("/things/1").request(String.class).close();

        // Each request was answered, so each span it has has started: the last request's only.
        assertThat(STARTED, contains("/things/1"));
    }

    @Test
    void tracesButExportsNothingUnlessAnExporterOrAnEndpointIsSet() {
        Map<String, String> none = Tracing.defaults("payments", property -> Optional.empty());
        assertThat(none.get("otel.traces.exporter"), is("none"));
        assertThat(none.get("otel.metrics.exporter"), is("none"));
        assertThat(none.get("otel.logs.exporter"), is("none"));
        assertThat(none.get("otel.service.name"), is("payments"));
        Tracing defaults = Tracing.fromEnvironment("products");
        var span = defaults.openTelemetry().getTracer("test").spanBuilder("s").startSpan();
        assertThat(defaults.openTelemetry().toString(), span.getSpanContext().isValid(), is(true));
        span.end();

        Map<String, String> endpoint = Tracing.defaults(
                "payments",
                property -> property.equals("otel.exporter.otlp.endpoint")
                        ? Optional.of("http://localhost:4318")
                        : Optional.empty());
        assertThat(endpoint.get("otel.traces.exporter"), is("otlp"));
        assertThat(endpoint.get("otel.exporter.otlp.protocol"), is("http/protobuf"));
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
}
