package com.example.support;

import io.helidon.webserver.accesslog.AccessLogContext;
import io.helidon.webserver.accesslog.AccessLogEntry;
import io.helidon.webserver.accesslog.AccessLogFeature;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One access log line per request in logfmt ({@code key=value}), so that CloudWatch Logs Insights
 * can filter and aggregate on every field, including the correlation ids: the request id, the W3C
 * trace and span ids of the request's server span, and the ALB's {@code X-Amzn-Trace-Id}.
 */
final class StructuredAccessLog implements AccessLogEntry {

    private StructuredAccessLog() {}

    /**
     * The access log feature of both services.
     *
     * @return the feature, logging to {@code io.helidon.webserver.AccessLog}
     */
    static AccessLogFeature feature() {
        return AccessLogFeature.builder()
                .clearEntries()
                .addEntry(new StructuredAccessLog())
                .build();
    }

    @Override
    public String apply(AccessLogContext context) {
        var req = context.serverRequest();
        var res = context.serverResponse();
        Optional<TraceIds> ids = TraceIds.of(req);
        long micros = TimeUnit.NANOSECONDS.toMicros(context.responseNanoTime() - context.requestNanoTime());
        return "method=" + req.prologue().method().text()
                + " path=" + quoted(req.path().absolute().rawPath())
                + " status=" + res.status().code()
                + " duration_us=" + micros
                + " remote=" + req.remotePeer().host()
                + " request_id="
                + quoted(res.headers().first(RequestCorrelation.X_REQUEST_ID).orElse("-"))
                + " trace_id=" + ids.map(TraceIds::traceId).orElse("-")
                + " span_id=" + ids.map(TraceIds::spanId).orElse("-")
                + " amzn_trace_id="
                + quoted(req.headers().first(RequestCorrelation.X_AMZN_TRACE_ID).orElse("-"));
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
