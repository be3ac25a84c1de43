package com.example.support;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClientServiceRequest;
import io.helidon.webclient.api.WebClientServiceResponse;
import io.helidon.webclient.spi.WebClientService;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Distributed tracing with the OpenTelemetry SDK: a server span for every request (except the
 * observability endpoints), a client span for every outbound call, W3C {@code traceparent} read on
 * the way in and written on the way out. The spans carry the HTTP semantic-convention attributes
 * (method, route, status code, server and peer addresses), built by OpenTelemetry's instrumentation
 * API rather than by hand.
 *
 * <p>Configured only by the SDK's standard variables ({@code OTEL_SERVICE_NAME},
 * {@code OTEL_TRACES_EXPORTER}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_SAMPLER},
 * {@code OTEL_TRACES_SAMPLER_ARG}, {@code OTEL_RESOURCE_ATTRIBUTES}, ...). Unlike the SDK's own
 * defaults, nothing is exported unless an exporter or an OTLP endpoint is set: spans are still made,
 * so every log line and problem carries a trace id, but no exporter runs, retries or logs errors.
 * With {@code OTEL_SDK_DISABLED=true} there are no spans and no trace ids at all.
 */
public final class Tracing {

    /** Requests under this path (health, metrics) are not traced: the load balancer calls them constantly. */
    static final String UNTRACED_PATH = "/observe";

    private static final String SCOPE = "com.example.support";

    /** A span processor that does nothing: its presence makes the SDK give spans real ids. */
    private static final SpanProcessor IDS_ONLY = new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {}

        @Override
        public boolean isEndRequired() {
            return false;
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Instrumenter<ServerRequest, ServerResponse> server;
    private final Instrumenter<WebClientServiceRequest, WebClientServiceResponse> client;

    private Tracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        HttpServerSpans serverAttributes = new HttpServerSpans();
        this.server = Instrumenter.<ServerRequest, ServerResponse>builder(
                        openTelemetry, SCOPE, HttpSpanNameExtractor.create(serverAttributes))
                .setSpanStatusExtractor(HttpSpanStatusExtractor.create(serverAttributes))
                .addAttributesExtractor(HttpServerAttributesExtractor.create(serverAttributes))
                .addContextCustomizer(HttpServerRoute.create(serverAttributes))
                .buildServerInstrumenter(new RequestHeaders());
        HttpClientSpans clientAttributes = new HttpClientSpans();
        this.client = Instrumenter.<WebClientServiceRequest, WebClientServiceResponse>builder(
                        openTelemetry, SCOPE, HttpSpanNameExtractor.create(clientAttributes))
                .setSpanStatusExtractor(HttpSpanStatusExtractor.create(clientAttributes))
                .addAttributesExtractor(HttpClientAttributesExtractor.create(clientAttributes))
                .buildClientInstrumenter(
                        (request, name, value) -> request.headers().set(HeaderNames.create(name), value));
    }

    /**
     * Tracing configured from the environment and system properties, as the SDK's autoconfigure
     * module reads them, with this project's defaults for what is not set (see {@link #defaults}).
     * The SDK flushes and stops its exporter at JVM shutdown.
     *
     * @param serviceName the service name, unless {@code OTEL_SERVICE_NAME} says otherwise
     * @return the tracing
     */
    public static Tracing fromEnvironment(String serviceName) {
        Map<String, String> defaults = defaults(serviceName, Tracing::setting);
        return new Tracing(AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                // Without any span processor (no exporter) the SDK makes invalid spans: no trace ids to log.
                .addTracerProviderCustomizer((tracerProvider, config) -> tracerProvider.addSpanProcessor(IDS_ONLY))
                .build()
                .getOpenTelemetrySdk());
    }

    /**
     * Tracing with a given OpenTelemetry (tests give one with an in-memory exporter).
     *
     * @param openTelemetry the OpenTelemetry to trace with
     * @return the tracing
     */
    public static Tracing of(OpenTelemetry openTelemetry) {
        return new Tracing(openTelemetry);
    }

    /**
     * No tracing: no spans, no trace ids.
     *
     * @return tracing that does nothing
     */
    public static Tracing disabled() {
        return new Tracing(OpenTelemetry.noop());
    }

    /**
     * The defaults under the environment: the service name, and no exporter (the SDK's default is
     * OTLP to localhost, which would fail and retry where no collector runs) unless an OTLP endpoint
     * is set, in which case OTLP over HTTP. Metrics and logs are never exported through OpenTelemetry (metrics
     * are served at {@code /observe/metrics}, logs go to standard output).
     *
     * @param serviceName the service name
     * @param setting     reads a property by its system-property name ({@code otel.traces.exporter})
     * @return the default properties
     */
    static Map<String, String> defaults(String serviceName, Function<String, Optional<String>> setting) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", serviceName);
        boolean endpointSet = setting.apply("otel.exporter.otlp.endpoint").isPresent()
                || setting.apply("otel.exporter.otlp.traces.endpoint").isPresent();
        defaults.put("otel.traces.exporter", endpointSet ? "otlp" : "none");
        // OTLP over HTTP (port 4318), which the JDK's HTTP client sends; gRPC would need another sender.
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        return defaults;
    }

    /** A property as the SDK reads it: the system property, else the environment variable. */
    private static Optional<String> setting(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /**
     * The OpenTelemetry the spans are made with, for instrumentation of the service's own
     * dependencies (payments wraps its JDBC pool with it).
     *
     * @return the OpenTelemetry
     */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * A web client service that makes a client span for each outbound call, as a child of the span
     * current on the calling thread, and sends its context as {@code traceparent}.
     *
     * @return the client service
     */
    public WebClientService clientSpans() {
        return this::clientSpan;
    }

    /**
     * The routing filter that makes the server spans.
     *
     * @return the filter
     */
    Filter serverSpans() {
        return new TracingFilter(server);
    }

    private WebClientServiceResponse clientSpan(WebClientService.Chain chain, WebClientServiceRequest request) {
        Context parent = Context.current();
        if (!client.shouldStart(parent, request)) {
            return chain.proceed(request);
        }
        Context context = client.start(parent, request);
        WebClientServiceResponse response;
        try (Scope scope = context.makeCurrent()) {
            response = chain.proceed(request);
        } catch (RuntimeException e) {
            client.end(context, request, null, e);
            throw e;
        }
        // Ends when the status and headers are in: the body is read by the caller, later.
        client.end(context, request, response, null);
        return response;
    }

    /** Reads propagation headers ({@code traceparent}, {@code tracestate}, {@code baggage}) from a request. */
    private static final class RequestHeaders implements TextMapGetter<ServerRequest> {
        @Override
        public Iterable<String> keys(ServerRequest request) {
            return StreamSupport.stream(request.headers().spliterator(), false)
                    .map(header -> header.name())
                    .toList();
        }

        @Override
        public String get(ServerRequest request, String key) {
            return request == null
                    ? null
                    : request.headers().first(HeaderNames.create(key)).orElse(null);
        }
    }
}
