package com.example.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * The fast contract gate's report for a pull request ({@code ./mvnw -B -Pcontracts ...}): each gate's
 * verdict, read from the JUnit reports of the tests that are the gates, and openapi-diff's changelog
 * of each spec against its released baseline, as one Markdown file. The build runs the gates with
 * test failures ignored, so that every gate has a verdict; this launcher then fails the build (an
 * exception, as it runs inside Maven) when one failed.
 */
public final class ContractGateReport {

    private ContractGateReport() {}

    /**
     * One gate: a test class in a module, and what it proves.
     *
     * @param name      the gate's name
     * @param module    the module whose tests are the gate
     * @param testClass the test class's simple name
     * @param proves    what passing means
     */
    record Gate(String name, String module, String testClass, String proves) {}

    /** The gates, in the order the build runs them. */
    static final List<Gate> GATES = List.of(
            new Gate("Spec lint", "contract-gates", "SpecLintTest", "Spectral and Redocly find no error in any spec"),
            new Gate(
                    "Breaking change",
                    "contract-gates",
                    "ApiSpecsCompatibilityTest",
                    "each spec keeps every promise of its newest released baseline (openapi-diff)"),
            new Gate(
                    "Consumer pact",
                    "products",
                    "PaymentsGatewayPactTest",
                    "products' gateway works against the Pact mock of payments and writes the pact"),
            new Gate(
                    "Pact within spec",
                    "payments",
                    "PactsConformToSpecTest",
                    "every interaction of contracts/ is allowed by payments.yaml"),
            new Gate(
                    "Provider verification",
                    "payments",
                    "PaymentsPactVerificationIT",
                    "the real payments honours every interaction of contracts/"));

    /**
     * Writes {@code target/contract-gates.md} under the repository root.
     *
     * @param args the repository root
     * @throws IllegalStateException when a gate failed or did not run
     */
    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path report = root.resolve("target/contract-gates.md");
        List<String> failed = write(root, report);
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Contract gates failed: " + failed + "; see " + report);
        }
        System.out.println("Contract gates: all passed; see " + report);
    }

    /**
     * Writes the report.
     *
     * @param root   the repository root
     * @param report where to write it
     * @return the gates that did not pass
     */
    static List<String> write(Path root, Path report) {
        List<String> lines = new ArrayList<>(
                List.of("# Contract gates", "", "| Gate | Verdict | Tests | What it proves |", "|---|---|---|---|"));
        List<String> failed = new ArrayList<>();
        for (Gate gate : GATES) {
            Optional<Counts> counts = counts(root.resolve(gate.module()).resolve("target"), gate.testClass());
            String verdict = counts.map(Counts::verdict).orElse("not run");
            if (!verdict.equals("passed")) {
                failed.add(gate.name());
            }
            lines.add("| " + gate.name() + " | **" + verdict + "** | "
                    + counts.map(Counts::toString).orElse("no report of " + gate.testClass()) + " | " + gate.proves()
                    + " |");
        }
        lines.add("");
        lines.add("## openapi-diff: each spec against its newest released baseline");
        changelogs(root.resolve("contract-gates/target/contract-gates")).forEach(changelog -> {
            lines.add("");
            lines.add("### " + changelog.getFileName().toString().replaceFirst("\\.md$", ""));
            lines.add("");
            lines.add(read(changelog).strip().replaceAll("(?m)^#", "###"));
        });
        try {
            Files.createDirectories(report.getParent());
            Files.write(report, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + report, e);
        }
        return failed;
    }

    /** Tests, failures and errors of a test class, from surefire's or failsafe's XML report. */
    record Counts(int tests, int failures, int errors, int skipped) {

        String verdict() {
            if (tests == 0 || tests == skipped) {
                return "not run";
            }
            return failures + errors == 0 ? "passed" : "FAILED";
        }

        @Override
        public String toString() {
            return tests + " run, " + (failures + errors) + " failed"
                    + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
    }

    static Optional<Counts> counts(Path target, String testClass) {
        for (String reports : List.of("surefire-reports", "failsafe-reports")) {
            Path dir = target.resolve(reports);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> xml = files.filter(
                                file -> file.getFileName().toString().matches("TEST-.*\\." + testClass + "\\.xml"))
                        .findFirst();
                if (xml.isPresent()) {
                    return Optional.of(parse(xml.get()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    private static Counts parse(Path xml) {
        try {
            Element suite = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(xml.toFile())
                    .getDocumentElement();
            return new Counts(
                    number(suite, "tests"),
                    number(suite, "failures"),
                    number(suite, "errors"),
                    number(suite, "skipped"));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the test report " + xml, e);
        }
    }

    private static int number(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    private static List<Path> changelogs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
