package com.example.products.payments;

import com.example.support.Json;
import com.example.support.Problem;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for payments on a loopback port, shared by the gateway's tests: each request takes the
 * next scripted answer, or else the standing one, and the requests are counted.
 */
final class StubPayments implements AutoCloseable {

    /** An empty page, the standing answer until a test sets another. */
    static final String EMPTY_PAGE = "{\"items\":[]}";

    private final Queue<Handler> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Handler standing = (req, res) -> json(res, 200, EMPTY_PAGE);
    private final WebServer server;

    StubPayments() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.any((req, res) -> {
                    requests.incrementAndGet();
                    Optional.ofNullable(script.poll()).orElse(standing).handle(req, res);
                }))
                .build()
                .start();
    }

    /** Answers every request from now on, after the scripted ones. */
    void answer(Handler handler) {
        standing = handler;
    }

    /** Answers one request, after the ones scripted before it. */
    void thenAnswer(Handler handler) {
        script.add(handler);
    }

    /** How many requests reached the stub. */
    int requests() {
        return requests.get();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Settings pointing at the stub; a test changes what it is about. */
    PaymentsClientSettings.Builder settings() {
        return PaymentsClientSettings.builder().baseUri(uri());
    }

    static void json(ServerResponse res, int status, String body) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(body);
    }

    static void problem(ServerResponse res, int status, String detail) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, "application/problem+json")
                .send(Json.bytes(Problem.of(Status.create(status), detail)));
    }

    static void problem(ServerResponse res, int status, String type, String detail) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, "application/problem+json")
                .send("""
                        {"type":"%s","title":"Refused","status":%d,"detail":"%s"}""".formatted(type, status, detail));
    }

    /** An answer that takes its time, as a slow payments does. */
    static Handler slow(Duration delay, Handler answer) {
        return (req, res) -> {
            Thread.sleep(delay);
            answer.handle(req, res);
        };
    }

    @Override
    public void close() {
        server.stop();
    }
}
