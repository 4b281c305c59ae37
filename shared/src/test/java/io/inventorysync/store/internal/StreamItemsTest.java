package io.inventorysync.store.internal;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.OutboxEvent;
import io.inventorysync.store.StreamImages;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Stream images read without the schemas ({@link StreamItems}) read as the schemas read them: every
 * attribute of the stock and receipt schemas, the images the store writes, and odd shapes (which
 * fall back to the schema, so the outcome, a value or an exception, is the schema's).
 */
class StreamItemsTest {

    /** An image naming every attribute of {@code schema}, each with a value of its type, distinct per attribute. */
    private static Map<String, AttributeValue> everyAttribute(TableSchema<?> schema) {
        Map<String, AttributeValue> image = new HashMap<>();
        int i = 0;
        for (String name : schema.attributeNames()) {
            i++;
            AttributeValueType type = schema.converterForAttribute(name).attributeValueType();
            image.put(name, switch (type) {
                case S -> AttributeValue.fromS("v" + i + "-" + name + " é\u2603");
                case N -> AttributeValue.fromN(Long.toString(i * 1_000_003L - 7));
                default -> throw new AssertionError(name + " is " + type + ": read it in StreamItems");
            });
        }
        return image;
    }

    @Test
    void everyStockAttributeIsReadAsTheSchemaReadsIt() {
        Map<String, AttributeValue> image = everyAttribute(Items.STOCK);
        StockItem direct = StreamItems.stock(image);
        assertNotNull(direct);
        assertEquals(image, Items.STOCK.itemToMap(direct, true));
        assertEquals(Items.STOCK.itemToMap(Items.STOCK.mapToItem(image), false), Items.STOCK.itemToMap(direct, false));
    }

    @Test
    void everyReceiptAttributeIsReadAsTheSchemaReadsIt() {
        Map<String, AttributeValue> image = everyAttribute(Items.RECEIPT);
        ReceiptItem direct = StreamItems.receipt(image);
        assertNotNull(direct);
        assertEquals(image, Items.RECEIPT.itemToMap(direct, true));
        assertEquals(Items.RECEIPT.itemToMap(Items.RECEIPT.mapToItem(image), false), Items.RECEIPT.itemToMap(direct, false));
    }

    @Test
    void aStockLevelAsTheStoreWritesItReadsTheSame() {
        StockItem item = new StockItem();
        item.setPk("STOCK#SKU-1");
        item.setSk("LOC#store-1");
        item.setItemType("STOCK");
        item.setSku("SKU-1");
        item.setLocationId("store-1");
        item.setOnHand(-3L);
        item.setReserved(2L);
        item.setDamaged(0L);
        item.setVersion(Long.MAX_VALUE);
        item.setLastCountAt(1_700_000_000_123L);
        item.setUpdatedAt("2026-11-30T06:00:00.123456789Z");
        item.setCauseType(ChangeType.SALE.name());
        item.setCauseSourceId("pos-1");
        item.setCauseEventId("e-1");
        item.setCauseOccurredAt("2026-11-30T05:59:59Z");
        item.setQuarantine(1L);
        for (boolean ignoreNulls : new boolean[] {true, false}) {
            Map<String, AttributeValue> image = Items.STOCK.itemToMap(item, ignoreNulls);
            StockLevel expected = Items.toLevel(Items.STOCK.mapToItem(image));
            assertEquals(expected, StreamImages.level(image));
            // With NULL attributes (ignoreNulls=false) the schema reads the image; without them, StreamItems does.
            assertEquals(ignoreNulls, StreamItems.stock(image) != null, "ignoreNulls=" + ignoreNulls);
        }
    }

    @Test
    void aHeldReceiptAsTheStoreWritesItReadsTheSame() {
        InventoryEvent event = new InventoryEvent("e-\u00e9\u2603-1", ChangeType.SALE, Instant.parse("2026-11-30T05:00:00Z"),
                "store-1", List.of(new EventLine("SKU-1", "alias-1", 2, null, null, null),
                new EventLine("SKU-2", "SKU-2", 1, null, null, null)), "ref \"quoted\"", null, null, null, null, null);
        HeldEvent held = new HeldEvent(new OutboxEvent(new EventReceipt("pos-1", event.eventId(), "fp", 2,
                Instant.parse("2026-11-30T05:00:01.5Z")), event), "token-1");
        Map<String, AttributeValue> image = StreamImages.heldReceiptImage(held);
        assertNotNull(StreamItems.receipt(image));
        assertEquals(Optional.of(held), StreamImages.newlyHeld(Map.of(), image));
        assertEquals(Items.toHeldEvent(Items.RECEIPT.mapToItem(image)), StreamImages.newlyHeld(null, image).orElseThrow());
    }

    /** Shapes the store never writes: the direct reader declines, and the outcome is the schema's. */
    @Test
    void oddShapesAreReadThroughTheSchema() {
        Map<String, AttributeValue> stock = Items.STOCK.itemToMap(levelItem(), true);
        List<Function<Map<String, AttributeValue>, Map<String, AttributeValue>>> odd = List.of(
                m -> with(m, "onHand", AttributeValue.fromS("5")),
                m -> with(m, "onHand", AttributeValue.fromN("1.5")),
                m -> with(m, "version", AttributeValue.fromN("99999999999999999999")),
                m -> with(m, "reserved", AttributeValue.fromNul(true)),
                m -> with(m, "sku", AttributeValue.fromN("42")),
                m -> with(m, "sku", AttributeValue.fromBool(true)),
                m -> with(m, "updatedAt", AttributeValue.fromNul(true)),
                m -> with(m, "locationId", AttributeValue.fromB(SdkBytes.fromUtf8String("store-1"))),
                m -> with(m, "causeType", AttributeValue.fromL(List.of())));
        for (var change : odd) {
            Map<String, AttributeValue> image = change.apply(stock);
            assertNull(StreamItems.stock(image), image.toString());
            assertEquals(outcome(() -> Items.toLevel(Items.STOCK.mapToItem(image))), outcome(() -> StreamImages.level(image)),
                    image.toString());
        }
        // Attributes no schema maps are ignored, as the schema ignores them.
        Map<String, AttributeValue> extra = with(stock, "somethingNew", AttributeValue.fromM(Map.of()));
        assertNotNull(StreamItems.stock(extra));
        assertEquals(Items.toLevel(Items.STOCK.mapToItem(extra)), StreamImages.level(extra));

        InventoryEvent event = new InventoryEvent("e-1", ChangeType.SALE, Instant.parse("2026-11-30T05:00:00Z"), "store-1",
                List.of(new EventLine("SKU-1", "SKU-1", 1, null, null, null)), null, null, null, null, null, null);
        Map<String, AttributeValue> receipt = StreamImages.heldReceiptImage(new HeldEvent(new OutboxEvent(
                new EventReceipt("pos-1", "e-1", "fp", 1, Instant.parse("2026-11-30T05:00:01Z")), event), "t"));
        for (var change : List.<Function<Map<String, AttributeValue>, Map<String, AttributeValue>>>of(
                m -> with(m, "movementCount", AttributeValue.fromN("3000000000")),
                m -> with(m, "movementCount", AttributeValue.fromS("1")),
                m -> with(m, "receivedAt", AttributeValue.fromNul(true)),
                m -> with(m, "outboxToken", AttributeValue.fromN("7")),
                m -> with(m, "fingerprint", AttributeValue.fromSs(List.of("a"))))) {
            Map<String, AttributeValue> image = change.apply(receipt);
            assertNull(StreamItems.receipt(image), image.toString());
            assertEquals(outcome(() -> Items.toHeldEvent(Items.RECEIPT.mapToItem(image))),
                    outcome(() -> StreamImages.newlyHeld(Map.of(), image).orElse(null)), image.toString());
        }
    }

    private static StockItem levelItem() {
        StockItem item = new StockItem();
        item.setPk("STOCK#SKU-1");
        item.setSk("LOC#store-1");
        item.setItemType("STOCK");
        item.setSku("SKU-1");
        item.setLocationId("store-1");
        item.setOnHand(4L);
        item.setReserved(1L);
        item.setVersion(9L);
        item.setUpdatedAt("2026-11-30T06:00:00Z");
        item.setCauseType(ChangeType.RECEIPT.name());
        return item;
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> image, String name, AttributeValue value) {
        Map<String, AttributeValue> copy = new HashMap<>(image);
        copy.put(name, value);
        return copy;
    }

    /** A value, or the exception's class (StreamImages wraps the receipt's as UnreadableHeldEvent: its reason names it). */
    private static Object outcome(Supplier<Object> read) {
        try {
            return read.get();
        } catch (StreamImages.UnreadableHeldEvent e) {
            return e.getMessage().substring(0, e.getMessage().indexOf(':'));
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
