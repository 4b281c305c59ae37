package io.inventorysync.movements;

import io.inventorysync.domain.Movement;

import java.util.List;

/** Where accepted movements wait to be applied, in order per {@code (sku, locationId)}. */
public interface MovementQueue {

    /**
     * Makes every movement durable in the queue, or throws {@link QueueUnavailableException}
     * (some may then be queued already: re-sending is harmless, movements are idempotent).
     */
    void send(List<Movement> movements);

    /** The queue could not take the movements; the sender should retry later. */
    final class QueueUnavailableException extends RuntimeException {
        public QueueUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
