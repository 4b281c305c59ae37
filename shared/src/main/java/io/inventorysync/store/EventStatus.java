package io.inventorysync.store;

import io.inventorysync.domain.Outcome;

import java.util.List;

/**
 * What happened to an accepted event: {@code QUEUED} until every movement has an outcome, then
 * {@code REJECTED} if every movement was rejected, otherwise {@code APPLIED}.
 */
public record EventStatus(String sourceId, String eventId, Status status, List<Line> lines) {

    public enum Status { QUEUED, APPLIED, REJECTED }

    /** The outcome of one movement of the event. */
    public record Line(String lineKey, String sku, String sourceSku, String locationId, Outcome outcome, String reason) {
    }

    public EventStatus {
        lines = List.copyOf(lines);
    }

    /** Combines a receipt with the ledger entries of its movements. */
    public static EventStatus of(EventReceipt receipt, List<LedgerEntry> entries) {
        List<Line> lines = entries.stream().map(e -> new Line(e.lineKey(), e.sku(), e.sourceSku(), e.locationId(),
                e.outcome(), e.outcomeReason())).toList();
        Status status;
        if (lines.size() < receipt.movementCount()) {
            status = Status.QUEUED;
        } else if (lines.stream().allMatch(l -> l.outcome() == Outcome.REJECTED)) {
            status = Status.REJECTED;
        } else {
            status = Status.APPLIED;
        }
        return new EventStatus(receipt.sourceId(), receipt.eventId(), status, lines);
    }
}
