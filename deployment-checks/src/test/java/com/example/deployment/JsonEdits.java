package com.example.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Edits of a JSON tree written as text, so that a table row can state a deliberate change in one line.
 * Edits are separated by {@code " ; "}; each is one of:
 * <ul>
 *   <li>{@code /pointer = value}: sets a member or an array element ({@code /list/-} appends); the value is
 *       JSON, or a plain string when it is not JSON, or {@code @/other} for a copy of another node;
 *   <li>{@code remove /pointer}: removes a member or an array element;
 *   <li>{@code /pointer ~ old => new}: replaces text inside a string (which must contain it).
 * </ul>
 * A pointer whose parent is not there fails the edit, so that a table row cannot quietly change nothing.
 */
final class JsonEdits {

    /** Strict: {@code 0:0} is a string, not 0 followed by text. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonEdits() {}

    static void apply(JsonNode root, String edits) {
        for (String edit : edits.split(" ; ")) {
            applyOne(root, edit.strip());
        }
    }

    private static void applyOne(JsonNode root, String edit) {
        if (edit.startsWith("remove ")) {
            String pointer = edit.substring("remove ".length());
            JsonNode removed = switch (parent(root, pointer)) {
                case ObjectNode object -> object.remove(last(pointer));
                case ArrayNode array -> array.remove(Integer.parseInt(last(pointer)));
                default -> null;
            };
            require(removed != null, "nothing to remove at " + pointer);
        } else if (edit.contains(" ~ ")) {
            String pointer = edit.substring(0, edit.indexOf(" ~ "));
            String[] replacement = edit.substring(edit.indexOf(" ~ ") + 3).split(" => ", 2);
            set(root, pointer, TextNode.valueOf(replaced(root.at(pointer).asText(), replacement[0], replacement[1])));
        } else {
            String[] assignment = edit.split(" = ", 2);
            require(assignment.length == 2, "not an edit: " + edit);
            set(root, assignment[0], value(root, assignment[1]));
        }
    }

    /** The text with {@code old} replaced, which it must contain, so that an edit cannot quietly change nothing. */
    static String replaced(String text, String old, String replacement) {
        require(text.contains(old), "no '" + old + "' to replace");
        return text.replace(old, replacement);
    }

    private static JsonNode value(JsonNode root, String text) {
        if (text.startsWith("@/")) {
            return root.at(text.substring(1)).deepCopy();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(text);
        }
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        switch (parent(root, pointer)) {
            case ObjectNode object -> object.set(last(pointer), value);
            case ArrayNode array when last(pointer).equals("-") -> array.add(value);
            case ArrayNode array -> array.set(Integer.parseInt(last(pointer)), value);
            default -> throw new IllegalArgumentException("no object or array holds " + pointer);
        }
    }

    private static JsonNode parent(JsonNode root, String pointer) {
        JsonNode parent = root.at(pointer.substring(0, pointer.lastIndexOf('/')));
        require(parent.isContainerNode(), "no object or array holds " + pointer);
        return parent;
    }

    private static String last(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
