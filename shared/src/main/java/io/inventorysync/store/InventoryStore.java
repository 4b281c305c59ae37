package io.inventorysync.store;

import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.StockLevel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The master stock records, their ledger and the checkout holds. Every write is all or
 * nothing, and applying the same movement again changes nothing.
 */
public interface InventoryStore {

    /** Applies one movement exactly once. */
    ApplyResult apply(Movement movement);

    /**
     * Records that a movement can never be applied (its message is unreadable or invalid), so the
     * event's status shows it, unless the movement already has an outcome. Changes no stock.
     *
     * @param sku        the record it was meant for, or {@code null} if unknown
     * @param locationId likewise
     */
    void recordRejected(MovementKey key, String sku, String locationId, String reason);

    /**
     * Records the receipts of one request, all or none. An event received before with the same
     * fingerprint is fine (a sender's retry); one received with a different fingerprint is a
     * conflict, and then nothing is recorded.
     *
     * @return the ids of the conflicting events; empty when every receipt was recorded
     */
    List<String> recordReceipts(List<EventReceipt> receipts);

    Optional<EventReceipt> receipt(String sourceId, String eventId);

    /**
     * Binds a signed request's id ({@code webhook-id}) to the route it was first used on, until
     * {@code expiresAt}. A signature covers only id, timestamp and body; this stops a captured
     * request being replayed on another route within its validity (a sender's retry on the same
     * route is still fine).
     *
     * @return false when the id was already used on another route
     */
    boolean claimRequest(String sourceId, String requestId, String route, Instant expiresAt);

    /** The status of an accepted event, or empty when it was never received. */
    default Optional<EventStatus> eventStatus(String sourceId, String eventId) {
        return receipt(sourceId, eventId).map(r -> EventStatus.of(r, eventLedger(sourceId, eventId)));
    }

    /** Holds every line of the request, or none when any line lacks available stock. */
    ReservationResult reserve(ReservationRequest request);

    /** The hold becomes a sale: {@code onHand -= q}, {@code reserved -= q} for every line. */
    HoldResult commit(String reservationId);

    /** The hold is given back: {@code reserved -= q} for every line. */
    HoldResult release(String reservationId);

    /** Releases a hold whose time is up ({@code reserved -= q}); a hold not yet due is left as it is. */
    HoldResult expire(String reservationId);

    Optional<Reservation> reservation(String reservationId);

    /**
     * Active holds of one shard of the active-holds index whose {@code expiresAt} is at or before
     * {@code now}, soonest first, read lazily page by page as the stream is consumed. Expiring a
     * hold removes it from the index, so a later call starts where an earlier one stopped.
     */
    Stream<String> dueHolds(int shard, Instant now);

    Optional<StockLevel> level(String sku, String locationId);

    /** Every location that has a record of {@code sku}, ordered by location id. */
    List<StockLevel> levels(String sku);

    /** The audit trail of one record, oldest {@code occurredAt} first. */
    List<LedgerEntry> ledger(String sku, String locationId);

    /** The ledger entries of every line of one event, in line order. */
    List<LedgerEntry> eventLedger(String sourceId, String eventId);
}
