package com.example.products.auth;

import static com.example.products.payments.StubPayments.json;
import static com.example.products.payments.StubPayments.payment;
import static com.example.products.payments.StubPayments.requests;
import static com.example.products.payments.StubPayments.uri;
import static com.example.support.testing.ProblemAssertions.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.example.products.TestProducts;
import com.example.products.api.PaymentsEndpoint;
import com.example.products.payments.StubPayments;
import com.example.support.ProblemType;
import com.example.support.testing.TestTokens;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call products: the real server on a random port with a test issuer's keys. Hostile and
 * broken tokens are 401 (never a 5xx, never the payments call), missing scopes 403, health open.
 */
class BearerAuthenticationIT {

    private static final String PAYMENTS = "/api/1.0/payments";
    private static final TestTokens TOKENS = TestTokens.generate();
    private static final String INVALID = "Bearer error=\"invalid_token\"";

    @RegisterExtension
    static final WireMockExtension payments = StubPayments.server();

    private static WebServer server;
    private static WebClient http;

    @BeforeAll
    static void startServer() {
        server = TestProducts.start(uri(payments), TOKENS);
        http = WebClient.builder().baseUri("http://localhost:" + server.port()).build();
    }

    @BeforeEach
    void answerAsPayments() {
        payments.stubFor(WireMock.get(anyUrl()).willReturn(json(200, StubPayments.EMPTY_PAGE)));
        payments.stubFor(WireMock.post(anyUrl()).willReturn(json(201, payment("pay_1"))));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    /**
     * One row per hostile or broken credential: the Authorization header, and the challenge expected
     * (a plain {@code Bearer} when no bearer token was presented, {@code invalid_token} otherwise).
     */
    static Stream<Arguments> hostileTokens() {
        Instant now = Instant.now();
        return Stream.of(
                noToken("no Authorization header", null),
                noToken("wrong scheme (Basic)", "Basic dXNlcjpwYXNz"),
                noToken("empty token", "Bearer "),
                noToken("blank token", "Bearer     "),
                invalid("garbage", "Bearer not-a-jwt"),
                invalid("three garbage parts", "Bearer a.b.c"),
                invalid("expired (beyond the 30 s skew)", signed(claims().expirationTime(at(now, -120)))),
                invalid("not yet valid (beyond the 30 s skew)", signed(claims().notBeforeTime(at(now, 120)))),
                invalid("no expiry", signed(claims().expirationTime(null))),
                invalid("wrong issuer", signed(claims().issuer("https://evil.test/"))),
                invalid("wrong audience", signed(claims().audience("someone-else"))),
                invalid(
                        "unknown key (another issuer's)",
                        bearer(TestTokens.generate().tokenWithAllScopes())),
                invalid("alg none", bearer(new PlainJWT(claims().build()).serialize())),
                invalid("HS256 keyed with the issuer's public key (algorithm confusion)", bearer(algorithmConfusion())),
                invalid("tampered payload (scope widened)", bearer(tampered())),
                invalid("signature stripped", bearer(stripped())),
                invalid("oversized JOSE header (6 KB kid)", bearer(hugeKid(6_000))),
                invalid("token over 8 KB", bearer(hugeKid(9_000))),
                invalid("very long Authorization header (12 KB)", "Bearer " + "A".repeat(12_000)),
                invalid("scope claim not a string", signed(claims().claim("scope", List.of("payments:read")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void answersHostileOrBrokenTokensWith401AndABearerChallenge(String name, String authorization, String challenge) {
        ClientResponseTyped<String> response = get(PAYMENTS, authorization);

        assertProblem(response, 401);
        assertThat(response.headers().first(HeaderNames.WWW_AUTHENTICATE).orElse(""), startsWith(challenge));
        assertThat(requests(payments), is(0));
    }

    static Stream<Arguments> validTokens() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("RS256", signed(claims())),
                Arguments.of("ES256", bearer(TOKENS.sign(JWSAlgorithm.ES256, claims().build()))),
                Arguments.of("expired 10 s ago, within the skew", signed(claims().expirationTime(at(now, -10)))),
                Arguments.of("type at+jwt", bearer(typed(new JOSEObjectType("at+jwt")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validTokens")
    void acceptsValidTokens(String name, String authorization) {
        assertThat(get(PAYMENTS, authorization).status().code(), is(200));
    }

    /** A token without the operation's scope is 403, naming the scope, however the path is spelled. */
    @ParameterizedTest
    @CsvSource({
        "GET, /api/1.0/payments, products:read, payments:read",
        "GET, /api/1.0/payments/, products:read, payments:read",
        "GET, /api/1.0//payments, products:read, payments:read",
        "POST, /api/1.0/payments, payments:read products:read, payments:write"
    })
    void answersMissingScopeWith403NamingTheScope(Method method, String path, String granted, String needed) {
        HttpClientRequest request = http.method(method)
                .path(path)
                .header(HeaderNames.AUTHORIZATION, bearer(TOKENS.token(granted.split(" "))));
        ClientResponseTyped<String> response = method.equals(Method.POST)
                ? request.header(HeaderNames.create("Idempotency-Key"), "k1")
                        .contentType(MediaTypes.APPLICATION_JSON)
                        .submit("{\"amount\":\"1.00\",\"currency\":\"EUR\"}", String.class)
                : request.request(String.class);

        assertProblem(response, ProblemType.INSUFFICIENT_SCOPE);
        assertThat(
                response.headers().first(HeaderNames.WWW_AUTHENTICATE).orElseThrow(),
                is("Bearer error=\"insufficient_scope\", scope=\"" + needed + "\""));
        assertThat(requests(payments), is(0));
    }

    @Test
    void answers503AuthenticationUnavailableWhenTheIssuersKeysCannotBeRead() {
        TokenVerifier keysUnreachable = token -> {
            throw new IssuerKeysUnavailableException(new java.io.IOException("connection refused"));
        };
        WebServer blind = TestProducts.start(uri(payments), keysUnreachable);
        try {
            ClientResponseTyped<String> response = WebClient.builder()
                    .baseUri("http://localhost:" + blind.port())
                    .build()
                    .get(PAYMENTS)
                    .header(HeaderNames.AUTHORIZATION, bearer(TOKENS.token()))
                    .request(String.class);

            assertProblem(response, ProblemType.AUTHENTICATION_UNAVAILABLE);
            assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElseThrow(), is("5"));
        } finally {
            blind.stop();
        }
    }

    @Test
    void pathsOutsideTheSpecNeedATokenToo() {
        assertProblem(get("/api/1.0/nothing", null), 401);
        assertProblem(get("/observe/../api/1.0/payments", null), 401);
    }

    @Test
    void logsEachCreateWithTheCallersSubjectAndClient() {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Logger endpointLog = Logger.getLogger(PaymentsEndpoint.class.getName());
        StreamHandler capture = new StreamHandler(logged, new SimpleFormatter());
        endpointLog.addHandler(capture);
        try {
            String token = TOKENS.sign(
                    JWSAlgorithm.ES256,
                    claims().subject("robot-7")
                            .claim("client_id", "shop-frontend")
                            .build());
            var created = http.post(PAYMENTS)
                    .header(HeaderNames.AUTHORIZATION, bearer(token))
                    .header(HeaderNames.create("Idempotency-Key"), "logged-1")
                    .contentType(MediaTypes.APPLICATION_JSON)
                    .submit("{\"amount\":\"1.00\",\"currency\":\"EUR\"}", String.class);

            assertThat(created.status().code(), is(201));
            capture.flush();
            assertThat(
                    logged.toString(StandardCharsets.UTF_8),
                    containsString("Created payment pay_1 for sub=robot-7 client=shop-frontend"));
        } finally {
            endpointLog.removeHandler(capture);
        }
    }

    @Test
    void healthMetricsAndTheSpecStayOpenAndReadyWhilePaymentsIsDown() {
        payments.stubFor(WireMock.any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(get("/observe/health/ready", null).status().code(), is(204));
        assertThat(get("/observe/health/live", null).status().code(), is(204));
        assertThat(get("/observe/metrics", null).status().code(), is(200));
        assertThat(get("/openapi", null).status().code(), is(200));
    }

    private static ClientResponseTyped<String> get(String path, String authorization) {
        HttpClientRequest request = http.method(Method.GET).path(path);
        if (authorization != null) {
            request.header(HeaderNames.AUTHORIZATION, authorization);
        }
        return request.request(String.class);
    }

    private static Arguments noToken(String name, String authorization) {
        return Arguments.of(name, authorization, "Bearer");
    }

    private static Arguments invalid(String name, String authorization) {
        return Arguments.of(name, authorization, INVALID);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JWTClaimsSet.Builder claims() {
        return TestTokens.claims(String.join(" ", TestTokens.ALL_SCOPES));
    }

    private static Date at(Instant now, int seconds) {
        return Date.from(now.plusSeconds(seconds));
    }

    private static String signed(JWTClaimsSet.Builder claims) {
        return bearer(TOKENS.sign(JWSAlgorithm.RS256, claims.build()));
    }

    private static String typed(JOSEObjectType type) {
        return TestTokens.sign(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(type)
                        .keyID(TOKENS.rsaKey().getKeyID()),
                TOKENS.rsaKey(),
                claims().build());
    }

    /** The classic: an HMAC whose secret is the issuer's public key, which any client can fetch. */
    private static String algorithmConfusion() {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(TOKENS.rsaKey().getKeyID())
                            .build(),
                    claims().build());
            jwt.sign(new MACSigner(TOKENS.rsaKey().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tampered() {
        String[] parts = TOKENS.token("products:read").split("\\.");
        String widened = claims().build().toString();
        return parts[0] + "." + Base64URL.encode(widened.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String stripped() {
        String token = TOKENS.tokenWithAllScopes();
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    private static String hugeKid(int length) {
        return TestTokens.sign(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k".repeat(length)), TOKENS.rsaKey(), claims().build());
    }
}
