package io.inventorysync.functions;

import io.inventorysync.domain.Reservation;
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
                            + notActive.reservation().status() + "; it can no longer be committed or released.",
                    List.of(), Map.of("reservation", view(notActive.reservation())));
            case ReservationOutcome.NotFound notFound -> HttpReply.problem(404, notFound.code(),
                    "Reservation not found", "No reservation " + notFound.reservationId() + " of this storefront.");
        };
    }

    /** The hold as the API shows it. */
    static Map<String, Object> view(Reservation r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservationId", r.reservationId());
        body.put("status", r.status().name());
        body.put("locationId", r.locationId());
        body.put("lines", r.lines().stream().map(l -> Map.of("sku", l.sku(), "quantity", l.quantity())).toList());
        body.put("createdAt", r.createdAt().toString());
        body.put("expiresAt", r.expiresAt().toString());
        if (r.finishedAt() != null) {
            body.put("finishedAt", r.finishedAt().toString());
        }
        return body;
    }
}
