package com.example.contracts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift gate bites: a regenerated pact that differs from the committed one is reported,
 * interaction by interaction, and only then.
 */
class PactDriftTest {

    private static final String PACT = """
            {"consumer": {"name": "products"}, "provider": {"name": "payments"},
             "interactions": [
               {"description": "a request for a payment by id", "providerStates": [{"name": "a payment exists"}],
                "request": {"method": "GET", "path": "/metaapi/1.0/payments/pay_1"},
                "response": {"status": 200, "body": {"content": {"id": "pay_1", "amount": "19.99"}}}},
               {"description": "a request to create a payment",
                "request": {"method": "POST", "path": "/metaapi/1.0/payments"},
                "response": {"status": 201}}
             ],
             "metadata": {"pactSpecification": {"version": "4.0"}}}
            """;

    @TempDir
    Path dir;

    @Test
    void findsNoDriftWhenOnlyTheFormattingDiffers() throws IOException {
        Path committed = write("committed.json", PACT.replace("\n", "\r\n"));
        Path regenerated = write("regenerated.json", PACT.replace("\n", "").replace(": ", ":"));

        assertThat(PactDrift.between(committed, regenerated), is(Optional.empty()));
    }

    @Test
    void namesTheInteractionWhoseExpectationChanged() throws IOException {
        Path committed = write("committed.json", PACT);
        Path regenerated = write("regenerated.json", PACT.replace("\"amount\": \"19.99\"", "\"amount\": 19.99"));

        String drift = PactDrift.between(committed, regenerated).orElseThrow();

        assertThat(drift, is("  changed: \"a request for a payment by id\" given a payment exists"));
    }

    @Test
    void namesAddedAndRemovedInteractions() throws IOException {
        Path committed = write("committed.json", PACT);
        Path regenerated = write(
                "regenerated.json",
                PACT.replace("a request to create a payment", "a request to create a payment twice"));

        String drift = PactDrift.between(committed, regenerated).orElseThrow();

        assertThat(drift, containsString("added:   \"a request to create a payment twice\""));
        assertThat(drift, containsString("removed: \"a request to create a payment\""));
    }

    @Test
    void reportsAPactThatIsNotCommittedYet() throws IOException {
        Path regenerated = write("regenerated.json", PACT);

        String drift =
                PactDrift.between(dir.resolve("missing.json"), regenerated).orElseThrow();

        assertThat(drift, is("missing.json is not committed yet; the consumer tests wrote 2 interactions"));
    }

    @Test
    void refusesToCompareWhenNoPactWasWritten() throws IOException {
        Path committed = write("committed.json", PACT);

        assertThrows(IllegalStateException.class, () -> PactDrift.between(committed, dir.resolve("none.json")));
    }

    @Test
    void acceptingMakesTheCommittedPactTheRegeneratedOne() throws IOException {
        Path committed = write("contracts/committed.json", PACT);
        Path regenerated = write("regenerated.json", PACT.replace("pay_1", "pay_2"));

        PactDrift.accept(committed, regenerated);

        assertThat(PactDrift.between(committed, regenerated), is(Optional.empty()));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
