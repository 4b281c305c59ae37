package io.inventorysync.store;

import io.inventorysync.domain.StockLevel;

/**
 * What the master record of {@code (sku, locationId)} held on hand as of a snapshot's time.
 *
 * @param level  the record as read (strongly consistent), or {@code null} when it was never written
 * @param onHand its {@code onHand} as of that time ({@link io.inventorysync.domain.MovementRules#onHandAsOf});
 *               {@code null} when a count later than that time makes the comparison moot
 */
public record MasterAsOf(String sku, String locationId, StockLevel level, Long onHand) {

    /** True when the record was never written: as of any time it held nothing. */
    public boolean neverSeen() {
        return level == null;
    }

    /** True when the record's latest count is later than the snapshot. */
    public boolean countedAfter() {
        return level != null && onHand == null;
    }
}
