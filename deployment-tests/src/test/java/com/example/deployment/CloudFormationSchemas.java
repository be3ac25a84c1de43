package com.example.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What CloudFormation accepts for each resource type: its resource provider schema (a JSON Schema
 * with {@code properties}, {@code required}, {@code additionalProperties: false}, types, enums and
 * patterns, and {@code readOnlyProperties}, which are the attributes {@code Fn::GetAtt} can read).
 * The schemas are kept under {@code src/test/resources/cloudformation-schemas/} (see its README).
 */
final class CloudFormationSchemas {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private final Map<String, Optional<JsonNode>> documents = new ConcurrentHashMap<>();

    /** Whether a schema is kept for the type. */
    boolean knows(String type) {
        return document(type).isPresent();
    }

    /** Violations of the type's schema by the resource's (resolved) properties, as messages. */
    List<String> validate(String type, JsonNode properties) {
        JsonNode schemaDocument = document(type).orElseThrow(() -> new IllegalArgumentException("no schema for " + type));
        Schema schema = registry.getSchema(schemaDocument.toString());
        return schema.validate(properties).stream().map(Error::toString).toList();
    }

    /** The attributes that {@code Fn::GetAtt} may read from a resource of the type. */
    Set<String> attributes(String type) {
        Set<String> attributes = new LinkedHashSet<>();
        document(type).ifPresent(schema -> schema.path("readOnlyProperties")
                .forEach(pointer -> attributes.add(pointer.asString().replaceFirst("^/properties/", "").replace('/', '.'))));
        return attributes;
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
