package com.example.contracts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import org.openapitools.openapidiff.core.output.Render;

/**
 * Compares a spec with a released baseline of it, with openapi-diff: a change that would break a
 * client written against the baseline (an operation or response removed, a type changed, a request
 * field made required, a new enum value in a response...) is incompatible; an addition is not. A
 * problem type removed or changed is incompatible too ({@link ProblemTypeCompatibility}).
 *
 * <p>Released baselines live beside the specs, one file per released version:
 * {@code api-specs/baselines/<api>-<major>.<minor>.<patch>.yaml}, e.g. {@code payments-1.0.0.yaml}.
 */
public final class SpecCompatibility {

    private static final Pattern BASELINE =
            Pattern.compile("(?<api>[a-z0-9-]+?)-(?<major>\\d+)\\.(?<minor>\\d+)\\.(?<patch>\\d+)\\.yaml");

    private SpecCompatibility() {}

    /**
     * Compares a spec with a baseline and writes the Markdown report.
     *
     * @param baseline  the released spec, the one clients are written against
     * @param spec      the spec as it is now
     * @param reportDir where to write {@code <spec>-vs-<baseline>.md}
     * @return the outcome, with a plain-text summary of the changes
     */
    public static Comparison compare(Path baseline, Path spec, Path reportDir) {
        ChangedOpenApi diff = OpenApiCompare.fromFiles(baseline.toFile(), spec.toFile());
        List<String> problemTypeBreaks = ProblemTypeCompatibility.breaks(baseline, spec);
        String problemTypes = problemTypeBreaks.isEmpty()
                ? ""
                : "\n\nProblem types (components.x-problem-types):\n- " + String.join("\n- ", problemTypeBreaks);
        Path report = reportDir.resolve(stem(spec) + "-vs-" + stem(baseline) + ".md");
        try {
            Files.createDirectories(reportDir);
            Files.writeString(report, render(new MarkdownRender(), diff) + problemTypes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + report, e);
        }
        return new Comparison(
                baseline,
                spec,
                !diff.isIncompatible() && problemTypeBreaks.isEmpty(),
                (render(new ConsoleRender(), diff).strip() + problemTypes).strip(),
                report);
    }

    /**
     * The released baselines of an API, oldest first.
     *
     * @param baselines the baselines folder
     * @param api       the spec's name without {@code .yaml}, e.g. {@code payments}
     * @return the baselines, ordered by version
     */
    public static List<Path> baselines(Path baselines, String api) {
        try (Stream<Path> files = Files.list(baselines)) {
            return files.filter(file -> version(file).isPresent() && api.equals(apiOf(file)))
                    .sorted(Comparator.comparing((Path file) -> version(file).orElseThrow()[0])
                            .thenComparing(file -> version(file).orElseThrow()[1])
                            .thenComparing(file -> version(file).orElseThrow()[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + baselines, e);
        }
    }

    /**
     * The major version of a baseline, from its file name.
     *
     * @param baseline a baseline file
     * @return its major version
     */
    public static int major(Path baseline) {
        return version(baseline).orElseThrow(() -> new IllegalArgumentException("Not a baseline name: " + baseline))[0];
    }

    private static Optional<int[]> version(Path file) {
        Matcher name = BASELINE.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        return Optional.of(new int[] {
            Integer.parseInt(name.group("major")),
            Integer.parseInt(name.group("minor")),
            Integer.parseInt(name.group("patch"))
        });
    }

    private static String apiOf(Path file) {
        Matcher name = BASELINE.matcher(file.getFileName().toString());
        return name.matches() ? name.group("api") : "";
    }

    private static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    private static String render(Render render, ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            render.render(diff, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The outcome of a comparison.
     *
     * @param baseline   the released spec
     * @param spec       the compared spec
     * @param compatible whether a client of the baseline still works with the spec
     * @param summary    the changes in plain text
     * @param report     the Markdown report
     */
    public record Comparison(Path baseline, Path spec, boolean compatible, String summary, Path report) {}
}
