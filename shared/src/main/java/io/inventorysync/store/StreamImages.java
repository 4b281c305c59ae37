package io.inventorysync.store;

import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.internal.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Reads the table's items as the stream delivers them (an old or new image), for the outbox. The
 * one public door to the item mapping: code outside the store never sees the stored beans.
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
        return image == null || image.isEmpty() ? null : Items.toLevel(Items.STOCK.mapToItem(image));
    }

    /** The channel's number in a {@link ItemType#CHANNEL} image, or {@code null} for an empty or absent image. */
    public static ChannelAvailability channelAvailability(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? null : DynamoDbChannelAvailabilities.toAvailability(image);
    }

    /** The hold in a {@link ItemType#HOLD} image, or {@code null} for an empty or absent image. */
    public static Reservation hold(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? null : Items.toReservation(Items.HOLD.mapToItem(image));
    }
}
