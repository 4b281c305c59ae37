package io.inventorysync.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The master record of one SKU at one location.
 *
 * @param onHand      sellable units physically here (committed ones included, until they leave); may
 *                    go below zero when sales outrun the books
 * @param reserved    units held by active checkouts
 * @param damaged     units that cannot be sold
 * @param inTransit   units shipped here by a transfer and not yet received
 * @param version     increases by exactly one per applied change
 * @param lastCountAt when the latest applied physical count happened, or {@code null}
 * @param lastCause   what made the latest change, or {@code null} for a new record
 * @param committed   units of deferred commitments: ordered, still here, not yet handed over
 * @param quarantine  units held for inspection
 */
public record StockLevel(
        String sku,
        String locationId,
        long onHand,
        long reserved,
        long damaged,
        long inTransit,
        long version,
        Instant lastCountAt,
        Instant updatedAt,
        Cause lastCause,
        long committed,
        long quarantine) {

    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(locationId, "locationId");
    }

    /** A record with the counters of contract v1 only. */
    public StockLevel(String sku, String locationId, long onHand, long reserved, long damaged, long inTransit,
                      long version, Instant lastCountAt, Instant updatedAt, Cause lastCause) {
        this(sku, locationId, onHand, reserved, damaged, inTransit, version, lastCountAt, updatedAt, lastCause, 0, 0);
    }

    /**
     * What made a change, carried on the record so the outbox can say it.
     *
     * @param type       the kind of change
     * @param sourceId   the source that sent it (the reservation's source for hold changes)
     * @param eventId    the event id, or the reservation id for hold changes
     * @param reference  the sender's reference, may be {@code null}
     * @param occurredAt when it happened at the source
     */
    public record Cause(ChangeType type, String sourceId, String eventId, String reference, Instant occurredAt) {
    }

    /** A record that was never written: every counter zero, version zero. */
    public static StockLevel empty(String sku, String locationId) {
        return new StockLevel(sku, locationId, 0, 0, 0, 0, 0, null, null, null);
    }

    /** Units that can be promised to a new buyer: {@code max(0, onHand - reserved - committed)}. */
    public long available() {
        return Math.max(0, onHand - reserved - committed);
    }

    /** Units in {@code state}. */
    public long in(StockState state) {
        return switch (state) {
            case ON_HAND -> onHand;
            case DAMAGED -> damaged;
            case QUARANTINE -> quarantine;
        };
    }

    /** Whether {@code change}'s on-hand effect comes from before the latest applied count. */
    public boolean isSupersededAt(Instant occurredAt) {
        return lastCountAt != null && occurredAt.isBefore(lastCountAt);
    }

    /** The level after {@code change}, one version later. A count also moves {@code lastCountAt}. */
    public StockLevel apply(StockChange change, Instant occurredAt, Cause cause, Instant appliedAt) {
        long newOnHand = change.onHandAbsolute() != null ? change.onHandAbsolute() : onHand + change.onHandDelta();
        Instant newLastCount = change.onHandAbsolute() != null ? occurredAt : lastCountAt;
        return new StockLevel(sku, locationId, newOnHand, reserved + change.reservedDelta(),
                damaged + change.damagedDelta(), inTransit + change.inTransitDelta(), version + 1, newLastCount,
                appliedAt, cause, committed + change.committedDelta(), quarantine + change.quarantineDelta());
    }
}
