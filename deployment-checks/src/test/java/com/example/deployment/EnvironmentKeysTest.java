package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.support.testing.TestEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EnvironmentKeys} maps variables to keys as service-support's {@link TestEnvironment} does, which
 * its own test holds to Helidon's mapping of the real environment.
 */
class EnvironmentKeysTest {

    @Test
    void mapsEveryTaskVariableAndTheEdgeCasesAsHelidonDoes() {
        Deployment deployment = Deployment.read(RepositoryFiles.root());
        Map<String, String> variables =
                new HashMap<>(Map.of("X__Y", "1", "_LEADING", "2", "TRAILING_", "3", "A_DASH_B", "4"));
        for (String service : Deployment.SERVICES) {
            variables.putAll(deployment.environment(service));
            variables.putAll(deployment.secrets(service));
        }

        assertThat(EnvironmentKeys.of(variables), is(TestEnvironment.configKeys(variables)));
    }
}
