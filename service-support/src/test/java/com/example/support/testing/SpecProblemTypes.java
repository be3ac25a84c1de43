package com.example.support.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.example.support.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
    public static void assertListsExactly(String resource, Set<ProblemType> sent) {
        Map<String, Object> spec = load(resource);
        List<Listed> listed = listed(spec);
        Set<String> expected = new TreeSet<>();
        sent.forEach(type -> expected.add(type.uri()));
        Set<String> actual = new TreeSet<>();
        listed.forEach(entry -> actual.add(entry.type()));
        assertThat(resource + " components.x-problem-types", actual, is(expected));

        String description = (String) child(spec, "info").get("description");
        for (Listed entry : listed) {
            ProblemType type = ProblemType.of(entry.type()).orElseThrow();
            assertThat(entry.type() + " title", entry.title(), is(type.title()));
            assertThat(
                    entry.type() + " status", entry.status(), is(type.status().code()));
            assertThat(
                    resource + " info.description's table of problem types",
                    description,
                    containsString("| `%s` | %d | %s | %s |"
                            .formatted(entry.type(), entry.status(), entry.title(), entry.meaning())));
        }
    }

    /**
     * The problem types a spec lists.
     *
     * @param spec the parsed spec
     * @return its {@code components.x-problem-types}, in order
     */
    static List<Listed> listed(Map<String, Object> spec) {
        List<Listed> listed = new ArrayList<>();
        Object entries = child(spec, "components").get("x-problem-types");
        if (entries instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> entry = (Map<?, ?>) item;
                listed.add(new Listed(
                        String.valueOf(entry.get("type")),
                        String.valueOf(entry.get("title")),
                        ((Number) entry.get("status")).intValue(),
                        String.valueOf(entry.get("meaning"))));
            }
        }
        return listed;
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

    /** One entry of {@code x-problem-types}. */
    record Listed(String type, String title, int status, String meaning) {}
}
