package com.example.products.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;

/**
 * payments as WireMock plays it for the gateway's tests, on a loopback port: answers chosen by each
 * test, in turn, including WireMock's faults (a reset connection, a connection closed unanswered).
 */
public final class StubPayments {

    /** An empty page. */
    public static final String EMPTY_PAGE = "{\"items\":[]}";

    private StubPayments() {}

    /** A stub server for one test class; WireMock resets its answers and journal after each test. */
    public static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /**
     * Answers the requests in turn: the first with the first answer, and so on; the last answer
     * stands for every later request.
     */
    public static void answer(WireMockExtension payments, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            payments.stubFor(any(anyUrl())
                    .inScenario("in turn")
                    .whenScenarioStateIs(turn(i))
                    .willSetStateTo(turn(Math.min(i + 1, answers.length - 1)))
                    .willReturn(answers[i]));
        }
    }

    private static String turn(int answer) {
        return answer == 0 ? Scenario.STARTED : "answer " + answer;
    }

    /** How many requests reached the stub. */
    public static int requests(WireMockExtension payments) {
        return payments.countRequestsMatching(RequestPattern.everything()).getCount();
    }

    public static URI uri(WireMockExtension payments) {
        return URI.create(payments.baseUrl());
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** A payment as payments writes it, with every field products reads (its id also in its description). */
    public static String payment(String id) {
        return """
                {"id":"%s","amount":"9.99","currency":"EUR","status":"CAPTURED","description":"Order %s",\
                "createdAt":"2026-02-01T08:00:00Z"}""".formatted(id, id);
    }

    public static ResponseDefinitionBuilder problem(int status, String type, String detail) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("""
                        {"type":"%s","title":"Refused","status":%d,"detail":"%s"}""".formatted(type, status, detail));
    }
}
