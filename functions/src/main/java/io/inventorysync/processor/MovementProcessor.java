package io.inventorysync.processor;

import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.movements.QueuedMovement;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.ApplyResult;
import io.inventorysync.store.MovementLedger;
import io.inventorysync.store.StoreException;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Applies a batch of queued movements through the store, in order. Returns the messages that must
 * be delivered again: those that hit a transient failure and, because the queue is FIFO, every
 * later message of the same group in the batch, so a record's movements are never reordered.
 * A message that can never succeed is recorded as {@code REJECTED} where the event's status shows
 * it, logged with its reason, parked in the dead-letter queue, and not retried: it blocks nothing.
 */
public final class MovementProcessor {
    private static final Logger LOG = LogManager.getLogger(MovementProcessor.class);

    private final MovementLedger store;
    private final PoisonQueue poison;
    private final Clock clock;

    public MovementProcessor(MovementLedger store, PoisonQueue poison, Clock clock) {
        this.store = store;
        this.poison = poison;
        this.clock = clock;
    }

    /** Stable reasons a sender reads in the event's status; the details go to the logs and the DLQ. */
    static final String UNREADABLE_MESSAGE = "UNREADABLE_MESSAGE";
    static final String STORE_REFUSED = "STORE_REFUSED";

    /** @return the message ids to report as batch item failures */
    public List<String> process(List<QueuedMovement> batch, Telemetry telemetry) {
        return process(batch, () -> Long.MAX_VALUE, telemetry);
    }

    /**
     * @param remainingMillis how long the invocation may still run (Lambda's remaining time): a
     *                        message is started only with {@link Settings#PROCESSOR_MESSAGE_BUDGET} left;
     *                        the rest of the batch is reported for redelivery, untouched, rather than
     *                        cut off by the timeout (which would count a receive against every message)
     * @return the message ids to report as batch item failures
     */
    public List<String> process(List<QueuedMovement> batch, LongSupplier remainingMillis, Telemetry telemetry) {
        List<String> retry = new ArrayList<>();
        Set<String> blockedGroups = new HashSet<>();
        int deferred = 0;
        for (QueuedMovement message : batch) {
            if (remainingMillis.getAsLong() < Settings.PROCESSOR_MESSAGE_BUDGET.toMillis()) {
                retry.add(message.messageId());
                deferred++;
                continue;
            }
            if (message.groupId() != null && blockedGroups.contains(message.groupId())) {
                retry.add(message.messageId());
                continue;
            }
            if (!processOne(message, telemetry)) {
                retry.add(message.messageId());
                if (message.groupId() != null) {
                    blockedGroups.add(message.groupId());
                }
            }
        }
        if (deferred > 0) {
            LOG.warn("{} movements left for the next delivery: the invocation's time is nearly up", deferred);
            telemetry.count("MovementsDeferredByDeadline", deferred);
        }
        return retry;
    }

    /** @return false when the message must be delivered again */
    private boolean processOne(QueuedMovement message, Telemetry telemetry) {
        Map<String, String> attrs = message.attributes();
        try (var ignored = CloseableThreadContext.putAll(Map.of(
                "sourceId", attrs.getOrDefault(SqsMovementQueue.ATTR_SOURCE_ID, ""),
                "eventId", attrs.getOrDefault(SqsMovementQueue.ATTR_EVENT_ID, ""),
                "sku", attrs.getOrDefault(SqsMovementQueue.ATTR_SKU, ""),
                "locationId", attrs.getOrDefault(SqsMovementQueue.ATTR_LOCATION_ID, ""),
                "messageId", message.messageId()))) {
            Movement movement;
            try {
                movement = MovementMessage.read(message.body()).toMovement();
            } catch (java.io.IOException | RuntimeException e) {
                return reject(message, null, UNREADABLE_MESSAGE, e.getClass().getSimpleName() + ": " + e.getMessage(),
                        telemetry);
            }
            try {
                ApplyResult result = store.apply(movement);
                telemetry.count("Movements" + titleCase(result.outcome().name()), 1);
                if (message.sentAtMillis() > 0) {
                    telemetry.milliseconds("IngestToApplyLag", Math.max(0, clock.millis() - message.sentAtMillis()));
                }
                LOG.info("movement {} {}{}", movement.key(), result.outcome(),
                        result.reason() == null ? "" : " (" + result.reason() + ")");
                return true;
            } catch (StoreException e) {
                if (e.isRetryable()) {
                    LOG.warn("movement {} not applied yet, will be retried: {}", movement.key(), e.getMessage());
                    telemetry.count("MovementsRetried", 1);
                    return false;
                }
                return reject(message, movement.key(), STORE_REFUSED, e.getMessage(), telemetry);
            } catch (RuntimeException e) {
                // A fault of ours, not of the message: retry it (blocking only its own group); after
                // the queue's receive limit the redrive policy parks it for a person.
                LOG.error("movement {} failed unexpectedly, will be retried", movement.key(), e);
                telemetry.count("MovementsRetried", 1);
                return false;
            }
        }
    }

    /**
     * Records a message that can never apply: the stable {@code reason} in the event's status (a
     * sender reads it), the {@code detail} only in the logs and on the parked message (operators).
     */
    private boolean reject(QueuedMovement message, MovementKey knownKey, String reason, String detail,
                           Telemetry telemetry) {
        LOG.error("movement message {} can never be applied: {} ({})", message.messageId(), reason, detail);
        telemetry.count("MovementsRejected", 1);
        MovementKey key = knownKey != null ? knownKey : keyFromAttributes(message.attributes());
        try {
            if (key != null) {
                store.recordRejected(key, message.attributes().get(SqsMovementQueue.ATTR_SKU),
                        message.attributes().get(SqsMovementQueue.ATTR_LOCATION_ID), reason);
            }
            poison.park(message, reason + ": " + detail);
            return true;
        } catch (RuntimeException e) {
            // Could not record or park it: let the queue's redrive policy take it after a few tries.
            LOG.error("poison message {} could not be parked, leaving it to the redrive policy", message.messageId(), e);
            return false;
        }
    }

    private static MovementKey keyFromAttributes(Map<String, String> attrs) {
        String sourceId = attrs.get(SqsMovementQueue.ATTR_SOURCE_ID);
        String eventId = attrs.get(SqsMovementQueue.ATTR_EVENT_ID);
        String lineKey = attrs.get(SqsMovementQueue.ATTR_LINE_KEY);
        if (sourceId == null || eventId == null || lineKey == null) {
            return null;
        }
        try {
            return MovementKey.parse(sourceId, eventId, lineKey);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String titleCase(String outcome) {
        StringBuilder name = new StringBuilder();
        for (String word : outcome.toLowerCase(java.util.Locale.ROOT).split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }
}
