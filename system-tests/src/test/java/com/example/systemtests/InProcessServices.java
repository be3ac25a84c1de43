package com.example.systemtests;

import io.helidon.webserver.WebServer;
import java.util.HashMap;
import java.util.Map;

/**
 * payments over a fresh PostgreSQL database and products in front of it, both in this JVM on free
 * ports, started as their {@code main} starts them (settings from the environment map); their logs go
 * to a file, which a failing test names.
 */
record InProcessServices(WebServer payments, WebServer products, InProcessLogs logs) implements AutoCloseable {

    /** Starts both services. */
    static InProcessServices start(String name, Map<String, String> paymentsSettings) {
        Map<String, String> paymentsEnvironment = new HashMap<>(SystemDatabase.freshEnvironment());
        paymentsEnvironment.putAll(paymentsSettings);
        paymentsEnvironment.put("SERVER_PORT", "0");
        WebServer payments =
                com.example.payments.Main.start(ServiceConfig.of(com.example.payments.Main.class, paymentsEnvironment));
        Map<String, String> productsEnvironment =
                new HashMap<>(SystemIssuer.productsEnvironment("http://localhost:" + payments.port()));
        productsEnvironment.put("SERVER_PORT", "0");
        WebServer products =
                com.example.products.Main.start(ServiceConfig.of(com.example.products.Main.class, productsEnvironment));
        return new InProcessServices(payments, products, InProcessLogs.toFile(name));
    }

    @Override
    public void close() {
        products.stop();
        payments.stop();
        logs.close();
    }
}
