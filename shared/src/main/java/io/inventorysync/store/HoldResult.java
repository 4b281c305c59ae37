package io.inventorysync.store;

import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.Reservation;

/** What became of a commit, release or expiry of a hold. */
public sealed interface HoldResult {

    /** The hold is in the requested final status (now, or already before: the call is idempotent). */
    record Settled(Reservation reservation) implements HoldResult {
    }

    /** The hold ended otherwise (committed, released or expired) and cannot take this transition. */
    record NotActive(Reservation reservation) implements HoldResult {
    }

    /** The hold is active and its time is not up yet: an expiry leaves it as it is. */
    record NotDue(Reservation reservation) implements HoldResult {
    }

    /** No hold has this id. */
    record NotFound(String reservationId) implements HoldResult {
    }

    /** The result of {@code settlement}, once an ending it decided has been persisted. */
    static HoldResult of(HoldRules.Settlement settlement) {
        return switch (settlement) {
            case HoldRules.Settlement.AlreadySettled s -> new Settled(s.hold());
            case HoldRules.Settlement.NotActive s -> new NotActive(s.hold());
            case HoldRules.Settlement.NotDue s -> new NotDue(s.hold());
            case HoldRules.Settlement.Ends s -> s.asRequested() ? new Settled(s.transition().hold())
                    : new NotActive(s.transition().hold());
        };
    }
}
