package com.example.payments;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.support.testing.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** payments' own settings, read from {@code application.yaml} under the environment as ECS sets it. */
class MainTest {

    @Test
    void sampleDataIsOffByDefault() {
        assertThat(Main.sampleData(TestEnvironment.applicationYaml(Map.of())), is(false));
    }

    @Test
    void sampleDataIsSwitchedOnByItsPlainEnvironmentVariable() {
        assertThat(
                Main.sampleData(TestEnvironment.applicationYaml(Map.of("PAYMENTS_STORE_SAMPLE_DATA", "true"))),
                is(true));
    }
}
