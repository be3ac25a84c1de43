package com.example.payments;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.support.testing.TestEnvironment;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** payments' own settings, read from {@code application.yaml} under the environment as ECS sets it. */
class MainTest {

    @Test
    void sampleDataIsOffByDefault() {
        assertThat(Main.sampleData(config(Map.of())), is(false));
    }

    @Test
    void sampleDataIsSwitchedOnByItsPlainEnvironmentVariable() {
        assertThat(Main.sampleData(config(Map.of("PAYMENTS_STORE_SAMPLE_DATA", "true"))), is(true));
    }

    /** application.yaml under an environment, mapped as Helidon maps ECS's variables. */
    private static Config config(Map<String, String> environment) {
        return Config.builder()
                .sources(
                        ConfigSources.create(TestEnvironment.configKeys(environment)),
                        ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
    }
}
