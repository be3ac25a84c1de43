package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles, read as text (no Docker engine is needed): a build stage that uses the wrapper
 * on the reactor, a JRE 21+ run stage with only the application and its libraries, a non-root user,
 * container-aware JVM flags, and agreement with the task definitions and the reactor.
 */
class DockerfileTest {

    private static final Pattern FROM =
            Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void buildsWithTheWrapperAndRunsOnAJre21OrNewer(String service) {
        List<String> stages = stages(service);

        assertThat(stages.size(), is(2));
        assertThat(stages.get(0), containsString("./mvnw -B -ntp package -pl " + service + " -am"));
        Matcher runtime = FROM.matcher(stages.get(1));
        assertThat(runtime.find(), is(true));
        // Ubuntu-based Temurin JRE: the ECS health check runs bash, which Alpine and distroless lack.
        assertThat(runtime.group(1), runtime.group(1).matches("eclipse-temurin:(2[1-9]|[3-9]\\d)-jre"), is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void copiesOnlyTheApplicationAndItsLibrariesIntoTheRunStage(String service) {
        List<String> copies = stages(service)
                .get(1)
                .lines()
                .filter(line -> line.startsWith("COPY"))
                .toList();

        assertThat(
                copies,
                is(List.of(
                        "COPY --from=build /workspace/" + service + "/target/libs/ libs/",
                        "COPY --from=build /workspace/" + service + "/target/" + service + ".jar " + service
                                + ".jar")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void startsTheJarWithContainerAwareFlagsAsANonRootUserOnTheContainerPort(String service) {
        String run = stages(service).get(1);
        Deployment deployment = Deployment.fromRepository();

        assertThat(run, containsString("USER 10001:10001"));
        assertThat(run, containsString("EXPOSE " + deployment.containerPort(service)));
        assertThat(run, containsString("\"-XX:MaxRAMPercentage=75\""));
        assertThat(run, containsString("\"-XX:+ExitOnOutOfMemoryError\""));
        assertThat(run, containsString("\"-jar\", \"" + service + ".jar\"]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void copiesEveryReactorModulesPomAndOnlyPathsThatExist(String service) {
        String build = stages(service).get(0);
        List<String> sources = new ArrayList<>();
        build.lines().filter(line -> line.startsWith("COPY ")).forEach(line -> {
            List<String> words = List.of(line.split("\\s+"));
            sources.addAll(words.subList(1, words.size() - 1));
        });
        List<String> modulePoms = new ArrayList<>();
        Matcher module =
                MODULE.matcher(RepositoryFiles.read(RepositoryFiles.root().resolve("pom.xml")));
        while (module.find()) {
            modulePoms.add(module.group(1) + "/pom.xml");
        }

        // Maven reads every module of the reactor, even with -pl: a module added to the root pom
        // without a COPY here would break the image build.
        assertThat(sources, hasItems(modulePoms.toArray(String[]::new)));
        assertThat(
                sources.stream()
                        .filter(source -> !Files.exists(RepositoryFiles.root().resolve(source)))
                        .toList(),
                is(empty()));
    }

    @Test
    void dockerignoreKeepsBuildOutputAndGitOutOfTheContextButNotTheSources() {
        List<String> patterns = RepositoryFiles.read(RepositoryFiles.root().resolve(".dockerignore"))
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();

        assertThat(patterns, hasItems("**/target/", ".git/"));
        assertThat(
                patterns,
                everyItem(not(anyOf(
                        startsWith("api-specs"),
                        startsWith("service-support"),
                        startsWith("pom.xml"),
                        startsWith("mvnw"),
                        startsWith(".mvn"),
                        startsWith("payments"),
                        startsWith("products")))));
        assertThat(patterns, hasItem(startsWith("ecs-task-defs")));
    }

    /** The Dockerfile's stages, each from its FROM line. */
    private static List<String> stages(String service) {
        String dockerfile = RepositoryFiles.dockerfile(service);
        List<String> stages = new ArrayList<>();
        Matcher from = FROM.matcher(dockerfile);
        List<Integer> starts = new ArrayList<>();
        while (from.find()) {
            starts.add(from.start());
        }
        for (int i = 0; i < starts.size(); i++) {
            stages.add(dockerfile.substring(
                    starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : dockerfile.length()));
        }
        return stages;
    }
}
