package com.example.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the pact the consumer tests have just written with the committed one. The committed pact
 * is the contract the provider verifies and reviewers read, so it may change only as a reviewed diff:
 * a consumer test that now expects something else fails the build until the new pact is accepted and
 * committed.
 *
 * <p>The files are compared as JSON, so a checkout that changed line endings is not drift.
 */
public final class PactDrift {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PactDrift() {}

    /**
     * Describes how the regenerated pact differs from the committed one.
     *
     * @param committed   the pact under version control, e.g. {@code contracts/products-payments.json}
     * @param regenerated the pact the consumer tests wrote in this build
     * @return empty when they are the same contract, otherwise what changed, interaction by interaction
     */
    public static Optional<String> between(Path committed, Path regenerated) {
        if (!Files.isRegularFile(regenerated)) {
            throw new IllegalStateException(
                    regenerated + " does not exist: the consumer tests did not run or wrote no pact");
        }
        if (!Files.isRegularFile(committed)) {
            return Optional.of(committed.getFileName() + " is not committed yet; the consumer tests wrote "
                    + interactions(read(regenerated)).size() + " interactions");
        }
        JsonNode before = read(committed);
        JsonNode after = read(regenerated);
        if (before.equals(after)) {
            return Optional.empty();
        }
        Map<String, JsonNode> old = interactions(before);
        Map<String, JsonNode> now = interactions(after);
        List<String> lines = new ArrayList<>();
        now.keySet().stream().filter(key -> !old.containsKey(key)).forEach(key -> lines.add("  added:   " + key));
        old.keySet().stream().filter(key -> !now.containsKey(key)).forEach(key -> lines.add("  removed: " + key));
        now.keySet().stream()
                .filter(key -> old.containsKey(key) && !old.get(key).equals(now.get(key)))
                .forEach(key -> lines.add("  changed: " + key));
        if (lines.isEmpty()) {
            lines.add("  the pact's metadata, consumer or provider changed");
        }
        return Optional.of(String.join("\n", lines));
    }

    /**
     * Accepts the regenerated pact: copies it over the committed one, for review as a diff.
     *
     * @param committed   the pact under version control
     * @param regenerated the pact the consumer tests wrote in this build
     */
    public static void accept(Path committed, Path regenerated) {
        try {
            Files.createDirectories(committed.toAbsolutePath().getParent());
            Files.copy(regenerated, committed, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + regenerated + " to " + committed, e);
        }
    }

    /** Interactions by their provider states and description: what a reader recognises them by. */
    private static Map<String, JsonNode> interactions(JsonNode pact) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode interaction : pact.path("interactions")) {
            List<String> states = new ArrayList<>();
            interaction
                    .path("providerStates")
                    .forEach(state -> states.add(state.path("name").asText()));
            String name = "\"" + interaction.path("description").asText() + "\""
                    + (states.isEmpty() ? "" : " given " + String.join(", ", states));
            byName.put(name, interaction);
        }
        return byName;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pact " + file, e);
        }
    }
}
