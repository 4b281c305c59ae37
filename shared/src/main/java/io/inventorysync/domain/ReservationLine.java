package io.inventorysync.domain;

/** Units of one SKU held by a reservation. */
public record ReservationLine(String sku, long quantity) {
}
