package com.example.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A collector the test owns: WireMock takes OTLP/HTTP ({@code POST /v1/traces}, protobuf, as the
 * services' OTLP exporter sends it) on a random loopback port, and opentelemetry-proto decodes the
 * spans of every request it received.
 */
final class OtlpReceiver implements AutoCloseable {

    /**
     * One received span.
     *
     * @param service    the {@code service.name} of the resource that sent it
     * @param kind       {@code SERVER}, {@code CLIENT}, ...
     * @param parentId   empty for a root span
     * @param attributes every attribute's value as text
     */
    record Span(
            String service,
            String kind,
            String name,
            String traceId,
            String spanId,
            String parentId,
            long micros,
            Map<String, String> attributes) {}

    private final WireMockServer server =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    /** Starts the receiver on a random loopback port. */
    static OtlpReceiver start() {
        OtlpReceiver receiver = new OtlpReceiver();
        receiver.server.start();
        receiver.server.stubFor(post("/v1/traces").willReturn(ok()));
        return receiver;
    }

    /** The endpoint, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes it. */
    String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every span received so far. */
    List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (var request : server.findAll(postRequestedFor(urlEqualTo("/v1/traces")))) {
            for (ResourceSpans resource : parse(request.getBody()).getResourceSpansList()) {
                String service =
                        attributes(resource.getResource().getAttributesList()).get("service.name");
                resource.getScopeSpansList()
                        .forEach(scope -> scope.getSpansList()
                                .forEach(span -> spans.add(new Span(
                                        service,
                                        span.getKind().name().replace("SPAN_KIND_", ""),
                                        span.getName(),
                                        hex(span.getTraceId()),
                                        hex(span.getSpanId()),
                                        hex(span.getParentSpanId()),
                                        (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000,
                                        attributes(span.getAttributesList())))));
            }
        }
        return spans;
    }

    private static ExportTraceServiceRequest parse(byte[] body) {
        try {
            return ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Not an OTLP trace export", e);
        }
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> text = new TreeMap<>();
        attributes.forEach(kv -> text.put(kv.getKey(), text(kv.getValue())));
        return text;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> String.valueOf(value.getIntValue());
            default -> value.toString().strip();
        };
    }

    @Override
    public void close() {
        server.stop();
    }
}
