package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudFormation template in its JSON form (intrinsic functions kept), for following references
 * between resources. Whether CloudFormation accepts it is cfn-lint's job ({@link CfnLintTest}).
 */
final class CloudFormationTemplate {

    private static final String DECODE = "import json, sys; from cfnlint.decode import decode_str;"
            + " template, problems = decode_str(sys.stdin.read());"
            + " sys.exit(str(problems)) if problems else print(json.dumps(template))";

    private final JsonNode template;

    private CloudFormationTemplate(JsonNode template) {
        this.template = template;
    }

    /**
     * The template's JSON form as cfn-lint's own decoder reads it: the short forms of intrinsic functions
     * ({@code !GetAtt X.Y}) in their long forms ({@code {"Fn::GetAtt": ["X", "Y"]}}).
     */
    static CloudFormationTemplate parse(String yaml) {
        Command.Result decoded = Command.run(List.of("python3", "-c", DECODE), Map.of(), yaml, Duration.ofSeconds(60));
        if (decoded.exitCode() != 0) {
            throw new AssertionError("cfn-lint's decoder (python3 -m cfnlint, see .ci/run) could not read the"
                    + " template: " + decoded.stderr());
        }
        return new CloudFormationTemplate(RepositoryFiles.json(decoded.stdout()));
    }

    /** A deep copy, for tests that break one thing on purpose. */
    CloudFormationTemplate copy() {
        return new CloudFormationTemplate(template.deepCopy());
    }

    JsonNode raw() {
        return template;
    }

    /** The logical ids and bodies of the resources of a type, in template order. */
    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText(""))) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** A resource's body (type, properties, policies), or a missing node. */
    JsonNode resource(String logicalId) {
        return template.path("Resources").path(logicalId);
    }

    /** The properties of a resource, or an empty object. */
    ObjectNode properties(String logicalId) {
        JsonNode properties = resource(logicalId).path("Properties");
        return properties.isObject() ? (ObjectNode) properties : JsonNodeFactory.instance.objectNode();
    }

    /** The logical id that a {@code Ref} or {@code Fn::GetAtt} value points at, if it is one. */
    static Optional<String> referencedId(JsonNode value) {
        if (value.has("Ref")) {
            return Optional.of(value.get("Ref").asText());
        }
        if (value.has("Fn::GetAtt")) {
            return Optional.of(value.get("Fn::GetAtt").get(0).asText());
        }
        return Optional.empty();
    }

    /** The attribute that a {@code Fn::GetAtt} value reads ({@code "Endpoint.Address"}), if it is one. */
    static Optional<String> attributeOf(JsonNode value) {
        return value.has("Fn::GetAtt")
                ? Optional.of(value.get("Fn::GetAtt").get(1).asText())
                : Optional.empty();
    }

    /** A {@code Key}/{@code Value} attribute from a list such as {@code LoadBalancerAttributes}. */
    static Optional<String> attribute(JsonNode keyValueList, String key) {
        for (JsonNode attribute : keyValueList) {
            if (key.equals(attribute.path("Key").asText())) {
                return Optional.of(attribute.path("Value").asText());
            }
        }
        return Optional.empty();
    }
}
