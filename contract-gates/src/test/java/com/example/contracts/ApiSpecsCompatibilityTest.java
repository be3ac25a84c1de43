package com.example.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The breaking-change gate: every spec in {@code api-specs/} must keep every promise of its newest
 * released baseline, and every release must have kept the promises of the release before it within
 * the same major version. Reports are written to {@code target/contract-gates/}.
 */
class ApiSpecsCompatibilityTest {

    private static final Path SPECS = Path.of(System.getProperty("api-specs.dir", "../api-specs"));
    private static final Path BASELINES = SPECS.resolve("baselines");
    private static final Path REPORTS = Path.of(System.getProperty("contract-gates.reports", "target/contract-gates"));

    static Stream<String> apis() throws IOException {
        try (Stream<Path> files = Files.list(SPECS)) {
            return files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void specKeepsEveryPromiseOfItsNewestReleasedBaseline(String api) {
        List<Path> released = SpecCompatibility.baselines(BASELINES, api);
        assertFalse(
                released.isEmpty(),
                () -> "api-specs/" + api + ".yaml has no released baseline in api-specs/baselines/ (" + api
                        + "-<version>.yaml); release one as contracts/README.md describes");

        SpecCompatibility.Comparison comparison =
                SpecCompatibility.compare(released.getLast(), SPECS.resolve(api + ".yaml"), REPORTS);

        assertTrue(comparison.compatible(), () -> breaks(comparison));
    }

    /**
     * Each pair of consecutive releases of each API, named with what the pair is. There is always at
     * least one (products 1.0.0 and 2.0.0); JUnit fails a parameterized test that has none, so this
     * check cannot pass by comparing nothing.
     */
    static Stream<Arguments> consecutiveReleases() throws IOException {
        return apis().flatMap(api -> {
            List<Path> released = SpecCompatibility.baselines(BASELINES, api);
            return IntStream.range(1, released.size()).mapToObj(i -> {
                Path before = released.get(i - 1);
                Path after = released.get(i);
                boolean sameMajor = SpecCompatibility.major(before) == SpecCompatibility.major(after);
                return Arguments.of(Named.of(
                        before.getFileName() + " -> " + after.getFileName()
                                + (sameMajor
                                        ? " (same major version: must be compatible)"
                                        : " (new major version: may break)"),
                        List.of(before, after)));
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consecutiveReleases")
    void everyReleaseKeptThePromisesOfThePreviousReleaseOfItsMajorVersion(List<Path> pair) {
        Path before = pair.getFirst();
        Path after = pair.getLast();
        SpecCompatibility.Comparison comparison = SpecCompatibility.compare(before, after, REPORTS);
        if (SpecCompatibility.major(before) == SpecCompatibility.major(after)) {
            assertTrue(comparison.compatible(), () -> breaks(comparison));
        } else {
            // A new major version may break; the report is still written, and the versions must rise.
            assertTrue(
                    SpecCompatibility.major(after) > SpecCompatibility.major(before),
                    () -> after.getFileName() + " is not a later major version than " + before.getFileName());
        }
    }

    static String breaks(SpecCompatibility.Comparison comparison) {
        return """
                %s breaks clients written against its released baseline %s:

                %s

                Full report: %s
                A released API must not change incompatibly. Make the change additive (a new optional field,
                a new operation), or publish the new shape under a new major version path (/metaapi/2.0/...)
                beside the old one. See contracts/README.md, "Changing a contract".""".formatted(
                        comparison.spec().getFileName(), comparison.baseline().getFileName(),
                        comparison.summary().indent(4).stripTrailing(),
                                comparison.report().toAbsolutePath().normalize());
    }
}
