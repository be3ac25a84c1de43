package com.example.support.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.example.support.Json;
import com.example.support.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Holds a spec's list of problem types ({@code components.x-problem-types}, and its table in
 * {@code info.description}) and {@link ProblemType} together.
 */
public final class SpecProblemTypes {

    private SpecProblemTypes() {}

    /**
     * Asserts that the spec (at a class-path location, e.g. {@code META-INF/openapi/payments.yaml})
     * lists exactly the types the service sends, each with the URI, title and status of
     * {@link ProblemType}, and that its description's table shows each with its meaning.
     */
    public static void assertListsExactly(String resource, Set<ProblemType> sent) {
        JsonNode spec = load(resource);
        JsonNode listed = spec.at("/components/x-problem-types");
        Set<String> expected = new TreeSet<>();
        sent.forEach(type -> expected.add(type.uri()));
        assertThat(
                resource + " components.x-problem-types", new TreeSet<>(listed.findValuesAsText("type")), is(expected));

        String description = spec.at("/info/description").asText();
        for (JsonNode entry : listed) {
            ProblemType type = ProblemType.of(entry.path("type").asText()).orElseThrow();
            assertThat(type.uri() + " title", entry.path("title").asText(), is(type.title()));
            assertThat(
                    type.uri() + " status",
                    entry.path("status").asInt(),
                    is(type.status().code()));
            assertThat(
                    resource + " info.description's table of problem types",
                    description,
                    containsString("| `%s` | %s | %s | %s |"
                            .formatted(
                                    type.uri(),
                                    entry.path("status").asText(),
                                    entry.path("title").asText(),
                                    entry.path("meaning").asText())));
        }
    }

    private static JsonNode load(String resource) {
        try (InputStream in = SpecProblemTypes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No " + resource + " on the class path");
            }
            return Json.mapper().valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
