package com.example.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The everyday API-first change, made to a copy of a spec: one new optional property in every object
 * schema. The build regenerates the services' models from such copies and compiles the hand-written
 * code against them ({@code additive-change} executions in the services' poms), and the gate proofs
 * run every contract gate on it: an additive change must neither break compilation nor any gate.
 */
public final class AdditiveChange {

    /** The property added to every object schema. */
    public static final String PROPERTY = "addedLater";

    private static final YAMLMapper YAML = new YAMLMapper();

    private AdditiveChange() {}

    /**
     * Writes a copy of each spec, with the change, into a directory.
     *
     * @param args the output directory, then the specs
     * @throws IOException when a spec cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path output = Files.createDirectories(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            Path spec = Path.of(args[i]);
            YAML.writeValue(output.resolve(spec.getFileName()).toFile(), apply(read(spec)));
        }
    }

    /**
     * Adds the optional property to every object schema of a spec.
     *
     * @param spec the spec, as a tree; changed in place
     * @return the spec
     */
    public static ObjectNode apply(ObjectNode spec) {
        for (JsonNode schema : spec.path("components").path("schemas")) {
            if (schema.has("properties")) {
                ((ObjectNode) schema.get("properties"))
                        .putObject(PROPERTY)
                        .put("type", "string")
                        .put("description", "An optional property added after the release");
            }
        }
        return spec;
    }

    private static ObjectNode read(Path spec) {
        try {
            return (ObjectNode) YAML.readTree(spec.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + spec, e);
        }
    }
}
