package io.inventorysync.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One line of one event applied to one {@code (sku, locationId)} record. Movements are what the
 * queue carries and what the store applies exactly once, keyed by {@link #key()}.
 *
 * @param counterpartLocationId the other end of a transfer, {@code null} otherwise
 * @param receivedAt            when the webhook received the event, or {@code null} when unknown (a
 *                              message queued before v1.1); not part of the {@link #fingerprint()}: a
 *                              retry received later is the same movement
 */
public record Movement(
        MovementKey key,
        ChangeType type,
        String sku,
        String sourceSku,
        String locationId,
        long quantity,
        ItemCondition condition,
        Instant occurredAt,
        String reference,
        String reservationId,
        String counterpartLocationId,
        String reason,
        StockState from,
        StockState to,
        ReasonCode reasonCode,
        Instant receivedAt) {

    /** A movement of contract v1.1 whose receipt time is unknown. */
    public Movement(MovementKey key, ChangeType type, String sku, String sourceSku, String locationId, long quantity,
                    ItemCondition condition, Instant occurredAt, String reference, String reservationId,
                    String counterpartLocationId, String reason, StockState from, StockState to,
                    ReasonCode reasonCode) {
        this(key, type, sku, sourceSku, locationId, quantity, condition, occurredAt, reference, reservationId,
                counterpartLocationId, reason, from, to, reasonCode, null);
    }

    /** A movement of contract v1 (no states, no reason code). */
    public Movement(MovementKey key, ChangeType type, String sku, String sourceSku, String locationId, long quantity,
                    ItemCondition condition, Instant occurredAt, String reference, String reservationId,
                    String counterpartLocationId, String reason) {
        this(key, type, sku, sourceSku, locationId, quantity, condition, occurredAt, reference, reservationId,
                counterpartLocationId, reason, null, null, null);
    }

    public Movement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(sourceSku, "sourceSku");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        // The store orders and compares by millisecond; finer precision would let two stores disagree.
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        receivedAt = receivedAt == null ? null : receivedAt.truncatedTo(ChronoUnit.MILLIS);
        if (!type.isInbound()) {
            throw new IllegalArgumentException("movements carry inbound types only, not " + type);
        }
    }

    /**
     * A digest of everything that decides this movement's effect. Two deliveries of one key
     * with equal fingerprints are the same movement; different fingerprints mean the key was
     * reused for something else.
     */
    public String fingerprint() {
        return Digests.fingerprint(key.sourceId(), key.eventId(), key.lineNo(), key.leg(), type, sku, sourceSku,
                locationId, quantity, condition, occurredAt.toEpochMilli(), reference, reservationId,
                counterpartLocationId, reason, from, to, reasonCode);
    }

    /** This movement as the webhook received it at {@code instant}. */
    public Movement withReceivedAt(Instant instant) {
        return new Movement(key, type, sku, sourceSku, locationId, quantity, condition, occurredAt, reference,
                reservationId, counterpartLocationId, reason, from, to, reasonCode, instant);
    }

    /** What this movement makes its record name as the cause of its latest change. */
    public StockLevel.Cause cause() {
        return new StockLevel.Cause(type, key.sourceId(), key.eventId(), reference, occurredAt);
    }

    /** True when this movement is the destination leg of a transfer. */
    public boolean isTransferDestination() {
        return key.leg() == MovementKey.Leg.DESTINATION;
    }
}
