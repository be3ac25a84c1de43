package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's user is read from Jib's container configuration: the service's pom first, then the parent's. */
class ImageUserTest {

    private static final String JIB_POM = """
            <project><build><plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-jar-plugin</artifactId>
                <configuration><archive><manifest><user>nobody</user></manifest></archive></configuration>
              </plugin>
              <plugin>
                <groupId>com.google.cloud.tools</groupId>
                <artifactId>jib-maven-plugin</artifactId>
                <configuration>
                  <container>
                    <ports><port>5000</port></ports>
                    <user>10001:10001</user>
                  </container>
                </configuration>
              </plugin>
            </plugins></build></project>
            """;

    @TempDir
    Path root;

    @Test
    void readsTheUserOfJibsContainerConfigurationOnly() {
        assertThat(ImageUser.jibUser(JIB_POM), is(Optional.of("10001:10001")));
        assertThat(ImageUser.jibUser(JIB_POM.replace("<user>10001:10001</user>", "")), is(Optional.empty()));
    }

    @Test
    void prefersJibInTheServicePomThenTheParentPom() throws Exception {
        Files.createDirectories(root.resolve("payments"));
        assertThat(ImageUser.of(root, "payments").user(), is(""));

        Files.writeString(root.resolve("pom.xml"), JIB_POM.replace("10001:10001", "10002:10002"));
        assertThat(ImageUser.of(root, "payments"), is(new ImageUser("10002:10002", "pom.xml (jib-maven-plugin)")));

        Files.writeString(root.resolve("payments/pom.xml"), JIB_POM);
        assertThat(
                ImageUser.of(root, "payments"),
                is(new ImageUser("10001:10001", "payments/pom.xml (jib-maven-plugin)")));
    }
}
