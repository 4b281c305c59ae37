package io.inventorysync.store;

import java.time.Instant;

/**
 * Proof that an event was accepted at ingest: what it was (its fingerprint) and how many
 * movements it queued, so its status can tell queued from done; and, when the ingest relay could
 * never send it (and parked it in the movements DLQ), why: {@code relayRefusal}, a stable code.
 *
 * @param relayRefusal {@code REFUSED_BY_QUEUE} or {@code UNREADABLE_HELD_EVENT} once the relay parked the
 *                     event ({@link EventReceipts#recordRelayRefusal}); {@code null} otherwise
 */
public record EventReceipt(String sourceId, String eventId, String fingerprint, int movementCount, Instant receivedAt,
                           String relayRefusal) {

    /** A receipt the relay has not refused. */
    public EventReceipt(String sourceId, String eventId, String fingerprint, int movementCount, Instant receivedAt) {
        this(sourceId, eventId, fingerprint, movementCount, receivedAt, null);
    }

    /** This receipt with the relay's refusal recorded. */
    public EventReceipt refusedByRelay(String reason) {
        return new EventReceipt(sourceId, eventId, fingerprint, movementCount, receivedAt, reason);
    }
}
