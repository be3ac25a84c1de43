package com.example.payments.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Payments as it would answer after a change to its implementation: a loopback proxy in front of
 * the real server that applies the change to each exchange. The proof tests use it to show that
 * provider verification fails when payments breaks the contract, without editing payments' code.
 */
final class ChangedPayments {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK client sets itself, and hop-by-hop headers. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer proxy;

    private ChangedPayments(HttpServer proxy) {
        this.proxy = proxy;
    }

    /**
     * Starts the proxy on a random loopback port.
     *
     * @param paymentsPort the real server's port
     * @param change       what payments now does differently
     * @return the running proxy
     */
    static ChangedPayments start(int paymentsPort, Change change) {
        try {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI payments = URI.create("http://127.0.0.1:" + paymentsPort);
            HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            proxy.createContext("/", exchange -> {
                try (exchange) {
                    Answer answer = change.apply(Request.of(exchange), request -> forward(client, payments, request));
                    answer.headers()
                            .forEach((name, values) ->
                                    exchange.getResponseHeaders().put(name, values));
                    exchange.sendResponseHeaders(
                            answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
                    if (answer.body().length > 0) {
                        exchange.getResponseBody().write(answer.body());
                    }
                }
            });
            proxy.start();
            return new ChangedPayments(proxy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return proxy.getAddress().getPort();
    }

    void stop() {
        proxy.stop(0);
    }

    private static Answer forward(HttpClient client, URI payments, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(payments.resolve(request.pathAndQuery()))
                .method(
                        request.method(),
                        request.body().length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    headers.put(name, values);
                }
            });
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while forwarding to payments", e);
        }
    }

    /** What payments does differently: given a request and payments as it is, the answer it gives now. */
    @FunctionalInterface
    interface Change {

        Answer apply(Request request, Function<Request, Answer> payments);

        /**
         * Payments changes every payment object it sends (any JSON object with an {@code id} and an
         * {@code amount}, at any depth).
         *
         * @param edit the edit of one payment
         * @return the change
         */
        static Change everyPayment(Consumer<ObjectNode> edit) {
            return (request, payments) -> payments.apply(request).withJson(body -> editPayments(body, edit));
        }
    }

    private static void editPayments(JsonNode node, Consumer<ObjectNode> edit) {
        if (node instanceof ObjectNode object && object.has("id") && object.has("amount")) {
            edit.accept(object);
        }
        node.forEach(child -> editPayments(child, edit));
    }

    /**
     * A request as the proxy received it.
     *
     * @param method       the method
     * @param pathAndQuery the raw path and query
     * @param headers      the headers
     * @param body         the body, empty when none
     */
    record Request(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {

        static Request of(HttpExchange exchange) throws IOException {
            return new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
        }

        String path() {
            int query = pathAndQuery.indexOf('?');
            return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * An answer to send back.
     *
     * @param status  the status code
     * @param headers the headers
     * @param body    the body, empty when none
     */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        /** A problem document, as payments sends for every error. */
        static Answer problem(int status, String title, String detail) {
            ObjectNode problem = JSON.createObjectNode()
                    .put("type", "about:blank")
                    .put("title", title)
                    .put("status", status)
                    .put("detail", detail);
            return new Answer(status, Map.of("Content-Type", List.of("application/problem+json")), bytes(problem));
        }

        Answer withStatus(int newStatus) {
            return new Answer(newStatus, headers, body);
        }

        Answer withJson(Consumer<JsonNode> edit) {
            if (body.length == 0) {
                return this;
            }
            try {
                JsonNode json = JSON.readTree(body);
                edit.accept(json);
                return new Answer(status, headers, bytes(json));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static byte[] bytes(JsonNode json) {
            try {
                return JSON.writeValueAsBytes(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
