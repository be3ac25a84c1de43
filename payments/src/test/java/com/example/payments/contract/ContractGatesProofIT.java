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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;
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
 * verification). Each change is data: JSON Patch edits (RFC 6902) of a copy of the spec and of the
 * pact (in {@code target/contract-proofs/}), and what payments answers differently (a
 * {@link ChangedPayments} proxy in front of the real server). Every gate then runs with the code the
 * build uses (the contract lock is {@code scripts/contract-lock.sh} on a scratch git repository), and
 * the set of gates that fail must be exactly the expected one. An additive change must pass all. The
 * table of change and gates is written to {@code target/contract-gates/gate-proofs.md}.
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
    private static final UnaryOperator<ObjectNode> UNCHANGED = UnaryOperator.identity();
    private static final String PAYMENT = "/components/schemas/Payment/properties";

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

    private static final Set<Gate> NONE = EnumSet.noneOf(Gate.class);
    private static final Set<Gate> ALL_BUT_THE_LOCK = EnumSet.range(Gate.PACT_WITHIN_SPEC, Gate.PROVIDER_VERIFICATION);

    /**
     * One change (its artefacts' folder, what changes as a reviewer would say it, and the change to
     * {@code payments.yaml}, to the committed pact and to what payments answers) and the gates that
     * must fail, and no other.
     */
    record Proof(
            String id,
            String change,
            UnaryOperator<ObjectNode> spec,
            UnaryOperator<ObjectNode> pact,
            Change payments,
            Set<Gate> caughtBy) {

        /** A change that leaves the pact (what products expects) as it is. */
        Proof(String id, String change, UnaryOperator<ObjectNode> spec, Change payments, Set<Gate> caughtBy) {
            this(id, change, spec, UNCHANGED, payments, caughtBy);
        }

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
                new Proof("unchanged", "no change (the control)", UNCHANGED, (request, answer) -> answer, NONE),
                new Proof(
                        "currency-removed",
                        "payments removes `currency`, a response field products reads",
                        patch("[{'op': 'remove', 'path': '" + PAYMENT + "/currency'}]"),
                        Change.everyPayment(payment -> payment.remove("currency")),
                        ALL_BUT_THE_LOCK),
                new Proof(
                        "currency-renamed",
                        "payments renames `currency` to `currencyCode`",
                        patch("""
                                [{'op': 'move', 'from': '%1$s/currency', 'path': '%1$s/currencyCode'},
                                 {'op': 'add', 'path': '/components/schemas/Payment/required/-', 'value': 'currencyCode'}]""".formatted(PAYMENT)),
                        Change.everyPayment(payment -> payment.set("currencyCode", payment.remove("currency"))),
                        ALL_BUT_THE_LOCK),
                new Proof(
                        "description-dropped",
                        "payments' code stops sending `description`; the spec is unchanged",
                        UNCHANGED,
                        Change.everyPayment(payment -> payment.remove("description")),
                        EnumSet.of(Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "description-removed",
                        "payments removes the optional `description` (products reads it) from spec and code",
                        patch("[{'op': 'remove', 'path': '" + PAYMENT + "/description'}]"),
                        Change.everyPayment(payment -> payment.remove("description")),
                        // openapi-diff lets an optional response property go; the pact, which lists it, does not.
                        EnumSet.of(Gate.PACT_WITHIN_SPEC, Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "amount-type-changed",
                        "`amount` becomes a JSON number instead of a string",
                        patch("""
                                [{'op': 'replace', 'path': '%s/amount',
                                  'value': {'type': 'number', 'format': 'double', 'description': 'Decimal amount'}}]""".formatted(PAYMENT)),
                        Change.everyPayment(payment ->
                                payment.put("amount", payment.get("amount").decimalValue())),
                        ALL_BUT_THE_LOCK),
                new Proof(
                        "create-status-changed",
                        "creating a payment answers 200 instead of 201",
                        patch("""
                                [{'op': 'move', 'from': '/paths/~1metaapi~11.0~1payments/post/responses/201',
                                  'path': '/paths/~1metaapi~11.0~1payments/post/responses/200'}]"""),
                        (request, answer) -> answer.getStatus() == 201 ? withStatus(answer, 200) : answer,
                        ALL_BUT_THE_LOCK),
                new Proof(
                        "path-changed",
                        "`/metaapi/1.0/payments/{paymentId}` moves to `/metaapi/1.0/payment/{paymentId}`",
                        patch("""
                                [{'op': 'move', 'from': '/paths/~1metaapi~11.0~1payments~1{paymentId}',
                                  'path': '/paths/~1metaapi~11.0~1payment~1{paymentId}'}]"""),
                        (request, answer) -> request.getUrl().startsWith("/metaapi/1.0/payments/")
                                ? problem(404, "Not Found", "No resource at " + request.getUrl())
                                : answer,
                        ALL_BUT_THE_LOCK),
                new Proof(
                        "required-request-field-added",
                        "a new payment requires a `reference` field",
                        patch("""
                                [{'op': 'add', 'path': '/components/schemas/NewPayment/properties/reference',
                                  'value': {'type': 'string', 'maxLength': 64}},
                                 {'op': 'add', 'path': '/components/schemas/NewPayment/required/-', 'value': 'reference'}]"""),
                        (request, answer) -> request.getMethod().equals(RequestMethod.POST)
                                        && !json(request).has("reference")
                                ? problem(422, "Unprocessable Content", "/reference: is required")
                                : answer,
                        ALL_BUT_THE_LOCK),
                new Proof(
                        "problem-type-changed",
                        "payments answers an invalid payment with type `about:blank` instead of `validation-failed`",
                        UNCHANGED,
                        (request, answer) -> answer.getStatus() == 422
                                ? withJson(answer, json -> ((ObjectNode) json).put("type", "about:blank"))
                                : answer,
                        EnumSet.of(Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "replayed-header-dropped",
                        "payments' code stops sending `Idempotent-Replayed`",
                        UNCHANGED,
                        (request, answer) -> without(answer, "Idempotent-Replayed"),
                        EnumSet.of(Gate.PROVIDER_VERIFICATION)),
                new Proof(
                        "consumer-expects-undocumented-field",
                        "products starts expecting `fee`, which payments happens to send but the spec lacks",
                        UNCHANGED,
                        patch("""
                                [{'op': 'test', 'path': '/interactions/0/description', 'value': 'a request for a payment by id'},
                                 {'op': 'add', 'path': '/interactions/0/response/body/content/fee', 'value': '0.30'},
                                 {'op': 'add', 'path': '/interactions/0/response/matchingRules/body/$.fee',
                                  'value': {'combine': 'AND', 'matchers': [{'match': 'type'}]}}]"""),
                        Change.everyPayment(payment -> payment.put("fee", "0.30")),
                        EnumSet.of(Gate.CONTRACT_LOCK, Gate.PACT_WITHIN_SPEC)),
                new Proof(
                        "optional-property-added-everywhere",
                        "every schema gains an optional property, and payments sends it",
                        AdditiveChange::apply,
                        Change.everyPayment(payment -> payment.put(AdditiveChange.PROPERTY, "new")),
                        NONE),
                new Proof(
                        "optional-response-field-added",
                        "payments adds an optional response field `capturedAt`",
                        patch("[{'op': 'add', 'path': '" + PAYMENT
                                + "/capturedAt', 'value': {'type': 'string', 'format': 'date-time'}}]"),
                        Change.everyPayment(payment -> payment.put("capturedAt", "2026-01-05T12:00:01Z")),
                        NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void theGatesThatGuardAChangeAreExactlyTheOnesThatFail(Proof proof) throws IOException {
        Path dir = Files.createDirectories(PROOFS.resolve(proof.id()));
        Path spec = dir.resolve("payments.yaml");
        YAML.writeValue(spec.toFile(), proof.spec().apply((ObjectNode)
                YAML.readTree(SPECS.resolve("payments.yaml").toFile())));
        Path pact = dir.resolve(PACT.getFileName());
        ObjectNode expected = proof.pact().apply((ObjectNode) JSON.readTree(PACT.toFile()));
        if (expected.equals(JSON.readTree(PACT.toFile()))) {
            Files.copy(
                    PACT, pact, StandardCopyOption.REPLACE_EXISTING); // byte for byte, as the consumer tests write it
        } else {
            JSON.writerWithDefaultPrettyPrinter().writeValue(pact.toFile(), expected);
        }

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
     * Edits a tree with RFC 6902's operations (written with single quotes). An edit that no longer
     * applies to the spec or the pact fails the proof. A property that a schema no longer has leaves
     * its {@code required} list too, as an author would edit it.
     */
    static UnaryOperator<ObjectNode> patch(String operations) {
        return tree -> {
            ObjectNode patched;
            try {
                patched = (ObjectNode) JsonPatch.fromJson(JSON.readTree(operations.replace('\'', '"')))
                        .apply(tree);
            } catch (IOException | JsonPatchException e) {
                throw new IllegalStateException("The proof's change does not apply any more: " + operations, e);
            }
            patched.at("/components/schemas").forEach(schema -> {
                if (schema.get("required") instanceof ArrayNode required) {
                    required.removeIf(name -> !schema.path("properties").has(name.asText()));
                }
            });
            return patched;
        };
    }

    /**
     * The contract lock as the build runs it: {@code scripts/contract-lock.sh} on a scratch git
     * repository whose committed pact is {@code contracts/}' and whose working copy is the changed
     * one. Returns the lock's message when it fails.
     */
    private static Optional<String> contractLock(Path dir, Path pact) throws IOException {
        Path repository = dir.resolve("repository");
        Path committed =
                Files.createDirectories(repository.resolve("contracts")).resolve(PACT.getFileName());
        Files.copy(PACT, committed, StandardCopyOption.REPLACE_EXISTING);
        // A repository left by an earlier build gets one more commit, of the same pact.
        run(
                repository,
                "sh",
                "-c",
                "git init -q && git add contracts && git -c user.name=proof"
                        + " -c user.email=proof@example.com commit -q --allow-empty -m pact");
        Files.copy(pact, committed, StandardCopyOption.REPLACE_EXISTING);
        Path lock = SPECS.toAbsolutePath().getParent().resolve("scripts/contract-lock.sh");
        ExternalProcess.Finished lockRun = ExternalProcess.run(
                Duration.ofMinutes(1),
                new ProcessBuilder(lock.toString(), repository.toAbsolutePath().toString()));
        int exit = lockRun.exitCode();
        assertThat("the contract lock could not run:\n" + lockRun.output(), exit == 0 || exit == 1, is(true));
        return exit == 0 ? Optional.empty() : Optional.of(lockRun.output());
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
    private static List<String> verifyProvider(Proof proof, Path pact) throws IOException {
        Path current = Files.createDirectories(PROOFS.resolve(ChangedPaymentsVerification.PACTS));
        Files.copy(pact, current.resolve(PACT.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(ChangedPaymentsVerification.PROOF, proof.id())
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
                        .map(gate ->
                                failures.containsKey(gate) ? "**fails**: " + evidence(failures.get(gate)) : "passes")
                        .collect(Collectors.joining(" | "))
                + " |";
    }

    /**
     * The most telling line of a gate's message, short enough for a table cell: the first error of
     * the pact validator or of provider verification, else the first line.
     */
    private static String evidence(String message) {
        List<String> lines = message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        String cell = lines.stream()
                .filter(line -> line.startsWith("[ERROR]") || line.matches("\\d+\\.\\d+\\) .*"))
                .findFirst()
                .orElse(lines.getFirst())
                .replace("|", "\\|");
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
                                                "parameters", Optional.<Changed>ofNullable(operation.getParameters())),
                                        Map.entry(
                                                "request body",
                                                Optional.<Changed>ofNullable(operation.getRequestBody())),
                                        Map.entry(
                                                "responses", Optional.<Changed>ofNullable(operation.getApiResponses())))
                                .filter(part -> part.getValue()
                                        .filter(Changed::isIncompatible)
                                        .isPresent())
                                .map(Map.Entry::getKey)
                                .collect(Collectors.joining(", ")));
        return Stream.concat(deleted, broken).findFirst().orElse("openapi-diff: incompatible");
    }

    /**
     * payments as changed: provider verification run only inside {@link #verifyProvider(Proof, Path)},
     * never on its own, given the change of the proof that runs it.
     */
    @Provider("payments")
    @PactFolder("${contract-proofs.dir:target/contract-proofs}/" + ChangedPaymentsVerification.PACTS)
    @EnabledIf("runByAProof")
    static final class ChangedPaymentsVerification extends PaymentsProviderVerification {

        /** The folder (under {@code contract-proofs.dir}) that holds the pact of the proof being run. */
        static final String PACTS = "verifying";

        static final String PROOF = "contract-proofs.id";

        @RegisterExtension
        static final TypeBasedParameterResolver<Change> CHANGE = new TypeBasedParameterResolver<>() {
            @Override
            public Change resolveParameter(ParameterContext parameter, ExtensionContext context) {
                String id = context.getConfigurationParameter(PROOF).orElseThrow();
                return changes()
                        .filter(proof -> proof.id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("No proof " + id))
                        .payments();
            }
        };

        ChangedPaymentsVerification(Change change) {
            super(change);
        }

        static boolean runByAProof(ExtensionContext context) {
            return context.getConfigurationParameter(PROOF).isPresent();
        }
    }
}
