package io.inventorysync.domain;

/**
 * What one change does to the counters of a stock record. {@code onHandAbsolute} is set by a
 * physical count, which replaces {@code onHand} instead of adding to it.
 */
public record StockChange(long onHandDelta, Long onHandAbsolute, long reservedDelta, long damagedDelta,
                          long inTransitDelta) {

    public static final StockChange NONE = new StockChange(0, null, 0, 0, 0);

    public static StockChange onHand(long delta) {
        return new StockChange(delta, null, 0, 0, 0);
    }

    public static StockChange reserved(long delta) {
        return new StockChange(0, null, delta, 0, 0);
    }

    /** True when this change moves {@code onHand}, and so can be superseded by a later count. */
    public boolean touchesOnHand() {
        return onHandAbsolute != null || onHandDelta != 0;
    }

    /** This change with its effect on {@code onHand} dropped: what is left when a count supersedes it. */
    public StockChange withoutOnHand() {
        return new StockChange(0, null, reservedDelta, damagedDelta, inTransitDelta);
    }

    public boolean isEmpty() {
        return !touchesOnHand() && reservedDelta == 0 && damagedDelta == 0 && inTransitDelta == 0;
    }
}
