package io.inventorysync.store;

import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;

/** Applies movements exactly once: the ledger entry is the idempotency record, written with the stock change. */
public interface MovementLedger {

    /** Applies one movement exactly once. */
    ApplyResult apply(Movement movement);

    /**
     * Records that a movement can never be applied (its message is unreadable or invalid), so the
     * event's status shows it, unless the movement already has an outcome. Changes no stock.
     *
     * @param sku        the record it was meant for, or {@code null} if unknown
     * @param locationId likewise
     */
    void recordRejected(MovementKey key, String sku, String locationId, String reason);
}
