package com.example.products.api;

import static com.example.products.payments.StubPayments.answer;
import static com.example.products.payments.StubPayments.json;
import static com.example.products.payments.StubPayments.payment;
import static com.example.products.payments.StubPayments.problem;
import static com.example.products.payments.StubPayments.requests;
import static com.example.support.ProblemType.INVALID_PARAMETERS;
import static com.example.support.ProblemType.MALFORMED_BODY;
import static com.example.support.testing.ClientResponses.header;
import static com.example.support.testing.ProblemAssertions.assertProblem;
import static com.example.support.testing.ProblemAssertions.assertProblemAs;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.example.products.TestProducts;
import com.example.products.client.ApiClient;
import com.example.products.client.ApiResponse;
import com.example.products.client.api.PaymentsApi;
import com.example.products.client.api.PaymentsApiImpl;
import com.example.products.client.api.ProductsApi;
import com.example.products.client.api.ProductsApiImpl;
import com.example.products.client.model.NewPayment;
import com.example.products.client.model.Payment;
import com.example.products.client.model.PaymentPage;
import com.example.products.client.model.Product;
import com.example.products.payments.StubPayments;
import com.example.support.Json;
import com.example.support.ProblemType;
import com.example.support.testing.BadQueries;
import com.example.support.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The real products server on a random port, with its real gateway in front of a stub payments
 * (WireMock), driven by the client generated from {@code products.yaml} and by a raw client for bad input.
 */
class ProductsApiIT {

    private static final String PAYMENTS = "/api/1.0/payments";
    private static final TestTokens TOKENS = TestTokens.generate();

    @RegisterExtension
    static final WireMockExtension payments = StubPayments.server();

    private WebServer server;
    private WebClient http;
    private PaymentsApi paymentsApi;
    private ProductsApi productsApi;

