package com.example.support;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads JSON request bodies: a body of another media type is answered with 415, a missing body
 * or a malformed chunked encoding with 400, and malformed JSON (through the error handlers) with 400
 * saying where.
 */
public final class JsonBodies {

    private JsonBodies() {}

    /**
     * Reads the request body as JSON.
     *
     * @param request the request
     * @param type    the generated model type
     * @param <T>     the model type
     * @return the body
     * @throws ProblemException 415 when the body is not {@code application/json}, 400 when there is none
     *                          or its chunked encoding is malformed
     */
    public static <T> T read(ServerRequest request, Class<T> type) {
        HttpMediaType contentType = request.headers().contentType().orElse(null);
        if (!request.content().hasEntity()) {
            throw ProblemException.malformedBody("A JSON request body is required");
        }
        if (contentType == null || !contentType.test(MediaTypes.APPLICATION_JSON)) {
            throw new ProblemException(
                    Problem.of(
                            Status.UNSUPPORTED_MEDIA_TYPE_415,
                            "The request body must be application/json, not "
                                    + (contentType == null
                                            ? "untyped"
                                            : contentType.mediaType().text())),
                    null,
                    null);
        }
        try {
            return request.content().as(type);
        } catch (NumberFormatException e) {
            // Helidon 4.5.0's HTTP/1 reader lets a chunk size that is not hexadecimal escape as this
            // (Transfer-Encoding: chunked): the client's malformed request, not a server failure.
            throw ProblemException.malformedBody("The chunked request body is malformed");
        }
    }
}
