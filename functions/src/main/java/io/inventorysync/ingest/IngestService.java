package io.inventorysync.ingest;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SignedRequests;
import io.inventorysync.auth.SigningSecrets;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.Digests;
import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.Ids;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.SourceScope;
import io.inventorysync.domain.Validated;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.EventReceipts;
import io.inventorysync.store.OutboxEvent;
import io.inventorysync.store.RequestClaims;
import io.inventorysync.store.SourceRegistry;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The ingest route of contract v1: a source posts one event or a batch; it is checked in full
 * (size, source, signature, JSON, every rule, the source's scope, SKU aliases), then accepted in one durable write:
 * every event's receipt together with the event itself, and answers. It sends nothing: the table's
 * stream hands each written receipt to the ingest relay ({@link IngestRelay}), which sends the
 * movements to the queue. Nothing is queued unless the whole request is accepted, and nothing
 * accepted is lost. Answers results, never HTTP: the handler maps them.
 */
public final class IngestService {
    /** The contract's body limit (also SQS's and API Gateway's comfortable ceiling). */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_EVENTS = 100;
    private static final Logger LOG = LogManager.getLogger(IngestService.class);

    private final SignedRequests signed;
    private final EventReceipts store;
    private final EventValidator validator;
    private final Clock clock;

    /**
     * @param store the event receipts (each holding its event, for the relay) and the request claims
     *              that bind each signed request to its route
     */
    public <S extends EventReceipts & RequestClaims> IngestService(SourceRegistry sources,
            SigningSecrets secrets, S store, Clock clock) {
        this.signed = new SignedRequests(sources, secrets, store, clock);
        this.store = store;
        this.validator = new EventValidator(clock);
        this.clock = clock;
    }

    /**
     * An incoming HTTP request, as the handler extracted it. Header names are lower case.
     *
     * @param route the method and path as received, e.g. {@code GET /v1/sources/pos-1/events/e-1}
     */
    public record Request(String sourceId, Map<String, String> headers, byte[] body, String route) {
    }

    /** {@code POST /v1/sources/{sourceId}/events}. */
    public IngestResult postEvents(Request request, Telemetry telemetry) {
        if (request.body().length > MAX_BODY_BYTES) {
            return reject(telemetry, new IngestResult.TooLarge(request.body().length, MAX_BODY_BYTES));
        }
        // The request id is claimed here too: a signature does not cover the route, so a body signed
        // for this route must not be accepted again on another (a SALE replayed as a hold).
        return switch (signed.readJson(request.sourceId(), request.headers(), request.body(), request.route())) {
            case SignedJsonRequest.Read(Source source, Object parsed) -> accept(source, parsed, telemetry);
            case SignedJsonRequest.Refused refused -> reject(telemetry, new IngestResult.RequestRefused(refused));
        };
    }

    /**
     * The path every source's events take once the sender is known: every rule of every event, SKU
     * aliases, then the receipts (the relay queues the movements). The ingest route comes here after the signature; a vendor
     * adapter after its own signature and mapping, so receipts, exactly-once and event status are
     * the same for both.
     *
     * @param parsed one event or {@code {"events": [...]}}, as parsed JSON
     */
    public IngestResult accept(Source source, Object parsed, Telemetry telemetry) {
        List<Problem> problems = new ArrayList<>();
        List<InventoryEvent> events = validate(parsed, problems);
        if (!problems.isEmpty()) {
            return reject(telemetry, new IngestResult.InvalidEvents(problems));
        }
        boolean batch = parsed instanceof Map<?, ?> m && m.containsKey("events");
        // The whole request is refused when any of it is outside the source's scope (v1.1).
        List<Problem> outOfScope = SourceScope.of(source).outOfScope(events, batch);
        if (!outOfScope.isEmpty()) {
            return reject(telemetry, new IngestResult.OutOfScope(outOfScope));
        }
        List<InventoryEvent> mapped;
        switch (SkuMapping.map(source, events, batch)) {
            case SkuMapping.Mapped ok -> mapped = ok.events();
            case SkuMapping.UnknownSkus unknown -> {
                return reject(telemetry, new IngestResult.UnknownSkus(unknown.problems()));
            }
            case SkuMapping.CollidingLines colliding -> {
                return reject(telemetry, new IngestResult.InvalidEvents(colliding.problems()));
            }
        }

        List<OutboxEvent> accepted = new ArrayList<>(events.size());
        // When the webhook received them: a count is effective no later, whatever its stamp says (v1.1).
        Instant receivedAt = clock.instant();
        for (int i = 0; i < events.size(); i++) {
            List<Movement> asSent = Movements.of(source.sourceId(), events.get(i));
            // The fingerprint is of the event as sent, so a change to the alias map is not a "different body".
            EventReceipt receipt = new EventReceipt(source.sourceId(), events.get(i).eventId(),
                    Digests.sha256(asSent.stream().map(Movement::fingerprint).collect(Collectors.joining())),
                    asSent.size(), receivedAt);
            OutboxEvent event = new OutboxEvent(receipt, mapped.get(i));
            accepted.add(event);
        }
        // The one durable write: once it commits the request is accepted. Every receipt written carries
        // this request's token, so the table's stream hands it to the relay, a sender's retry included.
        String token = UUID.randomUUID().toString();
        List<String> conflicts = store.recordReceipts(accepted, token);
        if (!conflicts.isEmpty()) {
            return reject(telemetry, new IngestResult.EventIdsReused(conflicts));
        }
        for (InventoryEvent e : events) {
            LOG.info("event accepted: {} {} with {} line(s)", e.type(), e.eventId(), e.lines().size());
        }
        telemetry.count("EventsAccepted", events.size());
        return new IngestResult.Accepted(events.stream().map(InventoryEvent::eventId).toList());
    }

    /** {@code GET /v1/sources/{sourceId}/events/{eventId}}. */
    public EventStatusResult eventStatus(Request request, String eventId, Telemetry telemetry) {
        if (signed.signer(request.sourceId(), request.headers(), request.body(), request.route())
                instanceof SourceAuthenticator.Refused refused) {
            countRejected(telemetry, refused.code());
            return new EventStatusResult.NotAuthenticated(refused);
        }
        Optional<EventStatus> status = Ids.isId(eventId) ? store.eventStatus(request.sourceId(), eventId)
                : Optional.empty();
        return status.<EventStatusResult>map(EventStatusResult.Found::new)
                .orElseGet(() -> new EventStatusResult.NotFound(request.sourceId(), eventId));
    }

    private List<InventoryEvent> validate(Object parsed, List<Problem> problems) {
        List<InventoryEvent> events = new ArrayList<>();
        if (parsed instanceof Map<?, ?> body && body.containsKey("events")) {
            if (!(body.get("events") instanceof List<?> raw)) {
                problems.add(new Problem("events", "must be an array"));
                return events;
            }
            if (raw.isEmpty() || raw.size() > MAX_EVENTS) {
                problems.add(new Problem("events", "must have 1 to " + MAX_EVENTS + " events"));
                return events;
            }
            Map<String, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < raw.size(); i++) {
                Validated<InventoryEvent> result = validator.validate(raw.get(i), "events[" + i + "]");
                if (result instanceof Validated.Valid<InventoryEvent> valid) {
                    Integer first = firstIndex.putIfAbsent(valid.value().eventId(), i);
                    if (first != null) {
                        problems.add(new Problem("events[" + i + "].eventId",
                                "duplicates events[" + first + "].eventId; send each event once"));
                    }
                    events.add(valid.value());
                } else {
                    problems.addAll(((Validated.Invalid<InventoryEvent>) result).problems());
                }
            }
            return events;
        }
        Validated<InventoryEvent> result = validator.validate(parsed, "");
        if (result instanceof Validated.Valid<InventoryEvent> valid) {
            events.add(valid.value());
        } else {
            problems.addAll(((Validated.Invalid<InventoryEvent>) result).problems());
        }
        return events;
    }

    private static IngestResult reject(Telemetry telemetry, IngestResult.Refused refused) {
        countRejected(telemetry, refused.code());
        return refused;
    }

    private static void countRejected(Telemetry telemetry, String code) {
        telemetry.count("EventsRejected", 1, "Code", code);
        LOG.warn("request rejected: {}", code);
    }
}
