package io.inventorysync.store;

import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.internal.Items;
import io.inventorysync.store.internal.ReceiptItem;
import io.inventorysync.store.internal.StockItem;
import io.inventorysync.store.internal.StreamItems;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the table's items as the stream delivers them (an old or new image), for the outbox and the
 * ingest relay. The one public door to the item mapping: code outside the store never sees the
 * stored beans.
 */
public final class StreamImages {
    private StreamImages() {
    }

    /** The kind of the item in {@code image}, or {@code null} when it is empty or carries no known tag. */
    public static ItemType typeOf(Map<String, AttributeValue> image) {
        AttributeValue tag = image == null ? null : image.get(InventoryTable.ITEM_TYPE);
        return tag == null ? null : ItemType.parse(tag.s());
    }

    /** The stock level in a {@link ItemType#STOCK} image, or {@code null} for an empty or absent image. */
    public static StockLevel level(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        // Read directly when the image is as the store writes it (no table schema built); else through the schema.
        StockItem item = StreamItems.stock(image);
        return StreamItems.toLevel(item != null ? item : Items.STOCK.mapToItem(image));
    }

    /** The channel's number in a {@link ItemType#CHANNEL} image, or {@code null} for an empty or absent image. */
    public static ChannelAvailability channelAvailability(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? null : DynamoDbChannelAvailabilities.toAvailability(image);
    }

    /** The hold in a {@link ItemType#HOLD} image, or {@code null} for an empty or absent image. */
    public static Reservation hold(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? null : Items.toReservation(Items.HOLD.mapToItem(image));
    }

    /** The receipt's attribute that holds the accepted event (compact JSON, SKUs mapped). */
    public static final String HELD_EVENT_ATTRIBUTE = "queuedEvent";
    /** The receipt's attribute naming the request that wrote it last. */
    public static final String HOLD_TOKEN_ATTRIBUTE = "outboxToken";

    /**
     * The ingest relay's event source filter, as a Lambda filter pattern: a new image of a receipt
     * that holds an event. The one definition: the CDK stack deploys it and the local cloud matches
     * records against it (event-ruler). Whether the record is a new hold is decided by
     * {@link #newlyHeld}, which a pattern cannot express (old and new token compared).
     */
    public static final Map<String, Object> HELD_RECEIPT_FILTER = ordered("dynamodb", ordered("NewImage", ordered(
            InventoryTable.ITEM_TYPE, ordered("S", List.of(ItemType.RECEIPT.name())),
            HELD_EVENT_ATTRIBUTE, ordered("S", List.of(ordered("exists", true))))));

    /** A map that keeps its keys' order, so the pattern's JSON (and the template) is the same on every synth. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /**
     * The event a stream record newly holds, to be relayed to the movements queue: the new image is a
     * receipt holding an event, and the old image (if any) did not hold it under the same token. A
     * receipt written for the first time (INSERT) is new; a sender's retry writes a new token
     * (MODIFY), so it is relayed again, harmlessly (SQS deduplication, then the ledger); anything
     * else (another item, a receipt without an event, a rewrite under the same token) is empty.
     *
     * @throws UnreadableHeldEvent when the new image holds an event that cannot be read: it never
     *                             will be, so the relay parks it instead of retrying it
     */
    public static Optional<HeldEvent> newlyHeld(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (typeOf(newImage) != ItemType.RECEIPT || !newImage.containsKey(HELD_EVENT_ATTRIBUTE)) {
            return Optional.empty();
        }
        String token = string(newImage, HOLD_TOKEN_ATTRIBUTE);
        if (typeOf(oldImage) == ItemType.RECEIPT && oldImage.containsKey(HELD_EVENT_ATTRIBUTE)
                && Objects.equals(token, string(oldImage, HOLD_TOKEN_ATTRIBUTE))) {
            return Optional.empty();
        }
        try {
            ReceiptItem item = StreamItems.receipt(newImage);
            return Optional.of(Objects.requireNonNull(StreamItems.toHeldEvent(item != null ? item : Items.RECEIPT.mapToItem(newImage)),
                    "no token"));
        } catch (RuntimeException e) {
            throw new UnreadableHeldEvent(string(newImage, "sourceId"), string(newImage, "eventId"),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String string(Map<String, AttributeValue> image, String attribute) {
        AttributeValue value = image == null ? null : image.get(attribute);
        return value == null ? null : value.s();
    }

    /**
     * The image of the receipt that holds {@code held}, exactly as the store writes it: what the
     * stream delivers for it (priming, benchmarks and tests build real records from it).
     */
    public static Map<String, AttributeValue> heldReceiptImage(HeldEvent held) {
        return Items.RECEIPT.itemToMap(Items.heldReceiptOf(held.event(), held.token()), true);
    }

    /** The held event of a receipt's image as stored (compact JSON), or null: what the relay parks as poison. */
    public static String heldEventText(Map<String, AttributeValue> image) {
        return string(image, HELD_EVENT_ATTRIBUTE);
    }

    /** A receipt's held event that cannot be read: poison for the relay, never retried. */
    public static final class UnreadableHeldEvent extends RuntimeException {
        private final String sourceId;
        private final String eventId;

        public UnreadableHeldEvent(String sourceId, String eventId, String reason) {
            super(reason);
            this.sourceId = sourceId;
            this.eventId = eventId;
        }

        public String sourceId() {
            return sourceId;
        }

        public String eventId() {
            return eventId;
        }
    }
}
