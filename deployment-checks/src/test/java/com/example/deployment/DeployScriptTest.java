package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code deploy.sh} without AWS: it checks every input as the template does and reports all problems
 * at once; its dry run only reads the cluster (the contract gate, here on an empty cluster: see
 * {@link ContractGateTest}) and prints a plan that can be run as it is (no temporary paths) and sends
 * valid documents. The plan's real run is rehearsed in {@link DeployRehearsalIT}.
 */
class DeployScriptTest {

    /**
     * Each constrained template parameter, the deploy.sh input that feeds it, and values both must
     * accept and refuse.
     */
    private record Constraint(String parameter, String input, List<String> accepted, List<String> refused) {}

    private static final List<Constraint> CONSTRAINTS = List.of(
            new Constraint(
                    "CertificateArn",
                    "CERTIFICATE_ARN",
                    List.of(DeployScript.DEPLOY_ENVIRONMENT.get("CERTIFICATE_ARN")),
                    List.of(
                            "arn:aws:iam::123456789012:server-certificate/products",
                            "arn:aws:acm:eu-west-1:12345:certificate/0a1b")),
            new Constraint(
                    "DbInstanceClass", "DB_INSTANCE_CLASS", List.of("db.m7g.large"), List.of("t4g.micro", "db.t4g")),
            new Constraint("DbMultiAz", "DB_MULTI_AZ", List.of("true", "false"), List.of("yes", "TRUE")),
            new Constraint(
                    "DbAllocatedStorage", "DB_ALLOCATED_STORAGE", List.of("20", "65536"), List.of("19", "70000")),
            new Constraint(
                    "RateLimitPerCaller",
                    "RATE_LIMIT_PER_CALLER",
                    List.of("10", "2000000000"),
                    List.of("9", "2000000001")));

    /** The operations that the plan's documents go to, in the plan's order. */
    private static final List<String> OPERATIONS = List.of(
            "RegisterTaskDefinition",
            "RegisterTaskDefinition",
            "CreateService",
            "CreateService",
            "application-autoscaling:PutScalingPolicy",
            "application-autoscaling:PutScalingPolicy");

    @TempDir
    Path temp;

    /** The dry run with the sample inputs, which the tests of its plan read. */
    @TempDir
    static Path sampleTemp;

    private static Command.Result sample;

    @BeforeAll
    static void dryRunTheSampleInputs() {
        sample = DeployScript.dryRun(RepositoryFiles.deployScript(), sampleTemp, "", Map.of());
    }

    @Test
    void dryRunPrintsThePlanAndOnlyReadsTheCluster() throws Exception {
        Command.Result run = sample;

        assertThat(run.stderr(), run.exitCode(), is(0));
        assertThat(
                DeployScript.calls(sampleTemp),
                contains(
                        startsWith("ecs describe-services --cluster contract-first --services payments "),
                        startsWith("ecs describe-services --cluster contract-first --services products ")));
        assertThat(run.stderr(), containsString("deploy.sh: deployment check: every invariant holds"));
        assertThat(run.stderr(), containsString("the first deploy needs no check"));
        assertThat(
                steps(run.stdout()),
                contains("1/4 stack", "2/4 task", "2/4 schema", "3/4 payments", "4/4 products", "4/4 scaling"));
        Command.Result syntax = Command.run(List.of("bash", "-n"), Map.of(), run.stdout(), Duration.ofSeconds(10));
        assertThat(syntax.stderr(), syntax.exitCode(), is(0));
    }

    @Test
    void dryRunPlanReferencesNoTemporaryFile() {
        String plan = sample.stdout();

        assertThat(
                groups(Pattern.compile("file://(\\S+)"), plan),
                contains(RepositoryFiles.ecsTaskDefs().resolve("stack.yaml").toString()));
        // The documents travel inline, so the plan is the same wherever and whenever it runs.
        assertThat(plan, not(containsString("--cli-input-json file://")));
    }

