package io.inventorysync.store;

import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Movements;

import java.util.List;
import java.util.Objects;

/**
 * An accepted event as the queue outbox holds it: its receipt and the event itself, SKUs already
 * mapped, from which its movements are rebuilt exactly as the webhook first sent them. Written in
 * the same transaction as the receipt, so an event is never accepted without what it must queue.
 */
public record OutboxEvent(EventReceipt receipt, InventoryEvent event) {
    public OutboxEvent {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(event, "event");
        if (!receipt.eventId().equals(event.eventId())) {
            throw new IllegalArgumentException("receipt of " + receipt.eventId() + " with event " + event.eventId());
        }
    }

    /** The event's movements, stamped with the time the webhook received it. */
    public List<Movement> movements() {
        return Movements.of(receipt.sourceId(), event).stream().map(m -> m.withReceivedAt(receipt.receivedAt())).toList();
    }
}
