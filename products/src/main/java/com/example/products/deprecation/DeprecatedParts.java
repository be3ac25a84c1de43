package com.example.products.deprecation;

import io.helidon.http.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What an OpenAPI document marks {@code deprecated: true}, per operation: the operation itself, its
 * parameters, and the fields of its success responses (a response that has the field uses it). Each
 * mark needs the date it took effect ({@code x-deprecated-at}, for the {@code Deprecation} header),
 * and may give the date it goes away ({@code x-sunset}, for {@code Sunset}); both are ISO dates.
 */
public final class DeprecatedParts {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

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
        try (InputStream in = DeprecatedParts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No OpenAPI document at classpath:" + resource);
            }
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath:" + resource, e);
        }
    }

    /**
     * Reads the marks of a parsed OpenAPI document.
     *
     * @param document the document, as SnakeYAML reads it
     * @return the deprecated parts of its operations
     */
    static DeprecatedParts of(Map<String, Object> document) {
        return parse(document);
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

    private static DeprecatedParts parse(Map<String, Object> document) {
        List<Operation> operations = new ArrayList<>();
        map(document.get("paths"))
                .forEach((path, item) -> map(item).forEach((name, value) -> {
                    if (!METHODS.contains(name)) {
                        return;
                    }
                    Map<String, Object> operation = map(value);
                    String label = name.toUpperCase(Locale.ROOT) + " " + path;
                    List<Part> always = new ArrayList<>();
                    mark(operation, "operation " + label).ifPresent(always::add);
                    map(operation.get("responses")).forEach((status, response) -> {
                        if (status.startsWith("2")) {
                            map(map(resolve(document, response)).get("content"))
                                    .values()
                                    .forEach(media ->
                                            fields(document, map(media).get("schema"), "", new HashSet<>(), always));
                        }
                    });
                    List<Parameter> parameters = new ArrayList<>();
                    for (Object reference : list(operation.get("parameters"))) {
                        Map<String, Object> parameter = map(resolve(document, reference));
                        String in = String.valueOf(parameter.get("in"));
                        String parameterName = String.valueOf(parameter.get("name"));
                        mark(parameter, in + " parameter " + parameterName + " of " + label)
                                .ifPresent(part -> parameters.add(new Parameter(in, parameterName, part)));
                    }
                    if (!always.isEmpty() || !parameters.isEmpty()) {
                        operations.add(new Operation(
                                io.helidon.http.Method.create(name.toUpperCase(Locale.ROOT)),
                                template(path),
                                List.copyOf(always),
                                List.copyOf(parameters)));
                    }
                }));
        return new DeprecatedParts(operations);
    }

    /** The deprecated properties of a schema, through references, arrays and nested objects. */
    private static void fields(
            Map<String, Object> document, Object schemaOrReference, String at, Set<String> seen, List<Part> found) {
        if (schemaOrReference instanceof Map<?, ?> reference
                && reference.get("$ref") instanceof String ref
                && !seen.add(ref)) {
            return;
        }
        Map<String, Object> schema = map(resolve(document, schemaOrReference));
        if (schema.get("items") != null) {
            fields(document, schema.get("items"), at + "[]", seen, found);
        }
        map(schema.get("properties")).forEach((property, definition) -> {
            String pointer = at + "/" + property;
            Map<String, Object> resolved = map(resolve(document, definition));
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

    private static Object resolve(Map<String, Object> document, Object node) {
        Object current = node;
        for (int depth = 0;
                depth < 10 && current instanceof Map<?, ?> m && m.get("$ref") instanceof String ref;
                depth++) {
            Object target = document;
            for (String segment : ref.replaceFirst("^#/", "").split("/")) {
                target = map(target).get(segment.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    private static Pattern template(String path) {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    private static List<?> list(Object node) {
        return node instanceof List<?> list ? list : List.of();
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
