package com.example.products.docs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.example.products.TestProducts;
import com.example.support.Json;
import com.example.support.ProblemType;
import com.example.support.testing.ExternalProcess;
import com.example.support.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The reference page at {@code /docs}, as a reader's browser shows it: Debian's headless Chromium,
 * driven by puppeteer-core ({@code src/test/browser/check-docs.mjs}), opens the real server's page
 * without a token. Every operation and every problem type of the spec is on it, and the page logs
 * no error and asks no other origin for anything.
 */
class ReferencePageIT {

    private static final Path BROWSER = Path.of("src/test/browser");
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(180);

    private static WebServer server;
    private static List<String> operationSummaries;

    @BeforeAll
    static void startServer() throws IOException {
        // Nothing here calls payments.
        server = TestProducts.start(URI.create("http://127.0.0.1:9"), TestTokens.generate());
        try (InputStream in =
                ReferencePageIT.class.getClassLoader().getResourceAsStream("META-INF/openapi/products.yaml")) {
            Object spec = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            operationSummaries = Json.mapper().valueToTree(spec).path("paths").findValuesAsText("summary");
        }
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void isServedWithoutATokenWithAPolicyThatAllowsNoOtherOrigin() {
        var response = WebClient.builder().baseUri(url()).build().get().request(String.class);

        assertThat(response.status().code(), is(200));
        assertThat(response.headers().contentType().orElseThrow().text(), startsWith("text/html"));
        String policy = response.headers()
                .first(HeaderNames.create("Content-Security-Policy"))
                .orElseThrow();
        assertThat(policy, startsWith("default-src 'none'; script-src 'sha256-"));
        assertThat(policy, not(containsString("http")));
        assertThat(policy, not(containsString("unsafe-eval")));
    }

    @Test
    void showsEveryOperationAndProblemTypeInABrowserWithoutErrorsOrOtherOrigins() throws Exception {
        JsonNode page = openInChromium(url());
        String text = page.path("text").asText();

        assertThat(page.path("status").asInt(), is(200));
        assertThat(page.toString(), page.path("consoleErrors").isEmpty(), is(true));
        assertThat(page.toString(), page.path("otherOrigins").isEmpty(), is(true));
        assertThat(page.toString(), page.path("failed").isEmpty(), is(true));
        for (String summary : operationSummaries) {
            assertThat("operation on the page", text, containsString(summary));
        }
        // ProblemTypesTest holds the spec's list of problem types and ProblemType together.
        for (ProblemType type : ProblemType.values()) {
            assertThat("problem type on the page", text, containsString(type.uri()));
        }
        System.out.printf(
                "/docs in Chromium: %d bytes, loaded (network idle) in %d ms, %d operations, %d problem types%n",
                page.path("bytes").asLong(),
                page.path("loadMillis").asLong(),
                operationSummaries.size(),
                ProblemType.values().length);
    }

    private static String url() {
        return "http://localhost:" + server.port() + ReferencePage.PATH;
    }

    private static JsonNode openInChromium(String url) throws IOException {
        ExternalProcess.Finished node = ExternalProcess.run(
                BROWSER_TIMEOUT, new ProcessBuilder("node", "check-docs.mjs", url).directory(BROWSER.toFile()));
        assertThat(
                "node check-docs.mjs failed; is Debian's chromium installed at /usr/bin/chromium (apt-get install"
                        + " chromium)? " + node.output(),
                node.exitCode(),
                is(0));
        // Its report is one JSON line; Chromium may write warnings beside it.
        return Json.mapper()
                .readTree(node.output()
                        .lines()
                        .filter(line -> line.startsWith("{"))
                        .reduce((first, last) -> last)
                        .orElseThrow(() -> new AssertionError("No report from check-docs.mjs: " + node.output())));
    }
}
