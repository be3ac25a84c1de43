package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A clone of the repository in a temporary directory, where a test makes commits (the versions that
 * deploy.sh's contract gate compares). The clone starts at a commit "A" with the working tree's
 * deploy.sh, contract-gates and deployment-checks, so that the tests run the code under test, committed or not.
 */
final class ScratchClone {

    /** The files that run the gates, taken from the working tree with the two modules' main code. */
    private static final List<String> WORKING_TREE_FILES =
            List.of("ecs-task-defs/deploy.sh", "pom.xml", "contract-gates/pom.xml", "deployment-checks/pom.xml");

    private final Path root;
    private final String a;

    private ScratchClone(Path root, String a) {
        this.root = root;
        this.a = a;
    }

    /** Clones the repository into {@code directory} and commits A there. */
    static ScratchClone create(Path directory) {
        git(
                directory.getParent(),
                "clone --quiet --shared",
                RepositoryFiles.root().toString(),
                directory.toString());
        try (Stream<Path> sources = Stream.of("contract-gates/src/main", "deployment-checks/src/main")
                .flatMap(ScratchClone::files)) {
            List<Path> files = new ArrayList<>(sources.toList());
            for (String file : WORKING_TREE_FILES) {
                files.add(RepositoryFiles.root().resolve(file));
            }
            for (Path file : files) {
                Path target = directory.resolve(RepositoryFiles.root().relativize(file));
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScratchClone clone = new ScratchClone(directory, null);
        return new ScratchClone(directory, clone.commit("HEAD", "A: the version that runs", Map.of()));
    }

    private static Stream<Path> files(String directory) {
        try (Stream<Path> files = Files.walk(RepositoryFiles.root().resolve(directory))) {
            return files.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** The first commit, A. */
    String a() {
        return a;
    }

    Path deployScript() {
        return root.resolve("ecs-task-defs/deploy.sh");
    }

    /** Commits the changes (path to edit) on {@code parent} and returns the new commit (12 digits). */
    String commit(String parent, String message, Map<String, UnaryOperator<String>> changes) {
        git(root, "checkout --quiet", parent);
        try {
            for (var change : changes.entrySet()) {
                Path file = root.resolve(change.getKey());
                Files.writeString(file, change.getValue().apply(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(root, "add --all");
        git(root, "-c user.name=test -c user.email=test@example.com commit --quiet --allow-empty -m", message);
        return git(root, "rev-parse --short=12 HEAD").strip();
    }

    /** Makes {@code commit} the working tree (as a checkout of the version to deploy would). */
    void checkout(String commit) {
        git(root, "checkout --quiet", commit);
    }

    /** Runs git in the directory; {@code words} are split at their spaces, {@code last} is one argument. */
    private static String git(Path directory, String words, String... last) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(words.split(" ")));
        command.addAll(List.of(last));
        Command.Result result = Command.run(command, Map.of(), "", Duration.ofSeconds(60));
        assertThat(result.output(), result.exitCode(), is(0));
        return result.stdout();
    }
}
