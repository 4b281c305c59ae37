package io.inventorysync.store;

import io.inventorysync.domain.Movement;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The receipts of accepted events, and what became of each event's movements. */
public interface EventReceipts {

    /**
     * Records the receipts of one request, all or none, each holding its event under {@code token}
     * (the request's own): the table's stream hands each written receipt to the ingest relay, which
     * queues its movements ({@link StreamImages#newlyHeld}). An event received before with the same
     * fingerprint is fine (a sender's retry: written again under this token, so relayed again); one
     * received with a different fingerprint is a conflict, and then nothing is recorded or relayed.
     * One transaction: at most {@code EventValidator}'s 100 events of 100 lines fit by construction.
     *
     * @return the ids of the conflicting events; empty when every receipt was recorded
     */
    List<String> recordReceipts(List<OutboxEvent> events, String token);

    /**
     * Records the receipts of events that queue nothing (a vendor adapter's event refused before it
     * became movements: its status then reads from the ledger line recorded with it), all or none,
     * never relayed. Conflicts as for {@link #recordReceipts}.
     *
     * @return the ids of the conflicting events; empty when every receipt was recorded
     */
    List<String> recordUnqueuedReceipts(List<EventReceipt> receipts);

    Optional<EventReceipt> receipt(String sourceId, String eventId);

    /**
     * Records on an event's receipt that the ingest relay can never send it (it parked the event in the
     * movements DLQ): {@code reason} is a stable code ({@code REFUSED_BY_QUEUE}, {@code UNREADABLE_HELD_EVENT}).
     * Once: a receipt that already has a refusal keeps the first (the relay delivered again, the same
     * record parked twice); a receipt that does not exist is not created. It changes no ledger entry, so a
     * movement that has an outcome keeps it, and the event's status reads from the ledger first
     * ({@link EventStatus#of}): a late or repeated refusal never turns an applied event into a refused one.
     * One conditional {@code UpdateItem}.
     *
     * @param refusedLines when SQS took some of the event's movements and refused the others: the refused ones'
     *                     positions among the event's movements (they read {@code REJECTED} with {@code reason},
     *                     the others follow the ledger); empty: the whole event was refused
     * @return {@code true} if recorded now, {@code false} if the receipt had one already or does not exist
     */
    boolean recordRelayRefusal(String sourceId, String eventId, String reason, Set<Integer> refusedLines);

    /** {@link #recordRelayRefusal(String, String, String, Set)} of the whole event. */
    default boolean recordRelayRefusal(String sourceId, String eventId, String reason) {
        return recordRelayRefusal(sourceId, eventId, reason, Set.of());
    }

    /**
     * The movements of an accepted event as its receipt holds them (SKUs mapped), in order; empty when it
     * holds none. Read for the status of an event some of whose lines the relay refused (rare), to name them.
     */
    List<Movement> heldMovements(String sourceId, String eventId);

    /** The ledger entries of every line of one event, in line order. */
    List<LedgerEntry> eventLedger(String sourceId, String eventId);

    /** The status of an accepted event, or empty when it was never received. */
    default Optional<EventStatus> eventStatus(String sourceId, String eventId) {
        return receipt(sourceId, eventId).map(r -> EventStatus.of(r, eventLedger(sourceId, eventId),
                r.relayRefusedLines().isEmpty() ? List.of() : heldMovements(sourceId, eventId)));
    }
}
