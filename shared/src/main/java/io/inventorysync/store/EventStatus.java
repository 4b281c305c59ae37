package io.inventorysync.store;

import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happened to an accepted event: {@code QUEUED} until every movement has an outcome, then
 * {@code REJECTED} if every movement was rejected, otherwise {@code APPLIED}. An event the ingest
 * relay refused ({@link EventReceipt#relayRefusal()}: parked in the movements DLQ, never to be sent)
 * is done too: its movements without an outcome never get one, so it reads {@code REJECTED} with the
 * refusal as {@code reason} (or {@code APPLIED} if some of its movements were applied before), never
 * {@code QUEUED} for ever. The ledger comes first: an event whose every movement has an outcome reads
 * from its ledger alone, whatever the relay recorded later.
 *
 * <p>When SQS refused only some lines ({@link EventReceipt#relayRefusedLines()}), each of those reads
 * {@code REJECTED} with the refusal as its {@code reason} (unless the ledger has an outcome for it), the
 * queued ones follow the ledger, and the event is {@code QUEUED} until they all have one, then by the same
 * rule as above: a status once final never changes.
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

    /** Combines a receipt with the ledger entries of its movements (a receipt with no refused lines). */
    public static EventStatus of(EventReceipt receipt, List<LedgerEntry> entries) {
        return of(receipt, entries, List.of());
    }

    /**
     * Combines a receipt with the ledger entries of its movements and, when the relay refused some of its
     * lines, the event's {@code movements} (as held, in order) that name them.
     */
    public static EventStatus of(EventReceipt receipt, List<LedgerEntry> entries, List<Movement> movements) {
        List<Line> lines = new ArrayList<>(entries.stream().map(e -> new Line(e.lineKey(), e.sku(), e.sourceSku(),
                e.locationId(), e.outcome(), e.outcomeReason())).toList());
        if (receipt.relayRefusal() != null && !receipt.relayRefusedLines().isEmpty() && !movements.isEmpty()) {
            Set<String> recorded = new HashSet<>();
            lines.forEach(l -> recorded.add(l.lineKey()));
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < movements.size(); i++) {
                position.put(movements.get(i).key().lineKey(), i);
            }
            for (int i : receipt.relayRefusedLines()) {
                if (i >= 0 && i < movements.size() && !recorded.contains(movements.get(i).key().lineKey())) {
                    Movement m = movements.get(i);
                    lines.add(new Line(m.key().lineKey(), m.sku(), m.sourceSku(), m.locationId(), Outcome.REJECTED,
                            receipt.relayRefusal()));
                }
            }
            lines.sort(Comparator.comparingInt(l -> position.getOrDefault(l.lineKey(), Integer.MAX_VALUE)));
            boolean allRejected = lines.stream().allMatch(l -> l.outcome() == Outcome.REJECTED);
            Status status = lines.size() < receipt.movementCount() ? Status.QUEUED
                    : allRejected ? Status.REJECTED : Status.APPLIED;
            return new EventStatus(receipt.sourceId(), receipt.eventId(), status, lines, null);
        }
        boolean allRejected = lines.stream().allMatch(l -> l.outcome() == Outcome.REJECTED);
        if (lines.size() < receipt.movementCount()) {
            // Refused in part but the held event not at hand to name the lines: some lines were queued and
            // may still apply, so nothing final can be said (a final REJECTED could turn APPLIED later).
            if (receipt.relayRefusal() == null || !receipt.relayRefusedLines().isEmpty()) {
                return new EventStatus(receipt.sourceId(), receipt.eventId(), Status.QUEUED, lines, null);
            }
            return new EventStatus(receipt.sourceId(), receipt.eventId(), allRejected ? Status.REJECTED : Status.APPLIED,
                    lines, receipt.relayRefusal());
        }
        return new EventStatus(receipt.sourceId(), receipt.eventId(), allRejected ? Status.REJECTED : Status.APPLIED,
                lines, null);
    }
}
