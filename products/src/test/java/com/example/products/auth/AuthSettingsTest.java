package com.example.products.auth;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.support.testing.TestEnvironment;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthSettingsTest {

    private static final Map<String, String> COMPLETE = Map.of(
            "PRODUCTS_AUTH_ISSUER", "https://issuer.test/",
            "PRODUCTS_AUTH_AUDIENCE", "products",
            "PRODUCTS_AUTH_JWKS_URI", "https://issuer.test/.well-known/jwks.json");

    @ParameterizedTest
    @ValueSource(strings = {"https://issuer.test/.well-known/jwks.json", "file:/tmp/jwks.json"})
    void readsEverySettingFromTheEnvironmentAsEcsSetsIt(String jwksUri) {
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.put("PRODUCTS_AUTH_JWKS_URI", jwksUri);

        AuthSettings settings =
                AuthSettings.from(TestEnvironment.config(environment).get("products.auth"));

        assertThat(settings, is(new AuthSettings("https://issuer.test/", "products", URI.create(jwksUri))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRODUCTS_AUTH_ISSUER", "PRODUCTS_AUTH_AUDIENCE", "PRODUCTS_AUTH_JWKS_URI"})
    void refusesToStartWithoutASettingNamingItsVariable(String missing) {
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.put(missing, " ");

        var e = assertThrows(
                AuthSettings.InvalidSettingException.class,
                () -> AuthSettings.from(TestEnvironment.config(environment).get("products.auth")));

        assertThat(e.getMessage().startsWith(missing + " is not set: products needs "), is(true));
    }

    @ParameterizedTest
    @CsvSource({"http://issuer.test/jwks.json", "ftp://issuer.test/jwks.json", "jwks.json", "https://bad uri"})
    void acceptsOnlyHttpsAndFileJwksUris(String uri) {
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.put("PRODUCTS_AUTH_JWKS_URI", uri);

        var e = assertThrows(
                AuthSettings.InvalidSettingException.class,
                () -> AuthSettings.from(TestEnvironment.config(environment).get("products.auth")));

        assertThat(e.getMessage(), is("PRODUCTS_AUTH_JWKS_URI must be an https: or file: URI, not '" + uri + "'"));
    }
}
