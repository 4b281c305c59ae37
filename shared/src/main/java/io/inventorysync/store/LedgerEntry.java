package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.StockChange;

import java.time.Instant;

/**
 * One entry of the audit trail of a stock record: a movement, or one line of a hold's
 * transition. For a movement it is also the idempotency record.
 *
 * @param eventId the event id of a movement; the reservation id for a hold transition
 * @param lineKey the line within the event ({@code 3}, {@code 3-dest}) or within the hold
 *                transition ({@code COMMITTED-0})
 * @param type    the kind of change; {@code null} only for a rejected movement whose message was unreadable
 * @param change  what was applied to the record ({@link StockChange#NONE} when superseded entirely or rejected)
 */
public record LedgerEntry(
        String sourceId,
        String eventId,
        String lineKey,
        ChangeType type,
        String sku,
        String sourceSku,
        String locationId,
        long quantity,
        ItemCondition condition,
        Instant occurredAt,
        String reference,
        String reservationId,
        String counterpartLocationId,
        String reason,
        StockChange change,
        Outcome outcome,
        String outcomeReason,
        Instant recordedAt) {
}
