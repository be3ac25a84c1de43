package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code OTEL_TRACES_EXPORTER=zipkin} with {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}, as
 * {@code scripts/run-local.sh} sets them: the SDK's autoconfigure finds the Zipkin exporter on the
 * services' classpath and posts the spans as Zipkin v2 JSON. A JDK HTTP server stands in for Zipkin.
 */
class ZipkinExportTest {

    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private HttpServer zipkin;

    /** A request as it arrived, its body unzipped when it came gzip-encoded (the exporter's default). */
    private record Request(String method, String path, String contentType, byte[] body) {}

    @BeforeEach
    void startZipkinStandIn() throws IOException {
        zipkin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        zipkin.createContext("/", this::accept);
        zipkin.start();
    }

    @AfterEach
    void stopZipkinStandIn() {
        zipkin.stop(0);
    }

    @Test
    void sendsSpansAsZipkinJsonWhenTheZipkinExporterIsChosen() throws Exception {
        String endpoint = "http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans";
        Map<String, String> environment =
                Map.of("otel.traces.exporter", "zipkin", "otel.exporter.zipkin.endpoint", endpoint);
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(
                        () -> Tracing.defaults("products", name -> Optional.ofNullable(environment.get(name))))
                .addPropertiesSupplier(() -> environment)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();

        Span span = sdk.getTracer("test")
                .spanBuilder("GET /api/1.0/payments")
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        span.end();
        sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        sdk.close();

        Request request = received.poll(10, TimeUnit.SECONDS);
        assertThat("a POST reached the Zipkin stand-in", request != null, is(true));
        assertThat(request.method() + " " + request.path(), is("POST /api/v2/spans"));
        assertThat(request.contentType(), is("application/json"));
        JsonNode spans = new ObjectMapper().readTree(request.body());
        assertThat(spans.isArray(), is(true));
        assertThat(spans.valueStream().toList(), hasSize(1));
        JsonNode sent = spans.get(0);
        assertThat(sent.path("traceId").asText(), is(span.getSpanContext().getTraceId()));
        assertThat(sent.path("id").asText(), is(span.getSpanContext().getSpanId()));
        assertThat(sent.path("name").asText(), is("get /api/1.0/payments"));
        assertThat(sent.path("kind").asText(), is("SERVER"));
        assertThat(sent.path("localEndpoint").path("serviceName").asText(), is("products"));
    }

    private void accept(HttpExchange exchange) throws IOException {
        boolean gzipped = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        try (exchange;
                InputStream body =
                        gzipped ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            received.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body.readAllBytes()));
            exchange.sendResponseHeaders(202, -1);
        }
    }
}
