package io.inventorysync.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A checkout hold on stock at one location, and, once committed with deferred fulfilment, the
 * order commitment it became.
 *
 * @param finishedAt  when it reached its current status after {@code ACTIVE}; {@code null} while active
 * @param fulfilment  how a committed hold's units leave; {@code null} until committed
 * @param fulfilments the fulfilments applied to a deferred commitment: {@code fulfilmentId} to the
 *                    fingerprint of its request, so a repeat is told from another request under the id
 */
public record Reservation(
        String reservationId,
        String sourceId,
        String locationId,
        List<ReservationLine> lines,
        ReservationStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant finishedAt,
        String fingerprint,
        Fulfilment fulfilment,
        Map<String, String> fulfilments) {

    public Reservation {
        lines = List.copyOf(lines);
        fulfilments = fulfilments == null ? Map.of() : Map.copyOf(fulfilments);
        if (fulfilment == null && status == ReservationStatus.COMMITTED) {
            fulfilment = Fulfilment.IMMEDIATE;
        }
    }

    /** A hold of contract v1: committed holds are immediate, no fulfilments. */
    public Reservation(String reservationId, String sourceId, String locationId, List<ReservationLine> lines,
                       ReservationStatus status, Instant createdAt, Instant expiresAt, Instant finishedAt,
                       String fingerprint) {
        this(reservationId, sourceId, locationId, lines, status, createdAt, expiresAt, finishedAt, fingerprint, null,
                Map.of());
    }

    /** The hold as its storefront names it. */
    public HoldRef ref() {
        return new HoldRef(sourceId, reservationId);
    }

    /** A new active hold for {@code request}, created at {@code now}. */
    public static Reservation activate(ReservationRequest request, Instant now) {
        return new Reservation(request.reservationId(), request.sourceId(), request.locationId(), request.lines(),
                ReservationStatus.ACTIVE, now, now.plusSeconds(request.ttlSeconds()), null, request.fingerprint());
    }

    /** True when the hold is still active but its time is up: the sweeper releases it. */
    public boolean isPastExpiry(Instant now) {
        return status == ReservationStatus.ACTIVE && !now.isBefore(expiresAt);
    }

    /** True for a deferred commitment with units still to hand over: what fulfil and cancel act on. */
    public boolean isOpenCommitment() {
        return status == ReservationStatus.COMMITTED && fulfilment == Fulfilment.DEFERRED && remaining() > 0;
    }

    /** Units of a deferred commitment still to hand over, over every line. */
    public long remaining() {
        return lines.stream().mapToLong(ReservationLine::remaining).sum();
    }

    /** The active hold in its final status: committed immediately, released or expired. */
    public Reservation finish(ReservationStatus finalStatus, Instant now) {
        return commitOrFinish(finalStatus, finalStatus == ReservationStatus.COMMITTED ? Fulfilment.IMMEDIATE : null,
                now);
    }

    /** The active hold committed with {@code mode}. */
    public Reservation commit(Fulfilment mode, Instant now) {
        return commitOrFinish(ReservationStatus.COMMITTED, mode, now);
    }

    private Reservation commitOrFinish(ReservationStatus next, Fulfilment mode, Instant now) {
        if (status != ReservationStatus.ACTIVE || next == ReservationStatus.ACTIVE) {
            throw new IllegalStateException(reservationId + " cannot go from " + status + " to " + next);
        }
        return new Reservation(reservationId, sourceId, locationId, lines, next, createdAt, expiresAt, now,
                fingerprint, mode, fulfilments);
    }

    /**
     * The commitment after a fulfilment: {@code lines} with their new {@code fulfilled} counts, the
     * fulfilment recorded under its id, and {@code FULFILLED} once nothing remains.
     */
    public Reservation fulfilled(List<ReservationLine> newLines, String fulfilmentId, String requestFingerprint,
                                 Instant now) {
        if (status != ReservationStatus.COMMITTED || fulfilment != Fulfilment.DEFERRED) {
            throw new IllegalStateException(reservationId + " is not a deferred commitment");
        }
        Map<String, String> done = new HashMap<>(fulfilments);
        if (fulfilmentId != null) {
            done.put(fulfilmentId, requestFingerprint);
        }
        boolean complete = newLines.stream().allMatch(l -> l.remaining() == 0);
        return new Reservation(reservationId, sourceId, locationId, newLines,
                complete ? ReservationStatus.FULFILLED : ReservationStatus.COMMITTED, createdAt, expiresAt,
                complete ? now : finishedAt, fingerprint, fulfilment, done);
    }

    /** The open commitment cancelled: what remains goes back. */
    public Reservation cancel(Instant now) {
        if (!isOpenCommitment()) {
            throw new IllegalStateException(reservationId + " is not an open commitment");
        }
        return new Reservation(reservationId, sourceId, locationId, lines, ReservationStatus.CANCELLED, createdAt,
                expiresAt, now, fingerprint, fulfilment, fulfilments);
    }

    /** Units of {@code sku} this hold has, if it holds that SKU. */
    public OptionalLong heldQuantity(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).mapToLong(ReservationLine::quantity).findFirst();
    }
}
