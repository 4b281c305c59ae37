package io.inventorysync.domain;

/** Condition of returned goods: resalable goods go back on hand, damaged goods are kept apart. */
public enum ItemCondition {
    RESALABLE,
    DAMAGED
}
