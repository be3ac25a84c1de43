package com.example.products.payments;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.faulttolerance.CircuitBreaker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitStateMetricTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CircuitStateMetric metric = new CircuitStateMetric(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.ofEpochMilli(1_765_000_000_000L), ZoneOffset.UTC));

    @Test
    void writesOneLineWhenTheBreakerOpensAndOneWhenItClosesAgain() throws Exception {
        for (CircuitBreaker.State state : List.of(
                CircuitBreaker.State.CLOSED,
                CircuitBreaker.State.OPEN,
                CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN,
                CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN,
                CircuitBreaker.State.CLOSED,
                CircuitBreaker.State.CLOSED)) {
            metric.observe(state);
        }

        List<JsonNode> lines = out.toString(StandardCharsets.UTF_8)
                .lines()
                .map(CircuitStateMetricTest::json)
                .toList();
        assertThat(
                lines.stream()
                        .map(line -> line.get("PaymentsCircuitOpen").asInt())
                        .toList(),
                contains(1, 0));
    }

    @Test
    void lineIsAnEmbeddedMetricFormatDocument() {
        metric.observe(CircuitBreaker.State.OPEN);

        JsonNode line = json(out.toString(StandardCharsets.UTF_8).strip());
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(line.at("/_aws/Timestamp").asLong(), is(1_765_000_000_000L));
        assertThat(directive.get("Namespace").asText(), is(CircuitStateMetric.NAMESPACE));
        assertThat(directive.get("Dimensions").toString(), is("[[\"Service\"]]"));
        assertThat(directive.at("/Metrics/0/Name").asText(), is(CircuitStateMetric.METRIC));
        // Each dimension and metric named in the directive is a member of the line itself.
        assertThat(line.get(CircuitStateMetric.DIMENSION).asText(), is(CircuitStateMetric.SERVICE));
        assertThat(line.get(CircuitStateMetric.METRIC).isNumber(), is(true));
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
