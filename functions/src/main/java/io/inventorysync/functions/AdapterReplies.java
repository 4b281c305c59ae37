package io.inventorysync.functions;

import io.inventorysync.adapters.AdapterResult;
import io.inventorysync.http.HttpReply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP answers of the adapter routes ({@code /v1/sources/{sourceId}/adapters/...}). A delivery
 * that was read is {@code 200}, whatever became of its events (their status says); vendors retry
 * anything else for hours, so only what a retry could fix is not 2xx.
 */
final class AdapterReplies {
    private AdapterReplies() {
    }

    static HttpReply of(AdapterResult result) {
        return switch (result) {
            case AdapterResult.Handled handled -> HttpReply.json(200, Map.of("topic", handled.topic(),
                    "events", handled.outcomes().stream().map(AdapterReplies::view).toList()));
            case AdapterResult.Refused refused -> IngestReplies.of(refused.refused());
            case AdapterResult.UnknownSource unknown -> HttpReply.problem(404, "UNKNOWN_SOURCE", "Unknown source",
                    "No source is registered as " + unknown.sourceId() + ".");
            case AdapterResult.NotThisVendor other -> HttpReply.problem(404, "VENDOR_NOT_CONFIGURED",
                    "Not a " + other.vendor() + " source", "Source " + other.sourceId() + " has no "
                            + other.vendor() + " vendor configuration.");
            case AdapterResult.BadSignature bad -> HttpReply.problem(401, "INVALID_SIGNATURE", "Invalid signature",
                    "The " + bad.header() + " header does not verify with the source's vendor secret.");
            case AdapterResult.InvalidJson invalid -> HttpReply.problem(400, "INVALID_JSON", "Invalid JSON",
                    "The body is not valid JSON.");
        };
    }

    private static Map<String, Object> view(AdapterResult.Outcome outcome) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (outcome.eventId() != null) {
            view.put("eventId", outcome.eventId());
        }
        view.put("status", outcome.status());
        if (outcome.reason() != null) {
            view.put("reason", outcome.reason());
        }
        return view;
    }
}
