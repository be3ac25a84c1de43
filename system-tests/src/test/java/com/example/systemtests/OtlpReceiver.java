package com.example.systemtests;

import com.google.protobuf.ByteString;
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
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A collector the test owns: it takes OTLP/HTTP ({@code POST /v1/traces}, protobuf, as the services'
 * OTLP exporter sends it) on a random loopback port and keeps every span it receives.
 */
final class OtlpReceiver implements AutoCloseable {

    /**
     * One received span.
     *
     * @param service the {@code service.name} of the resource that sent it
     * @param proto   the span as exported
     */
    record Span(String service, io.opentelemetry.proto.trace.v1.Span proto) {

        /** {@code SERVER}, {@code CLIENT}, ... */
        String kind() {
            return proto.getKind().name().replace("SPAN_KIND_", "");
        }

        String traceId() {
            return hex(proto.getTraceId());
        }

        String spanId() {
            return hex(proto.getSpanId());
        }

        /** Empty for a root span. */
        String parentId() {
            return hex(proto.getParentSpanId());
        }

        /** An attribute's value as text, empty when the span has none. */
        String attribute(String key) {
            return text(proto.getAttributesList(), key);
        }

        @Override
        public String toString() {
            return service + " " + kind() + " " + proto.getName() + " span " + spanId() + " parent "
                    + (parentId().isEmpty() ? "-" : parentId()) + " "
                    + (proto.getEndTimeUnixNano() - proto.getStartTimeUnixNano()) / 1_000 + " us "
                    + proto.getAttributesList().stream()
                            .map(kv -> kv.getKey() + "=" + text(kv.getValue()))
                            .toList();
        }
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts the receiver on a random loopback port. */
    static OtlpReceiver start() {
        try {
            OtlpReceiver receiver = new OtlpReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            receiver.server.createContext("/v1/traces", exchange -> {
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
            receiver.server.start();
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
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = text(resource.getResource().getAttributesList(), "service.name");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new Span(service, span)));
            }
        }
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    private static String text(List<KeyValue> attributes, String key) {
        return attributes.stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(kv -> text(kv.getValue()))
                .findFirst()
                .orElse("");
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
        return spans.stream().map(Span::toString).collect(Collectors.joining("\n"));
    }
}
