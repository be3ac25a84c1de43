package com.example.products.auth;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.helidon.http.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scopes come from the served products.yaml, operation by operation. */
class OperationSecurityTest {

    private static final OperationSecurity SECURITY = OperationSecurity.fromClasspath("META-INF/openapi/products.yaml");

    @ParameterizedTest
    @CsvSource({
        "GET, /api/1.0/payments, payments:read",
        "POST, /api/1.0/payments, payments:write",
        "GET, /api/1.0/payments/pay_1, payments:read",
        "GET, /api/1.0/payments/pay_1/, payments:read",
        "GET, /api/1.0//payments, payments:read",
        "GET, /api/1.0/products, products:read",
        "GET, /api/1.0/products/prod_espresso, products:read"
    })
    void readsEachOperationsScopeFromTheSpec(String method, String path, String scope) {
        OperationSecurity.Requirement requirement =
                SECURITY.requirement(Method.create(method), path).orElseThrow();

        assertThat(requirement.alternatives(), is(List.of(Set.of(scope))));
        assertThat(requirement.authenticated(), is(true));
        assertThat(requirement.isGrantedTo(Set.of(scope, "other")), is(true));
        assertThat(requirement.isGrantedTo(Set.of("other")), is(false));
    }

    @ParameterizedTest
    @CsvSource({"DELETE, /api/1.0/payments", "GET, /api/1.0/nothing", "GET, /observe/health"})
    void hasNoRequirementForWhatTheSpecDoesNotList(String method, String path) {
        assertThat(SECURITY.requirement(Method.create(method), path), is(Optional.empty()));
    }
}
