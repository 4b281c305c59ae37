package io.inventorysync.store;

import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.Outcome;

/**
 * What the store did with one movement.
 *
 * @param reason a stable code explaining the outcome, or {@code null}: {@code IDEMPOTENCY_KEY_REUSED}
 *               for a rejected reuse; {@code RESERVATION_CONSUMED}, {@code RESERVATION_NOT_ACTIVE} or
 *               {@code RESERVATION_UNKNOWN} or {@code RESERVATION_OTHER_LOCATION} for a sale naming a
 *               reservation (the sale applies in every case: it is a physical fact)
 */
public record ApplyResult(MovementKey key, Outcome outcome, String reason) {
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    public static final String RESERVATION_CONSUMED = "RESERVATION_CONSUMED";
    public static final String RESERVATION_NOT_ACTIVE = "RESERVATION_NOT_ACTIVE";
    public static final String RESERVATION_UNKNOWN = "RESERVATION_UNKNOWN";
    public static final String RESERVATION_OTHER_LOCATION = "RESERVATION_OTHER_LOCATION";
}
