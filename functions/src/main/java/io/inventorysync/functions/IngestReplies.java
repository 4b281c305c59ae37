package io.inventorysync.functions;

import io.inventorysync.http.HttpReply;
import io.inventorysync.ingest.EventStatusResult;
import io.inventorysync.ingest.IngestResult;
import io.inventorysync.store.EventStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP answers of the ingest routes ({@code /v1/sources/{sourceId}/events...}), one per result. */
final class IngestReplies {
    private IngestReplies() {
    }

    /** {@code POST /v1/sources/{sourceId}/events}. */
    static HttpReply of(IngestResult result) {
        return switch (result) {
            case IngestResult.Accepted accepted -> HttpReply.json(202, Map.of("accepted", accepted.eventIds().stream()
                    .map(id -> Map.of("eventId", id, "status", "QUEUED")).toList()));
            case IngestResult.TooLarge tooLarge -> HttpReply.problem(413, tooLarge.code(), "Payload too large",
                    "The body is " + tooLarge.bytes() + " bytes; the limit is " + tooLarge.limit() + ".");
            case IngestResult.RequestRefused refused -> SignedRequestReplies.of(refused.refusal(),
                    "Send the body as application/json.");
            case IngestResult.InvalidEvents invalid -> HttpReply.problem(400, invalid.code(), "Invalid event",
                    HttpReply.summary(invalid.problems()), invalid.problems());
            case IngestResult.OutOfScope outOfScope -> HttpReply.problem(403, outOfScope.code(), "Out of scope",
                    HttpReply.summary(outOfScope.problems()) + "; nothing was queued.", outOfScope.problems());
            case IngestResult.UnknownSkus unknown -> HttpReply.problem(400, unknown.code(), "Unknown SKU",
                    HttpReply.summary(unknown.problems()), unknown.problems());
            case IngestResult.EventIdsReused reused -> HttpReply.problem(409, reused.code(), "Event id reused",
                    "Already accepted with a different body: " + String.join(", ", reused.eventIds())
                            + ". Use a new eventId for a new event.");
        };
    }

    /** {@code GET /v1/sources/{sourceId}/events/{eventId}}. */
    static HttpReply of(EventStatusResult result) {
        return switch (result) {
            case EventStatusResult.Found found -> HttpReply.json(200, view(found.status()));
            case EventStatusResult.NotFound notFound -> HttpReply.problem(404, notFound.code(), "Event not found",
                    "No event " + notFound.eventId() + " was accepted from " + notFound.sourceId() + ".");
            case EventStatusResult.NotAuthenticated refused -> SignedRequestReplies.of(refused.refusal());
        };
    }

    private static Map<String, Object> view(EventStatus s) {
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
        if (s.reason() != null) {
            // The ingest relay refused the event (parked it): its movements without an outcome never get one.
            body.put("reason", s.reason());
        }
        body.put("lines", lines);
        return body;
    }
}
