package com.example.products.deprecation;

import static com.example.products.openapi.OpenApiDocument.list;
import static com.example.products.openapi.OpenApiDocument.map;

import com.example.products.openapi.OpenApiDocument;
import io.helidon.http.Method;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an OpenAPI document marks {@code deprecated: true}, per operation: the operation itself, its
 * parameters, and the fields of its success responses (a response that has the field uses it). Each
 * mark needs the date it took effect ({@code x-deprecated-at}, for the {@code Deprecation} header),
 * and may give the date it goes away ({@code x-sunset}, for {@code Sunset}); both are ISO dates.
 */
public final class DeprecatedParts {

    private final List<Operation> operations;

    private DeprecatedParts(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    /**
     * Reads the marks of an OpenAPI document on the class path.
     *
     * @param resource the document's class-path location, e.g. {@code META-INF/openapi/products.yaml}
     * @return the deprecated parts of its operations
     * @throws IllegalStateException when the document is missing, or a mark has no valid {@code x-deprecated-at}
     */
    public static DeprecatedParts fromClasspath(String resource) {
        return of(OpenApiDocument.fromClasspath(resource));
    }

    /**
     * Reads the marks of a parsed OpenAPI document.
     *
     * @param document the document, as SnakeYAML reads it
     * @return the deprecated parts of its operations
     */
    static DeprecatedParts of(Map<String, Object> document) {
        return of(new OpenApiDocument(document));
    }

    /**
     * Reads the marks of an OpenAPI document.
     *
     * @param document the document
     * @return the deprecated parts of its operations
     * @throws IllegalStateException when a mark has no valid {@code x-deprecated-at}
     */
    public static DeprecatedParts of(OpenApiDocument document) {
        List<Operation> operations = new ArrayList<>();
        document.forEachOperation((method, path, operation) -> {
            String label = method.text() + " " + path;
            List<Part> always = new ArrayList<>();
            mark(operation, "operation " + label).ifPresent(always::add);
            map(operation.get("responses")).forEach((status, response) -> {
                if (status.startsWith("2")) {
                    map(map(document.resolve(response)).get("content"))
                            .values()
                            .forEach(media -> fields(document, map(media).get("schema"), "", new HashSet<>(), always));
                }
            });
            List<Parameter> parameters = new ArrayList<>();
            for (Object reference : list(operation.get("parameters"))) {
                Map<String, Object> parameter = map(document.resolve(reference));
                String in = String.valueOf(parameter.get("in"));
                String parameterName = String.valueOf(parameter.get("name"));
                mark(parameter, in + " parameter " + parameterName + " of " + label)
                        .ifPresent(part -> parameters.add(new Parameter(in, parameterName, part)));
            }
            if (!always.isEmpty() || !parameters.isEmpty()) {
                operations.add(new Operation(
                        method, OpenApiDocument.pathPattern(path), List.copyOf(always), List.copyOf(parameters)));
            }
        });
        return new DeprecatedParts(operations);
    }

    /**
     * The deprecated parts a request uses.
     *
     * @param method     the request method
     * @param path       the request path
     * @param hasQuery   whether the request has a query parameter of this name
     * @param hasHeader  whether the request has a header of this name
     * @return the parts, empty when it uses none
     */
    List<Part> usedBy(
            Method method,
            String path,
            java.util.function.Predicate<String> hasQuery,
            java.util.function.Predicate<String> hasHeader) {
        for (Operation operation : operations) {
            if (operation.method().equals(method)
                    && operation.path().matcher(path).matches()) {
                List<Part> used = new ArrayList<>(operation.always());
                for (Parameter parameter : operation.parameters()) {
                    boolean present = "header".equals(parameter.in())
                            ? hasHeader.test(parameter.name())
                            : hasQuery.test(parameter.name());
                    if (present) {
                        used.add(parameter.part());
                    }
                }
                return used;
            }
        }
        return List.of();
    }

    /**
     * Whether the document marks anything deprecated.
     *
     * @return whether any operation has a deprecated part
     */
    boolean isEmpty() {
        return operations.isEmpty();
    }

    /** The deprecated properties of a schema, through references, arrays and nested objects. */
    private static void fields(
            OpenApiDocument document, Object schemaOrReference, String at, Set<String> seen, List<Part> found) {
        if (schemaOrReference instanceof Map<?, ?> reference
                && reference.get("$ref") instanceof String ref
                && !seen.add(ref)) {
            return;
        }
        Map<String, Object> schema = map(document.resolve(schemaOrReference));
        if (schema.get("items") != null) {
            fields(document, schema.get("items"), at + "[]", seen, found);
        }
        map(schema.get("properties")).forEach((property, definition) -> {
            String pointer = at + "/" + property;
            Map<String, Object> resolved = map(document.resolve(definition));
            mark(resolved, "field " + pointer).ifPresent(found::add);
            fields(document, definition, pointer, seen, found);
        });
    }

    private static Optional<Part> mark(Map<String, Object> node, String label) {
        if (!Boolean.TRUE.equals(node.get("deprecated"))) {
            return Optional.empty();
        }
        return Optional.of(new Part(
                label,
                date(node.get("x-deprecated-at"), "x-deprecated-at", label)
                        .orElseThrow(() -> new IllegalStateException(
                                label + " is deprecated without x-deprecated-at (the ISO date it took effect)")),
                date(node.get("x-sunset"), "x-sunset", label)));
    }

    private static Optional<LocalDate> date(Object value, String key, String label) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            // YAML reads an unquoted 2027-01-31 as a timestamp, a quoted one as a string: accept both.
            return Optional.of(
                    value instanceof java.util.Date date
                            ? date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                            : LocalDate.parse(String.valueOf(value)));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(label + ": " + key + " '" + value + "' is not an ISO date", e);
        }
    }

    private record Operation(Method method, Pattern path, List<Part> always, List<Parameter> parameters) {}

    private record Parameter(String in, String name, Part part) {}

    /**
     * One deprecated part.
     *
     * @param label        what it is, e.g. {@code query parameter status of GET /api/1.0/payments}
     * @param deprecatedAt when it was deprecated
     * @param sunset       when it goes away, if the spec says
     */
    record Part(String label, LocalDate deprecatedAt, Optional<LocalDate> sunset) {}
}
