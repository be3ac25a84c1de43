package com.example.support;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

/** What the semantic conventions of an HTTP server span read from Helidon's request and response. */
final class HttpServerSpans implements HttpServerAttributesGetter<ServerRequest, ServerResponse> {

    @Override
    public String getHttpRequestMethod(ServerRequest request) {
        return request.prologue().method().text();
    }

    @Override
    public List<String> getHttpRequestHeader(ServerRequest request, String name) {
        return request.headers().all(HeaderNames.create(name), List::of);
    }

    @Override
    public Integer getHttpResponseStatusCode(ServerRequest request, ServerResponse response, Throwable error) {
        return response.status().code();
    }

    @Override
    public List<String> getHttpResponseHeader(ServerRequest request, ServerResponse response, String name) {
        return response.headers().all(HeaderNames.create(name), List::of);
    }

    @Override
    public String getUrlScheme(ServerRequest request) {
        return request.isSecure() ? "https" : "http";
    }

    @Override
    public String getUrlPath(ServerRequest request) {
        return request.path().absolute().rawPath();
    }

    @Override
    public String getUrlQuery(ServerRequest request) {
        String query = request.query().rawValue();
        return query.isEmpty() ? null : query;
    }

    /**
     * The route's pattern as the spec writes it, e.g. {@code /api/1.0/payments/{paymentId}}, once
     * routing has matched one (Helidon reports a service's root route with a trailing slash).
     */
    @Override
    public String getHttpRoute(ServerRequest request) {
        return route(request).orElse(null);
    }

    static Optional<String> route(ServerRequest request) {
        return request.matchingPattern()
                .map(pattern -> pattern.length() > 1 && pattern.endsWith("/")
                        ? pattern.substring(0, pattern.length() - 1)
                        : pattern);
    }

    @Override
    public String getNetworkProtocolName(ServerRequest request, ServerResponse response) {
        return "http";
    }

    @Override
    public String getNetworkProtocolVersion(ServerRequest request, ServerResponse response) {
        return request.prologue().protocolVersion();
    }

    @Override
    public InetSocketAddress getNetworkPeerInetSocketAddress(ServerRequest request, ServerResponse response) {
        return inet(request.remotePeer().address());
    }

    @Override
    public InetSocketAddress getNetworkLocalInetSocketAddress(ServerRequest request, ServerResponse response) {
        return inet(request.localPeer().address());
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }
}
