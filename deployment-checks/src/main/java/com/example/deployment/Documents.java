package com.example.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading the documents: files as text, JSON and plain YAML as trees. */
final class Documents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Documents() {}

    /** A file's text; a missing or unreadable file fails with its path. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A JSON text as a tree; malformed JSON fails. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree of maps, lists and scalars (a parsed YAML document) as JSON. */
    static JsonNode asJson(Object tree) {
        return JSON.valueToTree(tree);
    }

    /** A YAML document without custom tags (an application.yaml, an OpenAPI spec) as JSON. */
    static JsonNode yaml(String text) {
        return asJson(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
    }
}
