package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.support.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stand-in is configured as the ALB is: every setting that {@code local-alb/haproxy.cfg} shares
 * with {@code ecs-task-defs/stack.yaml} has the same value in both.
 */
class LocalAlbConfigTest {

    private static final AlbTemplate ALB = AlbTemplate.read();
    private static final List<String> CONFIG = config();

    @Test
    void checksHealthOnTheTargetGroupsPathWithItsSuccessCodes() {
        assertThat(
                directive("http-check send meth GET uri (\\S+) ver HTTP/1\\.1 hdr Host \\S+"),
                is(ALB.healthCheckPath()));
        assertThat(directive("http-check expect status (\\S+)"), is(ALB.matcher()));
    }

    @Test
    void checksAsOftenAndDecidesAfterAsManyChecksAsTheTargetGroup() {
        assertThat(
                duration(directive("default-server check inter (\\S+) rise \\d+ fall \\d+")),
                is(ALB.healthCheckInterval()));
        assertThat(
                Integer.parseInt(directive("default-server check inter \\S+ rise (\\d+) fall \\d+")),
                is(ALB.healthyThreshold()));
        assertThat(
                Integer.parseInt(directive("default-server check inter \\S+ rise \\d+ fall (\\d+)")),
                is(ALB.unhealthyThreshold()));
        assertThat(duration(directive("timeout check (\\S+)")), is(ALB.healthCheckTimeout()));
    }

    @Test
    void closesIdleClientConnectionsAfterTheAlbsIdleTimeout() {
        assertThat(duration(directive("timeout client \"\\$\\{LB_IDLE_TIMEOUT-(\\S+)}\"")), is(ALB.idleTimeout()));
        assertThat(
                duration(directive("timeout http-keep-alive \"\\$\\{LB_IDLE_TIMEOUT-(\\S+)}\"")),
                is(ALB.idleTimeout()));
    }

    @Test
    void listensOnTheListenersPortAndSharesTargetConnectionsRoundRobin() {
        assertThat(
                Integer.parseInt(directive("bind \"\\$\\{LB_BIND-127\\.0\\.0\\.1:(\\d+)}\"")), is(ALB.listenerPort()));
        assertThat(directive("balance (\\S+)"), is("roundrobin"));
        assertThat(directive("http-reuse (\\S+)"), is("always"));
    }

    @Test
    void isAConfigurationHaproxyAccepts() {
        LocalAlb.requireHaproxy(); // fails, saying how to install it, where HAProxy is missing
        ExternalProcess.Finished check = ExternalProcess.run(Duration.ofSeconds(30), LocalAlb.haproxy("-c"));
        assertThat(check.output(), check.exitCode(), is(0));
    }

    /** The first group of the one line (comments aside) matching the pattern. */
    private static String directive(String regex) {
        Pattern pattern = Pattern.compile("^\\s*" + regex + "\\s*$");
        List<String> values = CONFIG.stream()
                .map(pattern::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();
        assertThat("lines of haproxy.cfg matching " + regex, values.size(), is(1));
        return values.getFirst();
    }

    /** An HAProxy time: {@code 500ms}, {@code 10s}, {@code 1m}. */
    static Duration duration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an HAProxy time: " + value);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    private static List<String> config() {
        try {
            return Files.readAllLines(Repository.file("local-alb/haproxy.cfg")).stream()
                    .filter(line -> !line.strip().startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
