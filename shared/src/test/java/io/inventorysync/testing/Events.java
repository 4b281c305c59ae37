package io.inventorysync.testing;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationRequest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Builds events and movements for tests, one line at a time. */
public final class Events {
    public static final String SOURCE = "pos-acme";

    private Events() {
    }

    public static InventoryEvent event(String eventId, ChangeType type, Instant occurredAt, String locationId,
                                       EventLine... lines) {
        return new InventoryEvent(eventId, type, occurredAt, locationId, Arrays.asList(lines), "ref/" + eventId,
                null, null, null, type == ChangeType.ADJUSTMENT ? "shrinkage" : null);
    }

    public static EventLine line(String sku, long quantity) {
        return new EventLine(sku, quantity);
    }

    public static EventLine returned(String sku, long quantity, ItemCondition condition) {
        return new EventLine(sku, sku, quantity, condition);
    }

    /** The only movement of a one-line event at {@code locationId}. */
    public static Movement one(String eventId, ChangeType type, Instant occurredAt, String locationId, String sku,
                               long quantity) {
        return Movements.of(SOURCE, event(eventId, type, occurredAt, locationId, line(sku, quantity))).getFirst();
    }

    public static Movement sale(String eventId, Instant occurredAt, String locationId, String sku, long quantity,
                                String reservationId) {
        InventoryEvent e = new InventoryEvent(eventId, ChangeType.SALE, occurredAt, locationId,
                List.of(line(sku, quantity)), null, reservationId, null, null, null);
        return Movements.of(SOURCE, e).getFirst();
    }

    public static List<Movement> transferOut(String eventId, Instant occurredAt, String from, String to, String sku,
                                             long quantity) {
        return Movements.of(SOURCE, new InventoryEvent(eventId, ChangeType.TRANSFER_OUT, occurredAt, from,
                List.of(line(sku, quantity)), null, null, to, null, null));
    }

    public static Movement transferIn(String eventId, Instant occurredAt, String at, String from, String sku,
                                      long quantity) {
        return Movements.of(SOURCE, new InventoryEvent(eventId, ChangeType.TRANSFER_IN, occurredAt, at,
                List.of(line(sku, quantity)), null, null, null, from, null)).getFirst();
    }

    public static ReservationRequest hold(String reservationId, String locationId, int ttlSeconds,
                                          ReservationLine... lines) {
        return new ReservationRequest(reservationId, "shop-web", locationId, ttlSeconds, Arrays.asList(lines));
    }

    /** A hold placed by {@link #hold}'s storefront. */
    public static io.inventorysync.domain.HoldRef ref(String reservationId) {
        return new io.inventorysync.domain.HoldRef("shop-web", reservationId);
    }

    public static ReservationLine held(String sku, long quantity) {
        return new ReservationLine(sku, quantity);
    }
}
