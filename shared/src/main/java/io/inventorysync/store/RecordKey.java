package io.inventorysync.store;

import java.util.Objects;

/** The key of one master record: a SKU at a location. */
public record RecordKey(String sku, String locationId) {
    public RecordKey {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(locationId, "locationId");
    }

    // equals and hashCode written out, with the record's meaning (both components equal): a record's
    // generated ones bootstrap java.lang.runtime.ObjectMethods on first use, tens of ms in a fresh JVM,
    // which the reconciler paid on its first event (a map keyed by RecordKey; README, issue 16, "Eighth round").
    @Override
    public boolean equals(Object o) {
        return o instanceof RecordKey other && sku.equals(other.sku) && locationId.equals(other.locationId);
    }

    @Override
    public int hashCode() {
        return 31 * sku.hashCode() + locationId.hashCode();
    }

    @Override
    public String toString() {
        return "RecordKey[sku=" + sku + ", locationId=" + locationId + "]";
    }
}
