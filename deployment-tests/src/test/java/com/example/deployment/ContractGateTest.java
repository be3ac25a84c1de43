package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy.sh's contract gate, as a dry run prints it, on commits this test makes in a scratch clone of
 * the repository (with the working tree's deploy.sh and contract-gates): A runs on the cluster (an aws
 * stand-in answers the gate's reads with A's images); B (products stops reading {@code description},
 * payments stops sending it) goes products first; C (a rename in one step) is refused and nothing is
 * planned; the rename as expand and contract passes step by step; the override skips the reads and says so.
 */
class ContractGateTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PACT = "contracts/products-payments.json";
    private static final String SPEC = "api-specs/payments.yaml";
    private static final String PAYMENT_DESCRIPTION =
            "        description:\n          type: string\n          maxLength: 500\n        createdAt:";
    private static final String PAYMENT_CURRENCY_LINES = "        currency:\n          type: string\n"
            + "          description: ISO 4217 currency code\n          pattern: '^[A-Z]{3}$'\n          example: EUR\n";
    private static final String PAYMENT_CURRENCY = PAYMENT_CURRENCY_LINES + "        status:";
    private static final String PAYMENT_CURRENCY_CODE =
            "        currencyCode:\n          type: string\n          pattern: '^[A-Z]{3}$'\n";
    private static final String PAYMENT_REQUIRED = "required: [id, amount, currency, status, createdAt]";

    @TempDir
    static Path temp;

    private static Path clone;
    private static String a;

    @BeforeAll
    static void cloneTheRepositoryAtA() throws IOException {
        clone = temp.resolve("clone");
        git(temp, "clone", "--quiet", "--shared", RepositoryFiles.root().toString(), clone.toString());
        for (String file : List.of("ecs-task-defs/deploy.sh", "contract-gates/pom.xml")) {
            Files.copy(RepositoryFiles.root().resolve(file), clone.resolve(file), REPLACE);
        }
        try (var sources = Files.walk(RepositoryFiles.root().resolve("contract-gates/src/main"))) {
            for (Path source : sources.filter(Files::isRegularFile).toList()) {
                Path target = clone.resolve(RepositoryFiles.root().relativize(source));
                Files.createDirectories(target.getParent());
                Files.copy(source, target, REPLACE);
            }
        }
        a = commit("HEAD", "A: the version that runs", Map.of());
    }

    private static final java.nio.file.CopyOption REPLACE = java.nio.file.StandardCopyOption.REPLACE_EXISTING;

    @Test
    void productsFirstWhenPaymentsStopsSendingWhatTheRunningProductsReads() throws IOException {
        String b = commit(
                a,
                "B: products stops reading description, payments stops sending it",
                Map.of(
                        SPEC,
                        spec -> replaceOnce(spec, PAYMENT_DESCRIPTION, "        createdAt:"),
                        PACT,
                        pact(payment -> payment.remove("description"))));

        Command.Result run = dryRun(a, b);

        assertThat(run.stderr(), run.exitCode(), is(0));
        assertThat(run.stderr(), containsString("contract gate: order=PRODUCTS_FIRST"));
        assertThat(run.stderr(), containsString("payments first would break the running products"));
        assertThat(run.stdout(), containsString("# contract gate: Deploying products first, then payments"));
        assertThat(
                run.stdout().indexOf("begin \"3/4 products service\""),
                is(lessThan(run.stdout().indexOf("begin \"4/4 payments service\""))));
        assertThat(calls(), everyItem(startsWith("ecs describe-")));
    }

    @Test
    void refusesARenameInOneStepAndPlansNothing() throws IOException {
        String c = commit(
                a,
                "C: payments renames currency to currencyCode, products reads currencyCode",
                Map.of(SPEC, ContractGateTest::renameCurrency, PACT, pact(ContractGateTest::renameCurrency)));

        Command.Result run = dryRun(a, c);

        assertThat(run.stderr(), run.exitCode(), is(3));
        assertThat(run.stdout(), is(""));
        assertThat(run.stderr(), containsString("contract gate: Refusing: no order is safe"));
        assertThat(run.stderr(), containsString("\"a request for a payment by id\""));
        assertThat(run.stderr(), containsString("1. expand: payments sends both"));
        assertThat(run.stderr(), containsString("deploy.sh: nothing was changed"));
        assertThat(calls(), everyItem(startsWith("ecs describe-")));

        Command.Result skipped = dryRun(a, c, "--skip-contract-gate");

        assertThat(skipped.stderr(), skipped.exitCode(), is(0));
        assertThat(skipped.stderr(), containsString("deploy.sh: WARNING: --skip-contract-gate"));
        assertThat(skipped.stdout(), containsString("# contract gate: SKIPPED by --skip-contract-gate"));
        assertThat(calls(), is(List.of()));
    }

    @Test
    void theRenameAsExpandAndContractDeploysStepByStep() throws IOException {
        String expand = commit(
                a,
                "expand: payments sends currency and currencyCode",
                Map.of(
                        SPEC,
                        spec -> replaceOnce(
                                spec,
                                "        status:\n          $ref",
                                PAYMENT_CURRENCY_CODE + "        status:\n          $ref")));
        String migrate = commit(
                expand, "migrate: products reads currencyCode", Map.of(PACT, pact(ContractGateTest::renameCurrency)));
        String contract = commit(
                migrate,
                "contract: payments drops currency",
                Map.of(
                        SPEC,
                        spec -> replaceOnce(
                                replaceOnce(
                                        spec, PAYMENT_REQUIRED, PAYMENT_REQUIRED.replace("currency,", "currencyCode,")),
                                PAYMENT_CURRENCY_LINES + "        currencyCode:",
                                "        currencyCode:")));

        for (String[] step :
                List.of(new String[] {a, expand}, new String[] {expand, migrate}, new String[] {migrate, contract})) {
            Command.Result run = dryRun(step[0], step[1]);

            assertThat(run.stderr(), run.exitCode(), is(0));
            assertThat(run.stderr(), containsString("contract gate: order=EITHER"));
        }
    }

    @Test
    void anEmptyClusterNeedsNoCheck() {
        Command.Result run = dryRun("", a);

        assertThat(run.stderr(), run.exitCode(), is(0));
        assertThat(run.stderr(), containsString("the first deploy needs no check"));
    }

    /** A dry run of the clone's deploy.sh deploying {@code next}, with an aws that answers the cluster runs {@code running}. */
    private static Command.Result dryRun(String running, String next, String... options) {
        git(clone, "checkout", "--quiet", next);
        Path bin = temp.resolve("bin");
        Path aws = bin.resolve("aws");
        try {
            Files.createDirectories(bin);
            Files.deleteIfExists(temp.resolve("calls"));
            Files.writeString(aws, """
                    #!/bin/sh
                    echo "$*" >> '%s'
                    case "$*" in
                        *describe-services*) [ -n '%s' ] && echo "arn:aws:ecs:eu-west-1:123456789012:task-definition/x:1" || echo None ;;
                        *describe-task-definition*) echo "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:%s" ;;
                        *) echo "this aws stand-in answers only the contract gate's reads: $*" >&2; exit 1 ;;
                    esac
                    """.formatted(temp.resolve("calls"), running, running));
            aws.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> environment = new HashMap<>(SampleDeployment.DEPLOY_ENVIRONMENT);
        environment.put("IMAGE_TAG", next);
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        for (String inherited : List.of("HOME", "JAVA_HOME", "MAVEN_OPTS")) {
            if (System.getenv(inherited) != null) {
                environment.put(inherited, System.getenv(inherited));
            }
        }
        String[] args = new String[options.length + 1];
        args[0] = "--dry-run";
        System.arraycopy(options, 0, args, 1, options.length);
        Command.Result result = DeployScript.run(
                clone.resolve("ecs-task-defs/deploy.sh").toString(), environment, Duration.ofMinutes(5), args);
        System.out.printf(
                "--- deploy.sh %s (running %s, deploying %s)%n%s%n",
                String.join(" ", args), running, next, result.stderr());
        return result;
    }

    private static List<String> calls() throws IOException {
        Path calls = temp.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /** Commits the changes (path to edit) on {@code parent} in the clone and returns the new commit. */
    private static String commit(String parent, String message, Map<String, UnaryOperator<String>> changes)
            throws IOException {
        git(clone, "checkout", "--quiet", parent);
        for (var change : changes.entrySet()) {
            Path file = clone.resolve(change.getKey());
            Files.writeString(file, change.getValue().apply(Files.readString(file)));
        }
        git(clone, "add", "--all");
        git(
                clone,
                "-c",
                "user.name=test",
                "-c",
                "user.email=test@example.com",
                "commit",
                "--quiet",
                "--allow-empty",
                "-m",
                message);
        return git(clone, "rev-parse", "--short=12", "HEAD").strip();
    }

    private static String git(Path directory, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        Command.Result result = Command.run(command, Map.of(), Duration.ofSeconds(60));
        assertThat(result.output(), result.exitCode(), is(0));
        return result.stdout();
    }

    private static String replaceOnce(String text, String old, String replacement) {
        assertThat(
                "the text to replace is there once: " + old,
                text.split(java.util.regex.Pattern.quote(old), -1).length,
                is(2));
        return text.replace(old, replacement);
    }

    private static String renameCurrency(String spec) {
        return replaceOnce(
                replaceOnce(spec, PAYMENT_REQUIRED, PAYMENT_REQUIRED.replace("currency,", "currencyCode,")),
                PAYMENT_CURRENCY,
                PAYMENT_CURRENCY.replace("currency:", "currencyCode:"));
    }

    private static void renameCurrency(ObjectNode payment) {
        payment.set("currencyCode", payment.remove("currency"));
    }

    /** The pact with every payment in a response body changed. */
    private static UnaryOperator<String> pact(Consumer<ObjectNode> payment) {
        return text -> {
            try {
                JsonNode pact = JSON.readTree(text);
                for (JsonNode interaction : pact.get("interactions")) {
                    eachPayment(interaction.at("/response/body/content"), payment);
                }
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pact);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static void eachPayment(JsonNode node, Consumer<ObjectNode> payment) {
        if (node instanceof ObjectNode object && object.has("amount") && object.has("id")) {
            payment.accept(object);
        }
        node.forEach(child -> eachPayment(child, payment));
    }
}
