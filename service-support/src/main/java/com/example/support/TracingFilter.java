package com.example.support;

import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the server span of a request: its parent is the caller's {@code traceparent}, it is current
 * while the request is handled (so that client and database spans are its children), its ids are in
 * the request context ({@link TraceIds}) and the logging MDC, and it ends when the response has been
 * sent, so that it carries the final status even when an error handler wrote the response.
 */
final class TracingFilter implements Filter {

    /** MDC key of the trace id, used by the log format. */
    static final String MDC_TRACE_ID = "traceId";
    /** MDC key of the span id, used by the log format. */
    static final String MDC_SPAN_ID = "spanId";

    private final Instrumenter<ServerRequest, ServerResponse> instrumenter;

    TracingFilter(Instrumenter<ServerRequest, ServerResponse> instrumenter) {
        this.instrumenter = instrumenter;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Context parent = Context.root();
        if (req.path().path().startsWith(Tracing.UNTRACED_PATH) || !instrumenter.shouldStart(parent, req)) {
            chain.proceed();
            return;
        }
        Context context = instrumenter.start(parent, req);
        TraceIds.of(Span.fromContext(context).getSpanContext()).ifPresent(ids -> {
            req.context().register(ids);
            HelidonMdc.set(MDC_TRACE_ID, ids.traceId());
            HelidonMdc.set(MDC_SPAN_ID, ids.spanId());
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        res.whenSent(() -> {
            HttpServerSpans.route(req)
                    .ifPresent(route -> HttpServerRoute.update(context, HttpServerRouteSource.SERVER_FILTER, route));
            instrumenter.end(context, req, res, failure.get());
        });
        try (Scope scope = context.makeCurrent()) {
            chain.proceed();
        } catch (RuntimeException e) {
            // The error handlers answer it after this filter; the span ends when their answer is sent.
            failure.set(e);
            throw e;
        } finally {
            HelidonMdc.remove(MDC_TRACE_ID);
            HelidonMdc.remove(MDC_SPAN_ID);
        }
    }
}
