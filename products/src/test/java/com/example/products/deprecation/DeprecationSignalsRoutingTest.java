package com.example.products.deprecation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.products.auth.Caller;
import com.example.products.openapi.OpenApiDocument;
import io.helidon.http.HeaderNames;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.Tag;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * products' spec with one part marked deprecated at a time, and the headers a client then gets:
 * the filter as products registers it, before handlers that answer 200, driven without a socket
 * (Helidon's {@link DirectClient}).
 */
class DeprecationSignalsRoutingTest {

    private static final String PAYMENTS = "/api/1.0/payments";
    /** 2026-12-01T00:00:00Z. */
    private static final long DECEMBER_FIRST = 1_796_083_200L;

    private final MeterRegistry registry = MeterRegistry.create(MetricsConfig.create());

    @Test
    void aDeprecatedParameterWithASunsetIsSignalledWhenItIsSentAndCountedPerClient() {
        DirectClient http = serve(spec(document -> {
            Map<String, Object> status = child(child(document, "components"), "parameters", "Status");
            status.put("deprecated", true);
            status.put("x-deprecated-at", "2026-12-01");
            status.put("x-sunset", "2027-06-01");
        }));

        ClientResponseTyped<String> without = http.get(PAYMENTS).request(String.class);
        ClientResponseTyped<String> with =
                http.get(PAYMENTS).queryParam("status", "CAPTURED").request(String.class);

        assertThat(header(without, "Deprecation"), is(Optional.empty()));
        assertThat(header(with, "Deprecation"), is(Optional.of("@" + DECEMBER_FIRST)));
        assertThat(header(with, "Sunset"), is(Optional.of("Tue, 01 Jun 2027 00:00:00 GMT")));
        assertThat(
                header(with, "Link"),
                is(Optional.of("</docs>; rel=\"deprecation\"; type=\"text/html\", "
                        + "</docs>; rel=\"sunset\"; type=\"text/html\"")));
        assertThat(calls("query parameter status of GET /api/1.0/payments", "client-7"), is(1.0));
    }

    @Test
    void aDeprecatedResponseFieldIsSignalledOnEveryResponseThatHasIt() {
        DirectClient http = serve(spec(document -> {
            Map<String, Object> description =
                    child(child(child(document, "components"), "schemas", "Payment"), "properties", "description");
            description.put("deprecated", true);
            description.put("x-deprecated-at", "2026-12-01");
        }));

        ClientResponseTyped<String> page = http.get(PAYMENTS).request(String.class);
        ClientResponseTyped<String> payment = http.get(PAYMENTS + "/pay_1").request(String.class);
        ClientResponseTyped<String> products = http.get("/api/1.0/products").request(String.class);

        assertThat(header(page, "Deprecation"), is(Optional.of("@" + DECEMBER_FIRST)));
        assertThat(header(payment, "Deprecation"), is(Optional.of("@" + DECEMBER_FIRST)));
        assertThat("no sunset date, no Sunset", header(payment, "Sunset"), is(Optional.empty()));
        assertThat(header(payment, "Link"), is(Optional.of("</docs>; rel=\"deprecation\"; type=\"text/html\"")));
        assertThat(header(products, "Deprecation"), is(Optional.empty()));
        assertThat(calls("field /items[]/description", "client-7"), is(1.0));
        assertThat(calls("field /description", "client-7"), is(1.0));
    }

    @Test
    void aDeprecatedOperationIsSignalledOnEachCall() {
        DirectClient http = serve(spec(document -> {
            Map<String, Object> listProducts = child(child(document, "paths"), "/api/1.0/products", "get");
            listProducts.put("deprecated", true);
            listProducts.put("x-deprecated-at", "2026-12-01");
            listProducts.put("x-sunset", "2027-01-31");
        }));

        ClientResponseTyped<String> products = http.get("/api/1.0/products").request(String.class);

        assertThat(header(products, "Sunset"), is(Optional.of("Sun, 31 Jan 2027 00:00:00 GMT")));
        assertThat(calls("operation GET /api/1.0/products", "client-7"), is(1.0));
    }

    @Test
    void productsSpecMarksNothingDeprecatedToday() {
        assertThat(
                DeprecatedParts.fromClasspath("META-INF/openapi/products.yaml").isEmpty(), is(true));
    }

    private DirectClient serve(DeprecatedParts parts) {
        return new DirectClient(HttpRouting.builder()
                // As BearerAuthentication does for a verified token.
                .addFilter((chain, req, res) -> {
                    req.context().register(new Caller("sub", "client-7", Set.of(), Instant.now()));
                    chain.proceed();
                })
                .addFilter(new DeprecationSignals(parts, "/docs", registry))
                .get("/*", (req, res) -> res.send("ok")));
    }

    private double calls(String part, String client) {
        return registry.getOrCreate(Counter.builder(DeprecationSignals.CALLS)
                        .tags(List.of(Tag.create("part", part), Tag.create("client", client))))
                .count();
    }

    private static Optional<String> header(ClientResponseTyped<String> response, String name) {
        assertThat(response.status().code(), is(200));
        return response.headers().first(HeaderNames.create(name));
    }

    /** products' spec, changed (a new copy each time). */
    private static DeprecatedParts spec(Consumer<Map<String, Object>> change) {
        Map<String, Object> document =
                OpenApiDocument.fromClasspath("META-INF/openapi/products.yaml").root();
        change.accept(document);
        return DeprecatedParts.of(document);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String... names) {
        Map<String, Object> current = node;
        for (String name : names) {
            current = (Map<String, Object>) current.get(name);
        }
        return current;
    }
}
