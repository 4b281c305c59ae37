package io.inventorysync.store;

import java.util.Objects;

/** The key of one master record: a SKU at a location. */
public record RecordKey(String sku, String locationId) {
    public RecordKey {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(locationId, "locationId");
    }
}
