package com.example.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The breaking-change rule for problem types, which openapi-diff cannot see: they are listed in a
 * spec extension ({@code components.x-problem-types}, each with {@code type}, {@code title},
 * {@code status}). Clients branch on a problem's {@code type}, so a released type must stay, with
 * its title and status; a new type is an addition (clients must handle an unknown type by its status).
 */
public final class ProblemTypeCompatibility {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ProblemTypeCompatibility() {}

    /**
     * The changes to the problem types that would break a client of the baseline.
     *
     * @param baseline the released spec
     * @param spec     the spec as it is now
     * @return one line per breaking change; empty when there is none
     */
    public static List<String> breaks(Path baseline, Path spec) {
        Map<String, JsonNode> released = listed(baseline);
        Map<String, JsonNode> now = listed(spec);
        List<String> breaks = new ArrayList<>();
        released.forEach((type, before) -> {
            JsonNode after = now.get(type);
            if (after == null) {
                breaks.add("Problem type " + type + " was removed (or its URI changed)");
                return;
            }
            for (String field : List.of("status", "title")) {
                if (!before.path(field).asText().equals(after.path(field).asText())) {
                    breaks.add("Problem type " + type + " changed its " + field + " from '"
                            + before.path(field).asText() + "' to '"
                            + after.path(field).asText() + "'");
                }
            }
        });
        return breaks;
    }

    private static Map<String, JsonNode> listed(Path spec) {
        try {
            Map<String, JsonNode> listed = new LinkedHashMap<>();
            for (JsonNode entry :
                    YAML.readTree(spec.toFile()).path("components").path("x-problem-types")) {
                listed.put(entry.path("type").asText(), entry);
            }
            return listed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + spec, e);
        }
    }
}
