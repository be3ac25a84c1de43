package com.example.products.openapi;

import io.helidon.http.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An OpenAPI document as SnakeYAML reads it, with what the spec-driven filters need: its operations,
 * {@code $ref} resolution within the document, and path templates as patterns.
 *
 * @param root the whole document
 */
public record OpenApiDocument(Map<String, Object> root) {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

    /**
     * Reads a document from the class path.
     *
     * @param resource the document's class-path location, e.g. {@code META-INF/openapi/products.yaml}
     * @return the document
     * @throws IllegalStateException when there is no such resource
     */
    public static OpenApiDocument fromClasspath(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No OpenAPI document at classpath:" + resource);
            }
            return new OpenApiDocument(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath:" + resource, e);
        }
    }

    /**
     * Visits every operation of every path, in the document's order.
     *
     * @param visitor gets each operation
     */
    public void forEachOperation(OperationVisitor visitor) {
        map(root.get("paths"))
                .forEach((path, item) -> map(item).forEach((name, operation) -> {
                    if (METHODS.contains(name)) {
                        visitor.visit(Method.create(name.toUpperCase(Locale.ROOT)), path, map(operation));
                    }
                }));
    }

    /**
     * Follows {@code $ref}s within the document (at most 10 deep) to the node they name.
     *
     * @param node a node, or a reference to one
     * @return the node itself when it is no reference
     */
    public Object resolve(Object node) {
        Object current = node;
        for (int depth = 0;
                depth < 10 && current instanceof Map<?, ?> m && m.get("$ref") instanceof String ref;
                depth++) {
            Object target = root;
            for (String segment : ref.replaceFirst("^#/", "").split("/")) {
                target = map(target).get(segment.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    /**
     * A path template as a pattern: each {@code {parameter}} matches one non-empty segment.
     *
     * @param template the path as the document writes it, e.g. {@code /api/1.0/payments/{paymentId}}
     * @return a pattern that matches the request paths of the template
     */
    public static Pattern pathPattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String segment : template.split("/", -1)) {
            if (!regex.isEmpty() || !segment.isEmpty()) {
                regex.append('/');
            }
            regex.append(segment.matches("\\{[^}]+}") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * A node as a map.
     *
     * @param node a node of the document
     * @return the node, or an empty map when it is absent or no map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    /**
     * A node as a list.
     *
     * @param node a node of the document
     * @return the node, or an empty list when it is absent or no list
     */
    public static List<?> list(Object node) {
        return node instanceof List<?> list ? list : List.of();
    }

    /** Gets each operation of {@link #forEachOperation}. */
    @FunctionalInterface
    public interface OperationVisitor {

        /**
         * One operation.
         *
         * @param method    its method
         * @param path      its path template
         * @param operation its object in the document
         */
        void visit(Method method, String path, Map<String, Object> operation);
    }
}
