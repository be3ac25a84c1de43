package com.example.deployment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy rehearsed for real against an AWS API emulator ({@code moto_server} on a free loopback
 * port, dummy credentials): a run that fails part-way (no ECS cluster yet) and says where, the same
 * run repeated once the cluster exists, a second tag deployed by running the printed dry-run plan as
 * it is, and the teardown. After each, the emulator's state ({@code describe-*}) shows what deploy.sh
 * passed: its inputs, the stack's outputs, the tags and the scaling counts. The contract gate's reads
 * of the running versions meet the emulator's answers once; its decisions, on commits of a scratch
 * clone, are {@link ContractGateTest}'s. Every run's output is kept in {@code target/rehearsal/}.
 *
 * <p>Where the emulator falls short, the set-up works around it and the real files stay as they are:
 * <ul>
 *   <li>moto has no {@code Fn::GetAtt ... MasterUserSecret.SecretArn}: a secret made in the set-up
 *       stands in for the one RDS would create (in a copy of stack.yaml);
 *   <li>moto's YAML reader splits {@code !GetAtt PaymentsDb.Endpoint.Address} at every dot: the copy
 *       spells it in the long form {@code Fn::GetAtt: [PaymentsDb, Endpoint.Address]};
 *   <li>moto's CloudFormation creates no CloudWatch alarms, so the outputs that {@code Ref} them are
 *       dropped: the copy outputs the alarms' names ({@code <stack>-products-5xx}, ...) as text;
 *   <li>moto knows no {@code LoadBalancerFullName} or {@code TargetGroupFullName} (and then gives the
 *       stack no outputs at all): the copy builds each scaling ResourceLabel from the ALB's and the
 *       target group's ARNs instead ({@code Fn::Split}, {@code Fn::Select}, {@code Fn::Join}), so
 *       the rehearsal checks the label's way into the policy, not AWS's spelling of the full names;
 *   <li>tasks are simulated and never become running: the runs pass {@code --no-wait};
 *   <li>moto 5.2 cannot run an {@code awsvpc} task ({@code RunTask} fails with an internal error): an
 *       {@code aws} stand-in first on the {@code PATH} answers deploy.sh's one-off migration task
 *       ({@code run-task}, {@code wait tasks-stopped}, {@code describe-tasks}) as a task that exited 0,
 *       records each call, and passes every other call to the real {@code aws};
 * </ul>
 */
class DeployRehearsalIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Path OUTPUT = Path.of("target", "rehearsal");
    private static final Path RUN_TASK_CALLS = OUTPUT.resolve("run-task-calls.txt");
    /**
     * The emulator's copy of stack.yaml differs from the real one exactly where moto falls short (a
     * stand-in secret instead of the database's managed one, alarm names and scaling labels as text),
     * and the deployment checks rightly refuse it (DATABASE_SECRET, ROLLBACK_ALARMS, SCALING_METRIC);
     * the copy has no Maven project beside it either. The checks pass on the real documents
     * (DeployScriptTest) and refuse a broken one (ContractGateTest); this rehearsal is about the plan.
     */
    private static final String SKIP_DEPLOYMENT_CHECKS = "--skip-deployment-checks";

    private static Process moto;
    private static Path directory;
    private static Map<String, String> environment;

    @BeforeAll
    static void startTheEmulator() throws Exception {
        Command.requireTool("moto_server");
        Command.requireTool("aws");
        Files.createDirectories(OUTPUT);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(OUTPUT.resolve("moto_server.log").toFile())
                .start();
        await("moto_server listening on port " + port + " (see " + OUTPUT.resolve("moto_server.log") + ")")
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> {
                    new Socket("127.0.0.1", port).close();
                    return true;
                });
        environment = new HashMap<>(Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:" + port,
                "AWS_ACCESS_KEY_ID", "rehearsal",
                "AWS_SECRET_ACCESS_KEY", "rehearsal",
                "AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_REGION", "eu-west-1",
                "HOME", System.getProperty("java.io.tmpdir")));
        environment.put("PATH", oneOffTaskStandIn() + ":" + System.getenv("PATH"));
    }

    /** A directory with the {@code aws} stand-in for one-off tasks (see the class comment). */
    private static Path oneOffTaskStandIn() throws IOException {
        Path bin = Files.createDirectories(OUTPUT.resolve("bin")).toAbsolutePath();
        Files.deleteIfExists(RUN_TASK_CALLS);
        Path aws = bin.resolve("aws");
        Files.writeString(
                aws,
                String.join(
                        "\n",
                        "#!/usr/bin/env bash",
                        "case \"$1 $2 $3\" in",
                        "'ecs run-task '*) printf '%s\\n' \"$*\" >>" + RUN_TASK_CALLS.toAbsolutePath()
                                + "; echo arn:aws:ecs:eu-west-1:123456789012:task/rehearsal/migration; exit 0 ;;",
                        "'ecs wait tasks-stopped') exit 0 ;;",
                        "'ecs describe-tasks '*) echo 0; exit 0 ;;",
                        "esac",
                        "exec " + Command.whereIs("aws") + " \"$@\"",
                        ""));
        aws.toFile().setExecutable(true);
        return bin;
    }

    @AfterAll
    static void stopTheEmulator() {
        if (moto != null) {
            moto.destroy();
        }
    }

    @Test
    void deploysRedeploysANewTagAndTearsDown(@TempDir Path temp) throws Exception {
        Map<String, String> inputs = networkAndInputs("rds-managed-stand-in");
        directory = emulatorCopyOfEcsTaskDefs(temp, inputs.remove("STAND_IN_SECRET_ARN"));

        Command.Result withoutCluster = deploy(inputs, "rehearsal-1");
        keep("run-0-without-cluster.log", withoutCluster);
        assertThat(withoutCluster.exitCode(), is(not(0)));
        assertThat(withoutCluster.stderr(), containsString("ClusterNotFoundException"));
        assertThat(withoutCluster.stderr(), containsString("failed during step 3/4 payments service"));

        aws("ecs create-cluster --cluster-name", inputs.get("ECS_CLUSTER"));
        Command.Result first = deploy(inputs, "rehearsal-1");
        keep("run-1.log", first);
        assertThat(first.output(), first.exitCode(), is(0));
        Map<String, String> outputs = stackOutputs();
        // Each deploy migrated once, with the new payments revision, before its services moved.
        List<String> migrations = Files.readAllLines(RUN_TASK_CALLS);
        assertThat(migrations.size(), is(2));
        assertThat(
                migrations.getLast(),
                containsString("--task-definition arn:aws:ecs:eu-west-1:123456789012:task-definition/payments:"));
        assertThat(
                migrations.getLast(), containsString("{\"name\":\"PAYMENTS_DB_MIGRATE\",\"value\":\"migrate-only\"}"));
        assertThat(
                migrations.getLast(),
                containsString("securityGroups=[" + outputs.get("PaymentsSecurityGroupId") + "]"));
        assertServicesRunTheTag(inputs, "rehearsal-1");
        // The contract gate reads what runs from the emulator's answers: here an image whose tag is no commit,
        // which stops the deploy before anything changes.
        Command.Result gate = DeployScript.run(
                directory.resolve("deploy.sh").toString(),
                with(inputs, "rehearsal-2"),
                RUN_TIMEOUT,
                "--dry-run",
                SKIP_DEPLOYMENT_CHECKS);
        assertThat(gate.exitCode(), is(1));
        assertThat(gate.stdout(), is(""));
        assertThat(gate.stderr(), containsString("deploy.sh: nothing was changed"));
        assertThat(
                gate.stderr(), containsString("/payments:rehearsal-1, whose tag is not a commit of this repository"));

        assertTheServicesScale(outputs, Map.of("payments", List.of(2, 10), "products", List.of(2, 10)));

        // The second deploy changes products' counts: registering the scalable target again updates them.
        Map<String, String> secondInputs = with(inputs, "rehearsal-2");
        secondInputs.putAll(Map.of("PRODUCTS_MIN_COUNT", "3", "PRODUCTS_MAX_COUNT", "4"));
        Command.Result plan = DeployScript.run(
                directory.resolve("deploy.sh").toString(),
                secondInputs,
                RUN_TIMEOUT,
                "--dry-run",
                "--no-wait",
                // The tags here are no commits: the contract gate is rehearsed in the next test.
                "--skip-contract-gate",
                SKIP_DEPLOYMENT_CHECKS);
        assertThat(plan.stderr(), plan.exitCode(), is(0));
        assertThat(plan.stderr(), containsString("deploy.sh: WARNING: --skip-contract-gate"));
        Path planFile = Files.writeString(OUTPUT.resolve("plan-2.sh"), plan.stdout());
        Command.Result second = Command.runIsolated(List.of("bash", planFile.toString()), environment, RUN_TIMEOUT);
        keep("run-2.log", second);
        assertThat(second.output(), second.exitCode(), is(0));
        assertThat(second.stdout(), containsString("# done"));
        assertServicesRunTheTag(inputs, "rehearsal-2");
        assertTheServicesScale(outputs, Map.of("payments", List.of(2, 10), "products", List.of(3, 4)));
        assertTheStackGotTheInputs(inputs, outputs);

        Command.Result teardown = DeployScript.run(
                directory.resolve("deploy.sh").toString(), with(inputs, "rehearsal-2"), RUN_TIMEOUT, "teardown");
        keep("teardown.log", teardown);
        assertThat(teardown.output(), teardown.exitCode(), is(0));
        JsonNode services =
                aws("ecs describe-services --cluster", inputs.get("ECS_CLUSTER"), "--services payments products");
        assertThat(
                services.get("services")
                        .valueStream()
                        .map(s -> s.get("status").asText())
                        .toList(),
                is(List.of("INACTIVE", "INACTIVE")));
        Command.Result stack = Command.runIsolated(
                List.of("aws", "cloudformation", "describe-stacks", "--stack-name", "contract-first-ecs"),
                environment,
                Duration.ofSeconds(60));
        assertThat(stack.stderr(), containsString("does not exist"));
        assertThat(
                aws("application-autoscaling describe-scalable-targets --service-namespace ecs")
                        .get("ScalableTargets")
                        .size(),
                is(0));
    }

    /**
     * Each service runs the newest revision of its family, and that revision runs the tag's image. Which
     * stack output fills which placeholder (target groups, security groups, roles) is the invariants'
     * (deploy.sh's {@code NAME=$(output Key)} lines); that the plan fills them shows in {@link
     * #assertTheStackGotTheInputs}.
     */
    private static void assertServicesRunTheTag(Map<String, String> inputs, String tag) {
        for (String service : Deployment.SERVICES) {
            JsonNode task = aws("ecs describe-task-definition --task-definition", service)
                    .get("taskDefinition");
            assertThat(task.at("/containerDefinitions/0/image").asText(), endsWith("/" + service + ":" + tag));
            JsonNode running = aws("ecs describe-services --cluster", inputs.get("ECS_CLUSTER"), "--services", service)
                    .at("/services/0");
            assertThat(
                    running.get("taskDefinition").asText(),
                    is(task.get("taskDefinitionArn").asText()));
        }
    }

    /**
     * Each service is a scalable target between its counts, with one target-tracking policy whose label
     * is the stack's output (that the output names the service's own ALB and target group is SCALING_METRIC's).
     */
    private static void assertTheServicesScale(Map<String, String> outputs, Map<String, List<Integer>> counts) {
        for (String service : Deployment.SERVICES) {
            String resourceId = "service/contract-first/" + service;
            JsonNode target = aws(
                            "application-autoscaling describe-scalable-targets --service-namespace ecs --resource-ids",
                            resourceId)
                    .at("/ScalableTargets/0");
            assertThat(
                    service + " " + target,
                    List.of(
                            target.get("MinCapacity").asInt(),
                            target.get("MaxCapacity").asInt()),
                    is(counts.get(service)));
            JsonNode policies = aws(
                            "application-autoscaling describe-scaling-policies --service-namespace ecs --resource-id",
                            resourceId)
                    .get("ScalingPolicies");
            assertThat(policies.toString(), policies.size(), is(1));
            JsonNode tracking = policies.at("/0/TargetTrackingScalingPolicyConfiguration");
            JsonNode expected = Deployment.read(RepositoryFiles.root())
                    .scaling()
                    .get(service)
                    .get("TargetTrackingScalingPolicyConfiguration");
            assertThat(
                    tracking.get("TargetValue").asDouble(),
                    is(expected.get("TargetValue").asDouble()));
            String prefix = service.substring(0, 1).toUpperCase() + service.substring(1);
            assertThat(
                    tracking.at("/PredefinedMetricSpecification/ResourceLabel").asText(),
                    is(outputs.get(prefix + "ScalingResourceLabel")));
        }
    }

    /**
     * What deploy.sh passed reached the emulator: the stack's outputs filled into the task definition
     * (the database's endpoint and secret), and the inputs into the stack's parameters (the certificate,
     * the private subnets, Multi-AZ). What stack.yaml itself says (the engine, encryption, schemes,
     * health checks, security groups) is the deployment checks' (CrossChecksTest), not repeated here.
     */
    private static void assertTheStackGotTheInputs(Map<String, String> inputs, Map<String, String> outputs) {
        JsonNode payments = aws("ecs describe-task-definition --task-definition payments")
                .at("/taskDefinition/containerDefinitions/0");
        assertThat(
                payments.get("environment").toString(),
                containsString("{\"name\":\"PAYMENTS_DB_URL\",\"value\":\"jdbc:postgresql://"
                        + outputs.get("PaymentsDbEndpoint") + ":5432/payments\"}"));
        assertThat(
                payments.get("secrets").findValuesAsText("valueFrom"),
                is(List.of(
                        outputs.get("PaymentsDbSecretArn") + ":username::",
                        outputs.get("PaymentsDbSecretArn") + ":password::")));

        String publicAlb = loadBalancerNamed(outputs.get("ProductsAlbDnsName"))
                .get("LoadBalancerArn")
                .asText();
        assertThat(
                aws("elbv2 describe-listeners --load-balancer-arn", publicAlb)
                        .get("Listeners")
                        .findValuesAsText("CertificateArn"),
                is(List.of(inputs.get("CERTIFICATE_ARN"))));

        JsonNode database = aws("rds describe-db-instances")
                .get("DBInstances")
                .valueStream()
                .filter(instance -> instance.at("/Endpoint/Address").asText().equals(outputs.get("PaymentsDbEndpoint")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no DB instance at " + outputs.get("PaymentsDbEndpoint")));
        assertThat(database.get("MultiAZ").asBoolean(), is(false)); // DB_MULTI_AZ=false in this rehearsal
        assertThat(
                database.at("/DBSubnetGroup/Subnets").findValuesAsText("SubnetIdentifier"),
                is(List.of(inputs.get("PRIVATE_SUBNET_1"), inputs.get("PRIVATE_SUBNET_2"))));
    }

    /** The VPC, subnets, certificate and stand-in secret that the deploy needs, and deploy.sh's inputs. */
    private static Map<String, String> networkAndInputs(String standInSecretName) {
        String vpc =
                aws("ec2 create-vpc --cidr-block 10.0.0.0/16").at("/Vpc/VpcId").asText();
        Map<String, String> inputs = new HashMap<>(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ACCOUNT_ID", "123456789012",
                "ECS_CLUSTER", "contract-first",
                "VPC_ID", vpc,
                "PRODUCTS_AUTH_ISSUER", "https://issuer.example",
                "PRODUCTS_AUTH_AUDIENCE", "products-api",
                "DB_MULTI_AZ", "false"));
        List<String> subnets = List.of("PRIVATE_SUBNET_1", "PRIVATE_SUBNET_2", "PUBLIC_SUBNET_1", "PUBLIC_SUBNET_2");
        for (int i = 0; i < subnets.size(); i++) {
            inputs.put(
                    subnets.get(i),
                    aws(
                                    "ec2 create-subnet --vpc-id",
                                    vpc,
                                    "--cidr-block",
                                    "10.0." + i + ".0/24",
                                    "--availability-zone",
                                    "eu-west-1" + "ab".charAt(i % 2))
                            .at("/Subnet/SubnetId")
                            .asText());
        }
        inputs.put(
                "CERTIFICATE_ARN",
                aws("acm request-certificate --domain-name products.example.com")
                        .get("CertificateArn")
                        .asText());
        inputs.put(
                "STAND_IN_SECRET_ARN",
                aws(
                                "secretsmanager create-secret --name",
                                standInSecretName,
                                "--secret-string",
                                "{\"username\":\"payments\",\"password\":\"rehearsal\"}")
                        .get("ARN")
                        .asText());
        return inputs;
    }

    /** ecs-task-defs/ copied into {@code temp} (JUnit deletes it), with stack.yaml changed only where the emulator falls short. */
    private static Path emulatorCopyOfEcsTaskDefs(Path temp, String standInSecretArn) throws IOException {
        Path copy = Files.createDirectories(temp.resolve("ecs-task-defs"));
        try (Stream<Path> files = Files.list(RepositoryFiles.ecsTaskDefs())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.writeString(copy.resolve("stack.yaml"), emulatorStackText(standInSecretArn));
        return copy;
    }

    /** stack.yaml changed only where the emulator falls short. */
    private static String emulatorStackText(String standInSecretArn) {
        String template = JsonEdits.replaced(
                RepositoryFiles.stackTemplateText(), "!GetAtt PaymentsDb.MasterUserSecret.SecretArn", standInSecretArn);
        template = JsonEdits.replaced(
                template,
                "!GetAtt PaymentsDb.Endpoint.Address",
                "{\"Fn::GetAtt\": [\"PaymentsDb\", \"Endpoint.Address\"]}");
        for (String alarm : List.of("products-5xx", "products-p99", "payments-5xx", "payments-p99")) {
            template = JsonEdits.replaced(
                    template, "Value: !Ref " + alarmResource(alarm), "Value: !Sub \"${AWS::StackName}-" + alarm + "\"");
        }
        for (String service : List.of("Products", "Payments")) {
            template = JsonEdits.replaced(
                    template,
                    "Value: !Sub \"${" + service + "Alb.LoadBalancerFullName}/${" + service
                            + "TargetGroup.TargetGroupFullName}\"",
                    """
                    Value: {"Fn::Join": ["/", [\
                    {"Fn::Select": [1, {"Fn::Split": [":loadbalancer/", {"Ref": "%1$sAlb"}]}]}, \
                    {"Fn::Select": [5, {"Fn::Split": [":", {"Ref": "%1$sTargetGroup"}]}]}]]}""".formatted(service));
        }
        return template;
    }

    /** The alarm resource named {@code <stack>-<alarm>}, e.g. products-p99 is ProductsLatencyAlarm. */
    private static String alarmResource(String alarm) {
        String service = Character.toUpperCase(alarm.charAt(0)) + alarm.substring(1, alarm.indexOf('-'));
        return service + (alarm.endsWith("5xx") ? "Alb5xxAlarm" : "LatencyAlarm");
    }

    private static Command.Result deploy(Map<String, String> inputs, String tag) {
        return DeployScript.run(
                directory.resolve("deploy.sh").toString(),
                with(inputs, tag),
                RUN_TIMEOUT,
                "--no-wait",
                SKIP_DEPLOYMENT_CHECKS);
    }

    private static Map<String, String> with(Map<String, String> inputs, String tag) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(inputs);
        all.put("IMAGE_TAG", tag);
        return all;
    }

    private static Map<String, String> stackOutputs() {
        return aws("cloudformation describe-stacks --stack-name contract-first-ecs")
                .at("/Stacks/0/Outputs")
                .valueStream()
                .collect(Collectors.toMap(
                        output -> output.get("OutputKey").asText(),
                        output -> output.get("OutputValue").asText()));
    }

    private static JsonNode loadBalancerNamed(String dnsName) {
        return aws("elbv2 describe-load-balancers")
                .get("LoadBalancers")
                .valueStream()
                .filter(alb -> alb.get("DNSName").asText().equals(dnsName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no load balancer " + dnsName));
    }

    /** An aws CLI call to the emulator; each argument is split at its spaces ({@code "ecs create-cluster --cluster-name", name}). */
    private static JsonNode aws(String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        Stream.of(args).forEach(arg -> command.addAll(List.of(arg.split(" "))));
        command.addAll(List.of("--output", "json"));
        Command.Result result = Command.runIsolated(command, environment, Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            throw new AssertionError(command + " failed: " + result.stderr());
        }
        return Documents.json(result.stdout().isBlank() ? "{}" : result.stdout());
    }

    private static void keep(String name, Command.Result run) {
        String text = "$ exit code " + run.exitCode() + "\n" + run.stdout() + run.stderr();
        try {
            Files.writeString(OUTPUT.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("--- rehearsal " + name + "\n" + text);
    }
}
