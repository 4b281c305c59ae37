package io.inventorysync.store;

import io.inventorysync.domain.Outcome;

import java.util.List;

/**
 * What happened to an accepted event: {@code QUEUED} until every movement has an outcome, then
 * {@code REJECTED} if every movement was rejected, otherwise {@code APPLIED}. An event the ingest
 * relay refused ({@link EventReceipt#relayRefusal()}: parked in the movements DLQ, never to be sent)
 * is done too: its movements without an outcome never get one, so it reads {@code REJECTED} with the
 * refusal as {@code reason} (or {@code APPLIED} if some of its movements were applied before), never
 * {@code QUEUED} for ever. The ledger comes first: an event whose every movement has an outcome reads
 * from its ledger alone, whatever the relay recorded later.
 *
 * @param reason why the event as a whole was not applied (the relay's refusal), or {@code null}
 */
public record EventStatus(String sourceId, String eventId, Status status, List<Line> lines, String reason) {

    public enum Status { QUEUED, APPLIED, REJECTED }

    /** The outcome of one movement of the event. */
    public record Line(String lineKey, String sku, String sourceSku, String locationId, Outcome outcome, String reason) {
    }

    public EventStatus {
        lines = List.copyOf(lines);
    }

    public EventStatus(String sourceId, String eventId, Status status, List<Line> lines) {
        this(sourceId, eventId, status, lines, null);
    }

    /** Combines a receipt with the ledger entries of its movements. */
    public static EventStatus of(EventReceipt receipt, List<LedgerEntry> entries) {
        List<Line> lines = entries.stream().map(e -> new Line(e.lineKey(), e.sku(), e.sourceSku(), e.locationId(),
                e.outcome(), e.outcomeReason())).toList();
        boolean allRejected = lines.stream().allMatch(l -> l.outcome() == Outcome.REJECTED);
        if (lines.size() < receipt.movementCount()) {
            if (receipt.relayRefusal() == null) {
                return new EventStatus(receipt.sourceId(), receipt.eventId(), Status.QUEUED, lines, null);
            }
            return new EventStatus(receipt.sourceId(), receipt.eventId(), allRejected ? Status.REJECTED : Status.APPLIED,
                    lines, receipt.relayRefusal());
        }
        return new EventStatus(receipt.sourceId(), receipt.eventId(), allRejected ? Status.REJECTED : Status.APPLIED,
                lines, null);
    }
}
