package com.example.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of one payments instance that can hold back every answer: a slow instance
 * that still accepts connections, as a saturated or paused task does. Health checks pass through it
 * too, so a delay under the health check timeout keeps the instance healthy.
 */
final class DelayingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Duration delay = Duration.ZERO;

    private DelayingProxy(ServerSocket server, String target) {
        this.server = server;
        this.target = target;
    }

    /**
     * Starts the proxy on a free loopback port.
     *
     * @param target the payments address ({@code 127.0.0.1:port})
     * @return the proxy, passing answers on at once until {@link #delay(Duration)} is called
     */
    static DelayingProxy start(String target) {
        try {
            ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
            DelayingProxy proxy = new DelayingProxy(server, target);
            Thread.ofVirtual().name("delaying-proxy-accept").start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holds back each chunk of every answer by this long from now on. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Client-side connections currently open through the proxy. */
    int openConnections() {
        return open.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                String[] hostPort = target.split(":");
                Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
                open.add(client);
                Thread.ofVirtual().start(() -> pump(client, upstream, Duration.ZERO));
                Thread.ofVirtual().start(() -> pump(upstream, client, null));
            } catch (IOException e) {
                // closed, or the target refused: the client's connection is closed, as a dead task's would be
            }
        }
    }

    /** Copies bytes until either side closes; answers ({@code fixedDelay == null}) wait for the current delay. */
    private void pump(Socket from, Socket to, Duration fixedDelay) {
        byte[] buffer = new byte[16384];
        try (from;
                to;
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                Duration wait = fixedDelay == null ? delay : fixedDelay;
                if (!wait.isZero()) {
                    Thread.sleep(wait);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed or reset: closing both (try-with-resources) passes it on
        } finally {
            open.remove(from);
            open.remove(to);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
