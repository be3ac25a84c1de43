package com.example.deployment;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.RegularExpression;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What CloudFormation accepts for each resource type: its resource provider schema (a JSON Schema
 * with {@code properties}, {@code required}, {@code additionalProperties: false}, types, enums and
 * patterns, and {@code readOnlyProperties}, which are the attributes {@code Fn::GetAtt} can read).
 * The schemas are kept under {@code src/test/resources/cloudformation-schemas/} (see its README).
 */
final class CloudFormationSchemas {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .regularExpressionFactory(CloudFormationSchemas::pattern)
                    .build()));
    private final Map<String, Optional<JsonNode>> documents = new ConcurrentHashMap<>();

    /** Whether a schema is kept for the type. */
    boolean knows(String type) {
        return document(type).isPresent();
    }

    /** Violations of the type's schema by the resource's (resolved) properties, as messages. */
    List<String> validate(String type, JsonNode properties) {
        JsonNode schemaDocument =
                document(type).orElseThrow(() -> new IllegalArgumentException("no schema for " + type));
        Schema schema = registry.getSchema(schemaDocument.toString());
        return schema.validate(properties).stream().map(Error::toString).toList();
    }

    /** The attributes that {@code Fn::GetAtt} may read from a resource of the type. */
    Set<String> attributes(String type) {
        Set<String> attributes = new LinkedHashSet<>();
        document(type)
                .ifPresent(schema -> schema.path("readOnlyProperties")
                        .forEach(pointer -> attributes.add(pointer.asString()
                                .replaceFirst("^/properties/", "")
                                .replace('/', '.'))));
        return attributes;
    }

    /**
     * A schema {@code pattern}, compiled by java.util.regex like CloudFormation's Java handlers do
     * (the schemas use {@code \p{L}} and {@code \Z}), except that a {@code [} inside a character
     * class is literal, as in ECMAScript and Python: java.util.regex would open a nested class.
     * A pattern matches anywhere in the value unless it is anchored, as JSON Schema says.
     */
    static RegularExpression pattern(String regex) {
        StringBuilder java = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                java.append(c).append(regex.charAt(++i));
            } else if (c == '[' && inClass) {
                java.append("\\[");
            } else {
                inClass = c == '[' || inClass && c != ']';
                java.append(c);
            }
        }
        Pattern pattern = Pattern.compile(java.toString());
        return value -> pattern.matcher(value).find();
    }

    private Optional<JsonNode> document(String type) {
        return documents.computeIfAbsent(type, CloudFormationSchemas::load);
    }

    private static Optional<JsonNode> load(String type) {
        String resource = "/cloudformation-schemas/" + type.replace("::", "-") + ".json";
        try (InputStream in = CloudFormationSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            ObjectNode schema = (ObjectNode) RepositoryFiles.JSON.readTree(in);
            // "$schema" names CloudFormation's provider meta-schema by URL; the validator would try to
            // fetch it. The resource schemas themselves are plain draft-07.
            schema.remove("$schema");
            return Optional.of(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
