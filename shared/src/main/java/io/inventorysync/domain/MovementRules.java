package io.inventorysync.domain;

import java.time.Instant;
import java.util.Collection;

/**
 * The contract's table of what each movement type does to a stock record, and the rules that
 * decide how much of it applies: the count rule, the states that may not go below zero, and
 * repeats. Pure: the DynamoDB store turns the same {@link StockChange} into an update expression
 * (and the rules into its conditions), and the in-memory store applies it directly.
 */
public final class MovementRules {
    private MovementRules() {
    }

    /** The change a movement makes to its record, before any count supersedes part of it. */
    public static StockChange changeOf(Movement m) {
        long q = m.quantity();
        return switch (m.type()) {
            case SALE -> StockChange.onHand(-q);
            case RETURN -> switch (m.condition() == null ? ItemCondition.RESALABLE : m.condition()) {
                case RESALABLE -> StockChange.onHand(q);
                case DAMAGED -> StockChange.of(StockState.DAMAGED, q);
                case QUARANTINE -> StockChange.of(StockState.QUARANTINE, q);
            };
            case RECEIPT, ADJUSTMENT -> StockChange.onHand(q);
            case COUNT -> new StockChange(0, q, 0, 0, 0);
            case TRANSFER_OUT -> m.isTransferDestination()
                    ? new StockChange(0, null, 0, 0, q)
                    : StockChange.onHand(-q);
            case TRANSFER_IN -> new StockChange(q, null, 0, 0, -q);
            case TRANSFER_CLOSE -> new StockChange(0, null, 0, 0, -q);
            case MOVE -> StockChange.of(m.from(), -q).plus(StockChange.of(m.to(), q));
            case WRITE_OFF -> StockChange.of(m.from(), -q);
            default -> throw new IllegalArgumentException("not a movement type: " + m.type());
        };
    }

    /**
     * The change a movement makes to its record, before any count supersedes part of it.
     *
     * @param heldQuantity units of this SKU that the consumed reservation held here (only for a
     *                     {@code SALE} that consumes an active hold; otherwise 0)
     */
    public static StockChange changeOf(Movement m, long heldQuantity) {
        return changeOf(m).plus(StockChange.reserved(-heldQuantity));
    }

    /**
     * The state {@code m} takes units from that may not go below zero ({@code damaged} or
     * {@code quarantine}: only {@code onHand} may, a sale being a physical fact), or {@code null}.
     */
    public static StockState guardedState(Movement m) {
        boolean takes = m.type() == ChangeType.MOVE || m.type() == ChangeType.WRITE_OFF;
        return takes && m.from() != StockState.ON_HAND ? m.from() : null;
    }

    /**
     * The decision for one movement: its outcome, the reason where one is due, and the change to
     * write (what is left of it when a count supersedes its on-hand effect).
     */
    public record Decision(Outcome outcome, OutcomeReason reason, StockChange change, Instant countedAt) {
        public Decision(Outcome outcome, OutcomeReason reason, StockChange change) {
            this(outcome, reason, change, null);
        }

        public Decision(Outcome outcome, StockChange change) {
            this(outcome, null, change);
        }

        /**
         * The time the record's {@code lastCountAt} moves to when this decision is applied: the
         * count's effective time ({@link #countTime}); otherwise {@code occurredAt}, which a change
         * without a count does not use.
         */
        public Instant lastCountAt(Instant occurredAt) {
            return countedAt != null ? countedAt : occurredAt;
        }
    }

    // ------------------------------------------------------------------ counts ordered by time

    /**
     * A count's effective time: {@code min(occurredAt, receivedAt)}, so a till whose clock runs
     * ahead cannot supersede other sources' real sales. It is never later than {@code appliedAt}
     * either: a count cannot have been received after it is applied, so nothing applied to its
     * record later can be older than it (which is what lets the DynamoDB store prove it has seen
     * every effect since the latest count). {@code appliedAt} may be {@code null} (not known).
     */
    public static Instant countTime(Movement count, Instant appliedAt) {
        Instant t = count.occurredAt();
        if (count.receivedAt() != null && count.receivedAt().isBefore(t)) {
            t = count.receivedAt();
        }
        return appliedAt != null && appliedAt.isBefore(t) ? appliedAt : t;
    }

    /**
     * When a hold's step moved a record's {@code onHand}, as its ledger entry says: {@code now}, or
     * the record's latest count when that is later. A step stamped before the count it was applied
     * after happens only when the functions' clocks disagree (the count's time comes from the webhook's
     * clock, the step's from the reservations function's or the processor's); the count cannot
     * include a step applied after it, so the step is put at the count's time, on top of it, where the
     * count rule and the store's proof of a count ({@code sinceCount}) expect every on-hand entry since
     * the latest count to be.
     *
     * @param lastCountAt the record's latest count, or {@code null}
     */
    public static Instant stepTime(Instant now, Instant lastCountAt) {
        return lastCountAt != null && lastCountAt.isAfter(now) ? lastCountAt : now;
    }

    /**
     * An applied change of a record and when it happened, as its ledger entry shows it.
     *
     * @param occurredAt the movement's {@code occurredAt}; the time of the step for a hold's step
     */
    public record Applied(Instant occurredAt, StockChange change) {
    }

    /**
     * True when {@code applied} is an on-hand effect that a count at or before its time puts on
     * top of its quantity: it moved {@code onHand} by a delta (a count sets it, and a superseded
     * movement moved nothing on hand). The DynamoDB store counts these per record since the
     * latest count, with this same test.
     */
    public static boolean isOnTopOfCount(StockChange applied) {
        return applied.onHandAbsolute() == null && applied.onHandDelta() != 0;
    }

