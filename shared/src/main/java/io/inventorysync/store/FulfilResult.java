package io.inventorysync.store;

import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.Reservation;

import java.util.List;

/** What became of a fulfilment of a deferred commitment. */
public sealed interface FulfilResult {

    /** The units left (now, or before under the same {@code fulfilmentId}: {@code repeated}). */
    record Fulfilled(Reservation reservation, boolean repeated) implements FulfilResult {
    }

    /** The hold is not a deferred commitment with units remaining. */
    record NotActive(Reservation reservation) implements FulfilResult {
    }

    /** Another request was made under this {@code fulfilmentId}. */
    record KeyReused(Reservation reservation) implements FulfilResult {
    }

    /** These lines ask for more than remains: nothing changed. */
    record OverFulfilment(Reservation reservation, List<HoldRules.Fulfil.Shortfall> lines) implements FulfilResult {
        public OverFulfilment {
            lines = List.copyOf(lines);
        }
    }

    /** No hold has this id. */
    record NotFound(String reservationId) implements FulfilResult {
    }

    /** The result of a decision that changed nothing, or of one whose change has been persisted. */
    static FulfilResult of(HoldRules.Fulfil decision) {
        return switch (decision) {
            case HoldRules.Fulfil.Repeated r -> new Fulfilled(r.hold(), true);
            case HoldRules.Fulfil.KeyReused r -> new KeyReused(r.hold());
            case HoldRules.Fulfil.NotActive r -> new NotActive(r.hold());
            case HoldRules.Fulfil.OverFulfilment r -> new OverFulfilment(r.hold(), r.lines());
            case HoldRules.Fulfil.Fulfils f -> new Fulfilled(f.transition().hold(), false);
        };
    }
}
