package com.example.payments;

import com.example.payments.api.LedgerProblems;
import com.example.payments.api.PaymentsEndpoint;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.pact.ProviderStates;
import com.example.payments.pact.ProviderStatesEndpoint;
import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.DatabaseSetupException;
import com.example.payments.store.LedgerDatabase;
import com.example.payments.store.PostgresLedgerControl;
import com.example.payments.store.PostgresPaymentLedger;
import com.example.payments.store.SampleData;
import com.example.payments.store.SchemaStep;
import com.example.support.ServiceServer;
import com.example.support.Tracing;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import java.time.Clock;
import java.util.Optional;

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
        return start(config, Tracing.fromEnvironment("payments"));
    }

    /**
     * Starts payments with the given configuration and tracing.
     *
     * @param config  the root configuration
     * @param tracing makes the server spans and a span for each statement of the ledger
     * @return the started server
     * @throws DatabaseSetupException when the database settings are missing or wrong, or the
     *                                database cannot be reached or migrated
     */
    public static WebServer start(Config config, Tracing tracing) {
        Config db = config.get("payments.db");
        LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.from(db), SchemaStep.from(db));
        PaymentLedger ledger = new PostgresPaymentLedger(
                JdbcTelemetry.create(tracing.openTelemetry()).wrap(database.dataSource()), Clock.systemUTC());
        if (sampleData(config)) {
            SampleData.seed(ledger);
        }
        Optional<ProviderStates> states = providerStates(config, ledger, database);
        return ServiceServer.start(
                config.get("server"), routing -> routing(routing, tracing, ledger, states), database.readiness());
    }

    /**
     * The service's routes, for the server and for tests.
     *
     * @param routing the routing builder
     * @param tracing makes the server spans
     * @param ledger  where payments are kept
     */
    public static void routing(HttpRouting.Builder routing, Tracing tracing, PaymentLedger ledger) {
        routing(routing, tracing, ledger, Optional.empty());
    }

    private static void routing(
            HttpRouting.Builder routing, Tracing tracing, PaymentLedger ledger, Optional<ProviderStates> states) {
        ServiceServer.routing(routing, tracing, api -> {
            api.register(PaymentsEndpoint.PATH, new PaymentsEndpoint(ledger));
            states.ifPresent(on -> api.register(ProviderStatesEndpoint.PATH, new ProviderStatesEndpoint(on)));
            LedgerProblems.register(api);
        });
    }

    /**
     * The states a Pact verifier may set over HTTP, when {@code payments.pact.states} is on
     * ({@code PAYMENTS_PACT_STATES=true}): contract verification only, never a deployment.
     */
    private static Optional<ProviderStates> providerStates(
            Config config, PaymentLedger ledger, LedgerDatabase database) {
        if (!config.get("payments.pact.states").asBoolean().orElse(false)) {
            return Optional.empty();
        }
        LOGGER.log(
                System.Logger.Level.WARNING,
                "PAYMENTS_PACT_STATES=true: POST " + ProviderStatesEndpoint.PATH
                        + " deletes every payment; for contract verification only, never in a deployment");
        return Optional.of(new ProviderStates(ledger, new PostgresLedgerControl(database.dataSource())));
    }

    /**
     * Whether to seed the sample payments: {@code payments.store.sample.data}, {@code PAYMENTS_STORE_SAMPLE_DATA}.
     *
     * @param config the root configuration
     * @return true when sample data is switched on
     */
    static boolean sampleData(Config config) {
        return config.get("payments.store.sample.data").asBoolean().orElse(false);
    }
}
