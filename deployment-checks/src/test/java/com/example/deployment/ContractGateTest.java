package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy.sh's contract gate, as a dry run prints it, on commits made in a {@link ScratchClone}: A runs
 * on the cluster (an aws stand-in answers the gate's reads with A's images); B goes products first;
 * C (a rename in one step) is refused and nothing is planned, and the rename's first step, expand, goes
 * in either order; the override skips the reads and says so. The verdict for each step of the rename is
 * contract-gates' DeployOrderTest's. Before the gate, the deployment checks refuse an uncommitted
 * document that breaks an invariant. An empty cluster needs no check ({@link DeployScriptTest}); the
 * gate's reads of a real (emulated) cluster are {@link DeployRehearsalIT}'s.
 */
class ContractGateTest {

    @TempDir
    static Path temp;

    private static ScratchClone clone;

    @BeforeAll
    static void cloneTheRepository() {
        clone = ScratchClone.create(temp.resolve("clone"));
    }

    @Test
    void productsFirstWhenPaymentsStopsSendingWhatTheRunningProductsReads() throws IOException {
        String b = clone.commit(
                clone.a(),
                "B: products stops reading description, payments stops sending it",
                ContractEvolution.dropDescription());

        Command.Result run = dryRun(clone.a(), b);

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
    void refusesARenameInOneStepPlansNothingAndTheOverrideIsLogged() throws IOException {
        String c = clone.commit(
                clone.a(),
                "C: payments renames currency to currencyCode, products reads currencyCode",
                ContractEvolution.renameInOneStep());

        Command.Result run = dryRun(clone.a(), c);

        assertThat(run.stderr(), run.exitCode(), is(3));
        assertThat(run.stdout(), is(""));
        assertThat(run.stderr(), containsString("contract gate: Refusing: no order is safe"));
        assertThat(run.stderr(), containsString("\"a request for a payment by id\""));
        assertThat(run.stderr(), containsString("1. expand: payments sends both"));
        assertThat(run.stderr(), containsString("deploy.sh: nothing was changed"));
        assertThat(calls(), everyItem(startsWith("ecs describe-")));

        Command.Result skipped = dryRun(clone.a(), c, "--skip-contract-gate");

        assertThat(skipped.stderr(), skipped.exitCode(), is(0));
        assertThat(skipped.stderr(), containsString("deploy.sh: WARNING: --skip-contract-gate"));
        assertThat(skipped.stdout(), containsString("# contract gate: SKIPPED by --skip-contract-gate"));
        assertThat(calls(), is(List.of()));
    }

    @Test
    void deploysTheRenamesExpandStepInEitherOrder() {
        String expand = clone.commit(clone.a(), "expand: payments sends currencyCode too", ContractEvolution.expand());

        Command.Result run = dryRun(clone.a(), expand);

        assertThat(run.stderr(), run.exitCode(), is(0));
        assertThat(run.stderr(), containsString("contract gate: order=EITHER"));
    }

    /**
     * A user's uncommitted edit that breaks an invariant (the deploy the preflight exists for) is refused
     * before the gate reads the cluster: exit 4, the invariant named, no plan.
     */
    @Test
    void refusesAnUncommittedDocumentThatBreaksAnInvariantAndPlansNothing() throws IOException {
        clone.checkout(clone.a());
        Path task = clone.root().resolve("ecs-task-defs/payments-task-def.json");
        String committed = Files.readString(task);
        Files.writeString(task, committed.replace("\"containerPort\": 5000", "\"containerPort\": 5001"));
        try {
            Command.Result run = dryRun("", clone.a());

            assertThat(run.stderr(), run.exitCode(), is(4));
            assertThat(run.stdout(), is(""));
            assertThat(
                    run.stderr(),
                    containsString("deploy.sh: deployment check: CONTAINER_PORT: payments: the container port is 5001"
                            + " but server.port is 5000\n"));
            assertThat(run.stderr(), containsString("deploy.sh: nothing was changed"));
            assertThat(calls(), is(List.of()));
        } finally {
            Files.writeString(task, committed);
        }
    }

    /** A dry run of the clone's deploy.sh at {@code next} while {@code running} runs on the cluster. */
    private static Command.Result dryRun(String running, String next, String... options) {
        clone.checkout(next);
        Command.Result result =
                DeployScript.dryRun(clone.deployScript(), temp, running, Map.of("IMAGE_TAG", next), options);
        System.out.printf(
                "--- deploy.sh %s (running %s, deploying %s)%n%s%n", List.of(options), running, next, result.stderr());
        return result;
    }

    private static List<String> calls() {
        return DeployScript.calls(temp);
    }
}
