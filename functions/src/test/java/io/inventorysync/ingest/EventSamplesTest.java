package io.inventorysync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.Validated;
import io.inventorysync.http.Json;
import io.inventorysync.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every inbound sample agrees with its JSON Schema and with the service's own validator. */
class EventSamplesTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix("https://inventory-sync.example/events/",
                    Samples.eventsDir().toUri() + "")));
    private static final JsonSchema EVENT = FACTORY.getSchema(
            Samples.eventsDir().resolve("inbound/v1/inventory-event.schema.json").toUri());
    private static final JsonSchema BATCH = FACTORY.getSchema(
            Samples.eventsDir().resolve("inbound/v1/inventory-event-batch.schema.json").toUri());

    static List<Path> samples() {
        return Samples.inbound();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sample_shouldMatchItsSchemaAndPassValidation(Path sample) throws Exception {
        // given
        JsonNode json = Json.MAPPER.readTree(Samples.read(sample));
        boolean batch = json.has("events");
        // when
        Set<ValidationMessage> schemaProblems = (batch ? BATCH : EVENT).validate(json);
        // then
        assertThat(schemaProblems).as(sample.getFileName().toString()).isEmpty();
        Object raw = Json.MAPPER.readValue(Samples.read(sample), Object.class);
        EventValidator validator = new EventValidator(Clock.systemUTC());
        if (batch) {
            for (Object event : (List<?>) ((java.util.Map<?, ?>) raw).get("events")) {
                assertThat(validator.validate(event, "")).isInstanceOf(Validated.Valid.class);
            }
        } else {
            assertThat(validator.validate(raw, "")).isInstanceOf(Validated.Valid.class);
        }
    }

    @Test
    void samples_shouldCoverEveryInboundType() {
        // when
        List<String> all = samples().stream().map(Samples::read).toList();
        // then
        for (String type : List.of("SALE", "RETURN", "RECEIPT", "ADJUSTMENT", "COUNT", "TRANSFER_OUT", "TRANSFER_IN")) {
            assertThat(all).as(type).anyMatch(s -> s.contains("\"" + type + "\""));
        }
        assertThat(all).anyMatch(s -> s.contains("\"DAMAGED\"")).anyMatch(s -> s.contains("\"reservationId\""))
                .anyMatch(s -> s.contains("\"events\""));
    }

    @Test
    void schema_shouldRefuse_whatTheServiceRefuses() throws Exception {
        // given: a sale of zero, an adjustment without reason, a transfer without destination
        List<String> invalid = List.of(
                "{\"eventId\":\"a\",\"type\":\"SALE\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"lines\":[{\"sku\":\"X\",\"quantity\":0}]}",
                "{\"eventId\":\"a\",\"type\":\"ADJUSTMENT\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"lines\":[{\"sku\":\"X\",\"quantity\":-1}]}",
                "{\"eventId\":\"a\",\"type\":\"TRANSFER_OUT\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"lines\":[{\"sku\":\"X\",\"quantity\":1}]}",
                "{\"eventId\":\"a\",\"type\":\"RECEIPT\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"reservationId\":\"r\",\"lines\":[{\"sku\":\"X\",\"quantity\":1}]}",
                "{\"eventId\":\"a#b\",\"type\":\"SALE\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"lines\":[{\"sku\":\"X\",\"quantity\":1}]}");
        // when / then
        for (String event : invalid) {
            assertThat(EVENT.validate(Json.MAPPER.readTree(event))).as(event).isNotEmpty();
            assertThat(new EventValidator(Clock.systemUTC()).validate(Json.MAPPER.readValue(event, Object.class), ""))
                    .as(event).isInstanceOf(Validated.Invalid.class);
        }
    }
}
