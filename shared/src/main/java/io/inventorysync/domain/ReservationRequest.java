package io.inventorysync.domain;

import java.util.Comparator;
import java.util.List;
import java.util.ArrayList;

/**
 * A storefront's request to hold stock during checkout: all lines or none.
 *
 * @param sourceId the storefront (a source) that asked
 */
public record ReservationRequest(String reservationId, String sourceId, String locationId, int ttlSeconds,
                                 List<ReservationLine> lines) {

    public ReservationRequest {
        lines = List.copyOf(lines);
    }

    /** The hold this request places, as its storefront names it. */
    public HoldRef ref() {
        return new HoldRef(sourceId, reservationId);
    }

    /**
     * Identifies the request's content, so a repeat of the same request is told apart from a
     * different request reusing the id. Line order does not count: a retry may list the lines
     * in another order.
     */
    public String fingerprint() {
        List<Object> fields = new ArrayList<>(List.of(reservationId, sourceId, locationId, ttlSeconds));
        lines.stream().sorted(Comparator.comparing(ReservationLine::sku)).forEach(l -> {
            fields.add(l.sku());
            fields.add(l.quantity());
        });
        return Digests.fingerprint(fields.toArray());
    }
}
