package com.example.payments.store;

import io.helidon.config.Config;
import java.util.Locale;

/**
 * What payments does with its database's schema when it starts ({@code PAYMENTS_DB_MIGRATE},
 * {@code payments.db.migrate}).
 *
 * <p>In ECS the schema is migrated once per deploy, by a one-off task of the payments image
 * ({@code MIGRATE_ONLY}, run by {@code ecs-task-defs/deploy.sh} before the services roll), and the
 * service's tasks only check that the schema is recent enough ({@code VALIDATE}): no DDL, no
 * migration tool and no advisory lock on the start path of every task. Because a deploy migrates
 * before its new tasks replace the old ones, migrations must stay additive (expand, then contract in a
 * later release): old tasks keep running on the newer schema.
 */
public enum SchemaStep {
    /** Applies the migrations the database lacks, then serves: local runs, tests, one instance. */
    MIGRATE,
    /** Serves only if the database's schema is at least the version this build needs. */
    VALIDATE,
    /** Applies the migrations the database lacks and exits: the deploy's one-off task. */
    MIGRATE_ONLY;

    private static final String VARIABLE = "PAYMENTS_DB_MIGRATE";

    /**
     * Reads {@code payments.db.migrate}: {@code migrate} (the default), {@code validate} or
     * {@code migrate-only}.
     *
     * @param db the {@code payments.db} configuration node
     * @return the step
     * @throws DatabaseSetupException naming the variable when the value is none of these
     */
    public static SchemaStep from(Config db) {
        String value = db.get("migrate").asString().orElse("migrate").strip();
        for (SchemaStep step : values()) {
            if (step.setting().equals(value)) {
                return step;
            }
        }
        throw new DatabaseSetupException(
                VARIABLE + " (payments.db.migrate) must be migrate, validate or migrate-only, not '" + value + "'");
    }

    /**
     * The value that selects this step, as an operator types it.
     *
     * @return {@code migrate}, {@code validate} or {@code migrate-only}
     */
    public String setting() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
