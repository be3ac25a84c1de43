package com.example.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written byte by byte on a socket, one request per connection: the only way to send what
 * no client library lets through (a NUL in a header, invalid UTF-8 in a path). An answer that does
 * not arrive within the timeout is reported as a hang, not waited for.
 */
final class RawHttp {

    private RawHttp() {}

    /**
     * An answer as it arrived.
     *
     * @param status      the status code, or -1 when no answer arrived in time ({@link #hung()})
     * @param contentType the {@code Content-Type}, or empty
     * @param body        the body (chunked transfer decoded)
     */
    record Answer(int status, String contentType, String body) {

        boolean hung() {
            return status < 0;
        }
    }

    /**
     * Sends the request's bytes as they are and reads the answer until it is complete or the server closes.
     *
     * @param port    the server's port on the loopback interface
     * @param request the request, head and body
     * @param timeout the longest wait for the whole answer
     * @return the answer
     * @throws IOException when the connection cannot be opened
     */
    static Answer send(int port, byte[] request, Duration timeout) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before it has read all of a request it refuses
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while (!complete(raw.toString(StandardCharsets.ISO_8859_1)) && (read = in.read(buffer)) >= 0) {
                    raw.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException hang) {
                return new Answer(-1, "", raw.toString(StandardCharsets.UTF_8));
            } catch (java.net.SocketException reset) {
                // a reset after the answer: use what arrived
            }
            return parse(raw.toByteArray());
        }
    }

    /** Whether the head and the whole body (by length, or up to the last chunk) have arrived. */
    private static boolean complete(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = raw.substring(0, end);
        Optional<String> length = header(head, "content-length");
        if (length.isPresent()) {
            return raw.length() - end - 4 >= Integer.parseInt(length.get());
        }
        if (header(head, "transfer-encoding").isPresent()) {
            return raw.endsWith("\r\n0\r\n\r\n") || raw.substring(end + 4).startsWith("0\r\n\r\n");
        }
        return false;
    }

    private static Answer parse(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
            // closed without an answer: as bad as a hang for a client
            return new Answer(-1, "", "(no HTTP answer: " + raw + ")");
        }
        String head = raw.substring(0, end);
        // ISO-8859-1 keeps one char per byte, so that chunk sizes (in bytes) can be counted in chars
        String body = raw.substring(end + 4);
        if (header(head, "transfer-encoding").isPresent()) {
            body = dechunk(body);
        }
        return new Answer(
                Integer.parseInt(raw.substring(9, 12)),
                header(head, "content-type").orElse(""),
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static Optional<String> header(String head, String name) {
        return head.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst();
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = lineEnd < 0
                    ? 0
                    : Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            int to = Math.min(chunked.length(), from + size);
            body.append(chunked, from, to);
            at = to + 2;
        }
        return body.toString();
    }
}
