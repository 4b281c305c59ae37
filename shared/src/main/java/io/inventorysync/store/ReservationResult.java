package io.inventorysync.store;

import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationRequest;

import java.util.List;

/** What became of a request to hold stock. */
public sealed interface ReservationResult {

    /** The hold exists; {@code repeated} when this request had been made before with the same body. */
    record Held(Reservation reservation, boolean repeated) implements ReservationResult {
    }

    /** Nothing was held: these lines ask for more than is available. */
    record InsufficientStock(List<Shortfall> shortfalls) implements ReservationResult {
        public InsufficientStock {
            shortfalls = List.copyOf(shortfalls);
        }
    }

    /** The id was already used for a different request. */
    record KeyReused(Reservation existing) implements ReservationResult {
    }

    record Shortfall(String sku, long requested, long available) {
    }

    /** A request whose id is taken by {@code existing}: the same request repeated, or another one reusing the id. */
    static ReservationResult existing(Reservation existing, ReservationRequest request) {
        return HoldRules.repeats(existing, request) ? new Held(existing, true) : new KeyReused(existing);
    }
}