    @Test
    void dryRunPlanSendsDocumentsValidAgainstBotocore() {
        List<JsonNode> documents = DeployScript.documents(sample.stdout());

        assertThat(documents.size(), is(OPERATIONS.size()));
        for (int i = 0; i < documents.size(); i++) {
            assertThat(
                    documents.get(i).toString(), EcsInput.problems(OPERATIONS.get(i), documents.get(i)), is(empty()));
        }
        assertThat(
                documents.get(0).at("/containerDefinitions/0/image").asText(),
                is("123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments:1.0.0"));
        assertThat(
                documents.get(1).at("/containerDefinitions/0/environment").toString(),
                containsString("{\"name\":\"PRODUCTS_AUTH_JWKS_URI\",\"value\":"
                        + "\"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example/.well-known/jwks.json\"}"));
    }

    /**
     * botocore's model, as {@link EcsInput} asks it, catches each kind of mistake it can. Each row: a
     * mistake ({@link JsonEdits}) in one of the plan's documents (by its place), and the problem botocore
     * must report ({@code =} exactly, {@code ~} within a longer one).
     */
    @ParameterizedTest(name = "botocore rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an unknown member | 0 | /containerDefinitions/0/readOnlyRootFileSystem = true | ~ | Unknown parameter in containerDefinitions[0]: "readOnlyRootFileSystem"
            a value of the wrong type | 0 | /containerDefinitions/0/portMappings/0/containerPort = "5000" | ~ | Invalid type for parameter containerDefinitions[0].portMappings[0].containerPort
            an unknown enum value | 0 | /containerDefinitions/0/portMappings/0/appProtocol = https | = | $.containerDefinitions[0].portMappings[0].appProtocol: 'https' is not one of ['http', 'http2', 'grpc']
            an unknown enum value in a list | 0 | /requiresCompatibilities/- = LAMBDA | ~ | $.requiresCompatibilities[1]: 'LAMBDA' is not one of
            a missing required member | 0 | remove /family | = | Missing required parameter in input: "family"
            a missing required member of a nested structure | 2 | remove /networkConfiguration/awsvpcConfiguration/subnets | = | Missing required parameter in networkConfiguration.awsvpcConfiguration: "subnets"
            """)
    void botocoreRejectsADocumentBrokenOnPurpose(String mistake, int place, String edit, String match, String problem) {
        JsonNode document = DeployScript.documents(sample.stdout()).get(place);
        JsonEdits.apply(document, edit);

        assertThat(
                EcsInput.problems(OPERATIONS.get(place), document),
                hasItem(match.equals("=") ? equalTo(problem) : containsString(problem)));
    }

    /** The configuration that ecs-task-defs/README.md tells readers to paste is valid in the payments service. */
    @Test
    void readmeServiceConnectSnippetIsAValidPartOfThePaymentsService() {
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Documents.read(RepositoryFiles.ecsTaskDefs().resolve("README.md")));
        assertThat("README.md has a json block", block.find(), is(true));
        ObjectNode service =
                (ObjectNode) DeployScript.documents(sample.stdout()).get(2);
        service.remove("loadBalancers");
        service.remove("healthCheckGracePeriodSeconds");
        service.setAll((ObjectNode) Documents.json("{" + block.group(1) + "}"));

        assertThat(EcsInput.problems("CreateService", service), is(empty()));
        Deployment deployment = Deployment.read(RepositoryFiles.root());
        assertThat(
                service.at("/serviceConnectConfiguration/services/0/portName").asText(),
                is(deployment.container("payments").at("/portMappings/0/name").asText()));
        assertThat(
                service.at("/serviceConnectConfiguration/services/0/clientAliases/0/dnsName")
                                .asText() + ":"
                        + service.at("/serviceConnectConfiguration/services/0/clientAliases/0/port")
                                .asInt(),
                is(deployment.environment("products").get("PAYMENTS_BASE_URI").replace("http://", "")));
    }

    @Test
    void planPassesEveryTemplateParameterAndReadsOnlyOutputsTheTemplateHas() {
        String plan = sample.stdout();
        JsonNode template = Deployment.read(RepositoryFiles.root()).stack().raw();

        assertThat(
                groups(Pattern.compile("ParameterKey=(\\w+),ParameterValue="), plan),
                is(template.get("Parameters")
                        .propertyStream()
                        .map(Map.Entry::getKey)
                        .toList()));
        assertThat(
                Deployment.stackOutputs(plan).values().stream()
                        .filter(output -> !template.get("Outputs").has(output))
                        .toList(),
                is(empty()));
    }

    @Test
    void checksEachConstrainedInputAsTheTemplateDoes() {
        JsonNode parameters =
                Deployment.read(RepositoryFiles.root()).stack().raw().get("Parameters");
        List<String> constrained = parameters
                .propertyStream()
                .filter(parameter -> Stream.of("AllowedPattern", "AllowedValues", "MinValue", "MaxValue")
                        .anyMatch(parameter.getValue()::has))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(CONSTRAINTS.stream().map(Constraint::parameter).toList(), is(constrained));

        // Every accepted value in as few dry runs as the longest list (run i takes each input's value i).
        int runs = CONSTRAINTS.stream().mapToInt(c -> c.accepted().size()).max().orElseThrow();
        for (int i = 0; i < runs; i++) {
            Map<String, String> accepted = new HashMap<>();
            for (Constraint constraint : CONSTRAINTS) {
                String value =
                        constraint.accepted().get(i % constraint.accepted().size());
                assertThat(
                        constraint.parameter() + " accepts " + value,
                        templateAccepts(parameters.get(constraint.parameter()), value),
                        is(true));
                accepted.put(constraint.input(), value);
            }
            Command.Result run = dryRun(accepted);
            assertThat(accepted + "\n" + run.stderr(), run.exitCode(), is(0));
        }
        for (Constraint constraint : CONSTRAINTS) {
            for (String value : constraint.refused()) {
                assertThat(
                        constraint.parameter() + " refuses " + value,
                        templateAccepts(parameters.get(constraint.parameter()), value),
                        is(false));
                Command.Result run = dryRun(Map.of(constraint.input(), value));
                assertThat(run.exitCode(), is(1));
                assertThat(run.stderr(), containsString(constraint.input() + "='" + value + "' is not"));
            }
        }
    }

    @Test
    void scalesEachServiceBetweenItsCountsAfterBothServicesExist() {
        String plan = dryRun(Map.of("PRODUCTS_MIN_COUNT", "1", "PRODUCTS_MAX_COUNT", "4"))
                .stdout();

        assertThat(plan.indexOf("begin \"4/4 scaling"), is(greaterThan(plan.indexOf("begin \"4/4 products"))));
        assertThat(
                plan,
                containsString(
                        "--resource-id \"service/$cluster/payments\" --scalable-dimension ecs:service:DesiredCount"
                                + " \\\n    --min-capacity 2 --max-capacity 10 "));
        assertThat(plan, containsString("--min-capacity 1 --max-capacity 4 "));
        for (Map<String, String> refused : List.of(
                Map.of("PAYMENTS_MIN_COUNT", "1"),
                Map.of("PRODUCTS_MIN_COUNT", "0"),
                Map.of("PAYMENTS_MIN_COUNT", "3", "PAYMENTS_MAX_COUNT", "2"),
                Map.of("PRODUCTS_MAX_COUNT", "1001"),
                Map.of("PAYMENTS_MAX_COUNT", "ten"))) {
            Command.Result run = dryRun(refused);
            assertThat(refused.toString(), run.exitCode(), is(1));
            assertThat(run.stderr(), containsString("is not a count from "));
        }
    }

    @Test
    void connectionsAlarmAllowsEveryPaymentsTaskThatCanRunAtOnce() {
        Deployment deployment = Deployment.read(RepositoryFiles.root());
        int pool = deployment
                .tasks()
                .get("payments")
                .at("/containerDefinitions/0/environment")
                .valueStream()
                .filter(variable -> variable.get("name").asText().equals("PAYMENTS_DB_POOL_SIZE"))
                .mapToInt(variable -> Integer.parseInt(variable.get("value").asText()))
                .findFirst()
                .orElseThrow();
        int maximumPercent = deployment
                .services()
                .get("payments")
                .at("/deploymentConfiguration/maximumPercent")
                .asInt();

        String plan = dryRun(Map.of("PAYMENTS_MAX_COUNT", "4")).stdout();

        assertThat(
                groups(Pattern.compile("ParameterKey=PaymentsDbConnectionsThreshold,ParameterValue=(\\d+)"), plan),
                is(List.of(String.valueOf(4 * pool * maximumPercent / 100))));
    }

    @Test
    void reportsEveryProblemAtOnceAndChangesNothing() throws Exception {
        Map<String, String> broken = new HashMap<>(Map.of(
                "VPC_ID", "",
                "PRIVATE_SUBNET_2", "subnet-nothex",
                "DB_MULTI_AZ", "yes",
                "IMAGE_TAG", "1.0\",\"privileged\":true",
                "PRODUCTS_AUTH_ISSUER", "http://issuer.example",
                "PRODUCTS_INGRESS_CIDR", "0.0.0.0/0"));

        Command.Result run = dryRun(broken);

        assertThat(run.exitCode(), is(1));
        assertThat(run.stdout(), is(""));
        assertThat(DeployScript.calls(temp), is(empty()));
        for (String expected : List.of(
                "deploy.sh: VPC_ID is not set",
                "deploy.sh: PRIVATE_SUBNET_2='subnet-nothex' is not a subnet id",
                "deploy.sh: DB_MULTI_AZ='yes' is not true or false",
                "deploy.sh: IMAGE_TAG='1.0\",\"privileged\":true' is not an image tag",
                "deploy.sh: PRODUCTS_AUTH_ISSUER='http://issuer.example' is not an https:// issuer URL",
                "deploy.sh: PRODUCTS_INGRESS_CIDR is no longer an input",
                "deploy.sh: nothing was changed")) {
            assertThat(run.stderr(), containsString(expected));
        }
    }

    @Test
    void teardownDeletesTheServicesBeforeTheStack() {
        Map<String, String> environment = Map.of("AWS_REGION", "eu-west-1", "ECS_CLUSTER", "contract-first");

        Command.Result run = DeployScript.run(
                RepositoryFiles.deployScript().toString(),
                environment,
                Duration.ofSeconds(60),
                "--dry-run",
                "teardown");

        assertThat(run.stderr(), run.exitCode(), is(0));
        assertThat(steps(run.stdout()), contains("1/3 services", "2/3 task", "3/3 stack"));
        assertThat(
                run.stdout().indexOf("aws ecs delete-service"),
                is(lessThan(run.stdout().indexOf("aws cloudformation delete-stack"))));
    }

    private Command.Result dryRun(Map<String, String> changes) {
        return DeployScript.dryRun(RepositoryFiles.deployScript(), temp, "", changes);
    }

    private static List<String> steps(String plan) {
        return groups(Pattern.compile("^begin \"(\\d/\\d \\w+)", Pattern.MULTILINE), plan);
    }

    /** The first group of each match in the text. */
    private static List<String> groups(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(match -> match.group(1)).toList();
    }

    /** Whether CloudFormation would accept the value for the parameter (its constraints only). */
    private static boolean templateAccepts(JsonNode parameter, String value) {
        if (parameter.has("AllowedPattern")
                && !value.matches(parameter.get("AllowedPattern").asText())) {
            return false;
        }
        if (parameter.has("AllowedValues")
                && parameter
                        .get("AllowedValues")
                        .valueStream()
                        .noneMatch(allowed -> allowed.asText().equals(value))) {
            return false;
        }
        if (parameter.has("MinValue") || parameter.has("MaxValue")) {
            double number = Double.parseDouble(value);
            return number >= parameter.path("MinValue").asDouble(Double.NEGATIVE_INFINITY)
                    && number <= parameter.path("MaxValue").asDouble(Double.POSITIVE_INFINITY);
        }
        return true;
    }
}
