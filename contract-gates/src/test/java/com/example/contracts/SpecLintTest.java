package com.example.contracts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.support.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The spec lint gate: both specs pass Spectral's {@code spectral:oas} and Redocly's
 * {@code recommended} rules with no error, run with the versions pinned in
 * {@code api-specs/lint/package-lock.json} (installed by this module's build). The proof that the gate
 * bites: realistic mistakes in a copy of a spec fail the linter that owns the rule.
 */
class SpecLintTest {

    private static final Path SPECS =
            Path.of(System.getProperty("api-specs.dir", "../api-specs")).toAbsolutePath();
    private static final Path LINT = SPECS.resolve("lint");
    private static final Path MUTANTS = Path.of("target/lint-mutants").toAbsolutePath();

    /** The two linters, each with its rule set from {@code api-specs/}. */
    enum Linter {
        SPECTRAL("spectral", "lint", "--ruleset", ".spectral.yaml", "--fail-severity", "error", "--format", "text"),
        REDOCLY("redocly", "lint", "--config", "redocly.yaml", "--format", "stylish");

        private final String tool;
        private final List<String> arguments;

        Linter(String tool, String... arguments) {
            this.tool = tool;
            this.arguments = List.of(arguments);
        }

        /** Runs the linter once on the specs (each run starts Node: about 5 s here). */
        ExternalProcess.Finished lint(Path... specs) {
            List<String> command = new ArrayList<>();
            command.add(LINT.resolve("node_modules/.bin/" + tool).toString());
            command.addAll(arguments);
            Stream.of(specs).map(Path::toString).forEach(command::add);
            ProcessBuilder builder = new ProcessBuilder(command).directory(LINT.toFile());
            // No telemetry or update checks from the build.
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            return ExternalProcess.run(Duration.ofMinutes(2), builder);
        }
    }

    @ParameterizedTest(name = "both specs pass {0}")
    @EnumSource(Linter.class)
    void bothSpecsPassTheLinterWithoutErrors(Linter linter) {
        ExternalProcess.Finished result = linter.lint(SPECS.resolve("products.yaml"), SPECS.resolve("payments.yaml"));

        assertThat(
                "api-specs/ has lint errors; fix them (rules: api-specs/lint/):\n" + result.output(),
                result.exitCode(),
                is(0));
    }

    /** Realistic mistakes, each a replacement in a copy of a spec ({@code \n} for a line break). */
    @ParameterizedTest(name = "{4} fails on {0} in {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            an operation that declares no security | products.yaml | "      security:\\n        - oauth2: ['products:read']\\n      responses:\\n        '200':\\n          description: Every product" | "      responses:\\n        '200':\\n          description: Every product" | REDOCLY | security-defined
            a security scheme of a type OpenAPI does not have | products.yaml | "      type: oauth2\\n" | "      type: jwt\\n" | SPECTRAL | oas3-schema
            a reference to a schema that does not exist | payments.yaml | $ref: '#/components/schemas/PaymentPage' | $ref: '#/components/schemas/PaymentsPage' | SPECTRAL | invalid-ref
            a reference to a schema that does not exist | payments.yaml | $ref: '#/components/schemas/PaymentPage' | $ref: '#/components/schemas/PaymentsPage' | REDOCLY | no-unresolved-refs
            """)
    void linterFailsOnAMistakeInACopyOfTheSpec(
            String mistake, String spec, String escapedFrom, String escapedTo, Linter linter, String rule)
            throws IOException {
        String from = escapedFrom.replace("\\n", "\n");
        String to = escapedTo.replace("\\n", "\n");
        String source = Files.readString(SPECS.resolve(spec));
        assertThat("the mutation must apply to " + spec, source, containsString(from));
        Files.createDirectories(MUTANTS);
        Path mutant = Files.writeString(
                MUTANTS.resolve(linter.name().toLowerCase() + "-" + rule + "-" + spec), source.replace(from, to));

        ExternalProcess.Finished result = linter.lint(mutant);

        assertThat(result.output(), result.exitCode(), is(not(0)));
        assertThat(result.output(), containsString(rule));
    }
}
