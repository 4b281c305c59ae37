package io.inventorysync.store.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.ReasonCode;
import io.inventorysync.domain.StockState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The streaming codec writes the held event byte for byte as the mapper that bound its records
 * wrote it (the reference below, configured as it was), reads back what it writes, and leaves
 * every text it does not write as it writes it to that mapper: the same event or the same refusal.
 */
class QueuedEventCodecTest {
    private static final ObjectMapper REFERENCE = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final String ODD = "é \"q\" \\ / \u0000\u001f\t\n \u2028 \uFFFE 😀 <&>";

    private static List<InventoryEvent> events() {
        List<InventoryEvent> events = new ArrayList<>();
        Instant at = Instant.parse("2026-11-30T05:00:00.123456789Z");
        // Every member set, odd characters in every text, every enum constant across the lines.
        List<EventLine> lines = new ArrayList<>();
        StockState[] states = StockState.values();
        ItemCondition[] conditions = ItemCondition.values();
        for (int i = 0; i < 100; i++) {
            String sku = "SKU-" + i + (i % 7 == 0 ? ODD : "");
            lines.add(new EventLine(sku, i % 3 == 0 ? "alias-" + i + ODD : sku, i % 5 == 0 ? Long.MIN_VALUE + i : i * 1_000_000_007L,
                    i % 4 == 0 ? null : conditions[i % conditions.length], i % 6 == 0 ? null : states[i % states.length],
                    i % 5 == 0 ? null : states[(i + 1) % states.length]));
        }
        for (ChangeType type : ChangeType.values()) {
            events.add(new InventoryEvent("e-" + type + ODD, type, at, "loc" + ODD, lines, "ref" + ODD, "res" + ODD, "to" + ODD,
                    "from" + ODD, "why" + ODD, ReasonCode.values()[type.ordinal() % ReasonCode.values().length]));
        }
        // Nothing optional set; one line; a zero quantity; a time without a fraction.
        events.add(new InventoryEvent("e-min", ChangeType.SALE, Instant.parse("2026-11-30T05:00:00Z"), "store-1",
                List.of(new EventLine("S", "S", 0, null, null, null)), null, null, null, null, null, null));
        events.add(new InventoryEvent("", ChangeType.ADJUSTMENT, Instant.EPOCH, "", List.of(), "", "", "", "", "", null));
        return events;
    }

    private static QueuedEventCodec.Stored stored(InventoryEvent e) {
        return new QueuedEventCodec.Stored(e.eventId(), e.type(), e.occurredAt().toString(), e.locationId(), e.reference(),
                e.reservationId(), e.toLocationId(), e.fromLocationId(), e.reason(), e.reasonCode(),
                e.lines().stream().map(l -> new QueuedEventCodec.Line(l.sku(), l.sku().equals(l.sourceSku()) ? null : l.sourceSku(),
                        l.quantity(), l.condition(), l.from(), l.to())).toList());
    }

    @Test
    void writesWhatTheMapperWroteAndReadsItBack() throws Exception {
        for (InventoryEvent e : events()) {
            String text = QueuedEventCodec.encode(e);
            assertEquals(REFERENCE.writeValueAsString(stored(e)), text, e.eventId());
            assertNotNull(QueuedEventCodec.parsed(text), "the streaming parser reads what the codec writes: " + text);
            assertEquals(e, QueuedEventCodec.decode(text));
            assertEquals(QueuedEventCodec.decodeWithMapper(text), QueuedEventCodec.decode(text));
        }
    }

    /** Texts the codec never writes: the parser declines them and the mapper's outcome stands. */
    @Test
    void aTextNotAsWrittenIsReadByTheMapper() {
        String line = "{\"s\":\"A\",\"q\":1}";
        List<String> odd = List.of(
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "],\"new\":1}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"loc\":null,\"l\":[" + line + "]}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[{\"s\":\"A\",\"q\":\"5\"}]}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[{\"s\":\"A\",\"q\":1.5}]}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[{\"s\":\"A\",\"q\":99999999999999999999}]}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[{\"s\":\"A\"}]}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[{\"s\":\"A\",\"q\":1,\"q\":2}]}",
                "{\"id\":\"e\",\"id\":\"f\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "]}",
                "{\"id\":\"e\",\"t\":\"NOT_A_TYPE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "]}",
                "{\"id\":\"e\",\"t\":\"\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "]}",
                "{\"id\":\"e\",\"t\":\"sale\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "]}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[{\"s\":\"A\",\"q\":1,\"c\":\"BROKEN\"}]}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\"}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":null}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "]} trailing",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "]}{}",
                "{\"id\":7,\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "]}",
                "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"2026-11-30T05:00:00Z\",\"l\":[" + line + "",
                "[]", "", "null", "not json");
        for (String text : odd) {
            assertNull(QueuedEventCodec.parsed(text), text);
            assertEquals(outcome(() -> QueuedEventCodec.decodeWithMapper(text)), outcome(() -> QueuedEventCodec.decode(text)), text);
        }
        // A time the domain cannot read is refused after reading, whoever read the text.
        String badTime = "{\"id\":\"e\",\"t\":\"SALE\",\"at\":\"yesterday\",\"l\":[" + line + "]}";
        assertNotNull(QueuedEventCodec.parsed(badTime));
        assertEquals(outcome(() -> QueuedEventCodec.decodeWithMapper(badTime)), outcome(() -> QueuedEventCodec.decode(badTime)));
    }

    /** The event, or the class of what was thrown. */
    private static Object outcome(Supplier<Object> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }
}
