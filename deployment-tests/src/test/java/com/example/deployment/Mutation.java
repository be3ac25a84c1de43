package com.example.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.hamcrest.Matcher;

/**
 * A mutation proof: one deliberate change to a copy of the repository's files, the invariant it
 * breaks, and what the invariant must then report (a sentence that names what disagrees).
 *
 * @param invariant the invariant that the change breaks
 * @param change    what is changed, in words (the test's name)
 * @param mutate    the change, made on a copy
 * @param reported  what the invariant must report afterwards
 */
record Mutation(Invariant invariant, String change, Change mutate, Matcher<? super List<String>> reported) {

    private static final Deployment REPOSITORY = Deployment.fromRepository();

    /** Changes a copy: the deployment in place; the application (immutable) by returning a changed one. */
    @FunctionalInterface
    interface Change {
        Application apply(Deployment deployment, Application application);
    }

    /** A change to the deployment files. */
    static Mutation of(
            Invariant invariant, String change, Consumer<Deployment> mutate, Matcher<? super List<String>> reported) {
        return new Mutation(
                invariant,
                change,
                (deployment, application) -> {
                    mutate.accept(deployment);
                    return application;
                },
                reported);
    }

    /** A change to one service's application.yaml (a text replacement). */
    static Mutation ofYaml(
            Invariant invariant,
            String change,
            String service,
            String target,
            String replacement,
            Matcher<? super List<String>> reported) {
        return new Mutation(
                invariant,
                change,
                (deployment, application) -> application.withYamlReplaced(service, target, replacement),
                reported);
    }

    /** What the invariant reports for a copy of the repository's files with the change made. */
    List<String> violations() {
        Deployment deployment = REPOSITORY.copy();
        Application application = mutate.apply(deployment, Application.fromRepository());
        return invariant.violations(deployment, application);
    }

    @Override
    public String toString() {
        return invariant + " fails when " + change;
    }

    // Edits that mutations share.

    static ArrayNode environment(Deployment deployment, String service) {
        return (ArrayNode) deployment.container(service).get("environment");
    }

    static void setVariable(Deployment deployment, String service, String name, String value) {
        ObjectNode variable = environment(deployment, service)
                .valueStream()
                .filter(candidate -> candidate.get("name").asText().equals(name))
                .map(ObjectNode.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(service + "'s task has no " + name));
        variable.put("value", value);
    }

    static void addVariable(Deployment deployment, String service, String name, String value) {
        environment(deployment, service).addObject().put("name", name).put("value", value);
    }

    static void removeVariable(Deployment deployment, String service, String name) {
        environment(deployment, service)
                .removeIf(variable -> variable.get("name").asText().equals(name));
    }

    /** {@code {"Fn::GetAtt": [resource, attribute]}}. */
    static JsonNode getAtt(String resource, String attribute) {
        ObjectNode getAtt = JsonNodeFactory.instance.objectNode();
        getAtt.putArray("Fn::GetAtt").add(resource).add(attribute);
        return getAtt;
    }
}
