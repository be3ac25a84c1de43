package com.example.contracts;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.RequestResponseInteraction;
import au.com.dius.pact.core.model.V4Pact;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.pact.PactLevelResolverFactory;
import com.atlassian.oai.validator.pact.PactRequest;
import com.atlassian.oai.validator.pact.PactResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every interaction of a pact is one the provider's OpenAPI spec allows: the request is
 * a valid request of a documented operation, and the response a documented response of it. So a
 * consumer cannot come to depend on something the spec does not promise, even where the provider
 * happens to do it today.
 *
 * <p>A response object in the pact may leave out properties (a consumer lists only what it reads),
 * but may not contain one the spec lacks: schemas are checked as if {@code additionalProperties}
 * were {@code false}, the validator's default.
 */
public final class PactConformance {

    private PactConformance() {}

    /**
     * Validates each interaction of a pact against a spec.
     *
     * @param spec an OpenAPI 3.0 document
     * @param pact a pact file (V3 or V4) whose provider the spec describes
     * @return one violation per interaction the spec does not allow; empty when the pact conforms
     */
    public static List<Violation> check(Path spec, Path pact) {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForSpecificationUrl(
                        spec.toUri().toString())
                .withLevelResolver(PactLevelResolverFactory.create())
                .build();
        List<Violation> violations = new ArrayList<>();
        for (Interaction interaction : requestResponse(DefaultPactReader.INSTANCE.loadPact(pact.toFile()))
                .getInteractions()) {
            RequestResponseInteraction exchange = (RequestResponseInteraction) interaction;
            ValidationReport report =
                    validator.validate(PactRequest.of(exchange.getRequest()), PactResponse.of(exchange.getResponse()));
            if (report.hasErrors()) {
                violations.add(new Violation(
                        exchange.getDescription(),
                        SimpleValidationReportFormat.getInstance().apply(report).strip()));
            }
        }
        return violations;
    }

    private static Pact requestResponse(Pact pact) {
        if (pact instanceof V4Pact v4) {
            Pact http = v4.asRequestResponsePact().get();
            if (http == null) {
                throw new IllegalArgumentException("The pact has interactions that are not HTTP request/response");
            }
            return http;
        }
        return pact;
    }

    /**
     * An interaction the spec does not allow.
     *
     * @param interaction the interaction's description
     * @param report      the validator's messages, one per line
     */
    public record Violation(String interaction, String report) {

        @Override
        public String toString() {
            return "\"" + interaction + "\":\n" + report.indent(4).stripTrailing();
        }
    }
}
