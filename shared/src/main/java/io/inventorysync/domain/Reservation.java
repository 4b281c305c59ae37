package io.inventorysync.domain;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * A checkout hold on stock at one location.
 *
 * @param finishedAt when it was committed, released or expired; {@code null} while active
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
        String fingerprint) {

    public Reservation {
        lines = List.copyOf(lines);
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

    /** The hold in its final status. */
    public Reservation finish(ReservationStatus finalStatus, Instant now) {
        if (status != ReservationStatus.ACTIVE || finalStatus == ReservationStatus.ACTIVE) {
            throw new IllegalStateException(reservationId + " cannot go from " + status + " to " + finalStatus);
        }
        return new Reservation(reservationId, sourceId, locationId, lines, finalStatus, createdAt, expiresAt, now,
                fingerprint);
    }

    /** Units of {@code sku} this hold has, if it holds that SKU. */
    public OptionalLong heldQuantity(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).mapToLong(ReservationLine::quantity).findFirst();
    }
}
