package com.example.support;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClientServiceRequest;
import io.helidon.webclient.api.WebClientServiceResponse;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.util.List;

/** What the semantic conventions of an HTTP client span read from Helidon's client request and response. */
final class HttpClientSpans implements HttpClientAttributesGetter<WebClientServiceRequest, WebClientServiceResponse> {

    @Override
    public String getHttpRequestMethod(WebClientServiceRequest request) {
        return request.method().text();
    }

    @Override
    public List<String> getHttpRequestHeader(WebClientServiceRequest request, String name) {
        return request.headers().all(HeaderNames.create(name), List::of);
    }

    @Override
    public Integer getHttpResponseStatusCode(
            WebClientServiceRequest request, WebClientServiceResponse response, Throwable error) {
        return response.status().code();
    }

    @Override
    public List<String> getHttpResponseHeader(
            WebClientServiceRequest request, WebClientServiceResponse response, String name) {
        return response.headers().all(HeaderNames.create(name), List::of);
    }

    /** The URL without its query: query values are the caller's data, not the span's. */
    @Override
    public String getUrlFull(WebClientServiceRequest request) {
        var uri = request.uri();
        return uri.scheme() + "://" + uri.authority() + uri.path().rawPath();
    }

    /** The peer as the client names it: for products, the internal load balancer's host name. */
    @Override
    public String getServerAddress(WebClientServiceRequest request) {
        return request.uri().host();
    }

    @Override
    public Integer getServerPort(WebClientServiceRequest request) {
        return request.uri().port();
    }

    @Override
    public String getNetworkProtocolName(WebClientServiceRequest request, WebClientServiceResponse response) {
        return "http";
    }
}
