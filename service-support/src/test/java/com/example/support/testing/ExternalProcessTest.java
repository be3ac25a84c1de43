package com.example.support.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExternalProcessTest {

    @Test
    void returnsTheExitCodeAndOutputOfAProcessThatFinishes() {
        ExternalProcess.Finished finished = ExternalProcess.run(
                Duration.ofSeconds(30), new ProcessBuilder("sh", "-c", "echo out; echo err >&2; exit 3"));

        assertThat(finished.exitCode(), is(3));
        assertThat(finished.output(), is("out\nerr\n"));
    }

    @Test
    void killsAProcessThatOutlivesItsBoundAndNamesIt() {
        AssertionError error = assertThrows(
                AssertionError.class,
                () -> ExternalProcess.run(
                        Duration.ofMillis(500), new ProcessBuilder("sh", "-c", "echo started; exec sleep 60")));

        assertThat(
                error.getMessage(), containsString("`sh -c echo started; exec sleep 60` did not finish within PT0.5S"));
        assertThat(error.getMessage(), containsString("started"));
    }
}
