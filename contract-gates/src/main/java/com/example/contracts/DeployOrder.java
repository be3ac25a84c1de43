package com.example.contracts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which order of deploying payments and products is safe next to the versions that run: during a
 * rolling deploy the products that runs meets the new payments (payments first), or the new products
 * meets the payments that runs (products first). An order is safe when the pact of the products in
 * that pair is within the spec of the payments in that pair ({@link PactConformance}); the new pair
 * itself is the same-commit gates' business.
 *
 * <p>This is the static half of a deploy gate: it compares documents of two commits and needs no
 * running service. It cannot see a payments whose code strays from its own spec; provider
 * verification of the running pact against the new payments (the Pact CLI against its jar) would.
 */
public final class DeployOrder {

    private DeployOrder() {}

    /** The orders, and refusal. */
    public enum Verdict {
        /** Both orders are safe; deploy.sh's usual order, payments first. */
        EITHER,
        /** Only payments first is safe. */
        PAYMENTS_FIRST,
        /** Only products first is safe. */
        PRODUCTS_FIRST,
        /** No order is safe: the change must be split (expand and contract). */
        REFUSE
    }

    /**
     * The verdict, and why.
     *
     * @param verdict        the safe order, or refusal
     * @param paymentsFirst  what the running products' pact expects that the new payments' spec lacks
     * @param productsFirst  what the new products' pact expects that the running payments' spec lacks
     */
    public record Decision(
            Verdict verdict,
            List<PactConformance.Violation> paymentsFirst,
            List<PactConformance.Violation> productsFirst) {

        /**
         * What a person deploying reads: the order and why, or the refusal with the failing
         * interactions and the expand-and-contract steps.
         *
         * @return the explanation, several lines
         */
        public String explain() {
            List<String> lines = new ArrayList<>();
            switch (verdict) {
                case EITHER -> lines.add("Either order is safe: deploying payments first, then products.");
                case PAYMENTS_FIRST ->
                    lines.add(
                            "Deploying payments first, then products: the running payments' spec lacks what the new products expects.");
                case PRODUCTS_FIRST ->
                    lines.add(
                            "Deploying products first, then payments: the new payments' spec lacks what the running products expects.");
                case REFUSE -> lines.add("Refusing: no order is safe; nothing was changed.");
            }
            paymentsFirst.forEach(v -> lines.add("payments first would break the running products: " + v));
            productsFirst.forEach(v -> lines.add("products first would break against the running payments: " + v));
            if (verdict == Verdict.REFUSE) {
                lines.add("Make the change in steps, each deployed before the next (contracts/README.md, \"Rename\"):");
                lines.add("  1. expand: payments sends both the old and the new shape;");
                lines.add("  2. migrate: products reads the new shape (deploy it);");
                lines.add("  3. contract: payments stops sending the old shape.");
            }
            return String.join("\n", lines);
        }
    }

    /**
     * Decides the order.
     *
     * @param runningPact  the pact of the products that runs (from git at its commit)
     * @param runningSpec  the payments spec of the payments that runs
     * @param newPact      the pact of the products to deploy
     * @param newSpec      the payments spec of the payments to deploy
     * @return the decision
     */
    public static Decision decide(Path runningPact, Path runningSpec, Path newPact, Path newSpec) {
        List<PactConformance.Violation> paymentsFirst = PactConformance.check(newSpec, runningPact);
        List<PactConformance.Violation> productsFirst = PactConformance.check(runningSpec, newPact);
        Verdict verdict;
        if (paymentsFirst.isEmpty()) {
            verdict = productsFirst.isEmpty() ? Verdict.EITHER : Verdict.PAYMENTS_FIRST;
        } else {
            verdict = productsFirst.isEmpty() ? Verdict.PRODUCTS_FIRST : Verdict.REFUSE;
        }
        return new Decision(verdict, paymentsFirst, productsFirst);
    }

    /**
     * Prints the decision; exits with 3 when no order is safe.
     *
     * @param args running pact, running payments spec, new pact, new payments spec
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: DeployOrder RUNNING_PACT RUNNING_SPEC NEW_PACT NEW_SPEC");
        }
        Decision decision = decide(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        System.out.println("order=" + decision.verdict());
        System.out.println(decision.explain());
        if (decision.verdict() == Verdict.REFUSE) {
            System.exit(3);
        }
    }
}
