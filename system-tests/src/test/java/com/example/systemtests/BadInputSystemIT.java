package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.example.support.testing.BadQueries;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile requests, written byte by byte on a socket (no client library would send
 * them), against both services: never a 5xx, every 4xx a problem document, and both services healthy
 * afterwards.
 */
class BadInputSystemIT {

    private static final String BEARER = SystemIssuer.bearer();
    /** Far above any answer the services give: longer is a hang, reported as a wrong answer. */
    private static final Duration HANG = Duration.ofSeconds(10);

    private static final String IDEMPOTENCY = "Idempotency-Key: bad-input-1\r\n";
    private static final String JSON = "Content-Type: application/json\r\n";

    /** One request per entry; {@code {P}} is the payments collection of the service under test. */
    private static final List<String> CORPUS = Stream.concat(
                    // the bad queries of every level, then requests no client library would send
                    BadQueries.ALL.stream()
                            .map(query -> "GET {P}?" + query.name() + "="
                                    + URLEncoder.encode(query.value(), StandardCharsets.UTF_8)),
                    Stream.of(
                            "GET {P}?limit=%ZZ",
                            "GET {P}?status=captured%00",
                            "GET {P}?cursor=%%%",
                            "GET {P}?cursor=not-a-cursor",
                            "GET {P}?cursor=" + "A".repeat(600),
                            "GET {P}?limit=%00",
                            // path traversal and odd ids
                            "GET {P}/../../../etc/passwd",
                            "GET {P}/..%2f..%2f..%2fetc%2fpasswd",
                            "GET /%2e%2e/%2e%2e/etc/passwd",
                            "GET {P}/%2e%2e",
                            "GET {P}/%00",
                            "GET {P}/" + "x".repeat(65),
                            "GET {P}/a%20b",
                            "GET {P}/<script>",
                            "GET {P}/pay_%0d%0aSet-Cookie:x=1",
                            "GET /../../../../etc/passwd",
                            "GET {P}/..;/..;/etc/passwd",
                            // wrong methods
                            "DELETE {P}",
                            "PUT {P}",
                            "PATCH {P}",
                            "DELETE {P}/pay_sample_1",
                            "POST {P}/pay_sample_1",
                            "OPTIONS {P}/x/y",
                            // bodies: invalid JSON, wrong types, wrong or missing content type, missing key, too large
                            "POST {P}|" + IDEMPOTENCY + JSON + "|{\"amount\": ",
                            "POST {P}|" + IDEMPOTENCY + JSON + "|{\"amount\": true, \"currency\": 5}",
                            "POST {P}|" + IDEMPOTENCY + JSON + "|[]",
                            "POST {P}|" + IDEMPOTENCY + JSON + "|null",
                            "POST {P}|" + IDEMPOTENCY + JSON + "|{\"amount\":\"-1\",\"currency\":\"usd\"}",
                            "POST {P}|" + IDEMPOTENCY + "Content-Type: text/plain\r\n|amount=1",
                            "POST {P}|" + IDEMPOTENCY + "|{\"amount\":\"1.00\",\"currency\":\"USD\"}",
                            "POST {P}|" + JSON + "|{\"amount\":\"1.00\",\"currency\":\"USD\"}",
                            "POST {P}|" + IDEMPOTENCY + JSON
                                    + "|{\"amount\":\"1.00\",\"currency\":\"USD\",\"description\":\""
                                    + "d".repeat(70_000) + "\"}",
                            "POST {P}|" + IDEMPOTENCY + JSON,
                            // huge and malformed headers
                            "GET {P}|X-Huge: " + "h".repeat(100_000) + "\r\n",
                            "GET {P}|" + "X-Many: 1\r\n".repeat(3_000),
                            "GET {P}|No-Colon-Header\r\n",
                            "GET {P}|Content-Length: abc\r\n",
                            "POST {P}|" + IDEMPOTENCY + JSON
                                    + "Transfer-Encoding: chunked\r\n|zz\r\nnot hex\r\n0\r\n\r\n"))
            .toList();

    @Test
    void answersEveryBadRequestToProductsWithAClientErrorProblem() throws IOException {
        try (ServiceProcess payments =
                        ServiceProcess.start("bad-input-payments", "payments", SystemDatabase.freshEnvironment());
                ServiceProcess products = ServiceProcess.start(
                        "bad-input-products", "products", SystemIssuer.productsEnvironment(payments.baseUri()))) {
            payments.awaitReady(LocalSystem.START_TIMEOUT);
            products.awaitReady(LocalSystem.START_TIMEOUT);

            List<String> wrong = new ArrayList<>();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (String entry : CORPUS) {
                check(products, "/api/1.0/payments", entry, wrong, statuses);
                check(payments, "/metaapi/1.0/payments", entry, wrong, statuses);
            }

            Figures.print(
                    "bad-input corpus",
                    CORPUS.size() + " requests x 2 services, statuses=" + statuses + " wrong=" + wrong.size());
            assertThat(wrong, is(empty()));
            assertThat(payments.isReady(), is(true));
            assertThat(products.isReady(), is(true));
            assertThat(new ProductsClient(products.baseUri()).listPayments().status(), is(200));
        }
    }

    private static void check(
            ServiceProcess service, String collection, String entry, List<String> wrong, Map<Integer, Integer> statuses)
            throws IOException {
        String[] parts = entry.replace("{P}", collection).split("\\|", -1);
        // products' requests carry a valid token, so that the corpus reaches its input handling (not a 401).
        String authorization = collection.startsWith("/api/") ? "Authorization: " + BEARER + "\r\n" : "";
        String headers = authorization + (parts.length > 1 ? parts[1] : "");
        String body = parts.length > 2 ? parts[2] : "";
        String request = parts[0] + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
                + (body.isEmpty() || headers.contains("Transfer-Encoding")
                        ? ""
                        : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                + "\r\n" + body;
        RawHttp.Answer response = RawHttp.send(service.port(), request.getBytes(StandardCharsets.UTF_8), HANG);
        statuses.merge(response.status(), 1, Integer::sum);
        String shown = service.log().getFileName() + " " + abbreviate(parts[0] + " " + headers) + " -> "
                + response.status() + " " + response.contentType() + " " + abbreviate(response.body());
        boolean clientError = response.status() >= 400 && response.status() < 500;
        boolean problem = response.contentType().startsWith("application/problem+json")
                && response.body().contains("\"status\":" + response.status());
        if (!clientError || !problem) {
            wrong.add(shown);
            System.out.println("[bad input answered wrongly] " + shown);
        }
    }

    private static String abbreviate(String text) {
        String line = text.replace("\r", "\\r").replace("\n", "\\n");
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }
}
