package io.inventorysync.movements;

import io.inventorysync.domain.Movement;

import java.time.Instant;
import java.util.List;

/** Where accepted movements wait to be applied, in order per {@code (sku, locationId)}. */
public interface MovementQueue {

    /**
     * Sends the movements, keeping their order per {@code (sku, locationId)}, until {@code deadline}.
     * Never throws for the queue's sake: what could not be sent is answered, for the caller to leave
     * in the outbox. Re-sending any movement is harmless (SQS deduplication, then the ledger).
     *
     * @return the movements not known to be in the queue: SQS kept failing, or the deadline came
     *         first; empty when every one was sent
     */
    List<Movement> send(List<Movement> movements, Instant deadline);
}
