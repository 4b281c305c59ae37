package io.inventorysync.store;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The transactional outbox of the movements queue. Accepting a request writes each event's receipt
 * together with the event ({@link EventReceipts#recordReceipts}); the event stays held here until
 * every one of its movements is known to be in the queue. Whatever the webhook could not send (SQS
 * failed, or its time ran out) is sent later by the relay that reads {@link #held}.
 */
public interface QueueOutbox {

    /**
     * Releases these events of {@code sourceId}: their movements are all in the queue. Only an event
     * still held under {@code token} is released; a later repeat of the request holds it anew under
     * its own token, and that one stays until its own sender or the relay releases it.
     */
    void markQueued(String sourceId, List<String> eventIds, String token);

    /**
     * The events held since before {@code receivedBefore}, read lazily, roughly oldest first. An event
     * released meanwhile may still be listed; sending it again is harmless.
     */
    Stream<HeldEvent> held(Instant receivedBefore);

    /** An event in the outbox and the token it is held under. */
    record HeldEvent(OutboxEvent event, String token) {
    }
}
