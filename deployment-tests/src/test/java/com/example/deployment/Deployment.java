package com.example.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deployment side, as files: task and service definitions, the ALB template, the deploy script
 * (which maps stack outputs to placeholders) and the services' poms (which configure
 * their images). Tests break a {@link #copy()}.
 *
 * @param tasks        task definitions by service name
 * @param services     service definitions by service name
 * @param alb          the internal ALB's CloudFormation template
 * @param deployScript the text of deploy.sh
 * @param servicePoms  each service's pom.xml (its Jib image settings) by service name
 */
record Deployment(
        Map<String, ObjectNode> tasks,
        Map<String, ObjectNode> services,
        CloudFormationTemplate alb,
        String deployScript,
        Map<String, String> servicePoms) {

    static final List<String> SERVICES = List.of("payments", "products");
    private static final Pattern STACK_OUTPUT =
            Pattern.compile("^([A-Z_]+)=\\$\\(stack_output (\\w+)\\)$", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z_0-9]+)}$");

    static Deployment fromRepository() {
        Map<String, ObjectNode> tasks = new HashMap<>();
        Map<String, ObjectNode> services = new HashMap<>();
        Map<String, String> servicePoms = new HashMap<>();
        for (String service : SERVICES) {
            tasks.put(service, (ObjectNode) RepositoryFiles.ecsJson(service + "-task-def.json"));
            services.put(service, (ObjectNode) RepositoryFiles.ecsJson(service + "-service.json"));
            servicePoms.put(service, RepositoryFiles.servicePom(service));
        }
        return new Deployment(
                tasks,
                services,
                CloudFormationTemplate.parse(RepositoryFiles.albTemplateText()),
                RepositoryFiles.read(RepositoryFiles.deployScript()),
                servicePoms);
    }

    /** A deep copy whose parts can be changed without touching this one. */
    Deployment copy() {
        Map<String, ObjectNode> tasks = new HashMap<>();
        Map<String, ObjectNode> services = new HashMap<>();
        this.tasks.forEach((name, task) -> tasks.put(name, task.deepCopy()));
        this.services.forEach((name, service) -> services.put(name, service.deepCopy()));
        return new Deployment(tasks, services, alb.copy(), deployScript, new HashMap<>(servicePoms));
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

    /** The container's environment as ECS passes it to the process. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        container(service)
                .path("environment")
                .forEach(variable -> environment.put(
                        variable.get("name").asString(), variable.get("value").asString()));
        return environment;
    }

    /** ECS's stopTimeout: seconds between SIGTERM and SIGKILL (30 when not set). */
    int stopTimeoutSeconds(String service) {
        return container(service).path("stopTimeout").asInt(30);
    }

    /**
     * The template resource behind a placeholder of a service definition: deploy.sh fills
     * {@code ${NAME}} from the stack output that {@code NAME=$(stack_output Output)} names, and the
     * output's value refers to a resource.
     */
    Optional<String> resourceBehind(JsonNode placeholder) {
        Matcher name = PLACEHOLDER.matcher(placeholder.asString(""));
        if (!name.matches()) {
            return Optional.empty();
        }
        Matcher assignment = STACK_OUTPUT.matcher(deployScript);
        while (assignment.find()) {
            if (assignment.group(1).equals(name.group(1))) {
                return CloudFormationTemplate.referencedId(
                        alb.raw().path("Outputs").path(assignment.group(2)).path("Value"));
            }
        }
        return Optional.empty();
    }
}
