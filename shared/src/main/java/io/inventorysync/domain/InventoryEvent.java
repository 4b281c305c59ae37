package io.inventorysync.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A validated inbound event of contract v1 (a sale, return, receipt, adjustment, count or
 * transfer at one location). Build one with {@link EventValidator}; the constructor does not
 * re-validate.
 */
public record InventoryEvent(
        String eventId,
        ChangeType type,
        Instant occurredAt,
        String locationId,
        List<EventLine> lines,
        String reference,
        String reservationId,
        String toLocationId,
        String fromLocationId,
        String reason,
        ReasonCode reasonCode) {

    /** An event of contract v1 (no {@code reasonCode}). */
    public InventoryEvent(String eventId, ChangeType type, Instant occurredAt, String locationId, List<EventLine> lines,
                          String reference, String reservationId, String toLocationId, String fromLocationId,
                          String reason) {
        this(eventId, type, occurredAt, locationId, lines, reference, reservationId, toLocationId, fromLocationId,
                reason, null);
    }

    public InventoryEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(locationId, "locationId");
        lines = List.copyOf(lines);
    }

    /** This event with every line's SKU mapped through {@code canonicalSku}. */
    public InventoryEvent withSkusMapped(UnaryOperator<String> canonicalSku) {
        List<EventLine> mapped = lines.stream()
                .map(line -> line.withCanonicalSku(canonicalSku.apply(line.sourceSku())))
                .toList();
        return new InventoryEvent(eventId, type, occurredAt, locationId, mapped, reference,
                reservationId, toLocationId, fromLocationId, reason, reasonCode);
    }
}
