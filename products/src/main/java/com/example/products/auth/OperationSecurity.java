package com.example.products.auth;

import io.helidon.http.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The scopes each operation needs, read from the OpenAPI document products serves: its
 * {@code security} requirements (or the document's default), so that the spec is the only list of
 * who may call what.
 */
public final class OperationSecurity {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

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
        try (InputStream in = OperationSecurity.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No OpenAPI document at classpath:" + resource);
            }
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath:" + resource, e);
        }
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

    @SuppressWarnings("unchecked")
    private static OperationSecurity parse(Map<String, Object> document) {
        Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
        Object defaultSecurity = document.get("security");
        List<Operation> operations = new ArrayList<>();
        map(document.get("paths"))
                .forEach((path, item) -> map(item).forEach((name, operation) -> {
                    if (METHODS.contains(name)) {
                        Object security = map(operation).getOrDefault("security", defaultSecurity);
                        operations.add(new Operation(
                                Method.create(name.toUpperCase(java.util.Locale.ROOT)),
                                template(path),
                                requirement((List<Map<String, List<String>>>) security, schemes.keySet())));
                    }
                }));
        return new OperationSecurity(operations);
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

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!regex.isEmpty() || !segment.isEmpty()) {
                regex.append('/');
            }
            regex.append(segment.matches("\\{[^}]+}") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
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
