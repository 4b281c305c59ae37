package io.inventorysync.store;

import java.time.Instant;

/**
 * Proof that an event was accepted at ingest: what it was (its fingerprint) and how many
 * movements it queued, so its status can tell queued from done.
 */
public record EventReceipt(String sourceId, String eventId, String fingerprint, int movementCount, Instant receivedAt) {
}
