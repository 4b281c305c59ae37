package io.inventorysync.ingest;

import io.inventorysync.domain.Movement;
import io.inventorysync.movements.MovementQueue;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.QueueOutbox;
import io.inventorysync.store.StoreException;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Sends what the webhook could not: every event held in the queue outbox for longer than
 * {@link Settings#OUTBOX_RELAY_AFTER} (the webhook's sends failed, it ran out of its send budget,
 * or it died after the durable write) has all its movements sent again and is then released.
 * Runs on the sweeper's schedule; a run is bounded by a deadline, and the outbox itself is the
 * continuation: an event stays held until it is released. Sending again what did reach the queue
 * is harmless: SQS drops a repeat within five minutes, the ledger every later one.
 */
public final class OutboxRelay {
    private static final Logger LOG = LogManager.getLogger(OutboxRelay.class);

    private final QueueOutbox outbox;
    private final MovementQueue queue;
    private final Clock clock;
    private final Duration relayAfter;

    /**
     * What one run did: events relayed and released, events still held (their sends failed), and
     * the age of the oldest event it saw held (zero when none): the relay backlog's alarm reads it.
     */
    public record Result(int relayed, int stillHeld, long oldestHeldSeconds, boolean drained) {
    }

    public OutboxRelay(QueueOutbox outbox, MovementQueue queue, Clock clock) {
        this(outbox, queue, clock, Settings.OUTBOX_RELAY_AFTER);
    }

    /** @param relayAfter how old a held event must be before the relay sends it */
    public OutboxRelay(QueueOutbox outbox, MovementQueue queue, Clock clock, Duration relayAfter) {
        this.outbox = outbox;
        this.queue = queue;
        this.clock = clock;
        this.relayAfter = relayAfter;
    }

    /** @param remainingMillis how long the run may still take (Lambda's remaining time, less a margin) */
    public Result run(LongSupplier remainingMillis, Telemetry telemetry) {
        Instant now = clock.instant();
        int relayed = 0;
        int stillHeld = 0;
        long oldest = 0;
        boolean drained = true;
        Iterator<QueueOutbox.HeldEvent> held = outbox.held(now.minus(relayAfter).plusMillis(1)).iterator();
        while (held.hasNext()) {
            long remaining = remainingMillis.getAsLong();
            if (remaining <= 0) {
                drained = false;
                break;
            }
            QueueOutbox.HeldEvent event = held.next();
            var receipt = event.event().receipt();
            oldest = Math.max(oldest, Duration.between(receipt.receivedAt(), now).toSeconds());
            List<Movement> unsent = queue.send(event.event().movements(), clock.instant().plusMillis(remaining));
            if (!unsent.isEmpty()) {
                stillHeld++;
                LOG.warn("event {} of {}: {} movement(s) still not queued; next run retries", receipt.eventId(),
                        receipt.sourceId(), unsent.size());
                continue;
            }
            try {
                outbox.markQueued(receipt.sourceId(), List.of(receipt.eventId()), event.token());
                relayed++;
            } catch (StoreException e) {
                stillHeld++;
                LOG.warn("event {} of {} queued but not released; next run sends it again", receipt.eventId(),
                        receipt.sourceId(), e);
            }
        }
        if (relayed + stillHeld > 0) {
            LOG.info("outbox relay: {} event(s) relayed, {} still held, oldest {} s", relayed, stillHeld, oldest);
        }
        telemetry.count("EventsRelayed", relayed);
        telemetry.count("EventsStillHeld", stillHeld);
        telemetry.milliseconds("OldestHeldEventAge", oldest * 1000);
        return new Result(relayed, stillHeld, oldest, drained);
    }
}
