package com.example.support.testing;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;

/**
 * Reads what a response of a generated client carries, for the services' API tests.
 */
public final class ClientResponses {

    private ClientResponses() {}

    /**
     * The first value of a header the response must carry.
     *
     * @param response the response ({@code ApiResponse.webClientResponse()})
     * @param name     the header, e.g. {@code Location}
     * @return its value
     * @throws AssertionError when the response has no such header
     */
    public static String header(HttpClientResponse response, String name) {
        return response.headers()
                .first(HeaderNames.create(name))
                .orElseThrow(() -> new AssertionError("No " + name + " header in " + response.headers()));
    }
}
