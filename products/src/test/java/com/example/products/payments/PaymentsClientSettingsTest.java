package com.example.products.payments;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.support.testing.TestEnvironment;
import io.helidon.config.Config;
import io.helidon.faulttolerance.CircuitBreakerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentsClientSettingsTest {

    @Test
    void defaultsComeFromApplicationYamlAndAreTheBuildersToo() {
        PaymentsClientSettings settings = PaymentsClientSettings.from(
                TestEnvironment.applicationYaml(Map.of()).get("payments"));

        assertThat(settings.baseUri(), is(URI.create("http://localhost:5000")));
        assertThat(settings.connectTimeout(), is(Duration.ofSeconds(1)));
        assertThat(settings.readTimeout(), is(Duration.ofSeconds(2)));
        assertThat(settings.maxConnections(), is(64));
        assertThat(settings.breaker().volume(), is(10));
        assertThat(settings.breaker().errorRatio(), is(60));
        assertThat(settings.breaker().delay(), is(Duration.ofSeconds(5)));
        assertThat(PaymentsClientSettings.builder().baseUri(settings.baseUri()).build(), is(settings));
    }

    @Test
    void everySettingIsOverriddenByItsEnvironmentVariableAsEcsSetsIt() {
        Config config = TestEnvironment.applicationYaml(Map.of(
                "PAYMENTS_BASE_URI", "http://payments.internal:5000",
                "PAYMENTS_CONNECT_TIMEOUT", "PT0.5S",
                "PAYMENTS_READ_TIMEOUT", "PT3S",
                "PAYMENTS_CONNECTIONS_MAX", "16",
                "PAYMENTS_BREAKER_VOLUME", "20",
                "PAYMENTS_BREAKER_ERROR_RATIO", "75",
                "PAYMENTS_BREAKER_DELAY", "PT10S",
                "SERVER_PORT", "9090"));

        PaymentsClientSettings settings = PaymentsClientSettings.from(config.get("payments"));

        assertThat(
                settings,
                is(PaymentsClientSettings.builder()
                        .baseUri(URI.create("http://payments.internal:5000"))
                        .connectTimeout(Duration.ofMillis(500))
                        .readTimeout(Duration.ofSeconds(3))
                        .maxConnections(16)
                        .breaker(CircuitBreakerConfig.builder()
                                .name(PaymentsClientSettings.BREAKER)
                                .volume(20)
                                .errorRatio(75)
                                .delay(Duration.ofSeconds(10))
                                .buildPrototype())
                        .build()));
        assertThat(config.get("server.port").asInt().get(), is(9090));
    }

    @Test
    void rejectsBaseUriThatIsNotAbsoluteHttp() {
        Config config = TestEnvironment.applicationYaml(Map.of("PAYMENTS_BASE_URI", "payments.internal:5000"));

        assertThrows(IllegalArgumentException.class, () -> PaymentsClientSettings.from(config.get("payments")));
    }
}
