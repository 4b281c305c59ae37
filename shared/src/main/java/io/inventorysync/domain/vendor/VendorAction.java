package io.inventorysync.domain.vendor;

import io.inventorysync.domain.ReservationLine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one vendor delivery asks of this product, decided by {@link ShopifyMapping} or
 * {@link SquareMapping} without touching any store. The adapter service carries each out.
 */
public sealed interface VendorAction {

    /**
     * Contract events (as the JSON a source would post to {@code POST /v1/sources/{id}/events}),
     * handed to the same validate-queue path as any source's.
     */
    record Submit(List<Map<String, Object>> events) implements VendorAction {
        public Submit {
            events = List.copyOf(events);
        }
    }

    /**
     * An event that cannot become a movement: recorded {@code REJECTED} with {@code reason}, so its
     * status shows why, and answered 2xx so the vendor does not retry it for hours.
     */
    record Reject(String eventId, String reason, String vendorLocationId, String detail) implements VendorAction {
    }

    /** An online order naming a hold: the hold is committed {@code DEFERRED} (if it is this source's own). */
    record CommitHold(String eventId, String orderId, String reservationId) implements VendorAction {
    }

    /** A fulfilment of an order that committed a hold: those units leave. */
    record FulfilHold(String eventId, String orderId, String fulfilmentId, List<ReservationLine> lines)
            implements VendorAction {
        public FulfilHold {
            lines = List.copyOf(lines);
        }
    }

    /** A cancelled order that committed a hold: what remains committed goes back. */
    record CancelHold(String eventId, String orderId) implements VendorAction {
    }

    /**
     * The vendor's own number for an item at a location, never a movement: compared with what this
     * product last pushed there (echo, or drift).
     */
    record Observe(String vendorItemId, String vendorLocationId, long available, Instant observedAt)
            implements VendorAction {
    }

    /** Nothing to do, and why (an unknown topic, a refund that restocks nothing, our own echo). */
    record Ignore(String why) implements VendorAction {
    }
}
