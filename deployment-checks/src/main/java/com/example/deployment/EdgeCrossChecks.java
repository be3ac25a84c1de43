package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The invariants of the public entry's AWS WAF web ACL: it guards the internet-facing ALB, holds each
 * caller (Authorization header) to a limit given as a parameter, answers over it with the problem
 * that products' spec lists as rate-limited and a {@code Retry-After}, and runs AWS's managed rule
 * groups. Each returns its violations as sentences, as {@link CrossChecks} do.
 */
final class EdgeCrossChecks {

    static final String WEB_ACL = "AWS::WAFv2::WebACL";
    static final String ASSOCIATION = "AWS::WAFv2::WebACLAssociation";
    static final String RATE_LIMITED = "https://api.example.com/problems/rate-limited";
    static final List<String> MANAGED_GROUPS =
            List.of("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet");

    private EdgeCrossChecks() {}

    /** A regional web ACL of the stack is associated with the internet-facing ALB, and only with it. */
    static List<String> webAclGuardsThePublicAlb(Deployment deployment) {
        CloudFormationTemplate stack = deployment.stack();
        List<String> violations = new ArrayList<>();
        Map<String, JsonNode> associations = stack.resourcesOfType(ASSOCIATION);
        boolean guarded = false;
        for (Map.Entry<String, JsonNode> association : associations.entrySet()) {
            JsonNode properties = association.getValue().path("Properties");
            Optional<String> alb = CloudFormationTemplate.referencedId(properties.path("ResourceArn"));
            Optional<String> acl = CloudFormationTemplate.referencedId(properties.path("WebACLArn"));
            String scheme = alb.map(id -> stack.properties(id).path("Scheme").asText("internal"))
                    .orElse("?");
            if (!"internet-facing".equals(scheme)) {
                violations.add(association.getKey() + " associates a web ACL with " + alb.orElse("no ALB of the stack")
                        + ", which is not the internet-facing ALB");
            } else if (acl.isEmpty()
                    || !WEB_ACL.equals(stack.resource(acl.get()).path("Type").asText())) {
                violations.add(association.getKey() + " names no web ACL of the stack");
            } else if (!"REGIONAL"
                    .equals(stack.properties(acl.get()).path("Scope").asText())) {
                violations.add(acl.get() + " is not REGIONAL, so it cannot guard an ALB");
            } else {
                guarded = true;
            }
        }
        if (!guarded) {
            violations.add("no web ACL guards the internet-facing ALB");
        }
        return violations;
    }

    /**
     * A rate-based rule keyed on the Authorization header alone, its limit a parameter, blocks with
     * 429, {@code Retry-After} and a custom body that is products' rate-limited problem (its type,
     * title and status as {@code products.yaml} lists them); products' spec documents the 429.
     */
    static List<String> rateLimitPerCallerAnswersTheSpecsProblem(Deployment deployment, Application application) {
        CloudFormationTemplate stack = deployment.stack();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> acl : stack.resourcesOfType(WEB_ACL).entrySet()) {
            JsonNode properties = acl.getValue().path("Properties");
            JsonNode rule = null;
            for (JsonNode candidate : properties.path("Rules")) {
                if (candidate.at("/Statement/RateBasedStatement").isObject()) {
                    rule = candidate;
                }
            }
            if (rule == null) {
                violations.add(acl.getKey() + " has no rate-based rule");
                continue;
            }
            JsonNode rate = rule.at("/Statement/RateBasedStatement");
            JsonNode keys = rate.path("CustomKeys");
            if (!"CUSTOM_KEYS".equals(rate.path("AggregateKeyType").asText())
                    || keys.size() != 1
                    || !"authorization"
                            .equalsIgnoreCase(keys.at("/0/Header/Name").asText())) {
                violations.add(acl.getKey() + ": the rate-based rule is not keyed on the Authorization header alone");
            }
            Optional<String> limit = CloudFormationTemplate.referencedId(rate.path("Limit"));
            if (limit.isEmpty() || !deployment.stack().raw().path("Parameters").has(limit.get())) {
                violations.add(acl.getKey() + ": the rate limit is not a parameter");
            }
            JsonNode response = rule.at("/Action/Block/CustomResponse");
            if (response.path("ResponseCode").asInt() != 429) {
                violations.add(acl.getKey() + ": the rate-based rule answers "
                        + response.path("ResponseCode").asText("no custom response") + ", not 429");
            }
            boolean retryAfter = false;
            for (JsonNode header : response.path("ResponseHeaders")) {
                retryAfter |= "Retry-After".equalsIgnoreCase(header.path("Name").asText())
                        && header.path("Value").asText().matches("[1-9][0-9]*");
            }
            if (!retryAfter) {
                violations.add(acl.getKey() + ": the 429 has no Retry-After in seconds");
            }
            String key = response.path("CustomResponseBodyKey").asText();
            JsonNode body = Documents.json(
                    properties.at("/CustomResponseBodies/" + key + "/Content").asText("{}"));
            JsonNode listed = rateLimitedInSpec(application.productsSpec());
            for (String field : List.of("type", "title", "status")) {
                if (!body.path(field).asText().equals(listed.path(field).asText())) {
                    violations.add(acl.getKey() + ": the 429 body's " + field + " is '"
                            + body.path(field).asText() + "', products.yaml lists '"
                            + listed.path(field).asText() + "'");
                }
            }
        }
        return violations;
    }

    /** AWS's managed common and known-bad-inputs rule groups are in force (not merely counting). */
    static List<String> managedRuleGroupsAreInForce(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> acl :
                deployment.stack().resourcesOfType(WEB_ACL).entrySet()) {
            for (String group : MANAGED_GROUPS) {
                JsonNode found = null;
                for (JsonNode rule : acl.getValue().at("/Properties/Rules")) {
                    JsonNode statement = rule.at("/Statement/ManagedRuleGroupStatement");
                    if ("AWS".equals(statement.path("VendorName").asText())
                            && group.equals(statement.path("Name").asText())) {
                        found = rule;
                    }
                }
                if (found == null) {
                    violations.add(acl.getKey() + " does not run " + group);
                } else if (!found.at("/OverrideAction/None").isObject()) {
                    violations.add(acl.getKey() + " runs " + group + " but overrides its actions (only counting)");
                }
            }
        }
        return violations;
    }

    /** The rate-limited entry of products.yaml's problem types, and its 429 response. */
    private static JsonNode rateLimitedInSpec(JsonNode spec) {
        if (spec.at("/components/responses/TooManyRequests").isMissingNode()) {
            return Documents.json("{\"type\":\"products.yaml documents no 429\"}");
        }
        for (JsonNode type : spec.at("/components/x-problem-types")) {
            if (RATE_LIMITED.equals(type.path("type").asText())) {
                return type;
            }
        }
        return Documents.json("{\"type\":\"products.yaml lists no rate-limited type\"}");
    }
}
