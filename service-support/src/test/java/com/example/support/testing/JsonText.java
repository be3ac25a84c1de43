package com.example.support.testing;

/** JSON text written as a hostile client writes it, byte for byte, for tests of how text is taken. */
public final class JsonText {

    private JsonText() {}

    /**
     * A JSON string with every character outside printable ASCII as a {@code \}{@code u} escape, lone
     * surrogates included (which no JSON library writes from a Java string); quotes included.
     */
    public static String escaped(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
