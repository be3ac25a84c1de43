package com.example.products.api;

import com.example.support.ProblemType;
import com.example.support.testing.SpecProblemTypes;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * products' spec lists every problem type: products sends its own, relays payments', and the load
 * balancer's web ACL answers {@link ProblemType#RATE_LIMITED} in front of it.
 */
class ProblemTypesTest {

    @Test
    void specListsEveryProblemTypeProductsSends() {
        SpecProblemTypes.assertListsExactly("META-INF/openapi/products.yaml", EnumSet.allOf(ProblemType.class));
    }
}
