package io.inventorysync.store;

import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Proof that an event was accepted at ingest: what it was (its fingerprint) and how many
 * movements it queued, so its status can tell queued from done; and, when the ingest relay could
 * never send it (and parked it in the movements DLQ), why: {@code relayRefusal}, a stable code.
 *
 * @param relayRefusal      {@code REFUSED_BY_QUEUE} or {@code UNREADABLE_HELD_EVENT} once the relay parked the
 *                          event or some of its lines ({@link EventReceipts#recordRelayRefusal}); {@code null} otherwise
 * @param relayRefusedLines when SQS refused some of the event's movements and took the others: the refused ones'
 *                          positions among the event's movements; empty when the whole event was refused (or none)
 */
public record EventReceipt(String sourceId, String eventId, String fingerprint, int movementCount, Instant receivedAt,
                           String relayRefusal, SortedSet<Integer> relayRefusedLines) {

    public EventReceipt {
        relayRefusedLines = java.util.Collections.unmodifiableSortedSet(
                relayRefusedLines == null ? new TreeSet<>() : new TreeSet<>(relayRefusedLines));
    }

    /** A receipt the relay has not refused. */
    public EventReceipt(String sourceId, String eventId, String fingerprint, int movementCount, Instant receivedAt) {
        this(sourceId, eventId, fingerprint, movementCount, receivedAt, null, null);
    }

    /** A receipt the relay refused whole ({@code relayRefusal}), or not at all ({@code null}). */
    public EventReceipt(String sourceId, String eventId, String fingerprint, int movementCount, Instant receivedAt,
                        String relayRefusal) {
        this(sourceId, eventId, fingerprint, movementCount, receivedAt, relayRefusal, null);
    }

    /** This receipt with the relay's refusal recorded (of {@code lines} only, or whole when empty). */
    public EventReceipt refusedByRelay(String reason, Set<Integer> lines) {
        return new EventReceipt(sourceId, eventId, fingerprint, movementCount, receivedAt, reason, new TreeSet<>(lines));
    }

    /** This receipt with the relay's refusal of the whole event recorded. */
    public EventReceipt refusedByRelay(String reason) {
        return refusedByRelay(reason, Set.of());
    }

    /** The stored form of refused lines: ascending positions, comma separated; {@code null} when none. */
    public static String formatLines(Set<Integer> lines) {
        return lines == null || lines.isEmpty() ? null
                : new TreeSet<>(lines).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The refused lines of their stored form; empty for {@code null}, blank or anything unreadable. */
    public static SortedSet<Integer> parseLines(String stored) {
        SortedSet<Integer> lines = new TreeSet<>();
        if (stored == null || stored.isBlank()) {
            return lines;
        }
        for (String part : stored.split(",")) {
            try {
                lines.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                // Written only by the store; a hand-edited value never turns into a line that does not exist.
            }
        }
        return lines;
    }
}
