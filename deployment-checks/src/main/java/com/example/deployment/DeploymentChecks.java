package com.example.deployment;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * deploy.sh's preflight: reads the deployment documents ({@code ecs-task-defs/}, the image poms) and
 * the application ({@code application.yaml} of each service, products' spec) of a working copy, runs
 * every {@link Invariant}, and prints each violation as one line, {@code INVARIANT: sentence}. Users
 * deploy from their own copy, maybe with edits no CI has seen: this is where those edits meet the
 * invariants before anything in the AWS account changes.
 *
 * <p>Exit status: 0 every invariant holds, {@value #VIOLATED} some invariant fails, 1 the documents
 * cannot be read, 2 usage.
 */
public final class DeploymentChecks {

    /** The exit status when an invariant fails. */
    static final int VIOLATED = 4;

    private DeploymentChecks() {}

    /**
     * Checks the working copy at the given root.
     *
     * @param args the repository root (the directory holding {@code ecs-task-defs/})
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DeploymentChecks <repository root>");
            System.exit(2);
        }
        List<String> violations;
        try {
            violations = violations(Path.of(args[0]));
        } catch (UncheckedIOException | IllegalStateException e) {
            System.err.println("DeploymentChecks: cannot read the documents: " + e.getMessage());
            System.exit(1);
            return;
        }
        violations.forEach(System.out::println);
        System.exit(violations.isEmpty() ? 0 : VIOLATED);
    }

    /** Every violation of every invariant in the working copy at {@code root}, one line each. */
    static List<String> violations(Path root) {
        Deployment deployment = Deployment.read(root);
        Application application = Application.read(root);
        List<String> lines = new ArrayList<>();
        for (Invariant invariant : Invariant.values()) {
            for (String violation : violationsOf(invariant, deployment, application)) {
                lines.add(invariant + ": " + violation);
            }
        }
        return lines;
    }

    /** A document broken so badly that an invariant cannot follow it violates that invariant. */
    private static List<String> violationsOf(Invariant invariant, Deployment deployment, Application application) {
        try {
            return invariant.violations(deployment, application);
        } catch (RuntimeException e) {
            return List.of("cannot be checked: " + e);
        }
    }
}
