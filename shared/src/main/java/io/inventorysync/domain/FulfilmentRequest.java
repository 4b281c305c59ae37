package io.inventorysync.domain;

import java.util.Comparator;
import java.util.List;
import java.util.ArrayList;

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
        List<Object> fields = new ArrayList<>();
        fields.add(fulfilmentId);
        fields.add(lines == null ? null : lines.size());
        if (lines != null) {
            lines.stream().sorted(Comparator.comparing(ReservationLine::sku)).forEach(l -> {
                fields.add(l.sku());
                fields.add(l.quantity());
            });
        }
        return Digests.fingerprint(fields.toArray());
    }
}
