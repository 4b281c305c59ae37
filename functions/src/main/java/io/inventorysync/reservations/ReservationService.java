package io.inventorysync.reservations;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SignedRequests;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.auth.Storefronts;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.HoldRef;
import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.HoldStep;
import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.ReservationValidator;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.SourceScope;
import io.inventorysync.domain.Validated;
import io.inventorysync.store.FulfilResult;
import io.inventorysync.store.HoldResult;
import io.inventorysync.store.Holds;
import io.inventorysync.store.RequestClaims;
import io.inventorysync.store.ReservationResult;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The reservation routes of contract v1 and v1.1. A storefront is a source: requests are signed
 * like any other, by a source whose configuration says {@code canReserve}. A request may name its
 * storefront in the {@value #SOURCE_HEADER} header; a v1 request names none and is checked against
 * every storefront ({@link Storefronts}). Reservation ids are the storefront's own: a hold is
 * found, read, committed, released, fulfilled or cancelled only under the storefront that placed it
 * (to any other it does not exist, exactly like an unknown id). Answers outcomes, never HTTP: the
 * handler maps them.
 */
public final class ReservationService {
    private static final Logger LOG = LogManager.getLogger(ReservationService.class);

    private final SignedRequests signed;
    private final Holds store;
    private final Storefronts storefronts;

    /** The header a request may name its storefront in (a source id); without it every storefront is tried. */
    public static final String SOURCE_HEADER = "x-source-id";

    /**
     * @param store       the holds, and the request claims that bind each signed request to its route
     * @param storefronts the sources that may place holds, for requests that name none
     */
    public <S extends Holds & RequestClaims> ReservationService(SourceAuthenticator authenticator, S store,
                                                                Storefronts storefronts, Clock clock) {
        this.signed = new SignedRequests(authenticator, store, clock);
        this.store = store;
        this.storefronts = storefronts;
    }

    /**
     * A request as the handler extracted it; header names in lower case.
     *
     * @param route the method and path as received, e.g. {@code POST /v1/reservations/chk-1/commit}
     */
    public record Request(Map<String, String> headers, byte[] body, String route) {
    }

    private SourceAuthenticator.Authentication caller(Request request) {
        return signed.storefront(storefronts, request.headers().get(SOURCE_HEADER), request.headers(), request.body(),
                request.route());
    }

    /**
     * For priming: what a create runs besides its I/O, on made-up data (the request's validation,
     * the caller's scope), and the outcomes it answers with (held, invalid). Not a create itself:
     * the authenticator caches the sources and keys it reads, and a made-up one must not outlive
     * the priming.
     */
    public static List<ReservationOutcome> primingOutcomes() {
        try {
            Object json = io.inventorysync.http.Json.MAPPER.readValue("{\"reservationId\":\"prime-1\",\"locationId\":\"prime\","
                    + "\"ttlSeconds\":900,\"lines\":[{\"sku\":\"PRIME\",\"quantity\":1}]}", Object.class);
            ReservationRequest request = ((Validated.Valid<ReservationRequest>) ReservationValidator.validate(json, "prime"))
                    .value();
            Source source = new Source("prime", "prime", java.util.Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
            List<Problem> outOfScope = SourceScope.of(source).outOfScope(request);
            java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
            Reservation hold = new Reservation(request.reservationId(), "prime", request.locationId(),
                    List.of(new io.inventorysync.domain.ReservationLine("PRIME", 1)), io.inventorysync.domain.ReservationStatus.ACTIVE, now, now.plusSeconds(900), null,
                    "prime");
            return List.of(new ReservationOutcome.Held(hold, false), new ReservationOutcome.Invalid(
                    outOfScope.isEmpty() ? List.of(new Problem("lines", "prime")) : outOfScope));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code POST /v1/reservations}. */
    public ReservationOutcome create(Request request, Telemetry telemetry) {
        return withBody(SignedJsonRequest.read(caller(request), request.headers(), request.body()),
                (caller, json) -> ReservationValidator.validate(json, caller.sourceId()),
                (caller, hold) -> {
                    List<Problem> outOfScope = SourceScope.of(caller).outOfScope(hold);
                    return outOfScope.isEmpty() ? create(hold, telemetry) : refuse(telemetry, outOfScope);
                });
    }

    private static ReservationOutcome refuse(Telemetry telemetry, List<Problem> outOfScope) {
        telemetry.count("ReservationsOutOfScope", 1);
        return new ReservationOutcome.OutOfScope(outOfScope);
    }

    private ReservationOutcome create(ReservationRequest hold, Telemetry telemetry) {
        return switch (store.reserve(hold)) {
            case ReservationResult.Held held -> {
                telemetry.count(held.repeated() ? "ReservationsRepeated" : "ReservationsCreated", 1);
                LOG.info("hold {} {} at {}", hold.reservationId(), held.repeated() ? "repeated" : "placed",
                        hold.locationId());
                yield new ReservationOutcome.Held(held.reservation(), held.repeated());
            }
            case ReservationResult.InsufficientStock short_ -> {
                telemetry.count("ReservationsRefused", 1);
                yield new ReservationOutcome.InsufficientStock(short_.shortfalls());
            }
            case ReservationResult.KeyReused reused -> new ReservationOutcome.KeyReused(hold.reservationId());
        };
    }

    /**
     * {@code POST /v1/reservations/{id}/commit}, with an optional body {@code {"fulfilment"}}. No
     * body is a v1 commit ({@code IMMEDIATE}): its content type is not looked at, as v1 never read it.
     */
    public ReservationOutcome commit(Request request, String reservationId, Telemetry telemetry) {
        return withBody(SignedJsonRequest.readOptional(caller(request), request.headers(), request.body()),
                (caller, json) -> ReservationValidator.validateCommit(json),
                (caller, mode) -> settled(caller, reservationId, telemetry,
                        mode == Fulfilment.DEFERRED ? "CommittedDeferred" : "Committed", HoldStep.COMMIT,
                        id -> store.commit(id, mode)));
    }

    /** {@code POST /v1/reservations/{id}/release}. */
    public ReservationOutcome release(Request request, String reservationId, Telemetry telemetry) {
        return settle(request, reservationId, telemetry, "Released", HoldStep.RELEASE, store::release);
    }

    /**
     * {@code POST /v1/reservations/{id}/cancel}: what remains of a deferred commitment goes back. The
     * body is not read.
     */
    public ReservationOutcome cancel(Request request, String reservationId, Telemetry telemetry) {
        return settle(request, reservationId, telemetry, "Cancelled", HoldStep.CANCEL, store::cancel);
    }

    /** {@code POST /v1/reservations/{id}/fulfil} {@code {"fulfilmentId", "lines"?}}. */
    public ReservationOutcome fulfil(Request request, String reservationId, Telemetry telemetry) {
        return withBody(SignedJsonRequest.read(caller(request), request.headers(), request.body()),
                (caller, json) -> ReservationValidator.validateFulfilment(json),
                (caller, fulfilment) -> fulfil(caller, reservationId, fulfilment, telemetry));
    }

    private ReservationOutcome fulfil(Source caller, String reservationId, FulfilmentRequest fulfilment,
                                      Telemetry telemetry) {
        Optional<ReservationOutcome> refused = stepRefused(caller, reservationId, HoldStep.FULFIL,
                hold -> HoldRules.fulfilmentDone(hold, fulfilment.fulfilmentId()), telemetry);
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (store.fulfil(new HoldRef(caller.sourceId(), reservationId), fulfilment)) {
            case FulfilResult.Fulfilled done -> {
                telemetry.count(done.repeated() ? "FulfilmentsRepeated" : "FulfilmentsApplied", 1);
                LOG.info("fulfilment {} of {} {}", fulfilment.fulfilmentId(), reservationId,
                        done.repeated() ? "repeated" : "applied");
                yield new ReservationOutcome.Fulfilled(done.reservation(), done.repeated());
            }
            case FulfilResult.OverFulfilment over -> {
                telemetry.count("FulfilmentsRefused", 1);
                yield new ReservationOutcome.OverFulfilment(over.reservation(), over.lines());
            }
            case FulfilResult.KeyReused reused ->
                    new ReservationOutcome.FulfilmentKeyReused(reused.reservation(), fulfilment.fulfilmentId());
            case FulfilResult.NotActive notActive ->
                    new ReservationOutcome.NotActive(notActive.reservation(), HoldStep.FULFIL);
            case FulfilResult.NotFound notFound -> new ReservationOutcome.NotFound(reservationId);
        };
    }

    /** {@code GET /v1/reservations/{id}}. */
    public ReservationOutcome get(Request request, String reservationId) {
        return switch (caller(request)) {
            case SourceAuthenticator.Refused refused -> new ReservationOutcome.RequestRefused(refused);
            case SourceAuthenticator.Authenticated ok -> {
                // Reads have their own rule: a storefront sees its own holds, whatever its scope now.
                Optional<Reservation> hold = owned(reservationId, ok.source());
                List<Problem> refused = SourceScope.of(ok.source()).holdReadRefused(hold);
                yield !refused.isEmpty() ? new ReservationOutcome.OutOfScope(refused)
                        : hold.<ReservationOutcome>map(ReservationOutcome.Found::new)
                        .orElseGet(() -> new ReservationOutcome.NotFound(reservationId));
            }
        };
    }

    /**
     * The one rule for a step on a hold ({@link SourceScope#holdStepRefused}), by the caller's
     * configuration now: {@code 403 OUT_OF_SCOPE} when it may not take it, {@code 404} when it has no
     * such hold; empty when the step may go ahead. A step that repeats one already done ({@code done})
     * is not checked against the scope: the store answers it as the first, changing nothing.
     */
    private Optional<ReservationOutcome> stepRefused(Source caller, String reservationId, HoldStep step,
                                                     Predicate<Reservation> done, Telemetry telemetry) {
        Optional<Reservation> hold = owned(reservationId, caller);
        List<Problem> refused = SourceScope.of(caller).holdStepRefused(hold, step, hold.filter(done).isPresent());
        if (!refused.isEmpty()) {
            return Optional.of(refuse(telemetry, refused));
        }
        return hold.isEmpty() ? Optional.of(new ReservationOutcome.NotFound(reservationId)) : Optional.empty();
    }

    private ReservationOutcome settle(Request request, String reservationId, Telemetry telemetry, String metric,
                                      HoldStep step, Function<HoldRef, HoldResult> transition) {
        return switch (caller(request)) {
            case SourceAuthenticator.Authenticated ok ->
                    settled(ok.source(), reservationId, telemetry, metric, step, transition);
            case SourceAuthenticator.Refused refused -> new ReservationOutcome.RequestRefused(refused);
        };
    }

    private ReservationOutcome settled(Source caller, String reservationId, Telemetry telemetry, String metric,
                                       HoldStep step, Function<HoldRef, HoldResult> transition) {
        Optional<ReservationOutcome> refused = stepRefused(caller, reservationId, step,
                step == HoldStep.COMMIT ? HoldRules::commitDone : hold -> false, telemetry);
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (transition.apply(new HoldRef(caller.sourceId(), reservationId))) {
            case HoldResult.Settled settled -> {
                telemetry.count("Reservations" + metric, 1);
                yield new ReservationOutcome.Settled(settled.reservation());
            }
            case HoldResult.NotActive notActive -> new ReservationOutcome.NotActive(notActive.reservation(), step);
            case HoldResult.NotFound notFound -> new ReservationOutcome.NotFound(reservationId);
            case HoldResult.NotDue notDue -> throw new IllegalStateException(step + " never answers NotDue");
        };
    }

    /**
     * The one path of a route with a body: a refused request (signature, media type, JSON) or an
     * invalid body is answered as such; otherwise {@code then} runs with the signer and the value.
     */
    private static <T> ReservationOutcome withBody(SignedJsonRequest.Result read,
                                                   BiFunction<Source, Object, Validated<T>> validate,
                                                   BiFunction<Source, T, ReservationOutcome> then) {
        return switch (read) {
            case SignedJsonRequest.Refused refused -> new ReservationOutcome.RequestRefused(refused);
            case SignedJsonRequest.Read ok -> switch (validate.apply(ok.source(), ok.json())) {
                case Validated.Invalid<T> invalid -> new ReservationOutcome.Invalid(invalid.problems());
                case Validated.Valid<T> valid -> then.apply(ok.source(), valid.value());
            };
        };
    }

    private Optional<Reservation> owned(String reservationId, Source caller) {
        if (!Ids.isId(reservationId)) {
            return Optional.empty();
        }
        return store.reservation(new HoldRef(caller.sourceId(), reservationId));
    }
}
