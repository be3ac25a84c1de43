package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment side, as files: task and service definitions, the CloudFormation stack, the deploy
 * script (which maps stack outputs to placeholders) and the user each image runs as.
 *
 * @param tasks        task definitions by service name
 * @param services     service definitions by service name
 * @param scaling      the services' target-tracking scaling policies (put-scaling-policy documents) by service name
 * @param stack        the CloudFormation template stack.yaml
 * @param deployScript the text of deploy.sh
 * @param imageUsers   the user each service's image runs as, by service name
 * @param imageBuild   what else sets up payments' image, by path: the poms' Jib configuration, {@code jvm.options}
 */
record Deployment(
        Map<String, ObjectNode> tasks,
        Map<String, ObjectNode> services,
        Map<String, ObjectNode> scaling,
        CloudFormationTemplate stack,
        String deployScript,
        Map<String, ImageUser> imageUsers,
        Map<String, String> imageBuild) {

    static final List<String> SERVICES = List.of("payments", "products");
    /** A placeholder of the deployment documents, filled by deploy.sh: {@code ${NAME}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_0-9]+)}");

    /** The files of {@link #imageBuild}: the poms that configure payments' image (Jib) and the JVM options it starts with. */
    static final List<String> IMAGE_BUILD_FILES =
            List.of("pom.xml", "payments/pom.xml", "service-support/src/main/jvm/jvm.options");

    /** deploy.sh's reads of stack outputs: {@code NAME=$(output OutputKey)}. */
    private static final Pattern STACK_OUTPUT =
            Pattern.compile("^([A-Z_]+)=\\$\\(output (\\w+)\\)$", Pattern.MULTILINE);

    /** The deployment documents of the repository at {@code root}: {@code ecs-task-defs/} and the image poms. */
    static Deployment read(Path root) {
        Path documents = root.resolve("ecs-task-defs");
        Map<String, ObjectNode> tasks = new HashMap<>();
        Map<String, ObjectNode> services = new HashMap<>();
        Map<String, ObjectNode> scaling = new HashMap<>();
        Map<String, ImageUser> imageUsers = new HashMap<>();
        for (String service : SERVICES) {
            tasks.put(service, object(documents.resolve(service + "-task-def.json")));
            services.put(service, object(documents.resolve(service + "-service.json")));
            scaling.put(service, object(documents.resolve(service + "-scaling-policy.json")));
            imageUsers.put(service, ImageUser.of(root, service));
        }
        Map<String, String> imageBuild = new HashMap<>();
        IMAGE_BUILD_FILES.forEach(file -> imageBuild.put(file, Documents.read(root.resolve(file))));
        return new Deployment(
                tasks,
                services,
                scaling,
                CloudFormationTemplate.parse(Documents.read(documents.resolve("stack.yaml"))),
                Documents.read(documents.resolve("deploy.sh")),
                imageUsers,
                imageBuild);
    }

    private static ObjectNode object(Path file) {
        if (Documents.json(Documents.read(file)) instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalStateException(file + " is not a JSON object");
    }

    /** The placeholders that a deploy script fills from stack outputs: placeholder name to output key. */
    static Map<String, String> stackOutputs(String script) {
        Map<String, String> outputs = new LinkedHashMap<>();
        Matcher assignment = STACK_OUTPUT.matcher(script);
        while (assignment.find()) {
            outputs.putIfAbsent(assignment.group(1), assignment.group(2));
        }
        return outputs;
    }

    /** The service's one container. */
    ObjectNode container(String service) {
        return (ObjectNode) tasks.get(service).get("containerDefinitions").get(0);
    }

    int containerPort(String service) {
        return container(service)
                .get("portMappings")
                .get(0)
                .get("containerPort")
                .asInt();
    }

    /** The container's plain environment as ECS passes it to the process (placeholders unfilled). */
    Map<String, String> environment(String service) {
        return nameValues(container(service).path("environment"), "value");
    }

    /** The container's secrets: variable name to {@code valueFrom}. */
    Map<String, String> secrets(String service) {
        return nameValues(container(service).path("secrets"), "valueFrom");
    }

    /** ECS's stopTimeout: seconds between SIGTERM and SIGKILL (30 when not set). */
    int stopTimeoutSeconds(String service) {
        return container(service).path("stopTimeout").asInt(30);
    }

    /**
     * The stack output behind a placeholder ({@code ${NAME}}, alone or inside a longer value): deploy.sh
     * fills {@code ${NAME}} from the stack output that {@code NAME=$(output OutputKey)} names.
     */
    Optional<JsonNode> outputBehind(String value) {
        Matcher name = PLACEHOLDER.matcher(value);
        if (!name.find()) {
            return Optional.empty();
        }
        return Optional.ofNullable(stackOutputs(deployScript).get(name.group(1)))
                .map(output -> stack.raw().path("Outputs").path(output).path("Value"))
                .filter(output -> !output.isMissingNode());
    }

    /** The template resource behind a placeholder of a document (via its stack output). */
    Optional<String> resourceBehind(JsonNode placeholder) {
        return outputBehind(placeholder.asText("")).flatMap(CloudFormationTemplate::referencedId);
    }

    private static Map<String, String> nameValues(JsonNode list, String valueField) {
        Map<String, String> values = new LinkedHashMap<>();
        list.forEach(entry ->
                values.put(entry.path("name").asText(), entry.path(valueField).asText()));
        return values;
    }
}
