package io.inventorysync.domain;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request to hand over units of a deferred commitment.
 *
 * @param fulfilmentId the caller's id of this fulfilment: a repeat under it is harmless
 * @param lines        the units per SKU; {@code null} for everything that remains
 */
public record FulfilmentRequest(String fulfilmentId, List<ReservationLine> lines) {

    public FulfilmentRequest {
        lines = lines == null ? null : List.copyOf(lines);
    }

    /** Identifies the request's content: line order does not count. */
    public String fingerprint() {
        String body = lines == null ? "*" : lines.stream().sorted(Comparator.comparing(ReservationLine::sku))
                .map(l -> l.sku() + "=" + l.quantity()).collect(Collectors.joining(","));
        return Digests.sha256(fulfilmentId + "\u001f" + body);
    }
}
