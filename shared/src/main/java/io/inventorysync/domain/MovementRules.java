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

    /** The decision for one movement against the record as it stands. */
    public record Decision(Outcome outcome, StockChange change) {
    }

    /**
     * Applies the count rule: an on-hand effect older than the latest applied count is already
     * in that count, so only the rest of the change (reserved, damaged, in transit) applies and
     * the movement is recorded as {@link Outcome#SUPERSEDED_BY_COUNT}.
     */
    public static Decision decide(StockLevel current, Movement m, long heldQuantity) {
        StockChange change = changeOf(m, heldQuantity);
        if (change.touchesOnHand() && current.isSupersededAt(m.occurredAt())) {
            return new Decision(Outcome.SUPERSEDED_BY_COUNT, change.withoutOnHand());
        }
        return new Decision(Outcome.APPLIED, change);
    }
}
