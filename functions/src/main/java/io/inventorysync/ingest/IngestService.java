package io.inventorysync.ingest;

import io.inventorysync.auth.SigningSecrets;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.Digests;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.Ids;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.Validated;
import io.inventorysync.http.HttpReply;
import io.inventorysync.http.Json;
import io.inventorysync.movements.MovementQueue;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.SourceRegistry;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ingest route of contract v1: a source posts one event or a batch; it is checked in full
 * (size, source, signature, JSON, every rule, SKU aliases), its receipt recorded, and its
 * movements queued. Nothing is queued unless the whole request is accepted.
 */
public final class IngestService {
    /** The contract's body limit (also SQS's and API Gateway's comfortable ceiling). */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_EVENTS = 100;
    private static final Logger LOG = LogManager.getLogger(IngestService.class);

    private final SourceAuthenticator authenticator;
    private final InventoryStore store;
    private final MovementQueue queue;
    private final EventValidator validator;
    private final Clock clock;

    public IngestService(SourceRegistry sources, SigningSecrets secrets, InventoryStore store, MovementQueue queue,
                         Clock clock) {
        this.authenticator = new SourceAuthenticator(sources, secrets);
        this.store = store;
        this.queue = queue;
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
    public HttpReply postEvents(Request request, Telemetry telemetry) {
        if (request.body().length > MAX_BODY_BYTES) {
            return reject(telemetry, HttpReply.problem(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                    "The body is " + request.body().length + " bytes; the limit is " + MAX_BODY_BYTES + "."));
        }
        Source source;
        switch (authenticator.authenticate(request.sourceId(), request.headers(), request.body())) {
            case SourceAuthenticator.Authenticated ok -> source = ok.source();
            case SourceAuthenticator.Refused refused -> {
                return reject(telemetry, refused.reply());
            }
        }
        String contentType = request.headers().getOrDefault("content-type", "");
        if (!Json.isJson(contentType)) {
            return reject(telemetry, HttpReply.problem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "Send the body as application/json."));
        }
        Object parsed;
        try {
            parsed = Json.MAPPER.readValue(request.body(), Object.class);
        } catch (java.io.IOException e) {
            return reject(telemetry, HttpReply.problem(400, "INVALID_JSON", "Invalid JSON",
                    "The body is not valid JSON."));
        }

        List<Problem> problems = new ArrayList<>();
        List<InventoryEvent> events = validate(parsed, problems);
        if (!problems.isEmpty()) {
            return reject(telemetry, HttpReply.problem(400, "INVALID_EVENT", "Invalid event",
                    summary(problems), problems));
        }
        List<InventoryEvent> mapped = mapSkus(source, events, parsed instanceof Map<?, ?> m && m.containsKey("events"),
                problems);
        if (!problems.isEmpty()) {
            boolean unknown = problems.stream().anyMatch(p -> p.message().contains("alias map"));
            return reject(telemetry, unknown
                    ? HttpReply.problem(400, "UNKNOWN_SKU", "Unknown SKU", summary(problems), problems)
                    : HttpReply.problem(400, "INVALID_EVENT", "Invalid event", summary(problems), problems));
        }

        List<EventReceipt> receipts = new ArrayList<>(events.size());
        List<Movement> movements = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<Movement> asSent = Movements.of(source.sourceId(), events.get(i));
            List<Movement> toQueue = Movements.of(source.sourceId(), mapped.get(i));
            // The fingerprint is of the event as sent, so a change to the alias map is not a "different body".
            receipts.add(new EventReceipt(source.sourceId(), events.get(i).eventId(), Digests.sha256(asSent.stream().map(Movement::fingerprint).collect(Collectors.joining())),
                    toQueue.size(), clock.instant()));
            movements.addAll(toQueue);
        }
        List<String> conflicts = store.recordReceipts(receipts);
        if (!conflicts.isEmpty()) {
            return reject(telemetry, HttpReply.problem(409, "IDEMPOTENCY_KEY_REUSED", "Event id reused",
                    "Already accepted with a different body: " + String.join(", ", conflicts)
                            + ". Use a new eventId for a new event."));
        }
        try {
            queue.send(movements);
        } catch (MovementQueue.QueueUnavailableException e) {
            LOG.error("movements not queued; the sender's retry will queue them", e);
            return reject(telemetry, HttpReply.problem(503, "QUEUE_UNAVAILABLE", "Try again later",
                    "The movements could not be queued; retry the same request."));
        }
        for (InventoryEvent e : events) {
            LOG.info("event accepted: {} {} with {} line(s)", e.type(), e.eventId(), e.lines().size());
        }
        telemetry.count("EventsAccepted", events.size());
        telemetry.count("MovementsQueued", movements.size());
        List<Map<String, String>> accepted = events.stream()
                .map(e -> Map.of("eventId", e.eventId(), "status", "QUEUED")).toList();
        return HttpReply.json(202, Map.of("accepted", accepted));
    }

    /** {@code GET /v1/sources/{sourceId}/events/{eventId}}. */
    public HttpReply eventStatus(Request request, String eventId, Telemetry telemetry) {
        if (authenticator.authenticate(request.sourceId(), request.headers(), request.body(), request.route(), store,
                clock) instanceof SourceAuthenticator.Refused refused) {
            return reject(telemetry, refused.reply());
        }
        Optional<EventStatus> status = Ids.isId(eventId) ? store.eventStatus(request.sourceId(), eventId)
                : Optional.empty();
        if (status.isEmpty()) {
            return HttpReply.problem(404, "EVENT_NOT_FOUND", "Event not found",
                    "No event " + eventId + " was accepted from " + request.sourceId() + ".");
        }
        EventStatus s = status.get();
        List<Map<String, Object>> lines = s.lines().stream().map(l -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", l.lineKey());
            line.put("sku", l.sku());
            if (l.sourceSku() != null && !l.sourceSku().equals(l.sku())) {
                line.put("sourceSku", l.sourceSku());
            }
            line.put("locationId", l.locationId());
            line.put("outcome", l.outcome().name());
            if (l.reason() != null) {
                line.put("reason", l.reason());
            }
            return line;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", s.eventId());
        body.put("status", s.status().name());
        body.put("lines", lines);
        return HttpReply.json(200, body);
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

    private static List<InventoryEvent> mapSkus(Source source, List<InventoryEvent> events, boolean batch,
                                                List<Problem> problems) {
        List<InventoryEvent> mapped = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            InventoryEvent event = events.get(i);
            String prefix = batch ? "events[" + i + "]." : "";
            Map<String, Integer> canonicalLine = new HashMap<>();
            for (int j = 0; j < event.lines().size(); j++) {
                EventLine line = event.lines().get(j);
                Optional<String> canonical = source.canonicalSku(line.sourceSku());
                String path = prefix + "lines[" + j + "].sku";
                if (canonical.isEmpty()) {
                    problems.add(new Problem(path, "is not in the SKU alias map of source " + source.sourceId()
                            + ", which rejects unknown SKUs"));
                } else if (canonicalLine.putIfAbsent(canonical.get(), j) != null) {
                    problems.add(new Problem(path, "maps to " + canonical.get() + ", like lines["
                            + canonicalLine.get(canonical.get()) + "]; send one line per SKU"));
                }
            }
            mapped.add(event.withSkusMapped(sku -> source.canonicalSku(sku).orElse(sku)));
        }
        return mapped;
    }

    private static HttpReply reject(Telemetry telemetry, HttpReply reply) {
        telemetry.count("EventsRejected", 1, "Code", reply.code());
        LOG.warn("request rejected: {} {}", reply.status(), reply.code());
        return reply;
    }

    private static String summary(List<Problem> problems) {
        String first = problems.getFirst().toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more problems)";
    }


}
