package io.inventorysync.functions;

import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.http.HttpReply;
import io.inventorysync.reservations.ReservationOutcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP answers of the reservation routes ({@code /v1/reservations...}), one per outcome. */
final class ReservationReplies {
    private ReservationReplies() {
    }

    static HttpReply of(ReservationOutcome outcome) {
        return switch (outcome) {
            case ReservationOutcome.Held held -> HttpReply.json(201, view(held.reservation()));
            case ReservationOutcome.Found found -> HttpReply.json(200, view(found.reservation()));
            case ReservationOutcome.Settled settled -> HttpReply.json(200, view(settled.reservation()));
            case ReservationOutcome.Fulfilled fulfilled -> HttpReply.json(200, view(fulfilled.reservation()));
            case ReservationOutcome.RequestRefused refused -> SignedRequestReplies.of(refused.refusal(),
                    "Send application/json.");
            case ReservationOutcome.Invalid invalid -> HttpReply.problem(400, invalid.code(), "Invalid reservation",
                    invalid.problems().getFirst().toString(), invalid.problems());
            case ReservationOutcome.InsufficientStock short_ -> HttpReply.problem(409, short_.code(),
                    "Insufficient stock",
                    "Not enough available stock for " + short_.shortfalls().size() + " line(s); nothing was held.",
                    List.of(), Map.of("lines", short_.shortfalls().stream().map(s -> Map.of("sku", s.sku(),
                            "requested", s.requested(), "available", s.available())).toList()));
            case ReservationOutcome.KeyReused reused -> HttpReply.problem(409, reused.code(), "Reservation id reused",
                    "Reservation " + reused.reservationId()
                            + " exists with a different body. Use a new reservationId for a new checkout.");
            case ReservationOutcome.NotActive notActive -> HttpReply.problem(409, notActive.code(),
                    "Reservation not active", "Reservation " + notActive.reservation().reservationId() + " is "
                            + notActive.reservation().status() + switch (notActive.step()) {
                                case COMMIT, RELEASE -> "; it can no longer be committed or released.";
                                case FULFIL, CANCEL -> "; only a deferred commitment with units remaining can be "
                                        + "fulfilled or cancelled.";
                            },
                    List.of(), Map.of("reservation", view(notActive.reservation())));
            case ReservationOutcome.FulfilmentKeyReused reused -> HttpReply.problem(409, reused.code(),
                    "Fulfilment id reused", "Fulfilment " + reused.fulfilmentId() + " of reservation "
                            + reused.reservation().reservationId() + " was made with a different body; nothing "
                            + "changed. Use a new fulfilmentId for another fulfilment.",
                    List.of(), Map.of("reservation", view(reused.reservation())));
            case ReservationOutcome.OverFulfilment over -> HttpReply.problem(409, over.code(), "Over-fulfilment",
                    over.lines().size() + " line(s) ask for more than remains of reservation "
                            + over.reservation().reservationId() + "; nothing changed.",
                    List.of(), Map.of(
                            "lines", over.lines().stream().map(l -> Map.of("sku", l.sku(),
                                    "requested", l.requested(), "remaining", l.remaining())).toList(),
                            "reservation", view(over.reservation())));
            case ReservationOutcome.OutOfScope outOfScope -> HttpReply.problem(403, outOfScope.code(), "Out of scope",
                    outOfScope.problems().getFirst().toString() + "; nothing was held or changed.", outOfScope.problems());
            case ReservationOutcome.NotFound notFound -> HttpReply.problem(404, notFound.code(),
                    "Reservation not found", "No reservation " + notFound.reservationId() + " of this storefront.");
        };
    }

    /**
     * The hold as the API shows it: the members of v1, and since v1.1 {@code fulfilment} (once
     * committed) and per line {@code fulfilled} and {@code remaining}.
     */
    static Map<String, Object> view(Reservation r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservationId", r.reservationId());
        body.put("status", r.status().name());
        body.put("locationId", r.locationId());
        body.put("lines", r.lines().stream().map(l -> line(r, l)).toList());
        body.put("createdAt", r.createdAt().toString());
        body.put("expiresAt", r.expiresAt().toString());
        if (r.finishedAt() != null) {
            body.put("finishedAt", r.finishedAt().toString());
        }
        if (r.fulfilment() != null) {
            body.put("fulfilment", r.fulfilment().name());
        }
        return body;
    }

    /**
     * One line: {@code fulfilled} counts the units handed over under the hold (all of them at an
     * immediate commit), {@code remaining} the units it still takes out of {@code available} (held
     * while active, committed while a deferred commitment is open; 0 once the hold has ended).
     */
    private static Map<String, Object> line(Reservation r, ReservationLine l) {
        boolean deferred = r.fulfilment() == Fulfilment.DEFERRED;
        long fulfilled = deferred ? l.fulfilled() : r.status() == ReservationStatus.COMMITTED ? l.quantity() : 0;
        long remaining = switch (r.status()) {
            case ACTIVE -> l.quantity();
            case COMMITTED -> deferred ? l.remaining() : 0;
            default -> 0;
        };
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", l.sku());
        line.put("quantity", l.quantity());
        line.put("fulfilled", fulfilled);
        line.put("remaining", remaining);
        return line;
    }
}
