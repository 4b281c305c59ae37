package io.inventorysync.domain;

/** The states a unit can be in at one location, for {@code MOVE} and {@code WRITE_OFF} lines. */
public enum StockState {
    /** Sellable units physically here ({@code onHand}). */
    ON_HAND,
    /** Units that cannot be sold ({@code damaged}). */
    DAMAGED,
    /** Units held for inspection ({@code quarantine}). */
    QUARANTINE
}
