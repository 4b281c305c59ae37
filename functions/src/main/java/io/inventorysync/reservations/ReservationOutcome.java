package io.inventorysync.reservations;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.HoldStep;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Reservation;
import io.inventorysync.store.ReservationResult;

import java.util.List;

/** What became of a request on the reservation routes (create, read, commit, release, fulfil, cancel). */
public sealed interface ReservationOutcome {

    /** The hold is placed; {@code repeated} when the same request was made before. */
    record Held(Reservation reservation, boolean repeated) implements ReservationOutcome {
    }

    /** The caller's hold, as it is. */
    record Found(Reservation reservation) implements ReservationOutcome {
    }

    /**
     * The caller's hold reached the requested status, now or before (commit, release and cancel are
     * idempotent).
     */
    record Settled(Reservation reservation) implements ReservationOutcome {
    }

    /** Units of the caller's deferred commitment left; {@code repeated} when this fulfilment was applied before. */
    record Fulfilled(Reservation reservation, boolean repeated) implements ReservationOutcome {
    }

    /** Nothing was held, changed or shown; {@code code} is the problem code. */
    sealed interface Refused extends ReservationOutcome {
        String code();
    }

    /** Refused before the request was read: bad signature, replayed request id, not JSON. */
    record RequestRefused(SignedJsonRequest.Refused refusal) implements Refused {
        @Override
        public String code() {
            return refusal.code();
        }
    }

    /** The reservation request breaks rules of the contract; every problem found. */
    record Invalid(List<Problem> problems) implements Refused {
        public Invalid {
            problems = List.copyOf(problems);
        }

        @Override
        public String code() {
            return "INVALID_RESERVATION";
        }
    }

    /** These lines ask for more than is available; nothing was held. */
    record InsufficientStock(List<ReservationResult.Shortfall> shortfalls) implements Refused {
        public InsufficientStock {
            shortfalls = List.copyOf(shortfalls);
        }

        @Override
        public String code() {
            return "INSUFFICIENT_STOCK";
        }
    }

    /** The reservation id was used before for a different request. */
    record KeyReused(String reservationId) implements Refused {
        @Override
        public String code() {
            return "IDEMPOTENCY_KEY_REUSED";
        }
    }

    /**
     * The hold cannot take {@code step}: a commit or release of a hold that ended otherwise, a
     * fulfil or cancel of anything but a deferred commitment with units remaining.
     */
    record NotActive(Reservation reservation, HoldStep step) implements Refused {
        @Override
        public String code() {
            return "RESERVATION_NOT_ACTIVE";
        }
    }

    /** Another fulfilment was made under this {@code fulfilmentId} of the hold; nothing changed. */
    record FulfilmentKeyReused(Reservation reservation, String fulfilmentId) implements Refused {
        @Override
        public String code() {
            return "IDEMPOTENCY_KEY_REUSED";
        }
    }

    /** These lines ask for more than remains of the commitment; nothing changed. */
    record OverFulfilment(Reservation reservation, List<HoldRules.Fulfil.Shortfall> lines) implements Refused {
        public OverFulfilment {
            lines = List.copyOf(lines);
        }

        @Override
        public String code() {
            return "OVER_FULFILMENT";
        }
    }

    /** No hold of the caller has this id (a hold of another storefront does not exist for it). */
    record NotFound(String reservationId) implements Refused {
        @Override
        public String code() {
            return "RESERVATION_NOT_FOUND";
        }
    }

    /**
     * The signer may not use the reservation routes ({@code canReserve} is false), or the hold's
     * location is outside its scope: nothing was held or changed; every problem listed.
     */
    record OutOfScope(List<Problem> problems) implements Refused {
        public OutOfScope {
            problems = List.copyOf(problems);
        }

        @Override
        public String code() {
            return "OUT_OF_SCOPE";
        }
    }
}
