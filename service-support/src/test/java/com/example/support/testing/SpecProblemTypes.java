package com.example.support.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.example.support.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
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
     * Asserts that the spec lists exactly the given types, each with the URI, title and status of
     * {@link ProblemType}, and that its description's table shows each with its meaning.
     *
     * @param resource the spec's class-path location, e.g. {@code META-INF/openapi/payments.yaml}
     * @param sent     the types the service sends
     */
    @SuppressWarnings("unchecked")
    public static void assertListsExactly(String resource, Set<ProblemType> sent) {
        Map<String, Object> spec = load(resource);
        List<Map<String, Object>> listed =
                (List<Map<String, Object>>) child(spec, "components").getOrDefault("x-problem-types", List.of());
        Set<String> expected = new TreeSet<>();
        sent.forEach(type -> expected.add(type.uri()));
        Set<String> actual = new TreeSet<>();
        listed.forEach(entry -> actual.add(String.valueOf(entry.get("type"))));
        assertThat(resource + " components.x-problem-types", actual, is(expected));

        String description = (String) child(spec, "info").get("description");
        for (Map<String, Object> entry : listed) {
            ProblemType type = ProblemType.of((String) entry.get("type")).orElseThrow();
            assertThat(type.uri() + " title", String.valueOf(entry.get("title")), is(type.title()));
            assertThat(
                    type.uri() + " status",
                    ((Number) entry.get("status")).intValue(),
                    is(type.status().code()));
            assertThat(
                    resource + " info.description's table of problem types",
                    description,
                    containsString("| `%s` | %s | %s | %s |"
                            .formatted(type.uri(), entry.get("status"), entry.get("title"), entry.get("meaning"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String name) {
        return (Map<String, Object>) node.getOrDefault(name, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String resource) {
        try (InputStream in = SpecProblemTypes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No " + resource + " on the class path");
            }
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
