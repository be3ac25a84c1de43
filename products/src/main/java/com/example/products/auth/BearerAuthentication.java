package com.example.products.auth;

import com.example.support.Problem;
import com.example.support.ProblemResponses;
import com.example.support.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;

/**
 * The routing filter that lets a request through only with a valid bearer token whose scopes cover
 * the operation's (RFC 6750). Answers 401 with {@code WWW-Authenticate: Bearer} when the token is
 * missing or not accepted, and 403 {@code insufficient_scope} when it lacks a scope; both are
 * problem documents. Only the service's own endpoints outside the API (health, metrics and the
 * OpenAPI document, under {@code /observe/} and at {@code /openapi}) are open: every other path
 * needs a token, so a route the document does not list is closed rather than open.
 */
public final class BearerAuthentication implements Filter {

    /** The largest token accepted: real access tokens are 1–2 KB; a longer one is not parsed at all. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private static final String SCHEME = "Bearer ";

    private final TokenVerifier tokens;
    private final OperationSecurity security;

    /**
     * Creates the filter.
     *
     * @param tokens   verifies tokens
     * @param security the scopes each operation needs, from the OpenAPI document
     */
    public BearerAuthentication(TokenVerifier tokens, OperationSecurity security) {
        this.tokens = tokens;
        this.security = security;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        Optional<OperationSecurity.Requirement> requirement =
                security.requirement(req.prologue().method(), path);
        boolean open = requirement
                .map(r -> !r.authenticated())
                .orElseGet(() -> isServiceEndpoint(path) && !security.isApiPath(path));
        if (open) {
            chain.proceed();
            return;
        }
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            unauthorized(req, res, "Bearer", "This API needs an access token: Authorization: Bearer <token>");
            return;
        }
        String token = authorization.get().substring(SCHEME.length()).strip();
        Caller caller;
        try {
            caller = tokens.verify(checkedLength(token));
        } catch (InvalidTokenException e) {
            unauthorized(req, res, "Bearer error=\"invalid_token\"", e.getMessage());
            return;
        } catch (IssuerKeysUnavailableException e) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            ProblemResponses.send(
                    req,
                    res,
                    Problem.of(ProblemType.AUTHENTICATION_UNAVAILABLE, "Access tokens cannot be checked right now"));
            return;
        }
        if (requirement.isPresent() && !requirement.get().isGrantedTo(caller.scopes())) {
            String scopes = String.join(" ", requirement.get().scopes());
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scopes + "\"");
            ProblemResponses.send(
                    req,
                    res,
                    Problem.of(
                            ProblemType.INSUFFICIENT_SCOPE,
                            "insufficient_scope: this operation needs the scope " + scopes));
            return;
        }
        req.context().register(caller);
        chain.proceed();
    }

    private static String checkedLength(String token) {
        if (token.isEmpty()) {
            throw new InvalidTokenException("The bearer token is empty");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("The bearer token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        return token;
    }

    /** Health, metrics, the OpenAPI document and its reference page; a path that climbs out of them is not one. */
    private static boolean isServiceEndpoint(String path) {
        return (path.startsWith("/observe/") || path.equals("/openapi") || path.equals("/docs"))
                && !path.contains("..");
    }

    private static void unauthorized(RoutingRequest req, RoutingResponse res, String challenge, String detail) {
        res.header(HeaderNames.WWW_AUTHENTICATE, challenge);
        ProblemResponses.send(req, res, Problem.of(Status.UNAUTHORIZED_401, detail));
    }
}
