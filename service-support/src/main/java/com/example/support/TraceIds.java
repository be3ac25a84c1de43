package com.example.support;

import io.helidon.webserver.http.ServerRequest;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/**
 * The W3C trace id and span id of a request's server span, as they appear in logs and problems.
 *
 * @param traceId the trace id, 32 lower-case hex digits
 * @param spanId  the span id, 16 lower-case hex digits
 */
public record TraceIds(String traceId, String spanId) {

    /**
     * The ids of a span context.
     *
     * @param span the span context
     * @return its ids, or empty when it is not valid (tracing disabled)
     */
    static Optional<TraceIds> of(SpanContext span) {
        return span.isValid() ? Optional.of(new TraceIds(span.getTraceId(), span.getSpanId())) : Optional.empty();
    }

    /**
     * The ids of the server span of a request.
     *
     * @param request the request
     * @return its ids, or empty when the request is not traced
     */
    public static Optional<TraceIds> of(ServerRequest request) {
        return request.context().get(TraceIds.class);
    }
}
