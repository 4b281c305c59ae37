package io.inventorysync.domain;

import java.util.Objects;

/**
 * One line of a snapshot: what the source believes of one SKU (at one location for {@code ON_HAND}).
 *
 * @param sku        the canonical SKU (after the source's aliases)
 * @param sourceSku  the SKU as the source sent it
 * @param locationId {@code null} for {@code CHANNEL_AVAILABLE}
 */
public record SnapshotLine(String sku, String sourceSku, String locationId, long quantity) {
    public SnapshotLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(sourceSku, "sourceSku");
    }

    public SnapshotLine withSku(String canonical) {
        return new SnapshotLine(canonical, sourceSku, locationId, quantity);
    }
}
