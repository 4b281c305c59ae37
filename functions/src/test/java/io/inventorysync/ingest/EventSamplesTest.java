package io.inventorysync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.ReservationValidator;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.domain.Validated;
import io.inventorysync.store.InMemoryInventoryStore;
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

/**
 * Every inbound sample agrees with its JSON Schema and with the service's own validator: the v1
 * events, the v1.1 events ({@code samples/stock-states}) and the reservation route bodies
 * ({@code samples/reservations}).
 */
class EventSamplesTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix("https://inventory-sync.example/events/",
                    Samples.eventsDir().toUri() + "")));
    private static final JsonSchema EVENT = FACTORY.getSchema(
            Samples.eventsDir().resolve("inbound/v1/inventory-event.schema.json").toUri());
    private static final JsonSchema BATCH = FACTORY.getSchema(
            Samples.eventsDir().resolve("inbound/v1/inventory-event-batch.schema.json").toUri());
    private static final JsonSchema COMMIT = FACTORY.getSchema(
            Samples.eventsDir().resolve("inbound/v1/reservation-commit.schema.json").toUri());
    private static final JsonSchema FULFIL = FACTORY.getSchema(
            Samples.eventsDir().resolve("inbound/v1/reservation-fulfil.schema.json").toUri());

    private static final JsonSchema SOURCE = FACTORY.getSchema(
            Samples.eventsDir().resolve("inbound/v1/source-configuration.schema.json").toUri());

    static List<Path> sourceConfigurations() {
        return Samples.inbound("admin");
    }

    @ParameterizedTest
    @MethodSource("sourceConfigurations")
    void sourceConfiguration_shouldMatchItsSchema_andBeWhatTheAdminRouteTakes_andAnswers(Path sample) throws Exception {
        // given
        JsonNode json = Json.MAPPER.readTree(Samples.read(sample));
        // when
        Validated<io.inventorysync.domain.Source> read = io.inventorysync.domain.SourceConfig.read(
                Json.MAPPER.readValue(Samples.read(sample), Object.class), "pos-sample", "x");
        // then: the schema and the reader agree, and what GET answers matches the schema too
        assertThat(SOURCE.validate(json)).as(sample.getFileName().toString()).isEmpty();
        assertThat(read).isInstanceOf(Validated.Valid.class);
        JsonNode view = Json.MAPPER.valueToTree(io.inventorysync.domain.SourceConfig.view(
                ((Validated.Valid<io.inventorysync.domain.Source>) read).value()));
        assertThat(SOURCE.validate(view)).as("GET of " + sample.getFileName()).isEmpty();
        assertThat(SOURCE.validate(Json.MAPPER.readTree("{\"locations\":[\"st*re\"],\"eventTypes\":[\"RESERVATION_CREATED\"]}")))
                .isNotEmpty();
    }

    static List<Path> samples() {
        return java.util.stream.Stream.concat(Samples.inbound().stream(), Samples.inbound("stock-states").stream())
                .toList();
    }

    static List<Path> routeBodies() {
        return Samples.inbound("reservations");
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
        for (String type : List.of("SALE", "RETURN", "RECEIPT", "ADJUSTMENT", "COUNT", "TRANSFER_OUT", "TRANSFER_IN",
                "MOVE", "WRITE_OFF", "TRANSFER_CLOSE")) {
            assertThat(all).as(type).anyMatch(s -> s.contains("\"type\": \"" + type + "\""));
        }
        assertThat(all).anyMatch(s -> s.contains("\"DAMAGED\"")).anyMatch(s -> s.contains("\"reservationId\""))
                .anyMatch(s -> s.contains("\"events\"")).anyMatch(s -> s.contains("\"condition\": \"QUARANTINE\""))
                .anyMatch(s -> s.contains("\"ADJUSTMENT\"") && s.contains("\"reasonCode\""));
        assertThat(routeBodies().stream().map(Samples::read).toList())
                .anyMatch(s -> s.contains("\"DEFERRED\"")).anyMatch(s -> s.contains("\"IMMEDIATE\""))
                .anyMatch(s -> s.contains("\"lines\"")).anyMatch(s -> s.contains("fulfilmentId") && !s.contains("lines"));
    }

    @ParameterizedTest
    @MethodSource("routeBodies")
    void routeBody_shouldMatchItsSchemaAndPassValidation(Path sample) throws Exception {
        // given
        boolean commit = sample.getFileName().toString().startsWith("commit-");
        JsonNode json = Json.MAPPER.readTree(Samples.read(sample));
        Object raw = Json.MAPPER.readValue(Samples.read(sample), Object.class);
        // when
        Set<ValidationMessage> schemaProblems = (commit ? COMMIT : FULFIL).validate(json);
        Validated<?> validated = commit ? ReservationValidator.validateCommit(raw)
                : ReservationValidator.validateFulfilment(raw);
        // then
        assertThat(schemaProblems).as(sample.getFileName().toString()).isEmpty();
        assertThat(validated).as(sample.getFileName().toString()).isInstanceOf(Validated.Valid.class);
    }

    @Test
    void stockStateSamples_shouldEndAtTheDocumentedLevels_whenAppliedInOrder() throws Exception {
        // given
        InMemoryInventoryStore store = new InMemoryInventoryStore(Clock.systemUTC());
        EventValidator validator = new EventValidator(Clock.systemUTC());
        // when
        for (Path sample : Samples.inbound("stock-states")) {
            Validated<InventoryEvent> event = validator.validate(Json.MAPPER.readValue(Samples.read(sample), Object.class), "");
            Movements.of("pos-demo", ((Validated.Valid<InventoryEvent>) event).value()).forEach(store::apply);
        }
        // then: the table in events/inbound/v1/README.md
        StockLevel here = store.level("GRN-CAP", "store-12").orElseThrow();
        StockLevel there = store.level("GRN-CAP", "store-7").orElseThrow();
        assertThat(List.of(here.onHand(), here.damaged(), here.quarantine(), here.inTransit(), here.version()))
                .containsExactly(1L, 0L, 0L, 0L, 5L);
        assertThat(List.of(there.onHand(), there.damaged(), there.quarantine(), there.inTransit(), there.version()))
                .containsExactly(1L, 0L, 0L, 0L, 3L);
    }

    @Test
    void routeSchemas_shouldRefuse_whatTheServiceRefuses() throws Exception {
        // given: a mode that does not exist, a fulfilment without id, with no lines, with a zero quantity
        List<String> commits = List.of("{\"fulfilment\":\"LATER\"}", "{\"fulfilment\":\"deferred\"}", "[]");
        List<String> fulfils = List.of("{\"lines\":[{\"sku\":\"X\",\"quantity\":1}]}",
                "{\"fulfilmentId\":\"f-1\",\"lines\":[]}",
                "{\"fulfilmentId\":\"f-1\",\"lines\":[{\"sku\":\"X\",\"quantity\":0}]}",
                "{\"fulfilmentId\":\"f#1\"}");
        // when / then
        for (String body : commits) {
            assertThat(COMMIT.validate(Json.MAPPER.readTree(body))).as(body).isNotEmpty();
            assertThat(ReservationValidator.validateCommit(Json.MAPPER.readValue(body, Object.class))).as(body)
                    .isInstanceOf(Validated.Invalid.class);
        }
        for (String body : fulfils) {
            assertThat(FULFIL.validate(Json.MAPPER.readTree(body))).as(body).isNotEmpty();
            assertThat(ReservationValidator.validateFulfilment(Json.MAPPER.readValue(body, Object.class))).as(body)
                    .isInstanceOf(Validated.Invalid.class);
        }
    }

    @Test
    void schema_shouldAccept_theMembersTheServiceDropsOnTypesThatDoNotTakeThem() throws Exception {
        // given: v1.1 members, with values no v1.1 type takes, on types that ignore them
        String sale = "{\"eventId\":\"a\",\"type\":\"SALE\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\","
                + "\"reasonCode\":\"SHRINK\",\"lines\":[{\"sku\":\"X\",\"quantity\":1,\"from\":\"shelf-3\",\"to\":7}]}";
        // when / then
        assertThat(EVENT.validate(Json.MAPPER.readTree(sale))).isEmpty();
        assertThat(new EventValidator(Clock.systemUTC()).validate(Json.MAPPER.readValue(sale, Object.class), ""))
                .isInstanceOf(Validated.Valid.class);
    }

    @Test
    void schema_shouldRefuse_whatTheServiceRefuses() throws Exception {
        // given: a sale of zero, an adjustment without reason, a transfer without destination
        List<String> invalid = List.of(
                "{\"eventId\":\"a\",\"type\":\"SALE\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"lines\":[{\"sku\":\"X\",\"quantity\":0}]}",
                "{\"eventId\":\"a\",\"type\":\"ADJUSTMENT\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"lines\":[{\"sku\":\"X\",\"quantity\":-1}]}",
                "{\"eventId\":\"a\",\"type\":\"TRANSFER_OUT\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"lines\":[{\"sku\":\"X\",\"quantity\":1}]}",
                "{\"eventId\":\"a\",\"type\":\"RECEIPT\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"reservationId\":\"r\",\"lines\":[{\"sku\":\"X\",\"quantity\":1}]}",
                "{\"eventId\":\"a#b\",\"type\":\"SALE\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\",\"lines\":[{\"sku\":\"X\",\"quantity\":1}]}",
                v11("MOVE", "", "{\"sku\":\"X\",\"quantity\":1,\"from\":\"ON_HAND\"}"),
                v11("MOVE", "", "{\"sku\":\"X\",\"quantity\":1,\"from\":\"DAMAGED\",\"to\":\"DAMAGED\"}"),
                v11("MOVE", "", "{\"sku\":\"X\",\"quantity\":1,\"from\":\"SHELF\",\"to\":\"DAMAGED\"}"),
                v11("MOVE", "", "{\"sku\":\"X\",\"quantity\":0,\"from\":\"ON_HAND\",\"to\":\"DAMAGED\"}"),
                v11("WRITE_OFF", "", "{\"sku\":\"X\",\"quantity\":1,\"from\":\"ON_HAND\"}"),
                v11("WRITE_OFF", ",\"reasonCode\":\"FOUND\"", "{\"sku\":\"X\",\"quantity\":1,\"from\":\"ON_HAND\"}"),
                v11("WRITE_OFF", ",\"reasonCode\":\"LOST\"", "{\"sku\":\"X\",\"quantity\":1}"),
                v11("TRANSFER_CLOSE", "", "{\"sku\":\"X\",\"quantity\":1}"),
                v11("ADJUSTMENT", ",\"reason\":\"r\",\"reasonCode\":\"SHRINK\"", "{\"sku\":\"X\",\"quantity\":1}"),
                v11("RETURN", "", "{\"sku\":\"X\",\"quantity\":1,\"condition\":\"QUARANTINED\"}"));
        // when / then
        for (String event : invalid) {
            assertThat(EVENT.validate(Json.MAPPER.readTree(event))).as(event).isNotEmpty();
            assertThat(new EventValidator(Clock.systemUTC()).validate(Json.MAPPER.readValue(event, Object.class), ""))
                    .as(event).isInstanceOf(Validated.Invalid.class);
        }
    }

    /** A v1.1 event of {@code type} with extra {@code members} and one {@code line}. */
    private static String v11(String type, String members, String line) {
        return "{\"eventId\":\"a\",\"type\":\"" + type + "\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"locationId\":\"s\""
                + members + ",\"lines\":[" + line + "]}";
    }
}
