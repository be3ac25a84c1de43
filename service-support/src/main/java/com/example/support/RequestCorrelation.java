package com.example.support;

import io.helidon.common.context.Contexts;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.webclient.api.WebClientServiceRequest;
import io.helidon.webclient.api.WebClientServiceResponse;
import io.helidon.webclient.spi.WebClientService;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlates a request across products, the load balancer and payments. The server filter takes
 * the caller's {@code X-Request-Id} (or generates one) and {@code X-Amzn-Trace-Id} (which the ALB
 * adds or extends), echoes them in the response, and puts the request id into the logging MDC;
 * the client service copies both onto every outbound call made while handling the request.
 */
public final class RequestCorrelation implements Filter {

    /** The request id header. */
    public static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
    /** The AWS load balancers' trace header. */
    public static final HeaderName X_AMZN_TRACE_ID = HeaderNames.create("X-Amzn-Trace-Id");

    /** MDC key of the request id, used by the log format. */
    public static final String MDC_REQUEST_ID = "requestId";

    /** Visible ASCII only, bounded: an id ends up in logs and headers, so it must not inject into either. */
    private static final Pattern SAFE_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /**
     * The correlation ids of the request being handled.
     *
     * @param requestId the request id, always present
     * @param traceId   the ALB trace id, when the request carried one
     */
    public record Ids(String requestId, Optional<String> traceId) {}

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String requestId = req.headers()
                .first(X_REQUEST_ID)
                .filter(id -> SAFE_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        Optional<String> traceId = req.headers()
                .first(X_AMZN_TRACE_ID)
                .filter(id -> SAFE_ID.matcher(id).matches());
        req.context().register(new Ids(requestId, traceId));
        res.header(X_REQUEST_ID, requestId);
        traceId.ifPresent(id -> res.header(X_AMZN_TRACE_ID, id));
        HelidonMdc.set(MDC_REQUEST_ID, requestId);
        try {
            // Makes the request's context current, so that outbound calls made while handling it see the ids.
            Contexts.runInContext(req.context(), chain::proceed);
        } finally {
            HelidonMdc.remove(MDC_REQUEST_ID);
        }
    }

    /**
     * The request id of a request that passed the filter.
     *
     * @param req the request
     * @return its request id, or {@code "-"} when the filter did not run
     */
    public static String requestId(ServerRequest req) {
        return req.context().get(Ids.class).map(Ids::requestId).orElse("-");
    }

    /**
     * A web client service that propagates the ids of the request being handled on this thread.
     *
     * @return the client service
     */
    public static WebClientService propagation() {
        return RequestCorrelation::propagate;
    }

    private static WebClientServiceResponse propagate(WebClientService.Chain chain, WebClientServiceRequest request) {
        Contexts.context().flatMap(context -> context.get(Ids.class)).ifPresent(ids -> {
            request.headers().set(X_REQUEST_ID, ids.requestId());
            ids.traceId().ifPresent(trace -> request.headers().set(X_AMZN_TRACE_ID, trace));
        });
        return chain.proceed(request);
    }
}
