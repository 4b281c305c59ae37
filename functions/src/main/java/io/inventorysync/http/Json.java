package io.inventorysync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JacksonFeatureSet;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeFeature;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

import java.time.Instant;

/** The one {@link ObjectMapper} of a container: built once, thread-safe once configured. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Quantities are integers: 2.0 must reach the validator as a float, and be refused there.
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Only Instant: the one java.time type the messages bind. The whole JavaTimeModule loaded
            // about 75 jsr310 classes at every cold start for types nothing binds; these are its own
            // Instant serializer and deserializer with its default features, so Instants read and write
            // exactly as before (JsonInstantsTest compares with the module). Another java.time type in a
            // message fails loudly (Jackson refuses java.time types it has no serializer for): add its
            // serializer and deserializer here.
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, InstantSerializer.INSTANCE)
                    .addDeserializer(Instant.class, InstantDeserializer.INSTANT
                            .withFeatures(JacksonFeatureSet.fromDefaults(JavaTimeFeature.values()))))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    /** Whether a {@code content-type} header names JSON ({@code application/json} or {@code application/*+json}). */
    public static boolean isJson(String contentType) {
        return JsonText.isJson(contentType);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }
}
