package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.helidon.common.testing.http.junit5.SocketHttpClient;
import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chunked request body whose chunk size is not hexadecimal is the client's error (found by the
 * system tests' bad-input corpus, where both services answered it with 500). Written on a raw socket
 * (Helidon's {@link SocketHttpClient}), because no HTTP client sends it.
 */
@ServerTest
class JsonBodiesChunkedTest {

    private static final String HEAD = "POST /things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        ServiceServer.configure(server, Config.empty());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ServiceServer.routing(
                routing,
                Tracing.disabled(),
                api -> api.post(
                        "/things",
                        (req, res) -> res.send(JsonBodies.read(req, Map.class).toString())));
    }

    @Test
    void answersMalformedChunkSizeWithBadRequestProblem(SocketHttpClient socket) {
        socket.requestRaw(HEAD + "zz\r\n{}\r\n0\r\n\r\n");
        String answer = socket.receive();

        assertThat(answer, startsWith("HTTP/1.1 400 "));
        assertThat(answer, containsString("application/problem+json"));
        assertThat(answer, containsString("The chunked request body is malformed"));
    }

    @Test
    void stillReadsWellFormedChunkedJson(SocketHttpClient socket) {
        socket.requestRaw(HEAD + "7\r\n{\"a\":1}\r\n0\r\n\r\n");
        String answer = socket.receive();

        assertThat(answer, startsWith("HTTP/1.1 200 "));
        assertThat(answer, containsString("{a=1}"));
    }
}
