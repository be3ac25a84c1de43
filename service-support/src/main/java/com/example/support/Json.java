package com.example.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import java.util.Set;

/**
 * The JSON settings of both services and of the payments client, in one place.
 */
public final class Json {

    private static final ObjectMapper MAPPER = strictScalars(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // A tolerant reader: a field added to a payload later must not break an older peer.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Values exactly as typed: "1" is no integer and true is no string (see strictScalars).
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build());

    private Json() {}

    /**
     * The shared mapper: ISO-8601 dates, unknown properties ignored, scalars only of their own JSON
     * type, no null members read or written.
     * It is thread-safe once configured; do not reconfigure it.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Jackson reads {@code 12345}, {@code true} and {@code 1.5} into a {@code String} field unless told
     * not to ({@code ALLOW_COERCION_OF_SCALARS} covers only the other direction), and an explicit
     * {@code null} silently becomes "absent". The specs type no member as nullable, so each of these
     * is the client's error: a {@code MismatchedInputException} that the error handlers answer with 400
     * naming the field.
     */
    private static ObjectMapper strictScalars(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.configOverride(String.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
        return mapper;
    }

    /**
     * Serialises a value with the shared mapper.
     *
     * @param value a value the mapper can write (a record or a generated model)
     * @return the JSON bytes
     */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A media context that reads and writes JSON and problem documents with the shared mapper,
     * for a server or a web client.
     *
     * @return the media context
     */
    public static MediaContext mediaContext() {
        return MediaContext.builder()
                .mediaSupportsDiscoverServices(false)
                .addMediaSupport(JacksonSupport.builder()
                        .objectMapper(MAPPER)
                        .acceptedMediaTypes(Set.of(MediaTypes.APPLICATION_JSON, ProblemResponses.PROBLEM_JSON))
                        .build())
                .build();
    }
}
