package com.example.products.auth;

import io.helidon.config.Config;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Which tokens products accepts. Every setting is required: without one products does not start
 * (there is deliberately no setting that turns authentication off).
 *
 * @param issuer   the exact {@code iss} of accepted tokens ({@code PRODUCTS_AUTH_ISSUER})
 * @param audience the {@code aud} that accepted tokens must contain ({@code PRODUCTS_AUTH_AUDIENCE})
 * @param jwksUri  the issuer's JWKS, an {@code https:} or {@code file:} URI ({@code PRODUCTS_AUTH_JWKS_URI})
 */
public record AuthSettings(String issuer, String audience, URI jwksUri) {

    /**
     * Reads the settings.
     *
     * @param auth the {@code products.auth} configuration node
     * @return the settings
     * @throws InvalidSettingException naming the environment variable of a missing or unusable setting
     */
    public static AuthSettings from(Config auth) {
        return new AuthSettings(
                required(auth.get("issuer"), "PRODUCTS_AUTH_ISSUER", "the exact issuer (iss) of accepted tokens"),
                required(auth.get("audience"), "PRODUCTS_AUTH_AUDIENCE", "the audience (aud) of accepted tokens"),
                jwksUri(required(
                        auth.get("jwks.uri"), "PRODUCTS_AUTH_JWKS_URI", "the issuer's JWKS (an https: or file: URI)")));
    }

    private static String required(Config node, String variable, String what) {
        return node.asString()
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> new InvalidSettingException(
                        variable + " is not set: products needs " + what + " (" + node.key() + ")"));
    }

    private static URI jwksUri(String value) {
        try {
            URI uri = new URI(value);
            if ("https".equalsIgnoreCase(uri.getScheme()) || "file".equalsIgnoreCase(uri.getScheme())) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below, as any other unusable value
        }
        throw new InvalidSettingException("PRODUCTS_AUTH_JWKS_URI must be an https: or file: URI, not '" + value + "'");
    }

    /** A missing or unusable setting; its message is the one line products prints before it exits. */
    public static final class InvalidSettingException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidSettingException(String message) {
            super(message, null, false, false);
        }
    }
}
