package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /**
     * Each row: what both services' documents promise, the document ({@code task-def} or {@code
     * service}), a JSON pointer in it, and the JSON value there ({@code %1$s} is the service's name,
     * {@code %2$s} the same in capitals).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            runs on Fargate                              | task-def | /requiresCompatibilities | ["FARGATE"]
            in its own network interface                 | task-def | /networkMode | "awsvpc"
            names its port mapping                       | task-def | /containerDefinitions/0/portMappings/0/name | "%1$s-http"
            with an app protocol                         | task-def | /containerDefinitions/0/portMappings/0/appProtocol | "http"
            logs to CloudWatch through awslogs           | task-def | /containerDefinitions/0/logConfiguration/logDriver | "awslogs"
            in the region it is deployed to              | task-def | /containerDefinitions/0/logConfiguration/options/awslogs-region | "${AWS_REGION}"
            with a stream prefix                         | task-def | /containerDefinitions/0/logConfiguration/options/awslogs-stream-prefix | "ecs"
            runs on a read-only root                     | task-def | /containerDefinitions/0/readonlyRootFilesystem | true
            with a writable /tmp                         | task-def | /containerDefinitions/0/mountPoints | [{"sourceVolume": "tmp", "containerPath": "/tmp", "readOnly": false}]
            from a volume of the task                    | task-def | /volumes | [{"name": "tmp"}]
            leaves the execution role to deploy time     | task-def | /executionRoleArn | "${%2$s_EXECUTION_ROLE_ARN}"
            leaves the image to deploy time              | task-def | /containerDefinitions/0/image | "${%2$s_IMAGE}"
            rolls out through ECS                        | service  | /deploymentController | {"type": "ECS"}
            with the circuit breaker and rollback        | service  | /deploymentConfiguration/deploymentCircuitBreaker | {"enable": true, "rollback": true}
            keeping every running task until the new one | service  | /deploymentConfiguration/minimumHealthyPercent | 100
            starting at most as many new tasks           | service  | /deploymentConfiguration/maximumPercent | 200
            with no public IP                            | service  | /networkConfiguration/awsvpcConfiguration/assignPublicIp | "DISABLED"
            """)
    void eachServiceDocumentHas(String promise, String document, String pointer, String value) {
        for (String service : Deployment.SERVICES) {
            JsonNode expected = Documents.json(value.formatted(service, service.toUpperCase()));

            assertThat(
                    service + "-" + document + ".json " + pointer,
                    RepositoryFiles.ecsJson(service + "-" + document + ".json").at(pointer),
                    is(expected));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void runsWithAValidFargateCpuAndMemoryPair(String service) {
        JsonNode task = task(service);

        int cpu = Integer.parseInt(task.get("cpu").asText());
        assertThat(
                FARGATE_SIZES.getOrDefault(cpu, List.of()),
                hasItem(Integer.parseInt(task.get("memory").asText())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void hasAContainerHealthCheckThatStartsAfterTheJvm(String service) {
        JsonNode healthCheck = container(service).get("healthCheck");

        assertThat(healthCheck.get("startPeriod").asInt(), is(greaterThanOrEqualTo(10)));
        assertThat(healthCheck.get("timeout").asInt(), is(greaterThanOrEqualTo(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "products"})
    void hardCodesNoAccountOrRegion(String service) {
        String text = task(service).toString() + RepositoryFiles.ecsJson(service + "-service.json");

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

    private static JsonNode container(String service) {
        return task(service).get("containerDefinitions").get(0);
    }
}
