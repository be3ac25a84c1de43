package com.example.contracts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The breaking-change gate sees problem types: products' spec as the released baseline, against a
 * copy with one change each.
 */
class ProblemTypeCompatibilityTest {

    private static final Path SPEC =
            Path.of(System.getProperty("api-specs.dir", "../api-specs")).resolve("products.yaml");
    private static final String REUSED = "    - type: https://api.example.com/problems/idempotency-key-reused\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "URI changed | problems/idempotency-key-reused\\n | problems/key-reused\\n"
                        + " | idempotency-key-reused was removed (or its URI changed)",
                "status changed | Idempotency key reused\\n      status: 422 | Idempotency key reused\\n      status: 409"
                        + " | changed its status from '422' to '409'",
                "title changed | title: Idempotency key reused | title: Key reused"
                        + " | changed its title from 'Idempotency key reused' to 'Key reused'"
            })
    void aReleasedProblemTypeChangedIsBreaking(String change, String from, String to, String expected)
            throws IOException {
        SpecCompatibility.Comparison comparison = compareWith(change(unescape(from), unescape(to)));

        assertThat(comparison.compatible(), is(false));
        assertThat(comparison.summary(), containsString(expected));
    }

    @Test
    void aReleasedProblemTypeRemovedIsBreaking() throws IOException {
        String spec = Files.readString(SPEC);
        int start = spec.indexOf(REUSED);
        int end = spec.indexOf("    - type:", start + REUSED.length());
        SpecCompatibility.Comparison comparison = compareWith(spec.substring(0, start) + spec.substring(end));

        assertThat(comparison.compatible(), is(false));
        assertThat(comparison.summary(), containsString("idempotency-key-reused was removed"));
    }

    @Test
    void aNewProblemTypeIsAnAddition() throws IOException {
        SpecCompatibility.Comparison comparison = compareWith(change(
                REUSED,
                "    - type: https://api.example.com/problems/something-new\n      title: Something new\n"
                        + "      status: 409\n      meaning: A new problem.\n" + REUSED));

        assertThat(comparison.summary(), comparison.compatible(), is(true));
    }

    private SpecCompatibility.Comparison compareWith(String changed) throws IOException {
        Path spec = Files.writeString(dir.resolve("products.yaml"), changed);
        return SpecCompatibility.compare(SPEC, spec, dir.resolve("reports"));
    }

    private static String change(String from, String to) throws IOException {
        String spec = Files.readString(SPEC);
        int at = spec.indexOf(from, spec.indexOf("  x-problem-types:"));
        assertThat("the spec has " + from, at >= 0, is(true));
        return spec.substring(0, at) + to + spec.substring(at + from.length());
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n");
    }
}
