package io.inventorysync.domain;

/**
 * Units of one SKU held by a reservation.
 *
 * @param fulfilled units of a deferred commitment already handed over (0 for any other hold)
 */
public record ReservationLine(String sku, long quantity, long fulfilled) {

    public ReservationLine(String sku, long quantity) {
        this(sku, quantity, 0);
    }

    /** Units of a deferred commitment still to be handed over. */
    public long remaining() {
        return quantity - fulfilled;
    }

    /** This line with {@code units} more handed over. */
    public ReservationLine fulfil(long units) {
        return new ReservationLine(sku, quantity, fulfilled + units);
    }
}
