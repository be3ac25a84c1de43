package com.example.payments;

import com.example.payments.api.LedgerProblems;
import com.example.payments.api.PaymentsEndpoint;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.DatabaseSetupException;
import com.example.payments.store.LedgerDatabase;
import com.example.payments.store.PostgresPaymentLedger;
import com.example.payments.store.SampleData;
import com.example.payments.store.SchemaStep;
import com.example.support.ServiceServer;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;

/**
 * Starts the payments service.
 */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    private Main() {}

    /**
     * Starts the server with {@code application.yaml}, overridden by system properties and the
     * environment; with {@code PAYMENTS_DB_MIGRATE=migrate-only}, migrates the database and exits
     * instead (the deploy's one-off task). A missing or wrong database setting, or an unreachable database, stops payments
     * with one line naming the environment variable to check (exit status 1).
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        try {
            Config config = Config.create();
            if (SchemaStep.from(config.get("payments.db")) == SchemaStep.MIGRATE_ONLY) {
                int applied = LedgerDatabase.migrate(DatabaseSettings.from(config.get("payments.db")));
                LOGGER.log(
                        System.Logger.Level.INFO, "payments migrated its database: " + applied + " migrations applied");
                return;
            }
            WebServer server = start(config);
            LOGGER.log(
                    System.Logger.Level.INFO,
                    "payments listening on http://localhost:" + server.port() + PaymentsEndpoint.PATH);
        } catch (DatabaseSetupException e) {
            LOGGER.log(System.Logger.Level.ERROR, "payments cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts payments with the given configuration: the seam for tests that start the real service.
     *
     * @param config the root configuration
     * @return the started server
     * @throws DatabaseSetupException when the database settings are missing or wrong, or the
     *                                database cannot be reached or migrated
     */
    public static WebServer start(Config config) {
        Config db = config.get("payments.db");
        LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.from(db), SchemaStep.from(db));
        PaymentLedger ledger = new PostgresPaymentLedger(database.dataSource(), Clock.systemUTC());
        if (config.get("payments.store.sample-data").asBoolean().orElse(false)) {
            SampleData.seed(ledger);
        }
        return ServiceServer.start(config.get("server"), routing -> routing(routing, ledger), database.readiness());
    }

    /**
     * The service's routes, for the server and for tests.
     *
     * @param routing the routing builder
     * @param ledger  where payments are kept
     */
    public static void routing(HttpRouting.Builder routing, PaymentLedger ledger) {
        ServiceServer.routing(routing, api -> {
            api.register(PaymentsEndpoint.PATH, new PaymentsEndpoint(ledger));
            LedgerProblems.register(api);
        });
    }
}
