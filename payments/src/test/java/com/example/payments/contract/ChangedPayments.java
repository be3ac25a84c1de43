package com.example.payments.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Payments as it would answer after a change to its implementation: WireMock proxying to the real
 * server, with the change applied to each answer. The proof tests use it to show that provider
 * verification fails when payments breaks the contract, without editing payments' code.
 */
final class ChangedPayments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangedPayments() {}

    /** Starts the proxy, on a random loopback port, in front of the real server's port. */
    static WireMockServer start(int paymentsPort, Change change) {
        WireMockServer proxy = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(new ResponseTransformerV2() {
                    @Override
                    public Response transform(Response answer, ServeEvent exchange) {
                        try {
                            return change.apply(exchange.getRequest(), answer);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public String getName() {
                        return "changed-payments";
                    }
                }));
        proxy.start();
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + paymentsPort)));
        return proxy;
    }

    /** What payments does differently: given a request and payments' answer to it, the answer it gives now. */
    @FunctionalInterface
    interface Change {

        Response apply(Request request, Response answer) throws IOException;

        /**
         * Payments edits every payment object it sends (any JSON object with an {@code id} and an
         * {@code amount}, at any depth).
         */
        static Change everyPayment(Consumer<ObjectNode> edit) {
            return (request, answer) -> withJson(answer, body -> editPayments(body, edit));
        }
    }

    private static void editPayments(JsonNode node, Consumer<ObjectNode> edit) {
        if (node instanceof ObjectNode object && object.has("id") && object.has("amount")) {
            edit.accept(object);
        }
        node.forEach(child -> editPayments(child, edit));
    }

    /** The request's JSON body. */
    static JsonNode json(Request request) throws IOException {
        return JSON.readTree(request.getBody());
    }

    /** A problem document, as payments sends for every error. */
    static Response problem(int status, String title, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        return Response.response()
                .status(status)
                .headers(new HttpHeaders(new HttpHeader("Content-Type", "application/problem+json")))
                .body(JSON.writeValueAsBytes(problem))
                .build();
    }

    static Response withStatus(Response answer, int status) {
        return Response.Builder.like(answer).but().status(status).build();
    }

    /** The answer with one header less, and with the body's length left to the server. */
    static Response without(Response answer, String header) {
        return Response.Builder.like(answer)
                .but()
                .headers(new HttpHeaders(answer.getHeaders().all().stream()
                        .filter(each -> !each.keyEquals(header) && !each.keyEquals("Content-Length"))
                        .toList()))
                .build();
    }

    static Response withJson(Response answer, Consumer<JsonNode> edit) throws IOException {
        if (answer.getBody().length == 0) {
            return answer;
        }
        JsonNode json = JSON.readTree(answer.getBody());
        edit.accept(json);
        return Response.Builder.like(without(answer, "Content-Length"))
                .but()
                .body(JSON.writeValueAsBytes(json))
                .build();
    }
}
