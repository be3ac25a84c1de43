package com.example.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;

/**
 * WireMock proxying every request to one payments instance, able to hold back every answer: a slow
 * instance that still accepts connections, as a saturated or paused task does. Health checks pass
 * through it too, so a delay under the health check timeout keeps the instance healthy.
 */
final class DelayingProxy implements AutoCloseable {

    private final WireMockServer server;
    private final String target;

    private DelayingProxy(WireMockServer server, String target) {
        this.server = server;
        this.target = target;
    }

    /** Starts the proxy on a free loopback port, passing answers on at once until {@link #delay} is called. */
    static DelayingProxy start(String target) {
        // Threads for every call a scenario holds back at once, and the health checks beside them.
        WireMockServer server = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().containerThreads(64));
        server.start();
        DelayingProxy proxy = new DelayingProxy(server, target);
        proxy.delay(Duration.ZERO);
        return proxy;
    }

    /** Holds back every answer by this long from now on. */
    void delay(Duration delay) {
        server.resetMappings();
        server.stubFor(any(anyUrl())
                .willReturn(aResponse().proxiedFrom("http://" + target).withFixedDelay((int) delay.toMillis())));
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