    /**
     * The on-hand effects a count at {@code countTime} puts on top of its quantity.
     *
     * @param sum     the sum of their on-hand deltas
     * @param entries how many entries they are
     */
    public record EffectsAfter(long sum, int entries) {
        public static final EffectsAfter NONE = new EffectsAfter(0, 0);
    }

    /**
     * {@code Σ} of the count rule: the on-hand effects among {@code applied} (entries of one
     * record, in any order) with {@code occurredAt >= countTime}. A movement at exactly the
     * count's time is on top of it.
     */
    public static EffectsAfter effectsAfter(Instant countTime, Collection<Applied> applied) {
        long sum = 0;
        int entries = 0;
        for (Applied a : applied) {
            if (isOnTopOfCount(a.change()) && !a.occurredAt().isBefore(countTime)) {
                sum += a.change().onHandDelta();
                entries++;
            }
        }
        return new EffectsAfter(sum, entries);
    }

    /**
     * The record's {@code onHand} as of {@code asOf}, for a snapshot taken then (contract v1.1,
     * reconciliation): what it is now less the on-hand effects applied with {@code occurredAt >= asOf},
     * the same {@code Σ} a count at {@code asOf} would put on top of itself ({@link #effectsAfter}), so
     * that correcting a drifted line with a count at {@code asOf} makes the record agree with the
     * snapshot exactly. Empty when the record's latest count is later than {@code asOf}: that count
     * is newer than the snapshot, superseded the effects before it, and a count at {@code asOf} would
     * itself be superseded, so there is nothing to compare.
     *
     * @param effectsAfter {@link EffectsAfter} of the record's applied entries at {@code asOf}
     */
    public static java.util.OptionalLong onHandAsOf(StockLevel current, Instant asOf, EffectsAfter effectsAfter) {
        if (current.isSupersededAt(asOf)) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(current.onHand() - effectsAfter.sum());
    }

    /**
     * The decision for a {@code COUNT} at its {@link #countTime}: a count older than the record's
     * latest count is {@link Outcome#SUPERSEDED_BY_COUNT} and changes nothing; otherwise it sets
     * {@code onHand = q + effectsAfter}, so sales after its time that arrived first are kept.
     *
     * @param appliedAt    when the store applies it (see {@link #countTime}); may be {@code null}
     * @param effectsAfter {@link EffectsAfter#sum()} of the record's applied entries at the count's time
     */
    public static Decision decideCount(StockLevel current, Movement count, Instant appliedAt, long effectsAfter) {
        if (count.type() != ChangeType.COUNT) {
            throw new IllegalArgumentException("not a count: " + count.type());
        }
        Instant t = countTime(count, appliedAt);
        if (current.isSupersededAt(t)) {
            return new Decision(Outcome.SUPERSEDED_BY_COUNT, StockChange.NONE);
        }
        return new Decision(Outcome.APPLIED, null, new StockChange(0, count.quantity() + effectsAfter, 0, 0, 0), t);
    }

    /**
     * Applies the count rule: an on-hand effect older than the latest applied count is already
     * in that count, so only the rest of the change (reserved, damaged, in transit) applies and
     * the movement is recorded as {@link Outcome#SUPERSEDED_BY_COUNT}.
     */
    public static Decision decide(StockLevel current, Movement m, long heldQuantity) {
        return decide(current, m, new HoldRules.Consumption(null, StockChange.reserved(-heldQuantity), null));
    }

    /** The decision for {@code m} against its record as it stands ({@code consumption} may be {@code null}). */
    public static Decision decide(StockLevel current, Movement m, HoldRules.Consumption consumption) {
        if (m.type() == ChangeType.COUNT) {
            // Without the record's entries known: nothing on top of the count.
            return decideCount(current, m, null, 0);
        }
        StockState guarded = guardedState(m);
        return decide(m, consumption, current.isSupersededAt(m.occurredAt()),
                guarded != null && current.in(guarded) < m.quantity());
    }

    /**
     * The decision for {@code m} once its inputs are known, however the store learnt them: the
     * in-memory store reads the record, the DynamoDB store learns of a newer count or a short state
     * from a failed write condition (the record's old image) and asks again.
     *
     * @param consumption  what a sale does with the hold it names (see {@link HoldRules#consumption}), or {@code null}
     * @param superseded   true when the record's latest applied count is newer than {@code m}
     * @param insufficient true when the {@link #guardedState} holds fewer units than {@code m} takes
     */
    public static Decision decide(Movement m, HoldRules.Consumption consumption, boolean superseded,
                                  boolean insufficient) {
        if (insufficient) {
            return new Decision(Outcome.REJECTED, guardedState(m) == StockState.DAMAGED
                    ? OutcomeReason.INSUFFICIENT_DAMAGED : OutcomeReason.INSUFFICIENT_QUARANTINE, StockChange.NONE);
        }
        StockChange change = consumption == null ? changeOf(m) : changeOf(m).plus(consumption.ownLine());
        OutcomeReason reason = consumption == null ? null : consumption.reason();
        if (superseded && change.touchesOnHand()) {
            return new Decision(Outcome.SUPERSEDED_BY_COUNT, reason, change.withoutOnHand());
        }
        return new Decision(Outcome.APPLIED, reason, change);
    }

    /**
     * A movement whose key already has a ledger entry with {@code existingFingerprint}: the same
     * movement delivered again is a {@link Outcome#DUPLICATE}; another movement under the same key
     * is refused. Either way nothing changes.
     */
    public static Decision repeated(String existingFingerprint, Movement m) {
        return m.fingerprint().equals(existingFingerprint)
                ? new Decision(Outcome.DUPLICATE, null, StockChange.NONE)
                : new Decision(Outcome.REJECTED, OutcomeReason.IDEMPOTENCY_KEY_REUSED, StockChange.NONE);
    }
}
