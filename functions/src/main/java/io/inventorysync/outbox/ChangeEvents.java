package io.inventorysync.outbox;

import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.http.Json;
import io.inventorysync.store.ItemType;
import io.inventorysync.store.StreamImages;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What channels learn from one change of the table: built from the stream record's old and new
 * images only (absolute values, never deltas), so a record replayed or delivered twice yields
 * the same events, and {@code version} lets a consumer drop stale ones.
 */
public final class ChangeEvents {
    public static final String LEVEL_CHANGED = "InventoryLevelChanged";
    public static final String WENT_NEGATIVE = "StockWentNegative";
    public static final String DEPLETED = "StockDepleted";
    public static final String RESERVATION_EXPIRED = "ReservationExpired";
    public static final String DRIFT_DETECTED = "DriftDetected";
    public static final String CHANNEL_AVAILABILITY_CHANGED = ChannelsConfig.CHANNEL_AVAILABILITY_CHANGED;
    static final String SCHEMA_VERSION = "1";

    private ChangeEvents() {
    }

    /** The events of one change; empty for items channels do not hear about (ledger, receipts, sources). */
    public static List<OutboundEvent> of(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        ItemType type = StreamImages.typeOf(newImage != null && !newImage.isEmpty() ? newImage : oldImage);
        if (type == null) {
            return List.of();
        }
        return switch (type) {
            case STOCK -> stock(StreamImages.level(oldImage), StreamImages.level(newImage));
            case HOLD -> hold(StreamImages.hold(oldImage), StreamImages.hold(newImage));
            case DRIFT -> drift(oldImage, newImage);
            case CHANNEL -> channel(StreamImages.channelAvailability(oldImage), StreamImages.channelAvailability(newImage));
            default -> List.of();
        };
    }

    /**
     * A drift record is written once, when reconciliation finds the line drifted: its insertion is
     * the one {@code DriftDetected} (the reconciler built the detail); any later image of it is not.
     */
    private static List<OutboundEvent> drift(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if ((oldImage != null && !oldImage.isEmpty()) || newImage == null || !newImage.containsKey("detail")) {
            return List.of();
        }
        String detail = newImage.get("detail").s();
        java.time.Instant detectedAt;
        try {
            detectedAt = java.time.Instant.parse(String.valueOf(Json.MAPPER.readTree(detail).path("detectedAt").asText()));
        } catch (java.io.IOException | java.time.DateTimeException e) {
            detectedAt = null;
        }
        return List.of(new OutboundEvent(DRIFT_DETECTED, detail, detectedAt));
    }

    private static List<OutboundEvent> stock(StockLevel before, StockLevel after) {
        if (after == null || (before != null && before.version() == after.version())) {
            return List.of();
        }
        List<OutboundEvent> events = new ArrayList<>(3);
        boolean changed = before == null || before.onHand() != after.onHand() || before.reserved() != after.reserved()
                || before.damaged() != after.damaged() || before.inTransit() != after.inTransit()
                || before.committed() != after.committed() || before.quarantine() != after.quarantine();
        if (changed) {
            Map<String, Object> detail = base(after);
            detail.put("onHand", after.onHand());
            detail.put("reserved", after.reserved());
            detail.put("available", after.available());
            detail.put("damaged", after.damaged());
            detail.put("inTransit", after.inTransit());
            detail.put("committed", after.committed());
            detail.put("quarantine", after.quarantine());
            detail.put("version", after.version());
            detail.put("previous", before == null ? null : previous(before));
            detail.put("cause", cause(after));
            detail.put("occurredAt", after.lastCause() == null || after.lastCause().occurredAt() == null
                    ? null : after.lastCause().occurredAt().toString());
            detail.put("appliedAt", after.updatedAt().toString());
            events.add(new OutboundEvent(LEVEL_CHANGED, Json.write(detail), after.updatedAt()));
        }
        if (after.onHand() < 0 && (before == null || before.onHand() >= 0)) {
            Map<String, Object> detail = base(after);
            detail.put("onHand", after.onHand());
            detail.put("version", after.version());
            detail.put("cause", cause(after));
            detail.put("appliedAt", after.updatedAt().toString());
            events.add(new OutboundEvent(WENT_NEGATIVE, Json.write(detail), after.updatedAt()));
        }
        if (after.available() == 0 && before != null && before.available() > 0) {
            Map<String, Object> detail = base(after);
            detail.put("onHand", after.onHand());
            detail.put("reserved", after.reserved());
            detail.put("available", 0);
            detail.put("version", after.version());
            detail.put("cause", cause(after));
            detail.put("appliedAt", after.updatedAt().toString());
            events.add(new OutboundEvent(DEPLETED, Json.write(detail), after.updatedAt()));
        }
        return events;
    }

