package com.example.systemtests;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parameter, header or body property of an operation, with the schema the spec gives it.
 *
 * @param location where the value travels
 * @param name     its name
 * @param schema   its schema, references resolved
 * @param required whether the spec requires it
 */
record SpecField(Location location, String name, Schema<?> schema, boolean required) {

    /** Where a field's value travels in a request. */
    enum Location {
        PATH,
        QUERY,
        HEADER,
        BODY
    }

    /**
     * A value that the schema accepts, for a field that is not under attack in a request; unique per
     * request (an idempotency key must not be replayed with another body).
     *
     * @param serial the request's serial number
     * @return the value, or null when the field is optional and best left out
     */
    String valid(int serial) {
        if (!required) {
            return null;
        }
        if (schema.getExample() != null) {
            return schema.getExample().toString();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0).toString();
        }
        if ("integer".equals(schema.getType())) {
            return schema.getMinimum() == null ? "1" : schema.getMinimum().toString();
        }
        for (String candidate : List.of("fuzz" + serial, "FUZ", "1")) {
            if (schema.getPattern() == null
                    || Pattern.compile(schema.getPattern()).matcher(candidate).find()) {
                return candidate;
            }
        }
        throw new IllegalStateException("No valid value for " + this + " derived from its schema");
    }

    @Override
    public String toString() {
        return location.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
