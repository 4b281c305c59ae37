package io.inventorysync.store;

import java.util.List;

/**
 * The kind of each item of the single table, stored in {@link InventoryTable#ITEM_TYPE}. The one
 * spelling of these tags: the store writes them, and the outbox, the CDK stream filter and the
 * local stream reader select by them.
 */
public enum ItemType {
    /** A stock level: one per {@code (sku, locationId)}. */
    STOCK,
    /** A ledger entry: a movement (its idempotency record) or one line of a hold's transition. */
    LEDGER,
    /** A checkout hold. */
    HOLD,
    /** The receipt of an accepted event. */
    RECEIPT,
    /** A source's configuration. */
    SOURCE,
    /** A signed request id bound to the route it was first used on. */
    REQUEST,
    /** A snapshot's header: what every part repeats, the parts received, the reconciler's cursor and counters. */
    SNAPSHOT,
    /** One part of a snapshot, its lines as sent (compressed). */
    SNAPSHOT_PART,
    /** A drifted line of a snapshot: written once, so its insertion publishes {@code DriftDetected} once. */
    DRIFT,
    /** A vendor order that committed a hold (vendor adapters). */
    VENDOR_ORDER,
    /** Where a vendor source's pull of changes stands (vendor adapters). */
    PULL_POSITION,
    /** The last number a channel connector pushed for a SKU (vendor adapters). */
    PUSHED,
    /** A channel's availability of one SKU: one per {@code (channel, sku)}, beside the SKU's levels. */
    CHANNEL,
    /**
     * An operator's record that a one-off step was done over the whole table (the stock index backfill's
     * walk: {@code StockIndexBackfill#recordWhole}); in no index, heard by no stream consumer.
     */
    MARKER;

    /** The kinds whose changes channels hear about: the stream filter lets only these through. */
    public static final List<ItemType> PUBLISHED = List.of(STOCK, HOLD, DRIFT, CHANNEL);

    /** The tag of {@code value}, or {@code null} when it is not a known tag. */
    public static ItemType parse(String value) {
        for (ItemType t : values()) {
            if (t.name().equals(value)) {
                return t;
            }
        }
        return null;
    }

    /** True for the kinds in {@link #PUBLISHED}. */
    public boolean isPublished() {
        return PUBLISHED.contains(this);
    }
}
