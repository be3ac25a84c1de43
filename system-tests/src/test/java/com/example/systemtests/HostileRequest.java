package com.example.systemtests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request of one operation whose fields all hold valid values except one, which holds a hostile
 * value; written as bytes exactly as they should travel (percent-encoding in URLs, JSON escapes in
 * bodies), so that lone surrogates and invalid encodings reach the server unchanged.
 */
record HostileRequest(SpecOperation operation, SpecField target, HostileValue value) {

    private static final AtomicInteger SERIALS = new AtomicInteger();

    /** The request's bytes. */
    byte[] bytes(String authorization) {
        int serial = SERIALS.incrementAndGet();
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        StringBuilder headers = new StringBuilder();
        StringBuilder body = new StringBuilder("{");
        for (SpecField field : operation.fields()) {
            HostileValue sent =
                    field.equals(target) ? value : new HostileValue(field.valid(serial), HostileValue.Form.TEXT);
            if (sent.text() == null) {
                path = path.replace("{" + field.name() + "}", "");
                continue;
            }
            switch (field.location()) {
                case PATH -> path = path.replace("{" + field.name() + "}", url(sent));
                case QUERY ->
                    query.append(query.isEmpty() ? "?" : "&")
                            .append(field.name())
                            .append('=')
                            .append(url(sent));
                case HEADER ->
                    headers.append(field.name())
                            .append(": ")
                            .append(sent.text())
                            .append("\r\n");
                case BODY ->
                    body.append(body.length() > 1 ? "," : "")
                            .append('"')
                            .append(field.name())
                            .append("\":")
                            .append(json(sent));
            }
        }
        body.append('}');
        StringBuilder head = new StringBuilder(operation.method())
                .append(' ')
                .append(path)
                .append(query)
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
                .append(headers);
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] content = operation.hasBody() ? wtf8(body.toString()) : new byte[0];
        if (operation.hasBody()) {
            head.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(content.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(wtf8(head.toString()));
        request.writeBytes(content);
        return request.toByteArray();
    }

    private static String url(HostileValue value) {
        if (value.form() == HostileValue.Form.RAW) {
            return value.text();
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : wtf8(value.text())) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    private static String json(HostileValue value) {
        if (value.form() == HostileValue.Form.JSON) {
            return value.text();
        }
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.text().toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 && value.form() == HostileValue.Form.TEXT || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /**
     * UTF-8, except that a lone surrogate is written as the three bytes UTF-8 would give its code
     * unit (WTF-8): what a careless client sends, and what no {@code String.getBytes} would write.
     */
    static byte[] wtf8(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        text.codePoints()
                .forEach(c -> bytes.writeBytes(
                        c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE
                                ? new byte[] {
                                    (byte) (0xe0 | c >> 12), (byte) (0x80 | c >> 6 & 0x3f), (byte) (0x80 | c & 0x3f)
                                }
                                : Character.toString(c).getBytes(StandardCharsets.UTF_8)));
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        return operation + " with " + target + " = " + value;
    }
}
