package io.inventorysync.domain;

import java.util.Objects;

/**
 * One line of an inbound event.
 *
 * @param sku       the canonical SKU (after the source's alias map)
 * @param sourceSku the SKU as the source named it; equal to {@code sku} when no alias applied
 * @param quantity  units; negative only for {@link ChangeType#ADJUSTMENT}
 * @param condition for returns only; {@code null} for every other type
 * @param from      the state units leave, for {@code MOVE} and {@code WRITE_OFF}; {@code null} otherwise
 * @param to        the state units enter, for {@code MOVE}; {@code null} otherwise
 */
public record EventLine(String sku, String sourceSku, long quantity, ItemCondition condition, StockState from,
                        StockState to) {
    public EventLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(sourceSku, "sourceSku");
    }

    public EventLine(String sku, String sourceSku, long quantity, ItemCondition condition) {
        this(sku, sourceSku, quantity, condition, null, null);
    }

    public EventLine(String sku, long quantity) {
        this(sku, sku, quantity, null);
    }

    /** The same line under its canonical SKU, keeping the name the source used. */
    public EventLine withCanonicalSku(String canonicalSku) {
        return new EventLine(canonicalSku, sourceSku, quantity, condition, from, to);
    }
}
