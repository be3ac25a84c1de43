package com.example.support;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers requests that fail before routing (a malformed request line, oversized headers or body,
 * an unsupported HTTP version) with a problem document instead of Helidon's plain text.
 */
final class ProblemDirectHandler implements DirectHandler {

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status status,
            ServerResponseHeaders headers,
            String message) {
        String detail = message == null || message.isBlank() ? status.reasonPhrase() : message;
        Problem problem = Problem.of(status, detail).at(request.path());
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .keepAlive(eventType.keepAlive())
                .entity(Json.bytes(problem))
                .build();
    }
}
