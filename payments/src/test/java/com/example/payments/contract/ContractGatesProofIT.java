package com.example.payments.contract;

import static com.example.payments.contract.ChangedPayments.json;
import static com.example.payments.contract.ChangedPayments.problem;
import static com.example.payments.contract.ChangedPayments.withJson;
import static com.example.payments.contract.ChangedPayments.withStatus;
import static com.example.payments.contract.ChangedPayments.without;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.example.contracts.AdditiveChange;
import com.example.contracts.PactConformance;
import com.example.contracts.SpecCompatibility;
import com.example.payments.contract.ChangedPayments.Change;
import com.example.support.testing.ExternalProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;

/**
 * Proof that each contract gate bites (an {@code IT}: it starts real servers, after provider
 * verification). Each change is data: what it does to a copy of the spec, to a copy of the pact (in
 * {@code target/contract-proofs/}) and to what payments answers (a {@link ChangedPayments} proxy in
 * front of the real server). Every gate then runs with the code the build uses (the contract lock is
 * {@code scripts/contract-lock.sh} on a scratch git repository), and the set of gates that fail must
 * be exactly the expected one. An additive change must pass all. The table of change and gates is
 * written to {@code target/contract-gates/gate-proofs.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractGatesProofIT {

    private static final Path SPECS = Path.of(System.getProperty("api-specs.dir", "../api-specs"));
    private static final Path PACT =
            Path.of(System.getProperty("contracts.dir", "../contracts")).resolve("products-payments.json");
    private static final Path PROOFS = Path.of(System.getProperty("contract-proofs.dir", "target/contract-proofs"));
    private static final Path REPORTS = Path.of(System.getProperty("contract-gates.reports", "target/contract-gates"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<String> table = new ArrayList<>();

    /** The gates of the build, in the order a change meets them. */
    enum Gate {
        CONTRACT_LOCK("contract lock (git diff)"),
        PACT_WITHIN_SPEC("pact ⊆ OpenAPI"),
        BREAKING_CHANGE("breaking-change gate (openapi-diff)"),
        PROVIDER_VERIFICATION("provider verification");

        private final String title;

        Gate(String title) {
            this.title = title;
        }
    }

    /**
     * One change and the gates that must catch it.
     *
     * @param id       the folder of its artefacts
     * @param change   what changes, as a reviewer would say it
     * @param spec     the change to {@code payments.yaml}
     * @param pact     the change to the committed pact
     * @param payments the change to what payments answers
     * @param caughtBy the gates that must fail, and no other
     */
    record Proof(
            String id,
            String change,
            UnaryOperator<ObjectNode> spec,
            UnaryOperator<ObjectNode> pact,
            Change payments,
            Set<Gate> caughtBy) {

        @Override
        public String toString() {
            return change;
        }
    }

    /**
     * The changes, the control first: if payments as it is fails a gate, every other row would fail
     * for the same reason, which {@code PaymentsPactVerificationIT} reports better.
     */
    static Stream<Proof> changes() {
        return Stream.of(
                new Proof(
                        "unchanged",
                        "no change (the control)",
                        spec -> spec,
                        pact -> pact,
                        (request, answer) -> answer,
                        EnumSet.noneOf(Gate.class)),
                new Proof(
                        "currency-removed",
                        "payments removes `currency`, a response field products reads",
                        spec -> removeProperty(spec, "Payment", "currency"),
                        pact -> pact,
                        Change.everyPayment(payment -> payment.remove("currency")),
                        EnumSet.of(Gate.PACT_WITHIN_SPEC, Gate.BREAKING_CHANGE, Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "currency-renamed",
                        "payments renames `currency` to `currencyCode`",
                        spec -> renameProperty(spec, "Payment", "currency", "currencyCode"),
                        pact -> pact,
                        Change.everyPayment(payment -> payment.set("currencyCode", payment.remove("currency"))),
                        EnumSet.of(Gate.PACT_WITHIN_SPEC, Gate.BREAKING_CHANGE, Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "description-dropped",
                        "payments' code stops sending `description`; the spec is unchanged",
                        spec -> spec,
                        pact -> pact,
                        Change.everyPayment(payment -> payment.remove("description")),
                        EnumSet.of(Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "description-removed",
                        "payments removes the optional `description` (products reads it) from spec and code",
                        spec -> removeProperty(spec, "Payment", "description"),
                        pact -> pact,
                        Change.everyPayment(payment -> payment.remove("description")),
                        // openapi-diff lets an optional response property go; the pact, which lists it, does not.
                        EnumSet.of(Gate.PACT_WITHIN_SPEC, Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "amount-type-changed",
                        "`amount` becomes a JSON number instead of a string",
                        spec -> amountAsNumber(spec),
                        pact -> pact,
                        Change.everyPayment(payment ->
                                payment.put("amount", payment.get("amount").decimalValue())),
                        EnumSet.of(Gate.PACT_WITHIN_SPEC, Gate.BREAKING_CHANGE, Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "create-status-changed",
                        "creating a payment answers 200 instead of 201",
                        spec -> createAnswers200(spec),
                        pact -> pact,
                        (request, answer) -> answer.getStatus() == 201 ? withStatus(answer, 200) : answer,
                        EnumSet.of(Gate.PACT_WITHIN_SPEC, Gate.BREAKING_CHANGE, Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "path-changed",
                        "`/metaapi/1.0/payments/{paymentId}` moves to `/metaapi/1.0/payment/{paymentId}`",
                        spec -> renamePath(spec),
                        pact -> pact,
                        (request, answer) -> request.getUrl().startsWith("/metaapi/1.0/payments/")
                                ? problem(404, "Not Found", "No resource at " + request.getUrl())
                                : answer,
                        EnumSet.of(Gate.PACT_WITHIN_SPEC, Gate.BREAKING_CHANGE, Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "required-request-field-added",
                        "a new payment requires a `reference` field",
                        spec -> requireReference(spec),
                        pact -> pact,
                        (request, answer) -> request.getMethod().equals(RequestMethod.POST)
                                        && !json(request).has("reference")
                                ? problem(422, "Unprocessable Content", "/reference: is required")
                                : answer,
                        EnumSet.of(Gate.PACT_WITHIN_SPEC, Gate.BREAKING_CHANGE, Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "problem-type-changed",
                        "payments answers an invalid payment with type `about:blank` instead of `validation-failed`",
                        spec -> spec,
                        pact -> pact,
                        (request, answer) -> answer.getStatus() == 422
                                ? withJson(answer, json -> ((ObjectNode) json).put("type", "about:blank"))
                                : answer,
                        EnumSet.of(Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "replayed-header-dropped",
                        "payments' code stops sending `Idempotent-Replayed`",
                        spec -> spec,
                        pact -> pact,
                        (request, answer) -> without(answer, "Idempotent-Replayed"),
                        EnumSet.of(Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "consumer-expects-undocumented-field",
                        "products starts expecting `fee`, which payments happens to send but the spec lacks",
                        spec -> spec,
                        pact -> expectFee(pact),
                        Change.everyPayment(payment -> payment.put("fee", "0.30")),
                        EnumSet.of(Gate.CONTRACT_LOCK, Gate.PACT_WITHIN_SPEC)),
                new Proof(
                        "optional-property-added-everywhere",
                        "every schema gains an optional property, and payments sends it",
                        AdditiveChange::apply,
                        pact -> pact,
                        Change.everyPayment(payment -> payment.put(AdditiveChange.PROPERTY, "new")),
                        EnumSet.noneOf(Gate.class)),
                new Proof(
                        "optional-response-field-added",
                        "payments adds an optional response field `capturedAt`",
                        spec -> addCapturedAt(spec),
                        pact -> pact,
                        Change.everyPayment(payment -> payment.put("capturedAt", "2026-01-05T12:00:01Z")),
                        EnumSet.noneOf(Gate.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void theGatesThatGuardAChangeAreExactlyTheOnesThatFail(Proof proof) throws IOException {
        Path dir = Files.createDirectories(PROOFS.resolve(proof.id()));
        Path spec =
                writeYaml(dir.resolve("payments.yaml"), proof.spec().apply(readYaml(SPECS.resolve("payments.yaml"))));
        Path pact = writePact(
                dir.resolve(PACT.getFileName().toString()), proof.pact().apply(readJson(PACT)));

        Map<Gate, String> failures = new LinkedHashMap<>();
        contractLock(dir, pact).ifPresent(message -> failures.put(Gate.CONTRACT_LOCK, message));
        List<PactConformance.Violation> violations = PactConformance.check(spec, pact);
        if (!violations.isEmpty()) {
            failures.put(Gate.PACT_WITHIN_SPEC, violations.getFirst().toString());
        }
        Path baseline = SpecCompatibility.baselines(SPECS.resolve("baselines"), "payments")
                .getLast();
        SpecCompatibility.Comparison comparison = SpecCompatibility.compare(baseline, spec, dir);
        if (!comparison.compatible()) {
            failures.put(Gate.BREAKING_CHANGE, breakingChange(baseline, spec) + "\n\n" + comparison.summary());
        }
        List<String> unverified = verifyProvider(proof, pact);
        if (!unverified.isEmpty()) {
            failures.put(Gate.PROVIDER_VERIFICATION, unverified.getFirst());
        }

        for (Map.Entry<Gate, String> failure : failures.entrySet()) {
            Files.writeString(dir.resolve(failure.getKey().name().toLowerCase() + ".txt"), failure.getValue());
        }
        table.add(row(proof, failures));
        assertThat(String.join("\n\n", failures.values()), failures.keySet(), is(proof.caughtBy()));
    }

    @AfterAll
    void writeTable() throws IOException {
        Files.createDirectories(REPORTS);
        Files.writeString(REPORTS.resolve("gate-proofs.md"), """
                # Which gate catches which change

                | Change | %s |
                |---|%s
                %s
                """.formatted(
                        Stream.of(Gate.values()).map(gate -> gate.title).collect(Collectors.joining(" | ")),
                        "---|".repeat(Gate.values().length),
                        String.join("\n", table)));
    }

    /**
     * The contract lock as the build runs it: {@code scripts/contract-lock.sh} on a scratch git
     * repository whose committed pact is {@code contracts/}' and whose working copy is the changed one.
     *
     * @return the lock's message when it fails
     */
    private static Optional<String> contractLock(Path dir, Path pact) throws IOException {
        Path repository = dir.resolve("repository");
        deleteRecursively(repository); // left by an earlier build: the proof starts from a fresh repository
        Path contracts = Files.createDirectories(repository.resolve("contracts"));
        Path committed = contracts.resolve(PACT.getFileName());
        Files.copy(PACT, committed, StandardCopyOption.REPLACE_EXISTING);
        run(repository, "git", "init", "-q");
        run(repository, "git", "add", "contracts");
        run(
                repository,
                "git",
                "-c",
                "user.name=proof",
                "-c",
                "user.email=proof@example.com",
                "commit",
                "-q",
                "-m",
                "pact");
        Files.copy(pact, committed, StandardCopyOption.REPLACE_EXISTING);
        Path lock = SPECS.toAbsolutePath().getParent().resolve("scripts/contract-lock.sh");
        ExternalProcess.Finished lockRun = ExternalProcess.run(
                Duration.ofMinutes(1),
                new ProcessBuilder(lock.toString(), repository.toAbsolutePath().toString()));
        int exit = lockRun.exitCode();
        assertThat("the contract lock could not run:\n" + lockRun.output(), exit == 0 || exit == 1, is(true));
        return exit == 0 ? Optional.empty() : Optional.of(lockRun.output());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void run(Path directory, String... command) {
        ExternalProcess.Finished finished =
                ExternalProcess.run(Duration.ofMinutes(1), new ProcessBuilder(command).directory(directory.toFile()));
        assertThat(String.join(" ", command) + ": " + finished.output(), finished.exitCode(), is(0));
    }

    /**
     * Runs provider verification of payments as changed, as the build runs the real one, against the
     * given pact, and returns its failures.
     */
    private static List<String> verifyProvider(Proof proof, Path pact) {
        try {
            Path current = Files.createDirectories(PROOFS.resolve(ChangedPaymentsVerification.PACTS));
            Files.copy(pact, current.resolve(PACT.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OneProof.KEY, proof.id())
                .selectors(selectClass(ChangedPaymentsVerification.class))
                .execute();
        List<String> broken = results.containerEvents().failed().stream()
                .map(ContractGatesProofIT::message)
                .toList();
        assertThat("the verification itself could not run: " + broken, broken.isEmpty(), is(true));
        assertThat("interactions verified", results.testEvents().started().count(), greaterThan(0L));
        return results.testEvents().failed().stream()
                .map(ContractGatesProofIT::message)
                .toList();
    }

    private static String message(Event event) {
        return event.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage)
                .orElse("(no message)");
    }

    private static String row(Proof proof, Map<Gate, String> failures) {
        return "| " + proof.change() + " | "
                + Stream.of(Gate.values())
                        .map(gate -> failures.containsKey(gate)
                                ? "**fails**: " + evidence(gate, failures.get(gate))
                                : "passes")
                        .collect(Collectors.joining(" | "))
                + " |";
    }

    /** The most telling line of a gate's message, short enough for a table cell. */
    private static String evidence(Gate gate, String message) {
        List<String> lines = message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        String line = switch (gate) {
            case CONTRACT_LOCK, BREAKING_CHANGE -> lines.getFirst();
            case PACT_WITHIN_SPEC ->
                lines.stream()
                        .filter(text -> text.startsWith("[ERROR]"))
                        .findFirst()
                        .orElse(lines.getFirst());
            case PROVIDER_VERIFICATION ->
                lines.stream()
                        .filter(text -> text.matches("\\d+\\.\\d+\\) .*"))
                        .findFirst()
                        .orElse(lines.getFirst());
        };
        String cell = line.replace("|", "\\|");
        return "`" + (cell.length() > 150 ? cell.substring(0, 150) + "…" : cell) + "`";
    }

    /** openapi-diff's object model: the first deleted operation, or the first broken one and what of it broke. */
    private static String breakingChange(Path baseline, Path spec) {
        ChangedOpenApi diff = OpenApiCompare.fromFiles(baseline.toFile(), spec.toFile());
        Stream<String> deleted = diff.getMissingEndpoints().stream()
                .map(endpoint -> "deleted: " + endpoint.getMethod() + " " + endpoint.getPathUrl());
        Stream<String> broken = diff.getChangedOperations().stream()
                .filter(ChangedOperation::isIncompatible)
                .map(operation -> operation.getHttpMethod() + " " + operation.getPathUrl() + ": incompatible "
                        + Stream.of(
                                        Map.entry(
                                                "parameters", Optional.ofNullable((Changed) operation.getParameters())),
                                        Map.entry("request body", Optional.ofNullable((Changed)
                                                operation.getRequestBody())),
                                        Map.entry("responses", Optional.ofNullable((Changed)
                                                operation.getApiResponses())))
                                .filter(part -> part.getValue()
                                        .filter(Changed::isIncompatible)
                                        .isPresent())
                                .map(Map.Entry::getKey)
                                .collect(Collectors.joining(", ")));
        return Stream.concat(deleted, broken).findFirst().orElse("openapi-diff: incompatible");
    }

    // Changes to the spec (payments.yaml, as a tree)

    private static ObjectNode schema(ObjectNode spec, String name) {
        return (ObjectNode) spec.path("components").path("schemas").path(name);
    }

    private static ObjectNode removeProperty(ObjectNode spec, String schema, String property) {
        ObjectNode type = schema(spec, schema);
        require(type.with("properties").remove(property) != null, schema + "." + property);
        removeRequired(type, property);
        return spec;
    }

    private static ObjectNode renameProperty(ObjectNode spec, String schema, String from, String to) {
        ObjectNode type = schema(spec, schema);
        JsonNode definition = type.with("properties").remove(from);
        require(definition != null, schema + "." + from);
        type.with("properties").set(to, definition);
        removeRequired(type, from);
        ((ArrayNode) type.get("required")).add(to);
        return spec;
    }

    private static void removeRequired(ObjectNode type, String property) {
        ArrayNode required = (ArrayNode) type.get("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals(property)) {
                required.remove(i);
            }
        }
    }

    private static ObjectNode amountAsNumber(ObjectNode spec) {
        ObjectNode amount = schema(spec, "Payment").with("properties").putObject("amount");
        amount.put("type", "number").put("format", "double").put("description", "Decimal amount");
        return spec;
    }

    private static ObjectNode createAnswers200(ObjectNode spec) {
        ObjectNode responses = (ObjectNode)
                spec.path("paths").path("/metaapi/1.0/payments").path("post").path("responses");
        JsonNode created = responses.remove("201");
        require(created != null, "POST /metaapi/1.0/payments 201");
        responses.set("200", created);
        return spec;
    }

    private static ObjectNode renamePath(ObjectNode spec) {
        ObjectNode paths = (ObjectNode) spec.path("paths");
        JsonNode item = paths.remove("/metaapi/1.0/payments/{paymentId}");
        require(item != null, "/metaapi/1.0/payments/{paymentId}");
        paths.set("/metaapi/1.0/payment/{paymentId}", item);
        return spec;
    }

    private static ObjectNode requireReference(ObjectNode spec) {
        ObjectNode newPayment = schema(spec, "NewPayment");
        newPayment
                .with("properties")
                .putObject("reference")
                .put("type", "string")
                .put("maxLength", 64);
        ((ArrayNode) newPayment.get("required")).add("reference");
        return spec;
    }

    private static ObjectNode addCapturedAt(ObjectNode spec) {
        schema(spec, "Payment")
                .with("properties")
                .putObject("capturedAt")
                .put("type", "string")
                .put("format", "date-time");
        return spec;
    }

    // Changes to the pact (what products expects)

    private static ObjectNode expectFee(ObjectNode pact) {
        for (JsonNode interaction : pact.path("interactions")) {
            if (interaction.path("description").asText().equals("a request for a payment by id")) {
                ObjectNode response = (ObjectNode) interaction.path("response");
                ((ObjectNode) response.path("body").path("content")).put("fee", "0.30");
                ((ObjectNode) response.path("matchingRules").path("body"))
                        .set(
                                "$.fee",
                                JSON.createObjectNode()
                                        .put("combine", "AND")
                                        .set(
                                                "matchers",
                                                JSON.createArrayNode()
                                                        .add(JSON.createObjectNode()
                                                                .put("match", "type"))));
                return pact;
            }
        }
        throw new IllegalStateException("The pact has no interaction 'a request for a payment by id'");
    }

    private static void require(boolean found, String what) {
        if (!found) {
            throw new IllegalStateException("The proof's change does not apply any more: no " + what);
        }
    }

    private static ObjectNode readYaml(Path file) throws IOException {
        return (ObjectNode) YAML.readTree(file.toFile());
    }

    private static Path writeYaml(Path file, ObjectNode spec) throws IOException {
        YAML.writeValue(file.toFile(), spec);
        return file;
    }

    private static ObjectNode readJson(Path file) throws IOException {
        return (ObjectNode) JSON.readTree(file.toFile());
    }

    /** Writes the changed pact; an unchanged one is copied byte for byte, as the consumer tests would write it. */
    private static Path writePact(Path file, ObjectNode pact) throws IOException {
        if (pact.equals(readJson(PACT))) {
            return Files.copy(PACT, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return writeJson(file, pact);
    }

    private static Path writeJson(Path file, ObjectNode pact) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), pact);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Payments as changed: one provider verification class, given each proof's change in turn.

    /**
     * Enables {@link ChangedPaymentsVerification} only inside {@link #verifyProvider(Proof, Path)},
     * never on its own, and gives it the change of the proof that runs it.
     */
    static final class OneProof implements ExecutionCondition, ParameterResolver {

        static final String KEY = "contract-proofs.id";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).isPresent()
                    ? ConditionEvaluationResult.enabled("run by ContractGatesProofIT")
                    : ConditionEvaluationResult.disabled("runs only as part of ContractGatesProofIT");
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Change.class;
        }

        @Override
        public Change resolveParameter(ParameterContext parameter, ExtensionContext context) {
            String id = context.getConfigurationParameter(KEY).orElseThrow();
            return changes()
                    .filter(proof -> proof.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No proof " + id))
                    .payments();
        }
    }

    @Provider("payments")
    @PactFolder("${contract-proofs.dir:target/contract-proofs}/" + ChangedPaymentsVerification.PACTS)
    @ExtendWith(OneProof.class)
    static final class ChangedPaymentsVerification extends PaymentsProviderVerification {

        /** The folder (under {@code contract-proofs.dir}) that holds the pact of the proof being run. */
        static final String PACTS = "verifying";

        ChangedPaymentsVerification(Change change) {
            super(change);
        }
    }
}