    private static List<OutboundEvent> hold(Reservation before, Reservation after) {
        if (before == null || after == null || before.status() != ReservationStatus.ACTIVE
                || after.status() != ReservationStatus.EXPIRED) {
            return List.of();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("schemaVersion", SCHEMA_VERSION);
        detail.put("reservationId", after.reservationId());
        detail.put("sourceId", after.sourceId());
        detail.put("locationId", after.locationId());
        detail.put("lines", after.lines().stream().map(l -> Map.of("sku", l.sku(), "quantity", l.quantity())).toList());
        detail.put("expiresAt", after.expiresAt().toString());
        detail.put("expiredAt", after.finishedAt().toString());
        return List.of(new OutboundEvent(RESERVATION_EXPIRED, Json.write(detail), after.finishedAt()));
    }

    /**
     * A channel's number changed when its version did: a write that only records newer levels
     * (same number, same version) is silent. Goes to that channel only, by {@code detail.channel}.
     */
    private static List<OutboundEvent> channel(ChannelAvailability before, ChannelAvailability after) {
        long previousVersion = before == null ? 0 : before.version();
        if (after == null || after.version() == previousVersion) {
            return List.of();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("schemaVersion", SCHEMA_VERSION);
        detail.put("channel", after.channel());
        detail.put("sku", after.sku());
        detail.put("available", after.available());
        // The stored previous (the route answers the same); a record written before it was kept: the old image.
        ChannelAvailability.Previous stored = after.previous() != null ? after.previous()
                : new ChannelAvailability.Previous(before == null ? 0 : before.available(), previousVersion);
        detail.put("previous", previous(stored));
        detail.put("version", after.version());
        detail.put("locations", after.locations().stream()
                .map(l -> {
                    Map<String, Object> location = new LinkedHashMap<>();
                    location.put("locationId", l.locationId());
                    location.put("available", l.available());
                    return location;
                })
                .toList());
        detail.put("computedAt", after.computedAt().toString());
        return List.of(new OutboundEvent(CHANNEL_AVAILABILITY_CHANGED, Json.write(detail), after.computedAt()));
    }

    /** {@code previous} of a channel's number, as the event and the route answer it ({@code null}: none). */
    public static Map<String, Object> previous(ChannelAvailability.Previous previous) {
        if (previous == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("available", previous.available());
        map.put("version", previous.version());
        return map;
    }

    private static Map<String, Object> base(StockLevel level) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("schemaVersion", SCHEMA_VERSION);
        detail.put("sku", level.sku());
        detail.put("locationId", level.locationId());
        return detail;
    }

    private static Map<String, Object> previous(StockLevel before) {
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("onHand", before.onHand());
        previous.put("reserved", before.reserved());
        previous.put("available", before.available());
        previous.put("committed", before.committed());
        previous.put("quarantine", before.quarantine());
        previous.put("version", before.version());
        return previous;
    }

    private static Map<String, Object> cause(StockLevel level) {
        Map<String, Object> cause = new LinkedHashMap<>();
        StockLevel.Cause c = level.lastCause();
        cause.put("type", c == null ? null : c.type().name());
        cause.put("sourceId", c == null ? null : c.sourceId());
        cause.put("eventId", c == null ? null : c.eventId());
        cause.put("reference", c == null ? null : c.reference());
        return cause;
    }
}
