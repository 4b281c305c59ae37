package io.inventorysync.testing;

import io.inventorysync.domain.Movement;
import io.inventorysync.ingest.IngestRelay;
import io.inventorysync.movements.MovementQueue;
import io.inventorysync.movements.QueuedMovement;
import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.StreamImages;
import io.inventorysync.telemetry.Telemetry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The movements queue port in memory: keeps what was sent, or sends nothing while {@link #failing},
 * or refuses every movement as malformed while {@link #refusing} is set (SQS's sender fault).
 *
 * <p>{@link #relaying} puts the real {@link IngestRelay} in front of it, fed by the in-memory
 * store's stand-in for the table's stream (each record built from the receipt's real image):
 * {@link #sent()} first relays whatever the store wrote since, as the stream's consumer would. A
 * record the relay reports failed stays pending and is delivered again, as Lambda does.
 */
public final class RecordingMovementQueue implements MovementQueue {
    private final List<Movement> sent = new ArrayList<>();
    /** What the relay parked in the movements DLQ, with the reason: {@code sourceId#eventId -> reason}. */
    public final List<Map.Entry<String, String>> parked = new ArrayList<>();
    public boolean failing;
    public String refusing;

    private InMemoryInventoryStore store;
    private IngestRelay relay;
    private final List<IngestRelay.Change> pending = new ArrayList<>();
    private long sequence;

    /** Relays every receipt {@code store} writes before {@link #sent()} answers. */
    public RecordingMovementQueue relaying(InMemoryInventoryStore store, Clock clock) {
        this.store = store;
        this.relay = new IngestRelay(this, (QueuedMovement m, String reason) -> parked.add(Map.entry(
                m.attributes().get("sourceId") + "#" + m.attributes().get("eventId"), reason)), store::recordRelayRefusal, clock);
        return this;
    }

    @Override
    public synchronized Sent send(List<Movement> movements, Instant deadline) {
        if (refusing != null) {
            return new Sent(movements, refusing);
        }
        if (failing) {
            return new Sent(movements, null);
        }
        sent.addAll(movements);
        return Sent.ALL;
    }

    /** What reached the queue (after relaying what the store wrote, when {@link #relaying}); a live list. */
    public List<Movement> sent() {
        if (relay != null) {
            relayPending();
        }
        return sent;
    }

    /** One delivery of the stream records not yet relayed; those from the first failure on stay pending. */
    public synchronized IngestRelay.Result relayPending() {
        for (HeldEvent held : store.takeNewlyHeld()) {
            pending.add(new IngestRelay.Change(Long.toString(++sequence), Map.of(), StreamImages.heldReceiptImage(held)));
        }
        IngestRelay.Result result = relay.relay(List.copyOf(pending), Instant.MAX, Telemetry.discarded());
        int done = result.failedAt().map(seq -> indexOf(seq)).orElse(pending.size());
        pending.subList(0, done).clear();
        return result;
    }

    private int indexOf(String sequenceNumber) {
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new IllegalStateException("failed record " + sequenceNumber + " was not delivered");
    }
}
