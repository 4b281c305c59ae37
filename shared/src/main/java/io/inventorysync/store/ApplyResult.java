package io.inventorysync.store;

import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.MovementRules;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.OutcomeReason;

/**
 * What the store did with one movement.
 *
 * @param reason why, where the outcome needs one: {@link OutcomeReason#IDEMPOTENCY_KEY_REUSED} for a
 *               rejected reuse; a reservation reason for a sale naming a hold (the sale applies in
 *               every case: it is a physical fact); otherwise {@code null}
 */
public record ApplyResult(MovementKey key, Outcome outcome, OutcomeReason reason) {

    /** The result of a decision the domain made for the movement with {@code key}. */
    public static ApplyResult of(MovementKey key, MovementRules.Decision decision) {
        return new ApplyResult(key, decision.outcome(), decision.reason());
    }
}