    @BeforeEach
    void startServer() {
        server = TestProducts.start(StubPayments.uri(payments), TOKENS);
        String base = "http://localhost:" + server.port();
        String bearer = "Bearer " + TOKENS.tokenWithAllScopes();
        http = WebClient.builder()
                .baseUri(base)
                .addHeader(HeaderNames.AUTHORIZATION, bearer)
                .build();
        ApiClient client = ApiClient.builder()
                .webClientBuilder(WebClient.builder()
                        .baseUri(base)
                        .addHeader(HeaderNames.AUTHORIZATION, bearer)
                        .mediaContext(Json.mediaContext()))
                .build();
        paymentsApi = PaymentsApiImpl.create(client);
        productsApi = ProductsApiImpl.create(client);
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void listsPaymentsFromPaymentsPassingOnStatusLimitAndCursor() {
        answer(
                payments,
                json(200, "{\"items\":[%s,%s],\"nextCursor\":\"c2\"}".formatted(payment("pay_3"), payment("pay_2"))));

        PaymentPage page = ok(paymentsApi.listPayments("CAPTURED", 2, "c1"));

        assertThat(page.getItems().stream().map(Payment::getId).toList(), is(List.of("pay_3", "pay_2")));
        assertThat(page.getNextCursor(), is("c2"));
        payments.verify(getRequestedFor(urlPathEqualTo("/metaapi/1.0/payments"))
                .withQueryParam("status", equalTo("CAPTURED"))
                .withQueryParam("limit", equalTo("2"))
                .withQueryParam("cursor", equalTo("c1")));
    }

    @Test
    void getsOnePayment() {
        answer(payments, json(200, payment("pay_2")));

        assertThat(ok(paymentsApi.getPayment("pay_2")).getDescription(), is("Order pay_2"));
        payments.verify(getRequestedFor(urlPathEqualTo("/metaapi/1.0/payments/pay_2")));
    }

    @Test
    void answersUnknownPaymentWith404() {
        answer(payments, problem(404, "about:blank", "No payment"));

        assertProblem(http.get(PAYMENTS + "/pay_9").request(String.class), 404);
    }

    @Test
    void createsPaymentWithCallersIdempotencyKeyAndOwnLocation() {
        answer(
                payments,
                json(201, payment("pay_1")).withHeader("Idempotent-Replayed", "false"),
                json(201, payment("pay_1")).withHeader("Idempotent-Replayed", "true"));
        NewPayment request = new NewPayment().amount("5.00").currency("EUR");

        ApiResponse<Payment> created = paymentsApi.createPayment("k1", request);
        ApiResponse<Payment> replayed = paymentsApi.createPayment("k1", request);

        assertThat(created.webClientResponse().status().code(), is(201));
        assertThat(header(created.webClientResponse(), "Location"), is(PAYMENTS + "/pay_1"));
        assertThat(header(created.webClientResponse(), "Idempotent-Replayed"), is("false"));
        assertThat(header(replayed.webClientResponse(), "Idempotent-Replayed"), is("true"));
        payments.verify(
                2,
                postRequestedFor(urlPathEqualTo("/metaapi/1.0/payments"))
                        .withHeader("Idempotency-Key", equalTo("k1"))
                        .withRequestBody(equalToJson("{\"amount\":\"5.00\",\"currency\":\"EUR\"}")));
    }

    @Test
    void listsAndGetsProducts() {
        List<Product> products = ok(productsApi.listProducts()).getItems();

        assertThat(
                products.stream().map(Product::getId).toList(),
                is(List.of("prod_espresso", "prod_filter", "prod_grinder")));
        assertThat(ok(productsApi.getProduct("prod_grinder")).getPrice(), is("129.00"));
        assertProblem(http.get("/api/1.0/products/prod_nope").request(String.class), 404);
    }

    /**
     * How products answers payments' failures: its problem, with Retry-After on a 503. Each way a call
     * can fail or be refused, and the problem the gateway makes of it, is a row of HttpPaymentsGatewayTest;
     * the endpoint answers each the same way (a ProblemException).
     */
    @ParameterizedTest
    @CsvSource({
        "500, 502, about:blank, status 500",
        "503, 503, LEDGER_UNAVAILABLE, ledger",
        "504, 504, about:blank, timed out",
        "422, 422, IDEMPOTENCY_KEY_REUSED, down"
    })
    void answersPaymentsFailuresAndRejectionsWithTheirProblem(int answered, int status, String type, String detail) {
        answer(
                payments,
                type.equals("about:blank")
                        ? json(answered, "{}")
                        : problem(answered, ProblemType.valueOf(type).uri(), "down"));

        var response = http.get(PAYMENTS).request(String.class);

        JsonNode problem = assertProblemAs(response, type.equals("about:blank") ? status : ProblemType.valueOf(type));
        assertThat(problem.path("detail").asText(), containsString(detail));
        assertThat(
                "Retry-After on a 503 only",
                response.headers().first(HeaderNames.RETRY_AFTER).isPresent(),
                is(status == 503));
    }

    static Stream<Arguments> badInput() {
        String json = MediaTypes.APPLICATION_JSON.text();
        String valid = "{\"amount\":\"1.00\",\"currency\":\"EUR\"}";
        String wrongType = valid.replace("}", ",\"description\":12345}");
        Stream<Arguments> queries = BadQueries.ALL.stream()
                .map(query -> Arguments.of(Method.GET, PAYMENTS + "?" + query, null, null, null, INVALID_PARAMETERS));
        return Stream.concat(
                queries,
                Stream.of(
                        Arguments.of(Method.GET, PAYMENTS + "/bad.id", null, null, null, INVALID_PARAMETERS),
                        Arguments.of(Method.GET, "/api/1.0/nothing", null, null, null, 404),
                        Arguments.of(Method.DELETE, PAYMENTS, null, null, null, 405),
                        Arguments.of(Method.POST, "/api/1.0/products", null, json, "{}", 405),
                        Arguments.of(Method.POST, PAYMENTS, null, json, valid, INVALID_PARAMETERS),
                        Arguments.of(Method.POST, PAYMENTS, "k".repeat(256), json, valid, INVALID_PARAMETERS),
                        Arguments.of(Method.POST, PAYMENTS, "k", "text/plain", "amount=1", 415),
                        Arguments.of(Method.POST, PAYMENTS, "k", json, "{\"amount\":", MALFORMED_BODY),
                        Arguments.of(Method.POST, PAYMENTS, "k", json, "\"x\"", MALFORMED_BODY),
                        Arguments.of(Method.POST, PAYMENTS, "k", json, wrongType, MALFORMED_BODY),
                        Arguments.of(Method.POST, PAYMENTS, "k", json, "{\"p\":\"" + "x".repeat(70_000) + "\"}", 413)));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void answersBadInputWithProblemWithoutCallingPayments(
            Method method, String uri, String key, String contentType, String body, Object typeOrStatus) {
        String[] pathAndQuery = uri.split("\\?", 2);
        HttpClientRequest request = http.method(method).path(pathAndQuery[0]);
        if (pathAndQuery.length == 2) {
            String[] parameter = pathAndQuery[1].split("=", 2);
            request.queryParam(parameter[0], parameter[1]);
        }
        if (key != null) {
            request.header(HeaderNames.create("Idempotency-Key"), key);
        }
        if (contentType != null) {
            request.header(HeaderNames.CONTENT_TYPE, contentType);
        }
        ClientResponseTyped<String> response =
                body == null ? request.request(String.class) : request.submit(body, String.class);

        JsonNode problem = assertProblemAs(response, typeOrStatus);
        assertThat(problem.path("instance").asText(), is(pathAndQuery[0]));
        assertThat(requests(payments), is(0));
    }

    @Test
    void servesItsOwnSpecAtOpenapi() throws Exception {
        var spec = http.get("/openapi").request(String.class);

        Object served = new Yaml().load(spec.entity());
        Object source = new Yaml().load(Files.readString(Path.of("../api-specs/products.yaml")));
        assertThat("/openapi differs from api-specs/products.yaml", served.equals(source), is(true));
    }

    private static <T> T ok(ApiResponse<T> response) {
        assertThat(response.webClientResponse().status().code(), is(200));
        return response.result();
    }
}
