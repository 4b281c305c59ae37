package io.inventorysync.domain;

/** What became of one movement. */
public enum Outcome {
    /** The movement changed the stock level. */
    APPLIED,
    /** The same movement was applied before; nothing was written. */
    DUPLICATE,
    /** Recorded, but its on-hand effect predates the latest physical count, which already includes it. */
    SUPERSEDED_BY_COUNT,
    /** Never applied; the reason says why. */
    REJECTED
}
