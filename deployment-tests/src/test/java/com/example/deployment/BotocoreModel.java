package com.example.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;

/**
 * The API model that the AWS CLI itself validates {@code --cli-input-json} against before it sends
 * anything: botocore's {@code data/<service>/<version>/service-2.json}. It adds what the SDK for Java
 * classes do not carry, the required members, and checks names, types, enums and min/max again,
 * independently of {@link AwsApiModel}.
 *
 * <p>botocore is found in the Python that the build machine carries ({@code python3 -c 'import
 * botocore'}), or in Debian's {@code awscli} package; the system property {@code botocore.dir}
 * overrides both.
 */
final class BotocoreModel {

    private final JsonNode shapes;
    private final JsonNode operations;
    private final String source;

    private BotocoreModel(JsonNode model, String source) {
        this.shapes = model.get("shapes");
        this.operations = model.get("operations");
        this.source = source;
    }

    /** Loads the newest model of a service, e.g. {@code ecs}; fails with instructions if there is none. */
    static BotocoreModel load(String service) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("botocore.dir")).map(Path::of).ifPresent(candidates::add);
        pythonBotocore().ifPresent(candidates::add);
        candidates.add(Path.of("/usr/lib/python3/dist-packages/botocore"));
        candidates.add(Path.of("/usr/lib/python3/dist-packages/awscli/botocore"));
        for (Path botocore : candidates) {
            Optional<Path> model = newestModel(botocore.resolve("data").resolve(service));
            if (model.isPresent()) {
                return new BotocoreModel(read(model.get()), model.get().toString());
            }
        }
        throw new IllegalStateException(
                "no botocore model of '" + service + "' in " + candidates
                        + ": install botocore (it comes with the AWS CLI, e.g. apt-get install -y awscli) or set -Dbotocore.dir");
    }

    /** Where the model was read from, for messages. */
    String source() {
        return source;
    }

    /**
     * Violations of an operation's input shape by a document, in the CLI's terms.
     *
     * @param operation the operation, e.g. {@code RegisterTaskDefinition}
     * @param input     the JSON document given to {@code --cli-input-json}
     * @return the violations; empty when the CLI would accept the document
     */
    List<String> validate(String operation, JsonNode input) {
        JsonNode op = operations.get(operation);
        if (op == null) {
            throw new IllegalArgumentException("no operation " + operation + " in " + source);
        }
        List<String> problems = new ArrayList<>();
        validate(input, op.get("input").get("shape").asString(), "$", problems);
        return problems;
    }

    private void validate(JsonNode node, String shapeName, String path, List<String> problems) {
        JsonNode shape = shapes.get(shapeName);
        String type = shape.get("type").asString();
        switch (type) {
            case "structure" -> {
                if (!node.isObject()) {
                    problems.add(path + ": expected an object (" + shapeName + "), found " + node.getNodeType());
                    return;
                }
                JsonNode members = shape.get("members");
                for (JsonNode required : shape.path("required")) {
                    if (!node.has(required.asString())) {
                        problems.add(path + ": required member '" + required.asString() + "' is missing");
                    }
                }
                node.properties().forEach(entry -> {
                    JsonNode member = members.get(entry.getKey());
                    if (member == null) {
                        problems.add(path + ": unknown member '" + entry.getKey() + "' of " + shapeName);
                    } else {
                        validate(
                                entry.getValue(),
                                member.get("shape").asString(),
                                path + "." + entry.getKey(),
                                problems);
                    }
                });
            }
            case "list" -> {
                if (!node.isArray()) {
                    problems.add(path + ": expected a list, found " + node.getNodeType());
                    return;
                }
                range(shape, node.size(), "length", path, problems);
                for (int i = 0; i < node.size(); i++) {
                    validate(node.get(i), shape.get("member").get("shape").asString(), path + "[" + i + "]", problems);
                }
            }
            case "map" -> {
                if (!node.isObject()) {
                    problems.add(path + ": expected a map, found " + node.getNodeType());
                    return;
                }
                node.properties()
                        .forEach(entry -> validate(
                                entry.getValue(),
                                shape.get("value").get("shape").asString(),
                                path + "." + entry.getKey(),
                                problems));
            }
            case "string" -> {
                if (!node.isString()) {
                    problems.add(path + ": expected a string, found " + node.getNodeType());
                    return;
                }
                range(shape, node.asString().length(), "length", path, problems);
                if (shape.has("enum")) {
                    List<String> values = new ArrayList<>();
                    shape.get("enum").forEach(value -> values.add(value.asString()));
                    if (!values.contains(node.asString())) {
                        problems.add(path + ": '" + node.asString() + "' is not one of " + values);
                    }
                }
            }
            case "integer", "long" -> {
                if (!node.isIntegralNumber()) {
                    problems.add(path + ": expected an integer, found " + node.getNodeType());
                    return;
                }
                range(shape, node.asLong(), "value", path, problems);
            }
            case "double", "float" -> {
                if (!node.isNumber()) {
                    problems.add(path + ": expected a number, found " + node.getNodeType());
                }
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    problems.add(path + ": expected true or false, found " + node.getNodeType());
                }
            }
            case "timestamp" -> {
                if (!node.isString() && !node.isNumber()) {
                    problems.add(path + ": expected a timestamp, found " + node.getNodeType());
                }
            }
            default ->
                problems.add(path + ": shape type " + type + " is not checked by this test; extend BotocoreModel");
        }
    }

    private static void range(JsonNode shape, long value, String what, String path, List<String> problems) {
        if (shape.has("min") && value < shape.get("min").asLong()) {
            problems.add(path + ": " + what + " " + value + " is below the minimum "
                    + shape.get("min").asLong());
        }
        if (shape.has("max") && value > shape.get("max").asLong()) {
            problems.add(path + ": " + what + " " + value + " is above the maximum "
                    + shape.get("max").asLong());
        }
    }

    private static Optional<Path> pythonBotocore() {
        try {
            Process python = new ProcessBuilder(
                            "python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0 && !out.isEmpty()) {
                return Optional.of(Path.of(out));
            }
            python.destroyForcibly();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> newestModel(Path serviceDir) {
        if (!Files.isDirectory(serviceDir)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(serviceDir)) {
            return versions.filter(Files::isDirectory)
                    .max(Comparator.comparing(Path::getFileName))
                    .flatMap(version -> Stream.of("service-2.json", "service-2.json.gz")
                            .map(version::resolve)
                            .filter(Files::isRegularFile)
                            .findFirst());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path model) {
        try (InputStream raw = Files.newInputStream(model);
                InputStream in = model.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return RepositoryFiles.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
