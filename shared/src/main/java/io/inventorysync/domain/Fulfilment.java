package io.inventorysync.domain;

/**
 * How a committed hold's units leave: at once ({@link #IMMEDIATE}, contract v1), or later, when
 * the order is shipped from store or picked up ({@link #DEFERRED}: the units stay on hand and
 * count as {@code committed} until fulfilled).
 */
public enum Fulfilment {
    IMMEDIATE,
    DEFERRED
}
