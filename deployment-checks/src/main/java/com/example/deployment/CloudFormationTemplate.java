package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template in its JSON form (intrinsic functions kept), for following references
 * between resources. Whether CloudFormation accepts it is cfn-lint's job (CfnLintTest).
 */
final class CloudFormationTemplate {

    private final JsonNode template;

    private CloudFormationTemplate(JsonNode template) {
        this.template = template;
    }

    /** A template already in its JSON form. */
    static CloudFormationTemplate of(JsonNode template) {
        return new CloudFormationTemplate(template);
    }

    /**
     * The template's JSON form as cfn-lint's decoder reads it: the short forms of intrinsic functions
     * ({@code !GetAtt X.Y}) in their long forms ({@code {"Fn::GetAtt": ["X", "Y"]}}), dates as text.
     */
    static CloudFormationTemplate parse(String yaml) {
        return new CloudFormationTemplate(Documents.asJson(new Yaml(new ShortForms()).load(yaml)));
    }

    /** YAML's safe types, plus CloudFormation's tags ({@code !Ref}, {@code !Sub}, ...) as their long forms. */
    private static final class ShortForms extends SafeConstructor {

        ShortForms() {
            super(new LoaderOptions());
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlMultiConstructors.put("!", new LongForm());
        }

        private final class LongForm extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String function = node.getTag().getValue().substring(1);
                Object value = switch (node) {
                    case ScalarNode scalar
                    when function.equals("GetAtt") ->
                        List.of(constructScalar(scalar).split("\\.", 2));
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected YAML node " + node);
                };
                boolean bare = function.equals("Ref") || function.equals("Condition");
                return Map.of(bare ? function : "Fn::" + function, value);
            }
        }
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
