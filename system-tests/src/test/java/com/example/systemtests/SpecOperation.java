package com.example.systemtests;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One operation of a spec with every field a client fills in: its path, query and header
 * parameters and the properties of its JSON body, each with its schema, read by swagger-parser.
 */
record SpecOperation(String method, String path, List<SpecField> fields) {

    /** Reads every operation of a spec, references resolved. */
    static List<SpecOperation> read(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().read(spec.toString(), null, options);
        if (api == null) {
            throw new IllegalStateException("Cannot read " + spec);
        }
        List<SpecOperation> operations = new ArrayList<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) ->
                                operations.add(new SpecOperation(method.name(), path, fields(operation)))));
        return List.copyOf(operations);
    }

    private static List<SpecField> fields(Operation operation) {
        List<SpecField> fields = new ArrayList<>();
        for (Parameter parameter :
                operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
            fields.add(new SpecField(
                    SpecField.Location.valueOf(parameter.getIn().toUpperCase(java.util.Locale.ROOT)),
                    parameter.getName(),
                    parameter.getSchema(),
                    Boolean.TRUE.equals(parameter.getRequired())));
        }
        if (operation.getRequestBody() != null) {
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            Schema<?> body = json.getSchema();
            List<String> required = body.getRequired() == null ? List.of() : body.getRequired();
            for (Map.Entry<String, Schema> property : body.getProperties().entrySet()) {
                fields.add(new SpecField(
                        SpecField.Location.BODY,
                        property.getKey(),
                        property.getValue(),
                        required.contains(property.getKey())));
            }
        }
        return List.copyOf(fields);
    }

    /** Whether the operation takes a JSON body. */
    boolean hasBody() {
        return fields.stream().anyMatch(field -> field.location() == SpecField.Location.BODY);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
