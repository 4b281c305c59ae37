package io.inventorysync.domain;

/**
 * What one change does to the counters of a stock record. {@code onHandAbsolute} is set by a
 * physical count, which replaces {@code onHand} instead of adding to it.
 */
public record StockChange(long onHandDelta, Long onHandAbsolute, long reservedDelta, long damagedDelta,
                          long inTransitDelta, long committedDelta, long quarantineDelta) {

    public static final StockChange NONE = new StockChange(0, null, 0, 0, 0, 0, 0);

    /** A change to the counters of contract v1 only. */
    public StockChange(long onHandDelta, Long onHandAbsolute, long reservedDelta, long damagedDelta,
                       long inTransitDelta) {
        this(onHandDelta, onHandAbsolute, reservedDelta, damagedDelta, inTransitDelta, 0, 0);
    }

    public static StockChange onHand(long delta) {
        return new StockChange(delta, null, 0, 0, 0);
    }

    public static StockChange reserved(long delta) {
        return new StockChange(0, null, delta, 0, 0);
    }

    public static StockChange committed(long delta) {
        return new StockChange(0, null, 0, 0, 0, delta, 0);
    }

    /** The change of {@code delta} units in {@code state}. */
    public static StockChange of(StockState state, long delta) {
        return switch (state) {
            case ON_HAND -> onHand(delta);
            case DAMAGED -> new StockChange(0, null, 0, delta, 0);
            case QUARANTINE -> new StockChange(0, null, 0, 0, 0, 0, delta);
        };
    }

    /** Both changes together; at most one of them may be a count. */
    public StockChange plus(StockChange other) {
        if (onHandAbsolute != null && other.onHandAbsolute != null) {
            throw new IllegalArgumentException("two counts cannot be added");
        }
        return new StockChange(onHandDelta + other.onHandDelta,
                onHandAbsolute != null ? onHandAbsolute : other.onHandAbsolute,
                reservedDelta + other.reservedDelta, damagedDelta + other.damagedDelta,
                inTransitDelta + other.inTransitDelta, committedDelta + other.committedDelta,
                quarantineDelta + other.quarantineDelta);
    }

    /** The change {@code available} sees in {@code onHand - reserved - committed} (a count aside). */
    public long freeDelta() {
        return onHandDelta - reservedDelta - committedDelta;
    }

    /** True when this change moves {@code onHand}, and so can be superseded by a later count. */
    public boolean touchesOnHand() {
        return onHandAbsolute != null || onHandDelta != 0;
    }

    /** This change with its effect on {@code onHand} dropped: what is left when a count supersedes it. */
    public StockChange withoutOnHand() {
        return new StockChange(0, null, reservedDelta, damagedDelta, inTransitDelta, committedDelta, quarantineDelta);
    }

    public boolean isEmpty() {
        return !touchesOnHand() && reservedDelta == 0 && damagedDelta == 0 && inTransitDelta == 0
                && committedDelta == 0 && quarantineDelta == 0;
    }
}
