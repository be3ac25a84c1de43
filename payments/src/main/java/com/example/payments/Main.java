package com.example.payments;

import com.example.payments.api.LedgerProblems;
import com.example.payments.api.PaymentsEndpoint;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.store.InMemoryPaymentLedger;
import com.example.payments.store.SampleData;
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
     * Starts the server with {@code application.yaml}, overridden by system properties and the environment.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        WebServer server = start(Config.create());
        LOGGER.log(
                System.Logger.Level.INFO,
                "payments listening on http://localhost:" + server.port() + PaymentsEndpoint.PATH);
    }

    /**
     * Starts payments with the given configuration: the seam for tests that start the real service.
     *
     * @param config the root configuration
     * @return the started server
     */
    public static WebServer start(Config config) {
        PaymentLedger ledger = new InMemoryPaymentLedger(Clock.systemUTC());
        if (config.get("payments.store.sample-data").asBoolean().orElse(true)) {
            SampleData.seed(ledger);
        }
        return ServiceServer.start(config.get("server"), routing -> routing(routing, ledger));
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
