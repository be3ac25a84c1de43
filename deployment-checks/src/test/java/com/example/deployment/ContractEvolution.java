package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The contract changes of issue 16 as edits of the pact and payments' spec, for commits of a
 * {@link ScratchClone}: B (products stops reading the optional {@code description}, payments stops
 * promising it), C (a rename of {@code currency} to {@code currencyCode} in one step) and the
 * rename's first step, expand.
 */
final class ContractEvolution {

    static final String PACT = "contracts/products-payments.json";
    static final String SPEC = "api-specs/payments.yaml";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DESCRIPTION =
            "        description:\n          type: string\n          maxLength: 500\n        createdAt:";
    private static final String CURRENCY = "        currency:\n          type: string\n"
            + "          description: ISO 4217 currency code\n          pattern: '^[A-Z]{3}$'\n          example: EUR\n";
    private static final String CURRENCY_CODE =
            "        currencyCode:\n          type: string\n          pattern: '^[A-Z]{3}$'\n";
    private static final String STATUS = "        status:\n          $ref";
    private static final String REQUIRED = "required: [id, amount, currency, status, createdAt]";
    private static final String REQUIRED_CODE = "required: [id, amount, currencyCode, status, createdAt]";

    private ContractEvolution() {}

    /** B: the Payment schema and products' pact both lose {@code description}. */
    static Map<String, UnaryOperator<String>> dropDescription() {
        return Map.of(
                SPEC,
                spec -> replaceOnce(spec, DESCRIPTION, "        createdAt:"),
                PACT,
                pact(payment -> payment.remove("description")));
    }

    /** C: payments and products' pact rename {@code currency} in one step. */
    static Map<String, UnaryOperator<String>> renameInOneStep() {
        return Map.of(
                SPEC,
                spec -> replaceOnce(
                        replaceOnce(spec, REQUIRED, REQUIRED_CODE), CURRENCY + STATUS, CURRENCY_CODE + STATUS),
                PACT,
                pact(payment -> payment.set("currencyCode", payment.remove("currency"))));
    }

    /** Expand: payments sends {@code currencyCode} beside {@code currency}. */
    static Map<String, UnaryOperator<String>> expand() {
        return Map.of(SPEC, spec -> replaceOnce(spec, CURRENCY + STATUS, CURRENCY + CURRENCY_CODE + STATUS));
    }

    private static String replaceOnce(String text, String old, String replacement) {
        assertThat("found once: " + old, text.split(Pattern.quote(old), -1).length, is(2));
        return text.replace(old, replacement);
    }

    /** An edit of the pact that changes every payment in a response body. */
    private static UnaryOperator<String> pact(Consumer<ObjectNode> payment) {
        return text -> {
            try {
                JsonNode pact = JSON.readTree(text);
                for (JsonNode interaction : pact.get("interactions")) {
                    eachPayment(interaction.at("/response/body/content"), payment);
                }
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pact);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static void eachPayment(JsonNode node, Consumer<ObjectNode> payment) {
        if (node instanceof ObjectNode object && object.has("amount") && object.has("id")) {
            payment.accept(object);
        }
        node.forEach(child -> eachPayment(child, payment));
    }
}
