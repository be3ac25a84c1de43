package com.example.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user a service's image runs as, and where that is written: the {@code <container><user>} of
 * the {@code jib-maven-plugin} configuration (the service's pom, or the parent's pluginManagement),
 * or else the last {@code USER} of the service's Dockerfile.
 *
 * @param user   the user, e.g. {@code 10001:10001}; empty when the image names none
 * @param source the file it was read from
 */
record ImageUser(String user, String source) {

    private static final Pattern JIB_PLUGIN =
            Pattern.compile("<artifactId>jib-maven-plugin</artifactId>(.*?)</plugin>", Pattern.DOTALL);
    private static final Pattern JIB_USER =
            Pattern.compile("<container>.*?<user>\\s*([^<\\s]+)\\s*</user>.*?</container>", Pattern.DOTALL);
    private static final Pattern DOCKER_USER = Pattern.compile("^USER\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    static ImageUser of(Path root, String service) {
        for (Path pom : new Path[] {root.resolve(service).resolve("pom.xml"), root.resolve("pom.xml")}) {
            Optional<String> user = Files.exists(pom) ? jibUser(RepositoryFiles.read(pom)) : Optional.empty();
            if (user.isPresent()) {
                return new ImageUser(user.get(), root.relativize(pom) + " (jib-maven-plugin)");
            }
        }
        Path dockerfile = root.resolve(service).resolve("Dockerfile");
        if (Files.exists(dockerfile)) {
            return new ImageUser(
                    dockerfileUser(RepositoryFiles.read(dockerfile)).orElse(""),
                    root.relativize(dockerfile).toString());
        }
        return new ImageUser("", "no jib-maven-plugin <container><user> and no Dockerfile for " + service);
    }

    /** The {@code <container><user>} of a pom's jib-maven-plugin, if it has one. */
    static Optional<String> jibUser(String pom) {
        Matcher plugin = JIB_PLUGIN.matcher(pom);
        while (plugin.find()) {
            Matcher user = JIB_USER.matcher(plugin.group(1));
            if (user.find()) {
                return Optional.of(user.group(1));
            }
        }
        return Optional.empty();
    }

    /** A Dockerfile's last {@code USER}, if it has one. */
    static Optional<String> dockerfileUser(String dockerfile) {
        Matcher user = DOCKER_USER.matcher(dockerfile);
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        return Optional.ofNullable(last);
    }
}
