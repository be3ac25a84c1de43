package com.example.payments.pact;

import com.example.support.Json;
import com.example.support.Problem;
import com.example.support.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /_pact/provider-states}: the state-change request every Pact verifier sends, a JSON body
 * {@code {"state": "...", "params": {...}, "action": "setup" | "teardown"}} (no action means set-up).
 * Answers the state's generated values as a JSON object, which verifiers inject into the request.
 */
public final class ProviderStatesEndpoint implements HttpService {

    /** Where the endpoint is mounted; outside the API's paths. */
    public static final String PATH = "/_pact/provider-states";

    private final ProviderStates states;

    /**
     * Creates the endpoint.
     *
     * @param states the states it arranges
     */
    public ProviderStatesEndpoint(ProviderStates states) {
        this.states = states;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::change);
    }

    private void change(ServerRequest request, ServerResponse response) {
        JsonNode change = request.content().as(JsonNode.class);
        String state = change.path("state").asText("");
        if ("teardown".equals(change.path("action").asText("setup"))) {
            states.tearDown();
            response.send(Map.of());
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = Json.mapper().convertValue(change.path("params"), Map.class);
            response.send(states.setUp(state, params == null ? Map.of() : params));
        } catch (ProviderStates.UnknownProviderState e) {
            throw ProblemException.unprocessable(
                    e.getMessage(), List.of(new Problem.InvalidParam("/state", "is not a state of this provider")));
        }
    }
}
