package com.example.contracts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast gate's report from JUnit reports written as surefire and failsafe write them. */
class ContractGateReportTest {

    @TempDir
    Path root;

    @Test
    void passesWhenEveryGateRanAndPassed() throws IOException {
        for (ContractGateReport.Gate gate : ContractGateReport.GATES) {
            junitReport(gate, 3, 0);
        }
        Files.createDirectories(root.resolve("contract-gates/target/contract-gates"));
        Files.writeString(
                root.resolve("contract-gates/target/contract-gates/payments-vs-payments-1.0.0.md"),
                "# API Changelog\nNo changes");

        List<String> failed = ContractGateReport.write(root, root.resolve("target/contract-gates.md"));

        String report = Files.readString(root.resolve("target/contract-gates.md"));
        assertThat(failed, is(List.of()));
        assertThat(report, containsString("| Provider verification | **passed** | 3 run, 0 failed |"));
        assertThat(report, containsString("### payments-vs-payments-1.0.0"));
    }

    @Test
    void namesAGateThatFailedAndOneThatDidNotRun() throws IOException {
        List<ContractGateReport.Gate> gates = ContractGateReport.GATES;
        junitReport(gates.get(0), 6, 0);
        junitReport(gates.get(1), 4, 1);
        junitReport(gates.get(2), 8, 0);
        junitReport(gates.get(3), 1, 0);

        List<String> failed = ContractGateReport.write(root, root.resolve("target/contract-gates.md"));

        String report = Files.readString(root.resolve("target/contract-gates.md"));
        assertThat(failed, is(List.of("Breaking change", "Provider verification")));
        assertThat(report, containsString("| Breaking change | **FAILED** | 4 run, 1 failed |"));
        assertThat(
                report,
                containsString("| Provider verification | **not run** | no report of PaymentsPactVerificationIT |"));
    }

    private void junitReport(ContractGateReport.Gate gate, int tests, int failures) throws IOException {
        String kind = gate.testClass().endsWith("IT") ? "failsafe-reports" : "surefire-reports";
        Path dir = root.resolve(gate.module()).resolve("target").resolve(kind);
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("TEST-com.example." + gate.testClass() + ".xml"),
                "<?xml version=\"1.0\"?><testsuite name=\"" + gate.testClass() + "\" tests=\"" + tests
                        + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\"/>");
    }
}
