package com.example.support.testing;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;

/**
 * Reads what a response of a generated client carries, for the services' API tests.
 */
public final class ClientResponses {

    private ClientResponses() {}

    /** The first value of a header the response ({@code ApiResponse.webClientResponse()}) must carry. */
    public static String header(HttpClientResponse response, String name) {
        return response.headers()
                .first(HeaderNames.create(name))
                .orElseThrow(() -> new AssertionError("No " + name + " header in " + response.headers()));
    }
}
