package io.inventorysync.functions;

import io.inventorysync.availability.AvailabilityResult;
import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.http.HttpReply;
import io.inventorysync.outbox.ChangeEvents;

import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP answers of {@code GET /v1/channels/{channel}/availability/{sku}}, one per result. */
final class AvailabilityReplies {
    private AvailabilityReplies() {
    }

    static HttpReply of(AvailabilityResult result) {
        return switch (result) {
            case AvailabilityResult.Found found -> HttpReply.json(200, view(found.availability()));
            case AvailabilityResult.ChannelNotFound notFound -> HttpReply.problem(404, notFound.code(),
                    "Channel not found", "No channel called " + notFound.channel() + " has an availability pool.");
        };
    }

    /**
     * The document of {@code ChannelAvailabilityChanged}: {@code previous} is the number before the
     * stored version ({@code null} at version 0, when there was none).
     */
    private static Map<String, Object> view(ChannelAvailability a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemaVersion", "1");
        body.put("channel", a.channel());
        body.put("sku", a.sku());
        body.put("available", a.available());
        body.put("previous", ChangeEvents.previous(a.previous()));
        body.put("version", a.version());
        body.put("locations", a.locations().stream().map(l -> {
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("locationId", l.locationId());
            location.put("available", l.available());
            return location;
        }).toList());
        body.put("computedAt", a.computedAt() == null ? null : a.computedAt().toString());
        return body;
    }
}
