package com.example.systemtests;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A collector the test owns: it takes OTLP/HTTP ({@code POST /v1/traces}, protobuf, as the services'
 * OTLP exporter sends it) on a random loopback port and keeps every span it receives.
 */
final class OtlpReceiver implements AutoCloseable {

    /**
     * One received span, flattened.
     *
     * @param service    the {@code service.name} of the resource that sent it
     * @param kind       {@code SERVER}, {@code CLIENT}, ...
     * @param name       the span name
     * @param traceId    hex trace id
     * @param spanId     hex span id
     * @param parentId   hex parent span id, empty for a root span
     * @param durationNs end minus start
     * @param attributes the span's attributes as strings
     */
    record Span(
            String service,
            String kind,
            String name,
            String traceId,
            String spanId,
            String parentId,
            long durationNs,
            Map<String, String> attributes) {

        String attribute(String key) {
            return attributes.getOrDefault(key, "");
        }

        @Override
        public String toString() {
            return "%-8s %-6s %-45s span %s parent %-16s %8.3f ms %s"
                    .formatted(
                            service,
                            kind,
                            name,
                            spanId,
                            parentId.isEmpty() ? "-" : parentId,
                            durationNs / 1e6,
                            attributes);
        }
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the receiver on a random loopback port.
     *
     * @return the running receiver
     */
    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    receiver.add(ExportTraceServiceRequest.parseFrom(body));
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1);
                } catch (IOException | RuntimeException e) {
                    exchange.sendResponseHeaders(400, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes it. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span received so far. */
    List<Span> spans() {
        return List.copyOf(spans);
    }

    private void add(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = strings(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (var span : scope.getSpansList()) {
                    spans.add(new Span(
                            service,
                            span.getKind().name().replace("SPAN_KIND_", ""),
                            span.getName(),
                            hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()),
                            span.getEndTimeUnixNano() - span.getStartTimeUnixNano(),
                            strings(span.getAttributesList())));
                }
            }
        }
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        return attributes.stream()
                .collect(Collectors.toMap(
                        KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> a, java.util.TreeMap::new));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            default -> value.toString().strip();
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** For a report: the spans, one a line. */
    static String lines(List<Span> spans) {
        List<String> lines = new ArrayList<>();
        spans.forEach(span -> lines.add(span.toString()));
        return String.join("\n", lines);
    }
}
