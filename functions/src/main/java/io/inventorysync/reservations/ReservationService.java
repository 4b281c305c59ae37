package io.inventorysync.reservations;

import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.ReservationValidator;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.Validated;
import io.inventorysync.http.HttpReply;
import io.inventorysync.http.Json;
import io.inventorysync.store.HoldResult;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.ReservationResult;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reservation routes of contract v1. A storefront is a source: requests are signed like any
 * other, by one of the sources allowed to hold stock, and a hold can be read, committed or
 * released only by the source that placed it (to any other it does not exist).
 */
public final class ReservationService {
    private static final Logger LOG = LogManager.getLogger(ReservationService.class);

    private final SourceAuthenticator authenticator;
    private final InventoryStore store;
    private final List<String> storefronts;

    /** @param storefronts the source ids allowed to place holds */
    public ReservationService(SourceAuthenticator authenticator, InventoryStore store, List<String> storefronts,
                              Clock clock) {
        this.authenticator = authenticator;
        this.store = store;
        this.storefronts = List.copyOf(storefronts);
        this.clock = clock;
    }

    private final Clock clock;

    /**
     * A request as the handler extracted it; header names in lower case.
     *
     * @param route the method and path as received, e.g. {@code POST /v1/reservations/chk-1/commit}
     */
    public record Request(Map<String, String> headers, byte[] body, String route) {
    }

    private SourceAuthenticator.Authentication caller(Request request) {
        return authenticator.authenticateAny(storefronts, request.headers(), request.body(), request.route(), store, clock);
    }

    /** {@code POST /v1/reservations}. */
    public HttpReply create(Request request, Telemetry telemetry) {
        Source caller;
        switch (caller(request)) {
            case SourceAuthenticator.Authenticated ok -> caller = ok.source();
            case SourceAuthenticator.Refused refused -> {
                return refused.reply();
            }
        }
        if (!Json.isJson(request.headers().getOrDefault("content-type", ""))) {
            return HttpReply.problem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", "Send application/json.");
        }
        Object parsed;
        try {
            parsed = Json.MAPPER.readValue(request.body(), Object.class);
        } catch (IOException e) {
            return HttpReply.problem(400, "INVALID_JSON", "Invalid JSON", "The body is not valid JSON.");
        }
        Validated<ReservationRequest> validated = ReservationValidator.validate(parsed, caller.sourceId());
        if (validated instanceof Validated.Invalid<ReservationRequest> invalid) {
            return HttpReply.problem(400, "INVALID_RESERVATION", "Invalid reservation",
                    invalid.problems().getFirst().toString(), invalid.problems());
        }
        ReservationRequest hold = ((Validated.Valid<ReservationRequest>) validated).value();
        return switch (store.reserve(hold)) {
            case ReservationResult.Held held -> {
                telemetry.count(held.repeated() ? "ReservationsRepeated" : "ReservationsCreated", 1);
                LOG.info("hold {} {} at {}", hold.reservationId(), held.repeated() ? "repeated" : "placed",
                        hold.locationId());
                yield HttpReply.json(201, view(held.reservation()));
            }
            case ReservationResult.InsufficientStock short_ -> {
                telemetry.count("ReservationsRefused", 1);
                yield HttpReply.problem(409, "INSUFFICIENT_STOCK", "Insufficient stock",
                        "Not enough available stock for " + short_.shortfalls().size() + " line(s); nothing was held.",
                        List.of(), Map.of("lines", short_.shortfalls().stream().map(s -> Map.of("sku", s.sku(),
                                "requested", s.requested(), "available", s.available())).toList()));
            }
            case ReservationResult.KeyReused reused -> HttpReply.problem(409, "IDEMPOTENCY_KEY_REUSED",
                    "Reservation id reused", "Reservation " + hold.reservationId()
                            + " exists with a different body. Use a new reservationId for a new checkout.");
        };
    }

    /** {@code POST /v1/reservations/{id}/commit}. */
    public HttpReply commit(Request request, String reservationId, Telemetry telemetry) {
        return settle(request, reservationId, telemetry, "Committed", store::commit);
    }

    /** {@code POST /v1/reservations/{id}/release}. */
    public HttpReply release(Request request, String reservationId, Telemetry telemetry) {
        return settle(request, reservationId, telemetry, "Released", store::release);
    }

    /** {@code GET /v1/reservations/{id}}. */
    public HttpReply get(Request request, String reservationId) {
        return switch (caller(request)) {
            case SourceAuthenticator.Refused refused -> refused.reply();
            case SourceAuthenticator.Authenticated ok -> owned(reservationId, ok.source())
                    .map(r -> HttpReply.json(200, view(r))).orElseGet(() -> notFound(reservationId));
        };
    }

    private HttpReply settle(Request request, String reservationId, Telemetry telemetry, String metric,
                             Function<String, HoldResult> transition) {
        Source caller;
        switch (caller(request)) {
            case SourceAuthenticator.Authenticated ok -> caller = ok.source();
            case SourceAuthenticator.Refused refused -> {
                return refused.reply();
            }
        }
        if (owned(reservationId, caller).isEmpty()) {
            return notFound(reservationId);
        }
        return switch (transition.apply(reservationId)) {
            case HoldResult.Settled settled -> {
                telemetry.count("Reservations" + metric, 1);
                yield HttpReply.json(200, view(settled.reservation()));
            }
            case HoldResult.NotActive notActive -> HttpReply.problem(409, "RESERVATION_NOT_ACTIVE",
                    "Reservation not active", "Reservation " + reservationId + " is "
                            + notActive.reservation().status() + "; it can no longer be committed or released.",
                    List.of(), Map.of("reservation", view(notActive.reservation())));
            case HoldResult.NotFound notFound -> notFound(reservationId);
            case HoldResult.NotDue notDue -> throw new IllegalStateException("commit and release never answer NotDue");
        };
    }

    private Optional<Reservation> owned(String reservationId, Source caller) {
        if (!Ids.isId(reservationId)) {
            return Optional.empty();
        }
        return store.reservation(reservationId).filter(r -> r.sourceId().equals(caller.sourceId()));
    }

    private static HttpReply notFound(String reservationId) {
        return HttpReply.problem(404, "RESERVATION_NOT_FOUND", "Reservation not found",
                "No reservation " + reservationId + " of this storefront.");
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
