package com.example.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code ecs-task-defs/deploy.sh} with a given environment and reads what it printed: the aws
 * commands (lines starting with {@code + aws}) and the rendered documents (between
 * {@code --- rendered NAME} and {@code --- end}).
 */
final class DeployScript {

    private static final Pattern DOCUMENT =
            Pattern.compile("^--- rendered (\\S+)\\n(.*?)\\n--- end$", Pattern.MULTILINE | Pattern.DOTALL);

    private DeployScript() {}

    /** What one run did. */
    record Run(int exitCode, String stdout, String stderr) {

        /** Each printed aws command, split into words as the shell would. */
        List<List<String>> commands() {
            List<List<String>> commands = new ArrayList<>();
            stdout.lines().filter(line -> line.startsWith("+ aws ")).forEach(line -> {
                commands.add(shellWords(line.substring(2)));
            });
            return commands;
        }

        /** Each command as its first three words, e.g. "aws ecs create-service". */
        List<String> operations() {
            return commands().stream()
                    .map(words -> String.join(" ", words.subList(0, 3)))
                    .toList();
        }

        /** The rendered documents, by file name, in the order printed. */
        Map<String, JsonNode> documents() {
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            Matcher document = DOCUMENT.matcher(stdout);
            while (document.find()) {
                documents.put(document.group(1), RepositoryFiles.JSON.readTree(document.group(2)));
            }
            return documents;
        }

        /** The raw text of the rendered documents. */
        List<String> documentTexts() {
            List<String> texts = new ArrayList<>();
            Matcher document = DOCUMENT.matcher(stdout);
            while (document.find()) {
                texts.add(document.group(2));
            }
            return texts;
        }
    }

    /**
     * Runs the script with exactly the given environment variables (plus PATH, with {@code binFirst}
     * ahead of the system's directories), with a bounded wait.
     */
    static Run run(Map<String, String> environment, Path binFirst, String... args)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("bash", RepositoryFiles.deployScript().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        Map<String, String> env = new HashMap<>(environment);
        env.put("PATH", binFirst + ":/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("deploy.sh did not finish within 60 s");
        }
        return new Run(process.exitValue(), stdout.join(), stderr.join());
    }

    /** Splits a line into words as a POSIX shell does for single quotes and backslashes. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '\\') {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Copies the fake aws command into a directory of its own, to put first on PATH. */
    static Path fakeAws(Path directory) throws IOException {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path aws = bin.resolve("aws");
        try (var in = DeployScript.class.getResourceAsStream("/fake-aws/aws")) {
            Files.copy(in, aws);
        }
        aws.toFile().setExecutable(true);
        return bin;
    }
}
