package io.inventorysync.store.internal;

import io.inventorysync.json.AsWritten.NotAsWritten;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.OutboxEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * A stock level's and a receipt's item read from a stream image without the table schemas, and
 * their conversion to the domain (the one conversion: {@link Items#toLevel}, {@link Items#toHeldEvent}
 * and {@link Items#toReceipt} are these). The change publisher's and the ingest relay's first event
 * reads one image: through {@link ItemSchemas} it built every item type's schema and the enhanced
 * client's mapper first, about 210 classes of a cold start that nothing else in those two functions
 * needs (issue 16, fourth round).
 *
 * <p>Only the shapes the store writes are read here: a string attribute as {@code S}, a number as
 * {@code N} holding an integer. Any other shape of an attribute the schema maps ({@code NULL}, a
 * number as a string, a fraction...) answers {@code null}, and the caller maps the image through
 * the schema as before, so an odd image reads exactly as it always did. Attributes the schema does
 * not map are ignored, as the schema ignores them. {@code StreamItemsTest} reads images holding
 * every attribute of {@link ItemSchemas#STOCK} and {@link ItemSchemas#RECEIPT} both ways: an
 * attribute added to a schema and not here fails it.
 */
public final class StreamItems {
    private StreamItems() {
    }

    /** The stock item of {@code image}, or {@code null} when some attribute needs the schema to be read. */
    public static StockItem stock(Map<String, AttributeValue> image) {
        try {
            StockItem i = new StockItem();
            stored(i, image);
            i.setSku(s(image, "sku"));
            i.setLocationId(s(image, "locationId"));
            i.setOnHand(n(image, "onHand"));
            i.setReserved(n(image, "reserved"));
            i.setFree(n(image, "free"));
            i.setDamaged(n(image, "damaged"));
            i.setInTransit(n(image, "inTransit"));
            i.setVersion(n(image, "version"));
            i.setLastCountAt(n(image, "lastCountAt"));
            i.setUpdatedAt(s(image, "updatedAt"));
            i.setCauseType(s(image, "causeType"));
            i.setCauseSourceId(s(image, "causeSourceId"));
            i.setCauseEventId(s(image, "causeEventId"));
            i.setCauseReference(s(image, "causeReference"));
            i.setCauseOccurredAt(s(image, "causeOccurredAt"));
            i.setCommitted(n(image, "committed"));
            i.setQuarantine(n(image, "quarantine"));
            i.setHeld(n(image, "held"));
            i.setSinceCount(n(image, Updates.SINCE_COUNT));
            return i;
        } catch (NotAsWritten e) {
            return null;
        }
    }

    /** The receipt item of {@code image}, or {@code null} when some attribute needs the schema to be read. */
    public static ReceiptItem receipt(Map<String, AttributeValue> image) {
        try {
            ReceiptItem i = new ReceiptItem();
            stored(i, image);
            i.setQueuedEvent(s(image, "queuedEvent"));
            i.setOutboxToken(s(image, "outboxToken"));
            i.setSourceId(s(image, "sourceId"));
            i.setEventId(s(image, "eventId"));
            i.setFingerprint(s(image, "fingerprint"));
            Long count = n(image, "movementCount");
            if (count != null && (count < Integer.MIN_VALUE || count > Integer.MAX_VALUE)) {
                throw NotAsWritten.INSTANCE;
            }
            i.setMovementCount(count == null ? null : count.intValue());
            i.setReceivedAt(s(image, "receivedAt"));
            i.setTtl(n(image, InventoryTable.TTL_ATTRIBUTE));
            i.setRelayRefusal(s(image, Items.RELAY_REFUSAL));
            i.setRelayRefusedAt(s(image, Items.RELAY_REFUSED_AT));
            i.setRelayRefusedLines(s(image, Items.RELAY_REFUSED_LINES));
            return i;
        } catch (NotAsWritten e) {
            return null;
        }
    }

    private static void stored(StoredItem i, Map<String, AttributeValue> image) throws NotAsWritten {
        i.setPk(s(image, InventoryTable.PK));
        i.setSk(s(image, InventoryTable.SK));
        i.setItemType(s(image, InventoryTable.ITEM_TYPE));
    }

    private static String s(Map<String, AttributeValue> image, String name) throws NotAsWritten {
        AttributeValue v = image.get(name);
        if (v == null) {
            return null;
        }
        if (v.s() == null) {
            throw NotAsWritten.INSTANCE;
        }
        return v.s();
    }

    private static Long n(Map<String, AttributeValue> image, String name) throws NotAsWritten {
        AttributeValue v = image.get(name);
        if (v == null) {
            return null;
        }
        if (v.n() == null) {
            throw NotAsWritten.INSTANCE;
        }
        try {
            return Long.parseLong(v.n());
        } catch (NumberFormatException e) {
            throw NotAsWritten.INSTANCE;
        }
    }

    public static StockLevel toLevel(StockItem i) {
        StockLevel.Cause cause = i.getCauseType() == null ? null : new StockLevel.Cause(
                ChangeType.valueOf(i.getCauseType()), i.getCauseSourceId(), i.getCauseEventId(),
                i.getCauseReference(), i.getCauseOccurredAt() == null ? null : Instant.parse(i.getCauseOccurredAt()));
        return new StockLevel(i.getSku(), i.getLocationId(), zero(i.getOnHand()), zero(i.getReserved()),
                zero(i.getDamaged()), zero(i.getInTransit()), zero(i.getVersion()),
                i.getLastCountAt() == null ? null : Instant.ofEpochMilli(i.getLastCountAt()),
                i.getUpdatedAt() == null ? null : Instant.parse(i.getUpdatedAt()), cause, zero(i.getCommitted()),
                zero(i.getQuarantine()));
    }

    /** The held event of a receipt, or null when it holds none (a refused vendor event, or recorded before the relay). */
    public static HeldEvent toHeldEvent(ReceiptItem i) {
        if (i.getQueuedEvent() == null || i.getOutboxToken() == null) {
            return null;
        }
        return new HeldEvent(new OutboxEvent(toReceipt(i), QueuedEventCodec.decode(i.getQueuedEvent())), i.getOutboxToken());
    }

    public static EventReceipt toReceipt(ReceiptItem i) {
        return new EventReceipt(i.getSourceId(), i.getEventId(), i.getFingerprint(),
                i.getMovementCount(), Instant.parse(i.getReceivedAt()), i.getRelayRefusal(),
                EventReceipt.parseLines(i.getRelayRefusedLines()));
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }
}
