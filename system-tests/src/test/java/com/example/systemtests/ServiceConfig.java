package com.example.systemtests;

import com.example.support.testing.TestEnvironment;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration a service would read in production: its own {@code application.yaml} (both
 * services have one, so it is read from the service's own jar or classes directory), under
 * overrides given the way ECS gives them, as environment variables.
 */
final class ServiceConfig {

    private ServiceConfig() {}

    static Config of(Class<?> mainClass, Map<String, String> environment) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(
                        ConfigSources.create(TestEnvironment.configKeys(environment)),
                        ConfigSources.url(applicationYaml(mainClass)))
                .build();
    }

    private static URL applicationYaml(Class<?> mainClass) {
        try {
            Path location = Path.of(mainClass
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isDirectory(location)
                    ? location.resolve("application.yaml").toUri().toURL()
                    : new URL("jar:" + location.toUri() + "!/application.yaml");
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("Cannot locate application.yaml of " + mainClass.getName(), e);
        }
    }
}
