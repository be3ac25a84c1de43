package com.example.contracts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy order for the contract evolutions of issue 16, on the committed pact and payments spec
 * as the running version and changed copies as the new one: B (products stops reading the optional
 * {@code description}, payments stops promising it), C (a rename in one step) and the rename as
 * expand and contract.
 */
class DeployOrderTest {

    private static final Path SPEC =
            Path.of(System.getProperty("api-specs.dir", "../api-specs")).resolve("payments.yaml");
    private static final Path PACT = Path.of("../contracts/products-payments.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    @Test
    void eitherOrderForTheSameContracts() {
        DeployOrder.Decision decision = DeployOrder.decide(PACT, SPEC, PACT, SPEC);

        assertThat(decision.verdict(), is(DeployOrder.Verdict.EITHER));
    }

    @Test
    void productsFirstWhenPaymentsDropsWhatTheRunningProductsReads() throws IOException {
        Path newSpec = spec("b.yaml", properties -> properties.remove("description"));
        Path newPact = pact("b.json", payment -> payment.remove("description"));

        DeployOrder.Decision decision = DeployOrder.decide(PACT, SPEC, newPact, newSpec);

        assertThat(decision.verdict(), is(DeployOrder.Verdict.PRODUCTS_FIRST));
        assertThat(decision.productsFirst(), is(empty()));
        assertThat(decision.paymentsFirst().getFirst().report(), containsString("description"));
        assertThat(decision.explain(), containsString("Deploying products first, then payments"));
    }

    @Test
    void refusesARenameInOneStepNamingTheInteractionsAndTheSteps() throws IOException {
        Path newSpec = spec("c.yaml", properties -> properties.set("currencyCode", properties.remove("currency")));
        Path newPact = pact("c.json", payment -> payment.set("currencyCode", payment.remove("currency")));

        DeployOrder.Decision decision = DeployOrder.decide(PACT, SPEC, newPact, newSpec);

        assertThat(decision.verdict(), is(DeployOrder.Verdict.REFUSE));
        assertThat(decision.explain(), containsString("\"a request for a payment by id\""));
        assertThat(decision.explain(), containsString("1. expand: payments sends both"));
    }

    @Test
    void deploysTheRenameAsExpandAndContractStepByStep() throws IOException {
        Path expanded = spec("expand.yaml", properties -> properties.set("currencyCode", properties.get("currency")));
        Path migrated = pact("migrate.json", payment -> payment.set("currencyCode", payment.remove("currency")));
        Path contracted =
                spec("contract.yaml", properties -> properties.set("currencyCode", properties.remove("currency")));

        var expand = DeployOrder.decide(PACT, SPEC, PACT, expanded);
        var migrate = DeployOrder.decide(PACT, expanded, migrated, expanded);
        var contract = DeployOrder.decide(migrated, expanded, migrated, contracted);

        assertThat(expand.verdict(), is(DeployOrder.Verdict.EITHER));
        assertThat(migrate.verdict(), is(DeployOrder.Verdict.EITHER));
        assertThat(contract.verdict(), is(DeployOrder.Verdict.EITHER));
        assertThat(
                DeployOrder.decide(PACT, expanded, migrated, contracted).paymentsFirst().stream()
                        .map(PactConformance.Violation::interaction)
                        .toList(),
                contains(
                        "a request for a payment by id",
                        "a repeated request to create a payment with the same idempotency key",
                        "a request to create a payment",
                        "a request for a page of captured payments after a cursor"));
    }

    /** payments.yaml with the Payment schema's properties (and its required list) changed. */
    private Path spec(String name, Consumer<ObjectNode> properties) throws IOException {
        ObjectNode spec = (ObjectNode) YAML.readTree(SPEC.toFile());
        ObjectNode payment = (ObjectNode) spec.at("/components/schemas/Payment");
        properties.accept((ObjectNode) payment.get("properties"));
        ArrayNode required = (ArrayNode) payment.get("required");
        required.removeIf(field -> !payment.get("properties").has(field.asText()));
        Path file = dir.resolve(name);
        YAML.writeValue(file.toFile(), spec);
        return file;
    }

    /** The pact with every payment in a response body changed. */
    private Path pact(String name, Consumer<ObjectNode> payment) throws IOException {
        ObjectNode pact = (ObjectNode) JSON.readTree(PACT.toFile());
        for (JsonNode interaction : pact.get("interactions")) {
            eachPayment(interaction.at("/response/body/content"), payment);
        }
        Path file = dir.resolve(name);
        JSON.writeValue(file.toFile(), pact);
        return file;
    }

    private static void eachPayment(JsonNode node, Consumer<ObjectNode> payment) {
        if (node instanceof ObjectNode object && object.has("amount") && object.has("id")) {
            payment.accept(object);
        }
        node.forEach(child -> eachPayment(child, payment));
    }
}
