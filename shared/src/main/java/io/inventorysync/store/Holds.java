package io.inventorysync.store;

import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.HoldRef;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationRequest;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkout holds and their lifecycle. A hold is named by the storefront that placed it and its id
 * ({@link HoldRef}): ids are per storefront. Each transition changes the hold, every line's stock record
 * and their ledger entries together, as {@link io.inventorysync.domain.HoldRules} decides.
 */
public interface Holds {

    /** Holds every line of the request, or none when any line lacks available stock. */
    ReservationResult reserve(ReservationRequest request);

    /** The hold becomes a sale: {@code onHand -= q}, {@code reserved -= q} for every line. */
    default HoldResult commit(HoldRef hold) {
        return commit(hold, Fulfilment.IMMEDIATE);
    }

    /**
     * The hold is committed: {@code IMMEDIATE} as {@link #commit(String)}; {@code DEFERRED} keeps the
     * units here as an order commitment ({@code reserved -= q, committed += q}) until fulfilled.
     */
    HoldResult commit(HoldRef hold, Fulfilment mode);

    /** Units of a deferred commitment leave: {@code onHand -= q, committed -= q}, as {@link io.inventorysync.domain.HoldRules#fulfil} decides. */
    FulfilResult fulfil(HoldRef hold, FulfilmentRequest request);

    /** What remains of a deferred commitment goes back: {@code committed -= remaining}. */
    HoldResult cancel(HoldRef hold);

    /** The hold is given back: {@code reserved -= q} for every line. */
    HoldResult release(HoldRef hold);

    /** Releases a hold whose time is up ({@code reserved -= q}); a hold not yet due is left as it is. */
    HoldResult expire(HoldRef hold);

    Optional<Reservation> reservation(HoldRef hold);

    /**
     * The active holds whose {@code expiresAt} is at or before {@code now}, soonest first,
     * read lazily page by page as the stream is consumed (no scan). Expiring a hold removes it, so
     * a later call starts where an earlier one stopped.
     */
    Stream<HoldRef> dueHolds(Instant now);
}
