package io.inventorysync.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's rules for checkout holds: what placing, committing, releasing and expiring a
 * hold, and a sale consuming one, do to the hold and to each line's stock record. Pure: both
 * stores persist exactly what these functions decide and add no rule of their own (the DynamoDB
 * store turns the decisions into conditional writes, the in-memory store applies them directly).
 */
public final class HoldRules {
    private HoldRules() {
    }

    /** One line's stock change in a hold's transition; {@code lineNo} is its index in the hold. */
    public record LineChange(int lineNo, ReservationLine line, StockChange change) {
    }

    /**
     * A hold arriving in a new status, and what each of its lines does to stock.
     *
     * @param hold  the hold in its new status
     * @param lines the stock change per line, in line order (a consuming sale leaves out its own line)
     */
    public record Transition(Reservation hold, List<LineChange> lines) {
        public Transition {
            lines = List.copyOf(lines);
        }

        /** What made the changes, as the stock records and the outbox carry it. */
        public StockLevel.Cause cause(Instant now) {
            return new StockLevel.Cause(hold.status().changeType(), hold.sourceId(), hold.reservationId(), null, now);
        }
    }

    /** What a commit, release or expiry of a hold comes to. */
    public sealed interface Settlement {
        /** The hold is already in the requested status: nothing to do, the call is idempotent. */
        record AlreadySettled(Reservation hold) implements Settlement {
        }

        /** The hold ended otherwise and cannot take the requested transition. */
        record NotActive(Reservation hold) implements Settlement {
        }

        /** An expiry of a hold whose time is not up: it stays as it is. */
        record NotDue(Reservation hold) implements Settlement {
        }

        /**
         * The hold ends now. {@code asRequested} is false when a commit or release came after the
         * hold's time was up: it expires instead, and the caller is told it is no longer active.
         */
        record Ends(Transition transition, boolean asRequested) implements Settlement {
        }
    }

    /**
     * A new hold for {@code request}: each line moves {@code reserved += q}. Whether there is
     * stock for it is {@link #fits}; the DynamoDB store checks it in the write's condition.
     */
    public static Transition place(ReservationRequest request, Instant now) {
        Reservation hold = Reservation.activate(request, now);
        List<LineChange> lines = new ArrayList<>(hold.lines().size());
        for (int i = 0; i < hold.lines().size(); i++) {
            ReservationLine line = hold.lines().get(i);
            lines.add(new LineChange(i, line, StockChange.reserved(line.quantity())));
        }
        return new Transition(hold, lines);
    }

    /** A line can be held only where at least its quantity is {@link StockLevel#available()}. */
    public static boolean fits(ReservationLine line, long available) {
        return available >= line.quantity();
    }

    /**
     * A commit, release or expiry ({@code target}) of {@code hold} at {@code now}. A commit takes
     * the units: {@code onHand -= q, reserved -= q}; a release or an expiry gives them back:
     * {@code reserved -= q}. Only an active hold changes; an expiry needs the hold to be due, and
     * a commit or release of a hold that is due expires it instead.
     */
    public static Settlement settle(Reservation hold, ReservationStatus target, Instant now) {
        if (hold.status() == target) {
            return new Settlement.AlreadySettled(hold);
        }
        if (hold.status() != ReservationStatus.ACTIVE) {
            return new Settlement.NotActive(hold);
        }
        boolean due = hold.isPastExpiry(now);
        if (target == ReservationStatus.EXPIRED && !due) {
            return new Settlement.NotDue(hold);
        }
        Reservation finished = hold.finish(due ? ReservationStatus.EXPIRED : target, now);
        List<LineChange> lines = new ArrayList<>(finished.lines().size());
        for (int i = 0; i < finished.lines().size(); i++) {
            ReservationLine line = finished.lines().get(i);
            long q = line.quantity();
            StockChange change = finished.status() == ReservationStatus.COMMITTED
                    ? new StockChange(-q, null, -q, 0, 0)
                    : StockChange.reserved(-q);
            lines.add(new LineChange(i, line, change));
        }
        return new Settlement.Ends(new Transition(finished, lines), finished.status() == target);
    }

    /**
     * What a {@code SALE} naming a hold does with it. The sale applies in every case; only an
     * active hold at the sale's location is consumed: it becomes {@code COMMITTED}, the sale's own
     * SKU leaves {@code reserved} with the sale ({@code heldQuantity}), and the hold's other lines
     * are given back ({@code reserved -= q}) to be sold by their own sale lines.
     *
     * @param hold the named hold, or {@code null} when there is none
     * @return the reason, the units of the sale's SKU the hold had, and the hold's transition
     *         ({@code null} unless consumed)
     */
    public static Consumption consumption(Reservation hold, Movement sale, Instant now) {
        if (hold == null) {
            return new Consumption(OutcomeReason.RESERVATION_UNKNOWN, 0, null);
        }
        if (!hold.locationId().equals(sale.locationId())) {
            return new Consumption(OutcomeReason.RESERVATION_OTHER_LOCATION, 0, null);
        }
        if (hold.status() != ReservationStatus.ACTIVE) {
            return new Consumption(OutcomeReason.RESERVATION_NOT_ACTIVE, 0, null);
        }
        Reservation committed = hold.finish(ReservationStatus.COMMITTED, now);
        List<LineChange> others = new ArrayList<>();
        for (int i = 0; i < committed.lines().size(); i++) {
            ReservationLine line = committed.lines().get(i);
            if (!line.sku().equals(sale.sku())) {
                others.add(new LineChange(i, line, StockChange.reserved(-line.quantity())));
            }
        }
        return new Consumption(OutcomeReason.RESERVATION_CONSUMED, hold.heldQuantity(sale.sku()).orElse(0),
                new Transition(committed, others));
    }

    /** What a sale does with the hold it names; see {@link #consumption}. */
    public record Consumption(OutcomeReason reason, long heldQuantity, Transition transition) {
        public boolean consumed() {
            return transition != null;
        }
    }

    /** True when {@code request} repeats the request that made {@code existing} (same id, same body). */
    public static boolean repeats(Reservation existing, ReservationRequest request) {
        return existing.fingerprint().equals(request.fingerprint());
    }
}
