package io.inventorysync.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Json#MAPPER} binds only {@link Instant} among the java.time types (not the whole
 * {@code JavaTimeModule}, for the cold start): Instants must read and write exactly as they did with
 * the module, odd formats included, and a java.time type nothing registered must fail loudly rather
 * than be written as a bean.
 */
class JsonInstantsTest {
    /** The mapper as it was: {@code Json.MAPPER}'s settings with the whole module. */
    private static final ObjectMapper WITH_MODULE = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    record Stamped(@JsonInclude(JsonInclude.Include.NON_NULL) Instant at) {
    }

    private static final List<String> VALUES = List.of(
            "\"2026-11-30T01:02:03Z\"", "\"2026-11-30T01:02:03.1Z\"", "\"2026-11-30T01:02:03.120Z\"",
            "\"2026-11-30T01:02:03.123456789Z\"", "\"2026-11-30T01:02:03.000000001Z\"",
            "\"2026-11-30T03:02:03+02:00\"", "\"2026-11-29T20:02:03.5-05:00\"", "\"2026-11-30T01:02:03+0000\"",
            "\"2026-11-30T01:02:03+00:00\"", "\"2026-11-30T01:02:03z\"", "\"2026-11-30T01:02Z\"",
            "\"2026-11-30 01:02:03Z\"", "\"2026-11-30\"", "\"2026-11-30T01:02:03\"", "\"1764464523\"",
            "\"+12026-11-30T01:02:03Z\"", "\"2026-02-30T01:02:03Z\"", "\"2026-11-30T24:00:00Z\"",
            "\"2026-11-30T01:02:60Z\"", "\"\"", "\" 2026-11-30T01:02:03Z\"", "\"yesterday\"",
            "1764464523", "1764464523.5", "-1", "0", "null", "true", "[]", "{}");

    @Test
    void everyInstantReadsAndWritesAsWithTheWholeModule() throws Exception {
        for (String value : VALUES) {
            String json = "{\"at\":" + value + "}";
            String before = outcome(WITH_MODULE, json);
            String now = outcome(Json.MAPPER, json);
            assertEquals(before, now, json);
        }
    }

    @Test
    void theContractsTimestampsKeepTheirFormat() throws Exception {
        assertEquals("{\"at\":\"2026-11-30T01:02:03Z\"}",
                Json.write(new Stamped(Instant.parse("2026-11-30T01:02:03Z"))));
        assertEquals("{\"at\":\"2026-11-30T01:02:03.100Z\"}",
                Json.write(new Stamped(Instant.parse("2026-11-30T01:02:03.1Z"))));
        assertEquals("{\"at\":\"2026-11-30T01:02:03.123456789Z\"}",
                Json.write(new Stamped(Instant.parse("2026-11-30T01:02:03.123456789Z"))));
        // An offset is read as the same instant, written back in UTC.
        assertEquals(Instant.parse("2026-11-30T01:02:03Z"),
                Json.MAPPER.readValue("{\"at\":\"2026-11-30T03:02:03+02:00\"}", Stamped.class).at());
        assertThrows(JsonProcessingException.class,
                () -> Json.MAPPER.readValue("{\"at\":\"yesterday\"}", Stamped.class));
    }

    @Test
    void aJavaTimeTypeNothingRegisteredFailsLoudly() {
        assertThrows(JsonProcessingException.class, () -> Json.MAPPER.writeValueAsString(Duration.ofSeconds(1)));
        assertThrows(JsonProcessingException.class, () -> Json.MAPPER.writeValueAsString(LocalDate.of(2026, 11, 30)));
        assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readValue("\"2026-11-30\"", LocalDate.class));
    }

    /** What a mapper makes of one value: the Instant read and written back, or the kind of refusal. */
    private static String outcome(ObjectMapper mapper, String json) {
        try {
            Stamped read = mapper.readValue(json, Stamped.class);
            return "read " + read.at() + " written " + mapper.writeValueAsString(read);
        } catch (JsonProcessingException e) {
            return "refused " + e.getClass().getSimpleName();
        }
    }
}
