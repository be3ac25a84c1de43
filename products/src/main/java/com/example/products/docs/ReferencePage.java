package com.example.products.docs;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the reference page that the build renders from {@code products.yaml} ({@code redocly
 * build-docs --inlineBundle}, see products' pom): one self-contained HTML document. Its
 * Content-Security-Policy allows nothing from another origin, and of scripts only those inline in
 * the page as built (by their SHA-256), so the page can neither load nor run anything else.
 */
public final class ReferencePage implements HttpService {

    /** Where the page is served. */
    public static final String PATH = "/docs";

    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", Pattern.DOTALL);
    private static final HttpMediaType HTML = HttpMediaType.create("text/html; charset=UTF-8");

    private final byte[] page;
    private final String policy;

    ReferencePage(byte[] page) {
        this.page = page.clone();
        this.policy = policy(new String(page, StandardCharsets.UTF_8));
    }

    /**
     * Reads the page the build placed on the class path.
     *
     * @param resource its location, e.g. {@code META-INF/docs/products.html}
     * @return the service
     * @throws IllegalStateException when the build did not produce the page
     */
    public static ReferencePage fromClasspath(String resource) {
        try (InputStream in = ReferencePage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the class path: the build renders it");
            }
            return new ReferencePage(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::send);
    }

    /**
     * The page's Content-Security-Policy.
     *
     * @return the header value
     */
    String policy() {
        return policy;
    }

    private void send(ServerRequest req, ServerResponse res) {
        res.headers().contentType(HTML);
        res.header(HeaderNames.create("Content-Security-Policy"), policy);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.send(page);
    }

    /**
     * Nothing from another origin; scripts only as built; styles inline (Redoc's styled components
     * add them at run time); images and fonts from the page itself ({@code data:}).
     */
    private static String policy(String html) {
        List<String> hashes = new ArrayList<>();
        Matcher script = INLINE_SCRIPT.matcher(html);
        while (script.find()) {
            hashes.add("'sha256-" + sha256(script.group(1)) + "'");
        }
        return "default-src 'none'; script-src " + String.join(" ", hashes)
                + "; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none';"
                + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String sha256(String content) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
