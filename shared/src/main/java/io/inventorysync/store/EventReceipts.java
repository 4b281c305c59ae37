package io.inventorysync.store;

import java.util.List;
import java.util.Optional;

/** The receipts of accepted events, and what became of each event's movements. */
public interface EventReceipts {

    /**
     * Records the receipts of one request, all or none. An event received before with the same
     * fingerprint is fine (a sender's retry); one received with a different fingerprint is a
     * conflict, and then nothing is recorded.
     *
     * @return the ids of the conflicting events; empty when every receipt was recorded
     */
    List<String> recordReceipts(List<EventReceipt> receipts);

    Optional<EventReceipt> receipt(String sourceId, String eventId);

    /** The ledger entries of every line of one event, in line order. */
    List<LedgerEntry> eventLedger(String sourceId, String eventId);

    /** The status of an accepted event, or empty when it was never received. */
    default Optional<EventStatus> eventStatus(String sourceId, String eventId) {
        return receipt(sourceId, eventId).map(r -> EventStatus.of(r, eventLedger(sourceId, eventId)));
    }
}
