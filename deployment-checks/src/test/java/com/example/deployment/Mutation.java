package com.example.deployment;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hamcrest.Matcher;

/**
 * A mutation proof: one deliberate change to a copy of the repository's files, the invariant it
 * breaks, and what the invariant must then report (sentences that name what disagrees).
 *
 * <p>The change is written as {@link JsonEdits} on a view of the deployment (each resource's
 * properties by logical id, {@code /Resources}, {@code /Outputs}, each service's container by service
 * name, and {@code /tasks}, {@code /services}, {@code /scaling} by service name), or as one of:
 * {@code env <service> NAME=value} (set or add a variable), {@code unsetenv <service> NAME},
 * {@code yaml <service> old => new} (in its application.yaml; {@code \n} is a line break), {@code build
 * <path> old => new} (in a file of the image's build, {@link Deployment#IMAGE_BUILD_FILES}) and
 * {@code image <service> <uid:gid> <source>}.
 *
 * <p>Each expected line is one reported sentence: {@code = sentence} or {@code ~ part of it}; all of
 * them, in order, and nothing else. With a leading {@code +}, the sentence is among the reported ones.
 */
record Mutation(Invariant invariant, String change, String edits, List<String> expected) {

    /** The rows of a table: {@code INVARIANT | change | edits}, each followed by indented expected lines. */
    static Stream<Mutation> table(String table) {
        List<Mutation> mutations = new ArrayList<>();
        for (String line : table.lines().filter(line -> !line.isBlank()).toList()) {
            if (Character.isWhitespace(line.charAt(0))) {
                mutations.getLast().expected().add(line.strip());
            } else {
                String[] row = line.split(" \\| ", 3);
                mutations.add(new Mutation(Invariant.valueOf(row[0]), row[1], row[2], new ArrayList<>()));
            }
        }
        return mutations.stream();
    }

    /** What the invariant reports for a copy of the repository's files with the change made. */
    List<String> violations() {
        Deployment deployment = Deployment.read(RepositoryFiles.root());
        Application application = Application.read(RepositoryFiles.root());
        for (String edit : edits.split(" ; ")) {
            String[] words = edit.split(" ", 3);
            switch (words[0]) {
                case "env" -> setVariable(deployment, words[1], words[2].split("=", 2));
                case "unsetenv" -> removeVariable(deployment, words[1], words[2]);
                case "yaml" -> {
                    Map<String, String> yaml = new HashMap<>(application.applicationYaml());
                    yaml.put(words[1], replaced(yaml.get(words[1]), words[2]));
                    application = new Application(yaml, application.productsSpec());
                }
                case "build" ->
                    deployment
                            .imageBuild()
                            .put(words[1], replaced(deployment.imageBuild().get(words[1]), words[2]));
                case "image" -> {
                    String[] user = words[2].split(" ", 2);
                    deployment.imageUsers().put(words[1], new ImageUser(user[0], user[1]));
                }
                default -> JsonEdits.apply(view(deployment), edit);
            }
        }
        return invariant.violations(deployment, application);
    }

    Matcher<? super List<String>> reported() {
        if (expected.getFirst().startsWith("+")) {
            return allOf(expected.stream()
                    .<Matcher<? super List<String>>>map(line -> hasItem(sentence(line.substring(1))))
                    .toList());
        }
        return contains(expected.stream()
                .<Matcher<? super String>>map(Mutation::sentence)
                .toList());
    }

    private static Matcher<String> sentence(String line) {
        String text = line.substring(2);
        return line.startsWith("~ ") ? containsString(text) : equalTo(text);
    }

    @Override
    public String toString() {
        return invariant + " fails when " + change;
    }

    /** The text with the replacement ({@code old => new}, {@code \\n} a line break) made; {@code old} must be there. */
    private static String replaced(String text, String replacement) {
        String[] oldNew = replacement.replace("\\n", "\n").split(" => ", 2);
        return JsonEdits.replaced(text, oldNew[0], oldNew[1]);
    }

    private static ObjectNode view(Deployment deployment) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        deployment.stack().raw().path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Properties").isObject()) {
                view.set(resource.getKey(), resource.getValue().get("Properties"));
            }
        });
        view.set("Resources", deployment.stack().raw().get("Resources"));
        view.set("Outputs", deployment.stack().raw().get("Outputs"));
        ObjectNode tasks = view.putObject("tasks");
        ObjectNode services = view.putObject("services");
        ObjectNode scaling = view.putObject("scaling");
        for (String service : Deployment.SERVICES) {
            view.set(service, deployment.container(service));
            tasks.set(service, deployment.tasks().get(service));
            services.set(service, deployment.services().get(service));
            scaling.set(service, deployment.scaling().get(service));
        }
        return view;
    }

    private static ArrayNode environment(Deployment deployment, String service) {
        return (ArrayNode) deployment.container(service).get("environment");
    }

    private static void setVariable(Deployment deployment, String service, String[] nameValue) {
        ArrayNode environment = environment(deployment, service);
        environment
                .valueStream()
                .filter(variable -> variable.get("name").asText().equals(nameValue[0]))
                .map(ObjectNode.class::cast)
                .findFirst()
                .orElseGet(() -> environment.addObject().put("name", nameValue[0]))
                .put("value", nameValue[1]);
    }

    private static void removeVariable(Deployment deployment, String service, String name) {
        ArrayNode environment = environment(deployment, service);
        int before = environment.size();
        environment.removeIf(variable -> variable.get("name").asText().equals(name));
        if (environment.size() == before) {
            throw new IllegalArgumentException(service + "'s task has no " + name);
        }
    }
}
