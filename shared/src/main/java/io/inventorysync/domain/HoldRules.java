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

    /**
     * One line's stock change in a hold's transition.
     *
     * @param lineNo its index in the hold
     * @param line   the line after the step
     * @param units  the units the step moves (the line's quantity, or what a fulfilment or cancel moves)
     */
    public record LineChange(int lineNo, ReservationLine line, StockChange change, long units) {
        public LineChange(int lineNo, ReservationLine line, StockChange change) {
            this(lineNo, line, change, line.quantity());
        }
    }

    /**
     * A step of a hold's life, and what each of its lines does to stock.
     *
     * @param hold  the hold after the step
     * @param lines the stock change per line, in line order (a consuming sale leaves out its own line)
     * @param type  what the stock records and the ledger say caused the change
     * @param step  names the step among the hold's steps: its ledger entries are keyed by it, so
     *              each step is written once ({@code COMMITTED}, {@code FULFIL:<fulfilmentId>})
     */
    public record Transition(Reservation hold, List<LineChange> lines, ChangeType type, String step) {
        public Transition {
            lines = List.copyOf(lines);
        }

        /** The hold arriving in a new status: the step is named by the status. */
        public Transition(Reservation hold, List<LineChange> lines) {
            this(hold, lines, hold.status().changeType(), hold.status().name());
        }

        /** What made the changes, as the stock records and the outbox carry it. */
        public StockLevel.Cause cause(Instant now) {
            return new StockLevel.Cause(type, hold.sourceId(), hold.reservationId(), null, now);
        }

        /** The key of one line's ledger entry within the hold's log. */
        public String lineKey(LineChange line) {
            return step + "-" + line.lineNo();
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
        return target == ReservationStatus.COMMITTED ? commit(hold, Fulfilment.IMMEDIATE, now)
                : end(hold, target, null, now);
    }

    /**
     * A commit of {@code hold}. {@code IMMEDIATE} takes the units at once: {@code onHand -= q,
     * reserved -= q}; {@code DEFERRED} keeps them here as an order commitment: {@code reserved -= q,
     * committed += q}. A hold already committed (or since fulfilled) answers as it is.
     */
    public static Settlement commit(Reservation hold, Fulfilment mode, Instant now) {
        if (commitDone(hold)) {
            return new Settlement.AlreadySettled(hold);
        }
        return end(hold, ReservationStatus.COMMITTED, mode, now);
    }

    /**
     * True when a commit of {@code hold} is a repeat of one already done (the hold is committed, or
     * since fulfilled): it changes nothing and answers the hold as it is, whatever mode it asks.
     */
    public static boolean commitDone(Reservation hold) {
        return hold.status() == ReservationStatus.COMMITTED || hold.status() == ReservationStatus.FULFILLED;
    }

    /**
     * True when {@code fulfilmentId} was applied to {@code hold} before: a fulfilment under it changes
     * nothing again (the same body is a repeat, another body is refused), even once the hold is fulfilled
     * or cancelled.
     */
    public static boolean fulfilmentDone(Reservation hold, String fulfilmentId) {
        return hold.fulfilments().containsKey(fulfilmentId);
    }

    private static Settlement end(Reservation hold, ReservationStatus target, Fulfilment mode, Instant now) {
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
        Reservation finished = due ? hold.finish(ReservationStatus.EXPIRED, now)
                : target == ReservationStatus.COMMITTED ? hold.commit(mode, now) : hold.finish(target, now);
        List<LineChange> lines = new ArrayList<>(finished.lines().size());
        for (int i = 0; i < finished.lines().size(); i++) {
            ReservationLine line = finished.lines().get(i);
            long q = line.quantity();
            StockChange change;
            if (finished.status() != ReservationStatus.COMMITTED) {
                change = StockChange.reserved(-q);
            } else if (finished.fulfilment() == Fulfilment.DEFERRED) {
                change = StockChange.reserved(-q).plus(StockChange.committed(q));
            } else {
                change = new StockChange(-q, null, -q, 0, 0);
            }
            lines.add(new LineChange(i, line, change));
        }
        return new Settlement.Ends(new Transition(finished, lines), finished.status() == target);
    }

    /**
     * A cancel of a deferred commitment: what remains goes back, {@code committed -= remaining}. A
     * hold already cancelled answers as it is; anything but an open commitment is not active.
     */
    public static Settlement cancel(Reservation hold, Instant now) {
        if (hold.status() == ReservationStatus.CANCELLED) {
            return new Settlement.AlreadySettled(hold);
        }
        if (!hold.isOpenCommitment()) {
            return new Settlement.NotActive(hold);
        }
        Reservation cancelled = hold.cancel(now);
        List<LineChange> lines = new ArrayList<>();
        for (int i = 0; i < cancelled.lines().size(); i++) {
            ReservationLine line = cancelled.lines().get(i);
            if (line.remaining() > 0) {
                lines.add(new LineChange(i, line, StockChange.committed(-line.remaining()), line.remaining()));
            }
        }
        return new Settlement.Ends(new Transition(cancelled, lines), true);
    }

    /** What a fulfilment request comes to. */
    public sealed interface Fulfil {
        /** The same fulfilment was applied before: nothing is applied twice. */
        record Repeated(Reservation hold) implements Fulfil {
        }

        /** Another request was made under this {@code fulfilmentId}: refused. */
        record KeyReused(Reservation hold) implements Fulfil {
        }

        /** The hold is not a deferred commitment with units remaining. */
        record NotActive(Reservation hold) implements Fulfil {
        }

        /** These lines ask for more than remains: nothing changes. */
        record OverFulfilment(Reservation hold, List<Shortfall> lines) implements Fulfil {
            public OverFulfilment {
                lines = List.copyOf(lines);
            }
        }

        /** The units leave: {@code onHand -= q, committed -= q} per line. */
        record Fulfils(Transition transition) implements Fulfil {
        }

        /** A line of a fulfilment that asks for more than remains of its SKU. */
        record Shortfall(String sku, long requested, long remaining) {
        }
    }

    /**
     * A fulfilment of a deferred commitment. Without lines it hands over everything that remains.
     * The same {@code fulfilmentId} again is harmless, even once the commitment is fulfilled.
     */
    public static Fulfil fulfil(Reservation hold, FulfilmentRequest request, Instant now) {
        if (fulfilmentDone(hold, request.fulfilmentId())) {
            String done = hold.fulfilments().get(request.fulfilmentId());
            return done.equals(request.fingerprint()) ? new Fulfil.Repeated(hold) : new Fulfil.KeyReused(hold);
        }
        if (!hold.isOpenCommitment()) {
            return new Fulfil.NotActive(hold);
        }
        List<ReservationLine> next = new ArrayList<>(hold.lines());
        List<LineChange> changes = new ArrayList<>();
        List<Fulfil.Shortfall> over = new ArrayList<>();
        if (request.lines() == null) {
            for (int i = 0; i < next.size(); i++) {
                long units = next.get(i).remaining();
                if (units > 0) {
                    next.set(i, next.get(i).fulfil(units));
                    changes.add(new LineChange(i, next.get(i), handOver(units), units));
                }
            }
        } else {
            for (ReservationLine asked : request.lines()) {
                int i = indexOf(next, asked.sku());
                long remaining = i < 0 ? 0 : next.get(i).remaining();
                if (asked.quantity() > remaining) {
                    over.add(new Fulfil.Shortfall(asked.sku(), asked.quantity(), remaining));
                } else {
                    next.set(i, next.get(i).fulfil(asked.quantity()));
                    changes.add(new LineChange(i, next.get(i), handOver(asked.quantity()), asked.quantity()));
                }
            }
        }
        if (!over.isEmpty()) {
            return new Fulfil.OverFulfilment(hold, over);
        }
        changes.sort(java.util.Comparator.comparingInt(LineChange::lineNo));
        return new Fulfil.Fulfils(new Transition(
                hold.fulfilled(next, request.fulfilmentId(), request.fingerprint(), now), changes,
                ChangeType.RESERVATION_FULFILLED, "FULFIL:" + request.fulfilmentId()));
    }

    /** Units handed over from a commitment: they leave the shelf and the commitment together. */
    private static StockChange handOver(long units) {
        return new StockChange(-units, null, 0, 0, 0, -units, 0);
    }

    private static int indexOf(List<ReservationLine> lines, String sku) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).sku().equals(sku)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Which hold a {@code SALE} naming {@code reservationId} means, among every storefront's holds
     * with that id (reservation ids are per storefront, contract v1.1; a sale names the id only, as
     * in v1). A sale consumes a hold only at its own location, which ingest has checked is in the
     * seller's scope ({@link SourceScope}): so among the holds at the sale's location, the seller's
     * own hold if it has one (a source that both reserves and sells), else the only one. Two other
     * storefronts' holds there with the same id are {@code RESERVATION_AMBIGUOUS}: the sale applies
     * alone and neither hold is touched. With no hold at the sale's location, any hold with the id
     * stands for it (the lowest storefront id), so the outcome says {@code RESERVATION_OTHER_LOCATION}.
     *
     * @param candidates every storefront's hold with the id the sale names
     * @return the hold meant, or none with the reason
     */
    public static Named named(Movement sale, List<Reservation> candidates) {
        List<Reservation> here = candidates.stream().filter(h -> h.locationId().equals(sale.locationId())).toList();
        java.util.Optional<Reservation> own = here.stream()
                .filter(h -> h.sourceId().equals(sale.key().sourceId())).findFirst();
        if (own.isPresent()) {
            return new Named(own.get(), null);
        }
        if (here.size() == 1) {
            return new Named(here.getFirst(), null);
        }
        if (here.size() > 1) {
            return new Named(null, OutcomeReason.RESERVATION_AMBIGUOUS);
        }
        return candidates.stream().min(java.util.Comparator.comparing(Reservation::sourceId))
                .map(h -> new Named(h, null)).orElseGet(() -> new Named(null, OutcomeReason.RESERVATION_UNKNOWN));
    }

    /** The hold a sale names, or {@code null} with the reason it names none. */
    public record Named(Reservation hold, OutcomeReason reason) {
    }

    /** What a sale does with the hold {@link #named} found (or why it found none). */
    public static Consumption consumption(Named named, Movement sale, Instant now) {
        return named.hold() == null ? new Consumption(named.reason(), StockChange.NONE, null)
                : consumption(named.hold(), sale, now);
    }

    /**
     * What a {@code SALE} naming a hold does with it. The sale applies in every case. An active
     * hold at the sale's location is consumed: it becomes {@code COMMITTED}, the sale's own SKU
     * leaves {@code reserved} with the sale ({@code ownLine}), and the hold's other lines are given
     * back ({@code reserved -= q}) to be sold by their own sale lines. A deferred commitment is
     * fulfilled by the sale (the pick-up at the till): the units of its SKU still committed leave
     * {@code committed} as they leave {@code onHand}, and units the commitment already handed over
     * are not taken from {@code onHand} again: whichever comes first, the units leave once.
     *
     * A sale of a SKU the hold does not hold leaves the hold as it is ({@code RESERVATION_SKU_NOT_HELD}).
     *
     * @param hold the named hold, or {@code null} when there is none
     * @return the reason, what the sale's own line changes beyond its plain effect, and the hold's
     *         transition ({@code null} when the hold is not touched)
     */
    public static Consumption consumption(Reservation hold, Movement sale, Instant now) {
        if (hold == null) {
            return new Consumption(OutcomeReason.RESERVATION_UNKNOWN, StockChange.NONE, null);
        }
        if (!hold.locationId().equals(sale.locationId())) {
            return new Consumption(OutcomeReason.RESERVATION_OTHER_LOCATION, StockChange.NONE, null);
        }
        if (hold.fulfilment() == Fulfilment.DEFERRED
                && (hold.status() == ReservationStatus.COMMITTED || hold.status() == ReservationStatus.FULFILLED)) {
            return pickUp(hold, sale, now);
        }
        if (hold.status() != ReservationStatus.ACTIVE) {
            return new Consumption(OutcomeReason.RESERVATION_NOT_ACTIVE, StockChange.NONE, null);
        }
        if (hold.heldQuantity(sale.sku()).isEmpty()) {
            // Not this hold's goods: the hold stays as it is. (Consuming it would also give back all
            // of its lines beside the sale's own record: one write more than a transaction holds.)
            return new Consumption(OutcomeReason.RESERVATION_SKU_NOT_HELD, StockChange.NONE, null);
        }
        Reservation committed = hold.finish(ReservationStatus.COMMITTED, now);
        List<LineChange> others = new ArrayList<>();
        for (int i = 0; i < committed.lines().size(); i++) {
            ReservationLine line = committed.lines().get(i);
            if (!line.sku().equals(sale.sku())) {
                others.add(new LineChange(i, line, StockChange.reserved(-line.quantity())));
            }
        }
        return new Consumption(OutcomeReason.RESERVATION_CONSUMED,
                StockChange.reserved(-hold.heldQuantity(sale.sku()).orElse(0)), new Transition(committed, others));
    }

    /** A sale at the till fulfilling a deferred commitment; see {@link #consumption}. */
    private static Consumption pickUp(Reservation hold, Movement sale, Instant now) {
        int i = indexOf(hold.lines(), sale.sku());
        if (i < 0) {
            return new Consumption(OutcomeReason.RESERVATION_SKU_NOT_HELD, StockChange.NONE, null);
        }
        ReservationLine line = hold.lines().get(i);
        long ofHold = Math.min(sale.quantity(), line.quantity());
        long alreadyGone = Math.min(ofHold, line.fulfilled());
        long takenNow = ofHold - alreadyGone;
        List<ReservationLine> next = new ArrayList<>(hold.lines());
        next.set(i, line.fulfil(takenNow));
        // The hold is rewritten even when nothing is taken now: what was already handed over is
        // then known to be as read, so a concurrent fulfilment cannot make the units leave twice.
        Reservation after = takenNow == 0 ? hold : hold.fulfilled(next, null, null, now);
        return new Consumption(OutcomeReason.RESERVATION_FULFILLED,
                StockChange.committed(-takenNow).plus(StockChange.onHand(alreadyGone)),
                new Transition(after, List.of(), ChangeType.RESERVATION_FULFILLED, "PICKUP"));
    }

    /**
     * What a sale does with the hold it names; see {@link #consumption}.
     *
     * @param ownLine what the sale's own line changes beyond its plain effect ({@code reserved} for a
     *                consumed hold; {@code committed}, and {@code onHand} given back for units already
     *                handed over, for a deferred commitment)
     */
    public record Consumption(OutcomeReason reason, StockChange ownLine, Transition transition) {
        public boolean consumed() {
            return transition != null;
        }
    }

    /** True when {@code request} repeats the request that made {@code existing} (same id, same body). */
    public static boolean repeats(Reservation existing, ReservationRequest request) {
        return existing.fingerprint().equals(request.fingerprint());
    }
}
