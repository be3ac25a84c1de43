package com.example.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code OTEL_TRACES_EXPORTER=zipkin} with {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}, as
 * {@code scripts/run-local.sh} sets them: the SDK's autoconfigure finds the Zipkin exporter on the
 * services' classpath and posts the spans as Zipkin v2 JSON. WireMock stands in for Zipkin (and
 * unzips the body, which the exporter sends gzip-encoded).
 */
class ZipkinExportTest {

    @RegisterExtension
    static final WireMockExtension zipkin = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    void sendsSpansAsZipkinJsonWhenTheZipkinExporterIsChosen() throws Exception {
        zipkin.stubFor(post("/api/v2/spans").willReturn(aResponse().withStatus(202)));
        Map<String, String> environment = Map.of(
                "otel.traces.exporter", "zipkin", "otel.exporter.zipkin.endpoint", zipkin.baseUrl() + "/api/v2/spans");
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

        List<LoggedRequest> posted = await("a POST to the Zipkin stand-in")
                .atMost(Duration.ofSeconds(10))
                .until(() -> zipkin.findAll(postRequestedFor(urlEqualTo("/api/v2/spans"))), hasSize(1));
        assertThat(posted.getFirst().getHeader("Content-Type"), is("application/json"));
        JsonNode spans = new ObjectMapper().readTree(posted.getFirst().getBodyAsString());
        assertThat(spans.isArray(), is(true));
        assertThat(spans.valueStream().toList(), hasSize(1));
        JsonNode sent = spans.get(0);
        assertThat(sent.path("traceId").asText(), is(span.getSpanContext().getTraceId()));
        assertThat(sent.path("id").asText(), is(span.getSpanContext().getSpanId()));
        assertThat(sent.path("name").asText(), is("get /api/1.0/payments"));
        assertThat(sent.path("kind").asText(), is("SERVER"));
        assertThat(sent.path("localEndpoint").path("serviceName").asText(), is("products"));
    }
}
