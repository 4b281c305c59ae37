package io.inventorysync.ingest;

import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.movements.MovementQueue;
import io.inventorysync.movements.QueuedMovement;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.processor.PoisonQueue;
import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.StoreException;
import io.inventorysync.store.StreamImages;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Sends the movements of every newly accepted event to the movements queue, from the table's
 * stream: the webhook only writes the receipts (each holding its event) and answers; this is the
 * one sender. A record is a new hold when {@link StreamImages#newlyHeld} says so (a receipt written
 * for the first time, or again by a sender's retry under a new token); any other record is ignored.
 *
 * <p>The movements of a whole batch are sent together (lanes, message groups and deduplication ids
 * of {@link SqsMovementQueue}, so a record's movements keep their order). The answer is the first
 * record, in stream order, whose movements did not all reach the queue: Lambda delivers the batch
 * again from there (records before it are done; those after it are sent again, harmlessly: SQS's
 * deduplication within five minutes, the ledger after). A record that can never be sent (its held
 * event unreadable, or SQS refusing its movements as malformed even alone) is parked in the
 * movements dead-letter queue with its reason and never blocks the records behind it; its receipt then
 * records the refusal ({@link Refusals}, a stable code), so the event's status reads {@code REJECTED}
 * with that reason instead of {@code QUEUED} for ever, and {@code IngestRedriveCommand} leaves it alone.
 */
public final class IngestRelay {
    private static final Logger LOG = LogManager.getLogger(IngestRelay.class);
    /** The parked record's message group in the movements DLQ (FIFO). */
    static final String POISON_GROUP = "ingest-relay";
    /** The parked record's attribute naming its body's encoding ({@code base64}: of the held event's UTF-8 text). */
    public static final String POISON_BODY_ENCODING = "bodyEncoding";
    /** The refusal recorded on the receipt of an event whose movements SQS refuses as malformed, even sent alone. */
    public static final String REFUSED_BY_QUEUE = "REFUSED_BY_QUEUE";
    /** The refusal recorded on the receipt of an event the relay cannot read back from its receipt. */
    public static final String UNREADABLE_HELD_EVENT = "UNREADABLE_HELD_EVENT";

    /**
     * Where the relay records that it can never send an event it parked ({@code EventReceipts.recordRelayRefusal}:
     * on the receipt, once, never over an applied status).
     */
    @FunctionalInterface
    public interface Refusals {
        /**
         * @param refusedLines the positions, in the event's movements, of those SQS refused when others were
         *                     queued; empty when none was queued (the whole event refused)
         * @return whether it was recorded now ({@code false}: recorded before, or no such receipt)
         */
        boolean record(String sourceId, String eventId, String reason, Set<Integer> refusedLines);
    }

    private final MovementQueue queue;
    private final PoisonQueue poison;
    private final Refusals refusals;
    private final Clock clock;

    /** One stream record as the event source delivers it: images empty when absent. */
    public record Change(String sequenceNumber, Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        public Change {
            oldImage = oldImage == null ? Map.of() : oldImage;
            newImage = newImage == null ? Map.of() : newImage;
        }
    }

    /**
     * What one batch did.
     *
     * @param movementsQueued the movements SQS acknowledged (the {@code MovementsQueued} metric): a movement SQS
     *                        already held and dropped as a duplicate within its five-minute deduplication window is
     *                        acknowledged as sent, so a batch delivered again after SQS took part of it counts
     *                        that part again (exact within one delivery, not across deliveries: SQS does not say
     *                        which sends it deduplicated)
     * @param failedAt        the sequence number to deliver again from (the first record not fully sent), if any
     */
    public record Result(int relayed, int ignored, int parked, int movementsQueued, Optional<String> failedAt) {
    }

    public IngestRelay(MovementQueue queue, PoisonQueue poison, Refusals refusals, Clock clock) {
        this.queue = queue;
        this.poison = poison;
        this.refusals = refusals;
        this.clock = clock;
    }

    /** Relays one batch of stream records, sending until {@code deadline}. */
    public Result relay(List<Change> changes, Instant deadline, Telemetry telemetry) {
        // The held events of the batch, by their record's position, up to the first record that fails.
        Map<Integer, HeldEvent> held = new LinkedHashMap<>();
        int ignored = 0;
        int parked = 0;
        Integer failedIndex = null;
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            try {
                Optional<HeldEvent> event = StreamImages.newlyHeld(c.oldImage(), c.newImage());
                if (event.isPresent()) {
                    held.put(i, event.get());
                } else {
                    ignored++;
                }
            } catch (StreamImages.UnreadableHeldEvent e) {
                if (park(c, e.sourceId(), e.eventId(), UNREADABLE_HELD_EVENT, e.getMessage(), Set.of())) {
                    parked++;
                } else {
                    failedIndex = i;
                    break;
                }
            }
        }
        List<Movement> movements = new ArrayList<>();
        held.values().forEach(e -> movements.addAll(e.event().movements()));
        MovementQueue.Sent sent = movements.isEmpty() ? MovementQueue.Sent.ALL : queue.send(movements, deadline);
        int queued = movements.size() - sent.unsent().size();
        // How many of each event's movements the batch left unsent (an event's others went with the batch).
        Map<String, Integer> unsentEvents = new HashMap<>();
        sent.unsent().forEach(m -> unsentEvents.merge(m.key().sourceId() + "#" + m.key().eventId(), 1, Integer::sum));
        int relayed = 0;
        Instant now = clock.instant();
        long lag = 0;
        for (Map.Entry<Integer, HeldEvent> entry : held.entrySet()) {
            HeldEvent event = entry.getValue();
            var receipt = event.event().receipt();
            Integer leftOver = unsentEvents.get(receipt.sourceId() + "#" + receipt.eventId());
            if (leftOver != null) {
                if (sent.refusal() != null) {
                    // Some batch was refused as malformed: find out whether this record alone is. Its movements
                    // the batch took are sent again too (SQS answers them as sent, dropping the copy): counted once.
                    MovementQueue.Sent alone = queue.send(event.event().movements(), deadline);
                    queued += Math.max(0, leftOver - alone.unsent().size());
                    if (alone.complete()) {
                        relayed++;
                        continue;
                    }
                    // Parked only when every movement left over was refused (one that failed otherwise goes again,
                    // with its record). When some went, the receipt records which lines were refused: those read
                    // REJECTED at once, the queued ones follow the ledger, and the event stays QUEUED until all are done.
                    if (alone.onlyRefused() && park(changes.get(entry.getKey()), receipt.sourceId(), receipt.eventId(),
                            REFUSED_BY_QUEUE, alone.refusal(), refusedLines(event.event().movements(), alone))) {
                        parked++;
                        continue;
                    }
                }
                // Delivered again from here (the handler logs it).
                failedIndex = failedIndex == null ? entry.getKey() : Math.min(failedIndex, entry.getKey());
                break;
            }
            relayed++;
            lag = Math.max(lag, Duration.between(receipt.receivedAt(), now).toMillis());
        }
        telemetry.count("EventsRelayed", relayed);
        // SQS's acknowledgements, duplicates within its deduplication window included (Result#movementsQueued).
        telemetry.count("MovementsQueued", queued);
        if (parked > 0) {
            telemetry.count("EventsParked", parked);
        }
        if (relayed > 0) {
            telemetry.milliseconds("RelayLag", lag);
        }
        Optional<String> failedAt = failedIndex == null ? Optional.empty() : Optional.of(changes.get(failedIndex).sequenceNumber());
        return new Result(relayed, ignored, parked, queued, failedAt);
    }

    /** The positions of the refused movements among the event's; empty when every movement was refused. */
    private static Set<Integer> refusedLines(List<Movement> movements, MovementQueue.Sent sent) {
        if (sent.refused().size() >= movements.size()) {
            return Set.of();
        }
        Set<MovementKey> keys = new HashSet<>();
        sent.refused().forEach(m -> keys.add(m.key()));
        Set<Integer> lines = new TreeSet<>();
        for (int i = 0; i < movements.size(); i++) {
            if (keys.contains(movements.get(i).key())) {
                lines.add(i);
            }
        }
        return lines;
    }

    /**
     * Parks a record that can never be sent in the movements DLQ, with its reason; false if even that
     * failed. The body is the held event as stored, Base64 of its UTF-8 ({@link #POISON_BODY_ENCODING}
     * says so): SQS refuses some characters (U+FFFE, most control characters) in a body, and the
     * movements it refused for one would refuse the park too, blocking the shard. No attribute is
     * empty (SQS refuses an empty value); {@code SqsPoisonQueue} replaces refused characters in them.
     * Then the refusal ({@code code}) is recorded on the receipt; if that fails, the record is delivered
     * again (parked again: the DLQ's deduplication drops the copy within five minutes; recorded once).
     */
    private boolean park(Change c, String sourceId, String eventId, String code, String detail, Set<Integer> refusedLines) {
        String reason = code + ": " + detail;
        String text = StreamImages.heldEventText(c.newImage());
        Map<String, String> attributes = new HashMap<>();
        if (sourceId != null && !sourceId.isEmpty()) {
            attributes.put(SqsMovementQueue.ATTR_SOURCE_ID, sourceId);
        }
        if (eventId != null && !eventId.isEmpty()) {
            attributes.put(SqsMovementQueue.ATTR_EVENT_ID, eventId);
        }
        attributes.put("relaySequenceNumber", c.sequenceNumber());
        attributes.put(POISON_BODY_ENCODING, "base64");
        if (!refusedLines.isEmpty()) {
            // Only these lines of the event are parked; the others are in the movements queue.
            attributes.put("refusedLines", refusedLines.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        String body = text == null || text.isEmpty() ? "" : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        try {
            poison.park(new QueuedMovement(c.sequenceNumber(), POISON_GROUP, body, attributes, 0), reason);
            LOG.error("event {} of {} can never be queued ({}): parked in the movements DLQ", eventId, sourceId, reason);
        } catch (RuntimeException e) {
            LOG.warn("event {} of {} not parked; the stream delivers it again", eventId, sourceId, e);
            return false;
        }
        if (sourceId == null || sourceId.isEmpty() || eventId == null || eventId.isEmpty()) {
            // A receipt whose ids cannot be read has no status to show it on: the park is all there is.
            return true;
        }
        try {
            if (!refusals.record(sourceId, eventId, code, refusedLines)) {
                LOG.info("event {} of {}: refusal already recorded (or no receipt); status unchanged", eventId, sourceId);
            }
            return true;
        } catch (StoreException e) {
            if (!e.isRetryable()) {
                // A refusal that can never be written (a denied or invalid request) must not hold the shard:
                // the park is done, the status keeps reading QUEUED; the error says why.
                LOG.error("event {} of {} parked, its refusal can never be recorded: {}", eventId, sourceId, e.getMessage());
                return true;
            }
            LOG.warn("event {} of {} parked, its refusal not recorded; the stream delivers it again: {}", eventId, sourceId,
                    e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("event {} of {} parked, its refusal not recorded; the stream delivers it again: {}", eventId, sourceId,
                    e.getMessage());
            return false;
        }
    }
}
