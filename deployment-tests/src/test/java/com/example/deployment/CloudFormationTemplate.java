package com.example.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CloudFormation template, read offline: its raw JSON form (intrinsic functions kept, for
 * following references between resources) and a check that it would be accepted: known sections and
 * resource attributes, every {@code Ref}/{@code Fn::GetAtt}/{@code Fn::Sub} reference resolvable, and
 * every resource's properties, with references replaced by values of the right shape, valid against
 * the resource type's CloudFormation schema.
 */
final class CloudFormationTemplate {

    private static final Set<String> SECTIONS = Set.of(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Rules",
            "Mappings",
            "Conditions",
            "Transform",
            "Resources",
            "Outputs");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of(
            "Type",
            "Properties",
            "DependsOn",
            "Condition",
            "DeletionPolicy",
            "UpdateReplacePolicy",
            "Metadata",
            "CreationPolicy",
            "UpdatePolicy");
    private static final Set<String> PARAMETER_TYPES = Set.of(
            "String",
            "Number",
            "List<Number>",
            "CommaDelimitedList",
            "AWS::EC2::VPC::Id",
            "List<AWS::EC2::Subnet::Id>",
            "AWS::EC2::Subnet::Id",
            "AWS::EC2::SecurityGroup::Id",
            "List<AWS::EC2::SecurityGroup::Id>",
            "AWS::Route53::HostedZone::Id");
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region",
            "us-east-1",
            "AWS::AccountId",
            "123456789012",
            "AWS::StackName",
            "sample-stack",
            "AWS::Partition",
            "aws",
            "AWS::URLSuffix",
            "amazonaws.com",
            "AWS::StackId",
            "arn:aws:cloudformation:us-east-1:123456789012:stack/sample-stack/0",
            "AWS::NoValue",
            "");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final JsonNode template;

    private CloudFormationTemplate(JsonNode template) {
        this.template = template;
    }

    static CloudFormationTemplate parse(String yaml) {
        return new CloudFormationTemplate(CloudFormationYaml.parse(yaml));
    }

    static CloudFormationTemplate of(JsonNode template) {
        return new CloudFormationTemplate(template);
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
            if (type.equals(entry.getValue().path("Type").asString(""))) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** The one resource of a type; fails if there is none or more than one. */
    Map.Entry<String, JsonNode> single(String type) {
        Map<String, JsonNode> found = resourcesOfType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type + " in the template, found " + found.keySet());
        }
        return found.entrySet().iterator().next();
    }

    /** The properties of a resource, or a missing node. */
    ObjectNode properties(String logicalId) {
        JsonNode properties = template.path("Resources").path(logicalId).path("Properties");
        return properties.isObject() ? (ObjectNode) properties : JsonNodeFactory.instance.objectNode();
    }

    /** The logical id that a {@code Ref} or {@code Fn::GetAtt} value points at, if it is one. */
    static Optional<String> referencedId(JsonNode value) {
        if (value.has("Ref")) {
            return Optional.of(value.get("Ref").asString());
        }
        if (value.has("Fn::GetAtt")) {
            return Optional.of(value.get("Fn::GetAtt").get(0).asString());
        }
        return Optional.empty();
    }

    /** A {@code Key}/{@code Value} attribute from a list such as {@code LoadBalancerAttributes}. */
    static Optional<String> attribute(JsonNode keyValueList, String key) {
        for (JsonNode attribute : keyValueList) {
            if (key.equals(attribute.path("Key").asString())) {
                return Optional.of(attribute.path("Value").asString());
            }
        }
        return Optional.empty();
    }

    /**
     * Everything that would stop CloudFormation from accepting the template, as messages.
     *
     * @param parameters values for parameters without a default (as a deployment would pass them)
     * @param schemas    the resource types' schemas
     * @return the problems; empty when the template is valid
     */
    List<String> problems(Map<String, Object> parameters, CloudFormationSchemas schemas) {
        List<String> problems = new ArrayList<>();
        template.propertyNames().forEach(section -> {
            if (!SECTIONS.contains(section)) {
                problems.add("unknown top-level section " + section);
            }
        });
        Map<String, JsonNode> parameterValues = parameterValues(parameters, problems);
        JsonNode resources = template.path("Resources");
        if (!resources.isObject() || resources.isEmpty()) {
            problems.add("the template has no Resources");
            return problems;
        }
        Resolver resolver = new Resolver(parameterValues, resources, schemas, problems);
        resources.properties().forEach(entry -> {
            String id = entry.getKey();
            JsonNode resource = entry.getValue();
            String type = resource.path("Type").asString("");
            resource.propertyNames().forEach(attribute -> {
                if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                    problems.add(id + ": unknown resource attribute " + attribute);
                }
            });
            for (JsonNode dependency : resource.path("DependsOn").isArray()
                    ? resource.path("DependsOn")
                    : JsonNodeFactory.instance.arrayNode().add(resource.path("DependsOn"))) {
                if (!dependency.isMissingNode() && !resources.has(dependency.asString())) {
                    problems.add(id + ": DependsOn names no resource: " + dependency.asString());
                }
            }
            if (!schemas.knows(type)) {
                problems.add(id + ": no CloudFormation schema kept for type '" + type + "'");
                return;
            }
            JsonNode resolved = resolver.resolve(
                    resource.path("Properties").isMissingNode()
                            ? JsonNodeFactory.instance.objectNode()
                            : resource.path("Properties"),
                    id);
            schemas.validate(type, resolved).forEach(message -> problems.add(id + " (" + type + "): " + message));
        });
        template.path("Outputs").properties().forEach(output -> {
            if (!output.getValue().has("Value")) {
                problems.add("output " + output.getKey() + " has no Value");
            }
            resolver.resolve(output.getValue().path("Value"), "output " + output.getKey());
        });
        return problems;
    }

    private Map<String, JsonNode> parameterValues(Map<String, Object> supplied, List<String> problems) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        template.path("Parameters").properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode parameter = entry.getValue();
            String type = parameter.path("Type").asString("");
            if (!PARAMETER_TYPES.contains(type)) {
                problems.add("parameter " + name + " has an unknown Type '" + type + "'");
            }
            JsonNode value;
            if (supplied.containsKey(name)) {
                value = RepositoryFiles.JSON.valueToTree(supplied.get(name));
            } else if (parameter.has("Default")) {
                value = parameter.get("Default");
            } else {
                problems.add("parameter " + name + " has no default and no sample value was supplied");
                return;
            }
            JsonNode pattern = parameter.path("AllowedPattern");
            if (pattern.isString() && value.isString() && !value.asString().matches(pattern.asString())) {
                problems.add("parameter " + name + ": '" + value.asString() + "' does not match AllowedPattern");
            }
            values.put(name, value);
        });
        supplied.keySet().stream()
                .filter(name -> !values.containsKey(name)
                        && !template.path("Parameters").has(name))
                .forEach(name -> problems.add("a value was supplied for " + name + ", which is no parameter"));
        return values;
    }

    /** Replaces intrinsic functions with values of the shape CloudFormation would pass. */
    private static final class Resolver {
        private final Map<String, JsonNode> parameters;
        private final JsonNode resources;
        private final CloudFormationSchemas schemas;
        private final List<String> problems;

        Resolver(
                Map<String, JsonNode> parameters,
                JsonNode resources,
                CloudFormationSchemas schemas,
                List<String> problems) {
            this.parameters = parameters;
            this.resources = resources;
            this.schemas = schemas;
            this.problems = problems;
        }

        JsonNode resolve(JsonNode node, String where) {
            if (node.isObject() && node.size() == 1) {
                String key = node.propertyNames().iterator().next();
                JsonNode argument = node.get(key);
                if (key.equals("Ref")) {
                    return ref(argument.asString(), where);
                }
                if (key.equals("Fn::GetAtt")) {
                    return getAtt(argument, where);
                }
                if (key.equals("Fn::Sub")) {
                    return sub(argument, where);
                }
                if (key.equals("Fn::Join")) {
                    List<String> parts = new ArrayList<>();
                    resolve(argument.get(1), where).forEach(part -> parts.add(part.asString()));
                    return JsonNodeFactory.instance.stringNode(
                            String.join(argument.get(0).asString(), parts));
                }
                if (key.startsWith("Fn::")) {
                    problems.add(where + ": " + key
                            + " is not supported by this offline check; extend CloudFormationTemplate");
                    return JsonNodeFactory.instance.stringNode("unresolved");
                }
            }
            if (node.isObject()) {
                ObjectNode copy = JsonNodeFactory.instance.objectNode();
                node.properties().forEach(entry -> copy.set(entry.getKey(), resolve(entry.getValue(), where)));
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = JsonNodeFactory.instance.arrayNode();
                for (JsonNode element : node) {
                    JsonNode resolved = resolve(element, where);
                    // A Ref to a list parameter inside a list stays one element per value.
                    copy.add(resolved);
                }
                return copy;
            }
            return node;
        }

        private JsonNode ref(String name, String where) {
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            if (PSEUDO_PARAMETERS.containsKey(name)) {
                return JsonNodeFactory.instance.stringNode(PSEUDO_PARAMETERS.get(name));
            }
            if (resources.has(name)) {
                return JsonNodeFactory.instance.stringNode(
                        physicalId(resources.get(name).path("Type").asString(), name));
            }
            problems.add(where + ": Ref to '" + name + "', which is neither a parameter nor a resource");
            return JsonNodeFactory.instance.stringNode("unresolved");
        }

        private JsonNode getAtt(JsonNode argument, String where) {
            if (!argument.isArray() || argument.size() != 2) {
                problems.add(where + ": Fn::GetAtt needs [resource, attribute], got " + argument);
                return JsonNodeFactory.instance.stringNode("unresolved");
            }
            String id = argument.get(0).asString();
            String attribute = argument.get(1).asString();
            if (!resources.has(id)) {
                problems.add(where + ": Fn::GetAtt of '" + id + "', which is no resource");
                return JsonNodeFactory.instance.stringNode("unresolved");
            }
            String type = resources.get(id).path("Type").asString();
            if (schemas.knows(type) && !schemas.attributes(type).contains(attribute)) {
                problems.add(where + ": " + id + " (" + type + ") has no attribute '" + attribute + "'; it has "
                        + schemas.attributes(type));
            }
            return JsonNodeFactory.instance.stringNode(attributeValue(id, attribute));
        }

        private JsonNode sub(JsonNode argument, String where) {
            String text = argument.isArray() ? argument.get(0).asString() : argument.asString();
            Map<String, JsonNode> variables = new LinkedHashMap<>();
            if (argument.isArray()) {
                argument.get(1)
                        .properties()
                        .forEach(entry -> variables.put(entry.getKey(), resolve(entry.getValue(), where)));
            }
            Matcher matcher = SUB_VARIABLE.matcher(text);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                String variable = matcher.group(1);
                JsonNode value;
                if (variables.containsKey(variable)) {
                    value = variables.get(variable);
                } else if (variable.contains(".") && !PSEUDO_PARAMETERS.containsKey(variable)) {
                    int dot = variable.indexOf('.');
                    value = getAtt(
                            JsonNodeFactory.instance
                                    .arrayNode()
                                    .add(variable.substring(0, dot))
                                    .add(variable.substring(dot + 1)),
                            where);
                } else {
                    value = ref(variable, where);
                }
                matcher.appendReplacement(result, Matcher.quoteReplacement(value.asString()));
            }
            matcher.appendTail(result);
            return JsonNodeFactory.instance.stringNode(result.toString());
        }

        /** What a Ref to a resource returns, in the format the resource type's consumers expect. */
        private static String physicalId(String type, String id) {
            return switch (type) {
                case "AWS::EC2::SecurityGroup" -> "sg-0123456789abcdef0";
                case "AWS::ElasticLoadBalancingV2::LoadBalancer" ->
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/" + id + "/0123456789abcdef";
                case "AWS::ElasticLoadBalancingV2::TargetGroup" ->
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + id + "/0123456789abcdef";
                case "AWS::Route53::HostedZone" -> "Z0123456789ABCDEFGHIJ";
                default -> "ref-" + id;
            };
        }

        private static String attributeValue(String id, String attribute) {
            return switch (attribute) {
                case "GroupId" -> "sg-0123456789abcdef0";
                case "DNSName" -> "internal-" + id + "-1234567890.us-east-1.elb.amazonaws.com";
                case "CanonicalHostedZoneID" -> "Z35SXDOTRQ7X7K";
                default -> id + "." + attribute;
            };
        }
    }
}
