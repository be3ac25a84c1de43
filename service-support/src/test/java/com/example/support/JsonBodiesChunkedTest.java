package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chunked request body whose chunk size is not hexadecimal is the client's error (found by the
 * system tests' bad-input corpus, where both services answered it with 500). Written on a raw socket,
 * because no HTTP client sends it.
 */
class JsonBodiesChunkedTest {

    private WebServer server;

    @BeforeEach
    void startServer() {
        server = ServiceServer.configure(WebServer.builder(), io.helidon.config.Config.empty())
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> ServiceServer.routing(
                        routing,
                        Tracing.disabled(),
                        api -> api.post(
                                "/things",
                                (req, res) ->
                                        res.send(JsonBodies.read(req, Map.class).toString()))))
                .build()
                .start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void answersMalformedChunkSizeWithBadRequestProblem() throws IOException {
        String answer = send("POST /things HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

        assertThat(answer, startsWith("HTTP/1.1 400 "));
        assertThat(answer, containsString("application/problem+json"));
        assertThat(answer, containsString("The chunked request body is malformed"));
    }

    @Test
    void stillReadsWellFormedChunkedJson() throws IOException {
        String answer = send("POST /things HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");

        assertThat(answer, startsWith("HTTP/1.1 200 "));
        assertThat(answer, containsString("{a=1}"));
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            // A bound against a hang, generous for a busy machine: the answer, not its speed, is tested.
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Read the head and a body of the announced length: the server may keep the connection open.
            StringBuilder answer = new StringBuilder();
            var in = socket.getInputStream();
            int b;
            while (!complete(answer) && (b = in.read()) >= 0) {
                answer.append((char) b);
            }
            return answer.toString();
        }
    }

    private static boolean complete(StringBuilder answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer.substring(0, end));
        return length.find() && answer.length() - end - 4 >= Integer.parseInt(length.group(1));
    }
}
