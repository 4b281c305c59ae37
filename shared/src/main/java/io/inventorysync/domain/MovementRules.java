package io.inventorysync.domain;

/**
 * The contract's table of what each movement type does to a stock record. Pure: the DynamoDB
 * store turns the same {@link StockChange} into an update expression, and the in-memory
 * store applies it directly.
 */
public final class MovementRules {
    private MovementRules() {
    }

    /**
     * The change a movement makes to its record, before any count supersedes part of it.
     *
     * @param heldQuantity units of this SKU that the consumed reservation held here (only for a
     *                     {@code SALE} that consumes an active hold; otherwise 0)
     */
    public static StockChange changeOf(Movement m, long heldQuantity) {
        long q = m.quantity();
        return switch (m.type()) {
            case SALE -> new StockChange(-q, null, -heldQuantity, 0, 0);
            case RETURN -> m.condition() == ItemCondition.DAMAGED
                    ? new StockChange(0, null, 0, q, 0)
                    : StockChange.onHand(q);
            case RECEIPT, ADJUSTMENT -> StockChange.onHand(q);
            case COUNT -> new StockChange(0, q, 0, 0, 0);
            case TRANSFER_OUT -> m.isTransferDestination()
                    ? new StockChange(0, null, 0, 0, q)
                    : StockChange.onHand(-q);
            case TRANSFER_IN -> new StockChange(q, null, 0, 0, -q);
            default -> throw new IllegalArgumentException("not a movement type: " + m.type());
        };
    }

    /**
     * The decision for one movement: its outcome, the reason where one is due, and the change to
     * write (what is left of it when a count supersedes its on-hand effect).
     */
    public record Decision(Outcome outcome, OutcomeReason reason, StockChange change) {
        public Decision(Outcome outcome, StockChange change) {
            this(outcome, null, change);
        }
    }

    /**
     * Applies the count rule: an on-hand effect older than the latest applied count is already
     * in that count, so only the rest of the change (reserved, damaged, in transit) applies and
     * the movement is recorded as {@link Outcome#SUPERSEDED_BY_COUNT}.
     */
    public static Decision decide(StockLevel current, Movement m, long heldQuantity) {
        return decide(m, heldQuantity, null, current.isSupersededAt(m.occurredAt()));
    }

    /**
     * The decision for {@code m} once its inputs are known, however the store learnt them: the
     * in-memory store reads the record, the DynamoDB store learns of a newer count from a failed
     * write condition and asks again with {@code superseded} set.
     *
     * @param heldQuantity units of this SKU that a consumed hold had (see {@link HoldRules#consumption})
     * @param holdReason   what became of the hold a sale named, or {@code null}
     * @param superseded   true when the record's latest applied count is newer than {@code m}
     */
    public static Decision decide(Movement m, long heldQuantity, OutcomeReason holdReason, boolean superseded) {
        StockChange change = changeOf(m, heldQuantity);
        if (superseded && change.touchesOnHand()) {
            return new Decision(Outcome.SUPERSEDED_BY_COUNT, holdReason, change.withoutOnHand());
        }
        return new Decision(Outcome.APPLIED, holdReason, change);
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
