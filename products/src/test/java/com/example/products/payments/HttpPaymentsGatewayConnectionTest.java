package com.example.products.payments;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that the load balancer closes without answering (HAProxy does so when a reused
 * target connection fails; any peer may close an idle keep-alive connection just as products reuses
 * it) is a connection failure: retried once, not reported as an unreadable answer.
 */
class HttpPaymentsGatewayConnectionTest {

    private static final String PAGE = "{\"items\":[]}";

    private final AtomicInteger connections = new AtomicInteger();
    private final MeterRegistry registry = Metrics.createMeterRegistry();
    private ServerSocket server;
    private volatile int closeWithoutAnswer;

    @BeforeEach
    void startPayments() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    @AfterEach
    void stopPayments() throws IOException {
        server.close();
        registry.close();
    }

    @Test
    void retriesACallWhoseConnectionClosesBeforeTheAnswer() {
        closeWithoutAnswer = 1;
        HttpPaymentsGateway gateway = gateway();

        var page = gateway.list(Optional.empty(), 10, Optional.empty());

        assertThat(page.getItems().isEmpty(), is(true));
        assertThat(gateway.retries(), is(1L));
        assertThat(connections.get(), is(2));
    }

    @Test
    void answersBadGatewayWhenTheRetryIsClosedWithoutAnswerToo() {
        closeWithoutAnswer = 2;
        HttpPaymentsGateway gateway = gateway();

        PaymentsCallException failure = org.junit.jupiter.api.Assertions.assertThrows(
                PaymentsCallException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(failure.problem().status(), is(502));
        assertThat(failure.problem().detail(), is("The connection to payments broke before it answered"));
        assertThat(gateway.retries(), is(1L));
    }

    private HttpPaymentsGateway gateway() {
        return HttpPaymentsGateway.create(
                PaymentsClientSettings.builder()
                        .baseUri(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                        .maxConnections(4)
                        .build(),
                registry);
    }

    /** Reads each request's head; closes the first connections without a word, answers the others. */
    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                int number = connections.incrementAndGet();
                InputStream in = socket.getInputStream();
                readHead(in);
                if (number <= closeWithoutAnswer) {
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + PAGE.length()
                                + "\r\nConnection: close\r\n\r\n" + PAGE)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the test has ended
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
