package io.inventorysync.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.inventorysync.http.Json;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.ItemType;
import io.inventorysync.testing.Samples;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ChangeEvents} from stream images: the v1.1 counters {@code committed} and {@code quarantine}. */
class ChangeEventsTest {
    private static final JsonSchema LEVEL_CHANGED = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    builder -> builder.schemaMappers(m -> m.mapPrefix("https://inventory-sync.example/events/",
                            Samples.eventsDir().toUri() + "")))
            .getSchema(Samples.eventsDir().resolve("outbound/v1/InventoryLevelChanged.schema.json").toUri());

    @Test
    void of_shouldPublishCommittedAndQuarantineWithTheirPrevious_whenOnlyCommittedChanges() {
        // given: a deferred commit: reserved 2 -> 0, committed 0 -> 2, on hand unchanged
        Map<String, AttributeValue> before = stock(5, 2, 0, 1, 7, "RESERVATION_CREATED");
        Map<String, AttributeValue> after = stock(5, 0, 2, 1, 8, "RESERVATION_COMMITTED");

        // when
        List<OutboundEvent> events = ChangeEvents.of(before, after);

        // then
        JsonNode detail = detail(events, ChangeEvents.LEVEL_CHANGED);
        assertThat(detail.path("committed").asLong()).isEqualTo(2);
        assertThat(detail.path("quarantine").asLong()).isEqualTo(1);
        assertThat(detail.path("available").asLong()).as("onHand - reserved - committed").isEqualTo(3);
        assertThat(detail.path("previous").path("committed").asLong()).isZero();
        assertThat(detail.path("previous").path("quarantine").asLong()).isEqualTo(1);
        assertThat(detail.path("previous").path("available").asLong()).isEqualTo(3);
        assertThat(LEVEL_CHANGED.validate(detail)).isEmpty();
    }

    @Test
    void of_shouldPublishALevelChange_whenOnlyQuarantineChanges() {
        // given: a return to quarantine
        Map<String, AttributeValue> before = stock(5, 0, 0, 0, 3, "RECEIPT");
        Map<String, AttributeValue> after = stock(5, 0, 0, 2, 4, "RETURN");

        // when
        List<OutboundEvent> events = ChangeEvents.of(before, after);

        // then
        JsonNode detail = detail(events, ChangeEvents.LEVEL_CHANGED);
        assertThat(detail.path("quarantine").asLong()).isEqualTo(2);
        assertThat(detail.path("previous").path("quarantine").asLong()).isZero();
        assertThat(LEVEL_CHANGED.validate(detail)).isEmpty();
    }

    @Test
    void of_shouldDeplete_whenCommittingTakesTheLastAvailableUnit() {
        // given: a v1.1 write-off by cause type, and a commitment that takes the last unit
        Map<String, AttributeValue> before = stock(2, 0, 1, 0, 5, "WRITE_OFF");
        Map<String, AttributeValue> after = stock(2, 0, 2, 0, 6, "RESERVATION_COMMITTED");

        // when
        List<OutboundEvent> events = ChangeEvents.of(before, after);

        // then
        assertThat(events).extracting(OutboundEvent::detailType)
                .containsExactly(ChangeEvents.LEVEL_CHANGED, ChangeEvents.DEPLETED);
        assertThat(LEVEL_CHANGED.validate(detail(events, ChangeEvents.LEVEL_CHANGED))).isEmpty();
    }

    private static JsonNode detail(List<OutboundEvent> events, String detailType) {
        OutboundEvent event = events.stream().filter(e -> e.detailType().equals(detailType)).findFirst().orElseThrow();
        try {
            return Json.MAPPER.readTree(event.detail());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stock item's stream image, as the store writes it. */
    private static Map<String, AttributeValue> stock(long onHand, long reserved, long committed, long quarantine,
                                                     long version, String causeType) {
        Map<String, AttributeValue> image = new HashMap<>();
        image.put(InventoryTable.PK, s("STOCK#BLU-SHIRT-M"));
        image.put(InventoryTable.SK, s("LOC#store-12"));
        image.put(InventoryTable.ITEM_TYPE, s(ItemType.STOCK.name()));
        image.put("sku", s("BLU-SHIRT-M"));
        image.put("locationId", s("store-12"));
        image.put("onHand", n(onHand));
        image.put("reserved", n(reserved));
        image.put("damaged", n(0));
        image.put("inTransit", n(0));
        image.put("committed", n(committed));
        image.put("quarantine", n(quarantine));
        image.put("version", n(version));
        image.put("updatedAt", s("2026-11-22T10:15:01.482Z"));
        image.put("causeType", s(causeType));
        image.put("causeSourceId", s("shop-web"));
        image.put("causeEventId", s("chk-9f2"));
        image.put("causeOccurredAt", s("2026-11-22T10:15:00Z"));
        return image;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
