package io.inventorysync.domain;

/**
 * Condition of returned goods: resalable goods go back on hand, damaged goods are kept apart,
 * goods to be inspected go to quarantine.
 */
public enum ItemCondition {
    RESALABLE,
    DAMAGED,
    QUARANTINE
}
