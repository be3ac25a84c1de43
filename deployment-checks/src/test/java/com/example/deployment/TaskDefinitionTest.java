package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What ECS on Fargate requires of the task and service definitions beyond the API model, and what
 * this project requires of them (placeholders, read-only root). What ties them to the stack and the
 * services (ports, target groups, users, secrets) is the invariants' (CrossChecksTest).
 */
class TaskDefinitionTest {

    /** Fargate's CPU units and the memory sizes (MiB) each allows. */
    private static final Map<Integer, List<Integer>> FARGATE_SIZES = Map.of(
            256, List.of(512, 1024, 2048),
            512, range(1024, 4096, 1024),
            1024, range(2048, 8192, 1024),
            2048, range(4096, 16384, 1024),
            4096, range(8192, 30720, 1024),
            8192, range(16384, 61440, 4096),
            16384, range(32768, 122880, 8192));

    /** What the JVM used beside its heap after the load, rounded up (RSS minus the committed heap). */
    private static final int JVM_BESIDE_HEAP_MIB = 140;

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void runsOnFargateWithAValidCpuAndMemoryPair(String service) {
        JsonNode task = task(service);

        assertThat(task.get("requiresCompatibilities").toString(), is("[\"FARGATE\"]"));
        assertThat(task.get("networkMode").asText(), is("awsvpc"));
        int cpu = Integer.parseInt(task.get("cpu").asText());
        assertThat(
                FARGATE_SIZES.getOrDefault(cpu, List.of()),
                hasItem(Integer.parseInt(task.get("memory").asText())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void namesItsPortMappingWithAnAppProtocol(String service) {
        JsonNode port = container(service).get("portMappings").get(0);

        assertThat(port.get("name").asText(), is(service + "-http"));
        assertThat(port.get("appProtocol").asText(), is("http"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void logsToCloudWatchThroughAwslogs(String service) {
        JsonNode logging = container(service).get("logConfiguration");

        assertThat(logging.get("logDriver").asText(), is("awslogs"));
        assertThat(logging.get("options").get("awslogs-region").asText(), is("${AWS_REGION}"));
        assertThat(logging.get("options").has("awslogs-stream-prefix"), is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void runsOnAReadOnlyRootWithAWritableTmp(String service) {
        ObjectNode container = container(service);

        assertThat(container.get("readonlyRootFilesystem").asBoolean(), is(true));
        JsonNode tmp = container.get("mountPoints").get(0);
        assertThat(tmp.get("containerPath").asText(), is("/tmp"));
        assertThat(tmp.get("readOnly").asBoolean(), is(false));
        assertThat(
                task(service).get("volumes").findValuesAsText("name"),
                hasItem(tmp.get("sourceVolume").asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void hasAContainerHealthCheckThatStartsAfterTheJvm(String service) {
        JsonNode healthCheck = container(service).get("healthCheck");

        assertThat(healthCheck.get("command").get(0).asText(), is("CMD"));
        assertThat(healthCheck.get("startPeriod").asInt(), is(greaterThanOrEqualTo(10)));
        assertThat(healthCheck.get("timeout").asInt(), is(greaterThanOrEqualTo(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void leavesAccountRegionImageAndRolesToDeployTime(String service) {
        JsonNode task = task(service);
        String text = task.toString() + RepositoryFiles.ecsJson(service + "-service.json");

        assertThat(task.get("executionRoleArn").asText(), is("${" + service.toUpperCase() + "_EXECUTION_ROLE_ARN}"));
        assertThat(container(service).get("image").asText(), is("${" + service.toUpperCase() + "_IMAGE}"));
        assertThat(
                "an account id is hard-coded",
                Pattern.compile("\\b\\d{12}\\b").matcher(text).find(),
                is(false));
        assertThat(
                "a region is hard-coded",
                Pattern.compile("\\b(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\\d\\b")
                        .matcher(text)
                        .find(),
                is(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void serviceRollsOutWithTheCircuitBreakerAndRollback(String service) {
        JsonNode definition = RepositoryFiles.ecsJson(service + "-service.json");
        JsonNode deployment = definition.get("deploymentConfiguration");

        assertThat(definition.get("deploymentController").get("type").asText(), is("ECS"));
        assertThat(deployment.get("deploymentCircuitBreaker").toString(), is("{\"enable\":true,\"rollback\":true}"));
        assertThat(deployment.get("minimumHealthyPercent").asInt(), is(100));
        assertThat(deployment.get("maximumPercent").asInt(), is(200));
        assertThat(
                definition
                        .at("/networkConfiguration/awsvpcConfiguration/assignPublicIp")
                        .asText(),
                is("DISABLED"));
    }

    /**
     * The task's memory holds the JVM twice over: the heap that {@code jvm.options} fixes ({@code -Xmx})
     * plus what the JVM used beside its heap after the load (up to about 140 MiB of RSS, measured with NMT
     * and {@code /proc}; ecs-task-defs/README.md), so that a sidecar and a bad day still fit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void memoryHoldsTheJvmWithRoomToSpare(String service) {
        Matcher heap = Pattern.compile("(?m)^-Xmx(\\d+)m$")
                .matcher(Documents.read(RepositoryFiles.root().resolve("service-support/src/main/jvm/jvm.options")));
        assertThat("jvm.options fixes the heap with -Xmx<MiB>m", heap.find(), is(true));

        int memory = Integer.parseInt(task(service).get("memory").asText());

        assertThat(memory, is(greaterThanOrEqualTo(2 * (Integer.parseInt(heap.group(1)) + JVM_BESIDE_HEAP_MIB))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void limitsGlibcArenasAsTheImageDoes(String service) {
        List<String> arenas = container(service)
                .path("environment")
                .valueStream()
                .filter(variable -> variable.get("name").asText().equals("MALLOC_ARENA_MAX"))
                .map(variable -> variable.get("value").asText())
                .toList();

        assertThat(arenas, contains("2"));
        assertThat(
                Documents.read(RepositoryFiles.root().resolve("pom.xml")),
                containsString("<MALLOC_ARENA_MAX>2</MALLOC_ARENA_MAX>"));
    }

    private static List<Integer> range(int from, int to, int step) {
        return IntStream.iterate(from, size -> size <= to, size -> size + step)
                .boxed()
                .toList();
    }

    private static JsonNode task(String service) {
        return RepositoryFiles.ecsJson(service + "-task-def.json");
    }

    private static ObjectNode container(String service) {
        return (ObjectNode) task(service).get("containerDefinitions").get(0);
    }
}
