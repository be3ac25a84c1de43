package com.example.products.auth;

import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller of a request, from its access token.
 *
 * @param subject   the token's {@code sub} (for a client-credentials token, usually the client), or {@code "-"}
 * @param clientId  the OAuth client that obtained the token ({@code client_id}, else {@code azp}), or {@code "-"}
 * @param scopes    the scopes the token grants (its space-separated {@code scope} claim)
 * @param expiresAt when the token expires (its {@code exp})
 */
public record Caller(String subject, String clientId, Set<String> scopes, Instant expiresAt) {

    /** Copies the scopes. */
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /**
     * The caller of a request that passed {@link BearerAuthentication}.
     *
     * @param request the request
     * @return the caller, empty on paths that need no token (health)
     */
    public static Optional<Caller> of(ServerRequest request) {
        return request.context().get(Caller.class);
    }

    @Override
    public String toString() {
        return "sub=" + subject + " client=" + clientId;
    }
}
