package com.example.support;

import java.util.Optional;

/**
 * The rule for free text that a client sends and a service stores and returns exactly (a payment's
 * {@code description}), shared so that products and payments refuse the same values with the same
 * reason. JSON can carry any UTF-16 code unit, but not every one can be stored or returned as it came:
 * <ul>
 *   <li>U+0000 cannot be stored in a PostgreSQL {@code text} column at all, and the other control
 *       characters (Unicode category Cc) mislead whatever displays or logs the text; tab, line feed and
 *       carriage return are ordinary text and are kept;</li>
 *   <li>a lone surrogate ({@code "\ud800"}) is no character: UTF-8 cannot encode it, so it would be
 *       stored as {@code ?};</li>
 *   <li>the length is counted in characters (code points), as JSON Schema's {@code maxLength} counts,
 *       so an emoji counts once.</li>
 * </ul>
 */
public final class StoredText {

    private StoredText() {}

    /**
     * Why a text is not accepted, if it is not.
     *
     * @param text          the text as the client sent it
     * @param maxCharacters the most characters (code points) allowed
     * @return the reason, for the client, or empty when the text is stored exactly as sent
     */
    public static Optional<String> violation(String text, int maxCharacters) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isSurrogate((char) c)) {
                return Optional.of("must not contain an unpaired surrogate (\\u" + hex(c) + " at index " + i + ")");
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of("must not contain the control character U+" + hex(c) + " (at index " + i
                        + "); tab, line feed and carriage return are allowed");
            }
            i += Character.charCount(c);
        }
        int characters = text.codePointCount(0, text.length());
        if (characters > maxCharacters) {
            return Optional.of("must be at most " + maxCharacters + " characters, not " + characters);
        }
        return Optional.empty();
    }

    private static String hex(int c) {
        return String.format("%04X", c);
    }
}
