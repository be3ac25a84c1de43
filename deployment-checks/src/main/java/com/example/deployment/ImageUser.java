package com.example.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user a service's image runs as, and where that is written: the {@code <container><user>} of
 * the {@code jib-maven-plugin} configuration (the service's pom, or the parent's pluginManagement):
 * {@code scripts/build-images.sh} builds the images with Jib.
 *
 * @param user   the user, e.g. {@code 10001:10001}; empty when the image names none
 * @param source the file it was read from
 */
record ImageUser(String user, String source) {

    private static final Pattern JIB_PLUGIN =
            Pattern.compile("<artifactId>jib-maven-plugin</artifactId>(.*?)</plugin>", Pattern.DOTALL);
    private static final Pattern JIB_USER =
            Pattern.compile("<container>.*?<user>\\s*([^<\\s]+)\\s*</user>.*?</container>", Pattern.DOTALL);

    static ImageUser of(Path root, String service) {
        for (Path pom : new Path[] {root.resolve(service).resolve("pom.xml"), root.resolve("pom.xml")}) {
            Optional<String> user = Files.exists(pom) ? jibUser(Documents.read(pom)) : Optional.empty();
            if (user.isPresent()) {
                return new ImageUser(user.get(), root.relativize(pom) + " (jib-maven-plugin)");
            }
        }
        return new ImageUser("", "no jib-maven-plugin <container><user> for " + service);
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
}
