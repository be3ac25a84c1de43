package com.example.products.auth;

import static com.example.products.openapi.OpenApiDocument.map;

import com.example.products.openapi.OpenApiDocument;
import io.helidon.http.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scopes each operation needs, read from the OpenAPI document products serves: its
 * {@code security} requirements (or the document's default), so that the spec is the only list of
 * who may call what.
 */
public final class OperationSecurity {

    private final List<Operation> operations;

    private OperationSecurity(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    /**
     * Reads the requirements from an OpenAPI document on the class path.
     *
     * @param resource the document's class-path location, e.g. {@code META-INF/openapi/products.yaml}
     * @return the requirements of its operations
     * @throws IllegalStateException when the document is missing or names an undeclared security scheme
     */
    public static OperationSecurity fromClasspath(String resource) {
        return of(OpenApiDocument.fromClasspath(resource));
    }

    /**
     * Reads the requirements of an OpenAPI document.
     *
     * @param document the document
     * @return the requirements of its operations
     * @throws IllegalStateException when the document names an undeclared security scheme
     */
    @SuppressWarnings("unchecked")
    public static OperationSecurity of(OpenApiDocument document) {
        Map<String, Object> schemes = map(map(document.root().get("components")).get("securitySchemes"));
        Object defaultSecurity = document.root().get("security");
        List<Operation> operations = new ArrayList<>();
        document.forEachOperation((method, path, operation) -> operations.add(new Operation(
                method,
                OpenApiDocument.pathPattern(path),
                requirement(
                        (List<Map<String, List<String>>>) operation.getOrDefault("security", defaultSecurity),
                        schemes.keySet()))));
        return new OperationSecurity(operations);
    }

    /**
     * What a request to this method and path needs.
     *
     * @param method the request method
     * @param path   the request path, decoded
     * @return the operation's requirement, or empty when no operation of the document matches
     */
    public Optional<Requirement> requirement(Method method, String path) {
        String normalised = normalise(path);
        return operations.stream()
                .filter(operation -> operation.method().equals(method)
                        && operation.path().matcher(normalised).matches())
                .map(Operation::requirement)
                .findFirst();
    }

    /**
     * Whether any operation of the document has this path (whatever its method).
     *
     * @param path the request path, decoded
     * @return whether the path is part of the API
     */
    public boolean isApiPath(String path) {
        String normalised = normalise(path);
        return operations.stream()
                .anyMatch(operation -> operation.path().matcher(normalised).matches());
    }

    /** As the router sees it: repeated and trailing slashes do not make another path. */
    private static String normalise(String path) {
        String collapsed = path.replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/")
                ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }

    private static Requirement requirement(List<Map<String, List<String>>> security, Collection<String> declared) {
        if (security == null) {
            // No requirement at all would leave the operation open by omission: fail closed.
            return new Requirement(List.of(Set.of()), true);
        }
        List<Set<String>> alternatives = new ArrayList<>();
        boolean authenticated = !security.isEmpty();
        for (Map<String, List<String>> alternative : security) {
            Set<String> scopes = new LinkedHashSet<>();
            alternative.forEach((scheme, names) -> {
                if (!declared.contains(scheme)) {
                    throw new IllegalStateException("Security scheme '" + scheme + "' is not declared");
                }
                scopes.addAll(names);
            });
            authenticated &= !alternative.isEmpty();
            alternatives.add(scopes);
        }
        return new Requirement(alternatives, authenticated);
    }

    private record Operation(Method method, Pattern path, Requirement requirement) {}

    /**
     * An operation's security requirement: any one of the alternatives suffices, and an alternative
     * is satisfied when the token grants all of its scopes.
     *
     * @param alternatives  the scope sets, one per alternative
     * @param authenticated whether a token is needed at all ({@code security: []} says it is not)
     */
    public record Requirement(List<Set<String>> alternatives, boolean authenticated) {

        /**
         * Whether a caller with these scopes may call the operation.
         *
         * @param granted the token's scopes
         * @return whether one alternative's scopes are all granted
         */
        public boolean isGrantedTo(Set<String> granted) {
            return alternatives.stream().anyMatch(granted::containsAll);
        }

        /**
         * The scopes to name in an {@code insufficient_scope} challenge.
         *
         * @return the first alternative's scopes
         */
        public Set<String> scopes() {
            return alternatives.isEmpty() ? Set.of() : alternatives.getFirst();
        }
    }
}
