package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.MovementRules;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.StockChange;
import io.inventorysync.domain.StockLevel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The store in memory, built directly on the domain rules. It is the reference model the
 * DynamoDB store is checked against, and a fast store for tests of code above the store.
 * Thread-safe; not durable.
 */
public final class InMemoryInventoryStore implements InventoryStore {
    private final Clock clock;
    private final Map<String, StockLevel> levels = new TreeMap<>();
    private final Map<String, Movement> appliedMovements = new HashMap<>();
    private final Map<String, LedgerEntry> ledger = new LinkedHashMap<>();
    private final Map<String, Reservation> holds = new HashMap<>();
    private final Map<String, EventReceipt> receipts = new HashMap<>();
    private final Map<String, String> requestRoutes = new HashMap<>();

    public InMemoryInventoryStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ApplyResult apply(Movement m) {
        String key = m.key().toString();
        // A poison record (no movement behind it) is replaced by the movement once it can be read.
        Movement previous = appliedMovements.get(key);
        if (previous != null) {
            return previous.fingerprint().equals(m.fingerprint())
                    ? new ApplyResult(m.key(), Outcome.DUPLICATE, null)
                    : new ApplyResult(m.key(), Outcome.REJECTED, ApplyResult.IDEMPOTENCY_KEY_REUSED);
        }
        Instant now = clock.instant();
        String reason = null;
        long held = 0;
        if (m.type() == ChangeType.SALE && m.reservationId() != null) {
            Reservation hold = holds.get(m.reservationId());
            if (hold == null) {
                reason = ApplyResult.RESERVATION_UNKNOWN;
            } else if (!hold.locationId().equals(m.locationId())) {
                reason = ApplyResult.RESERVATION_OTHER_LOCATION;
            } else if (hold.status() != ReservationStatus.ACTIVE) {
                reason = ApplyResult.RESERVATION_NOT_ACTIVE;
            } else {
                reason = ApplyResult.RESERVATION_CONSUMED;
                held = hold.heldQuantity(m.sku()).orElse(0);
                Reservation committed = hold.finish(ReservationStatus.COMMITTED, now);
                holds.put(hold.reservationId(), committed);
                for (int i = 0; i < hold.lines().size(); i++) {
                    ReservationLine line = hold.lines().get(i);
                    if (!line.sku().equals(m.sku())) {
                        changeForHold(committed, i, StockChange.reserved(-line.quantity()), now);
                    }
                }
            }
        }
        StockLevel current = level(m.sku(), m.locationId()).orElse(StockLevel.empty(m.sku(), m.locationId()));
        MovementRules.Decision decision = MovementRules.decide(current, m, held);
        if (!decision.change().isEmpty()) {
            levels.put(recordKey(m.sku(), m.locationId()), current.apply(decision.change(), m.occurredAt(),
                    new StockLevel.Cause(m.type(), m.key().sourceId(), m.key().eventId(), m.reference(),
                            m.occurredAt()), now));
        }
        appliedMovements.put(key, m);
        ledger.put("MOVE#" + key, new LedgerEntry(m.key().sourceId(), m.key().eventId(), m.key().lineKey(), m.type(),
                m.sku(), m.sourceSku(), m.locationId(), m.quantity(), m.condition(), m.occurredAt(), m.reference(),
                m.reservationId(), m.counterpartLocationId(), m.reason(), decision.change(), decision.outcome(),
                reason, now));
        return new ApplyResult(m.key(), decision.outcome(), reason);
    }

    @Override
    public synchronized void recordRejected(MovementKey key, String sku, String locationId, String reason) {
        Instant now = clock.instant();
        ledger.putIfAbsent("MOVE#" + key, new LedgerEntry(key.sourceId(), key.eventId(), key.lineKey(), null,
                sku, sku, locationId, 0, null, now, null, null, null, null, StockChange.NONE, Outcome.REJECTED,
                reason, now));
    }

    @Override
    public synchronized List<String> recordReceipts(List<EventReceipt> batch) {
        List<String> conflicts = batch.stream().filter(r -> {
            EventReceipt existing = receipts.get(r.sourceId() + "#" + r.eventId());
            return existing != null && !existing.fingerprint().equals(r.fingerprint());
        }).map(EventReceipt::eventId).toList();
        if (conflicts.isEmpty()) {
            batch.forEach(r -> receipts.put(r.sourceId() + "#" + r.eventId(), r));
        }
        return conflicts;
    }

    @Override
    public synchronized boolean claimRequest(String sourceId, String requestId, String route, Instant expiresAt) {
        return requestRoutes.computeIfAbsent(sourceId + "#" + requestId, k -> route).equals(route);
    }

    @Override
    public synchronized Optional<EventReceipt> receipt(String sourceId, String eventId) {
        return Optional.ofNullable(receipts.get(sourceId + "#" + eventId));
    }

    @Override
    public synchronized ReservationResult reserve(ReservationRequest request) {
        Reservation existing = holds.get(request.reservationId());
        if (existing != null) {
            return existing.fingerprint().equals(request.fingerprint())
                    ? new ReservationResult.Held(existing, true)
                    : new ReservationResult.KeyReused(existing);
        }
        List<ReservationResult.Shortfall> shortfalls = new ArrayList<>();
        for (ReservationLine line : request.lines()) {
            long available = level(line.sku(), request.locationId()).map(StockLevel::available).orElse(0L);
            if (available < line.quantity()) {
                shortfalls.add(new ReservationResult.Shortfall(line.sku(), line.quantity(), available));
            }
        }
        if (!shortfalls.isEmpty()) {
            return new ReservationResult.InsufficientStock(shortfalls);
        }
        Instant now = clock.instant();
        Reservation hold = Reservation.activate(request, now);
        holds.put(hold.reservationId(), hold);
        for (int i = 0; i < hold.lines().size(); i++) {
            changeForHold(hold, i, StockChange.reserved(hold.lines().get(i).quantity()), now);
        }
        return new ReservationResult.Held(hold, false);
    }

    @Override
    public synchronized HoldResult commit(String reservationId) {
        return settle(reservationId, ReservationStatus.COMMITTED);
    }

    @Override
    public synchronized HoldResult release(String reservationId) {
        return settle(reservationId, ReservationStatus.RELEASED);
    }

    @Override
    public synchronized HoldResult expire(String reservationId) {
        return settle(reservationId, ReservationStatus.EXPIRED);
    }

    private HoldResult settle(String reservationId, ReservationStatus target) {
        Reservation hold = holds.get(reservationId);
        Instant now = clock.instant();
        if (hold == null) {
            return new HoldResult.NotFound(reservationId);
        }
        if (hold.status() == target) {
            return new HoldResult.Settled(hold);
        }
        if (hold.status() != ReservationStatus.ACTIVE) {
            return new HoldResult.NotActive(hold);
        }
        boolean due = hold.isPastExpiry(now);
        if (target == ReservationStatus.EXPIRED && !due) {
            return new HoldResult.NotDue(hold);
        }
        ReservationStatus status = due ? ReservationStatus.EXPIRED : target;
        Reservation finished = hold.finish(status, now);
        holds.put(reservationId, finished);
        for (int i = 0; i < hold.lines().size(); i++) {
            long q = hold.lines().get(i).quantity();
            StockChange change = status == ReservationStatus.COMMITTED
                    ? new StockChange(-q, null, -q, 0, 0)
                    : StockChange.reserved(-q);
            changeForHold(finished, i, change, now);
        }
        return status == target ? new HoldResult.Settled(finished) : new HoldResult.NotActive(finished);
    }

    private void changeForHold(Reservation hold, int lineNo, StockChange change, Instant now) {
        ReservationLine line = hold.lines().get(lineNo);
        ChangeType type = hold.status().changeType();
        StockLevel current = level(line.sku(), hold.locationId())
                .orElse(StockLevel.empty(line.sku(), hold.locationId()));
        levels.put(recordKey(line.sku(), hold.locationId()), current.apply(change, now,
                new StockLevel.Cause(type, hold.sourceId(), hold.reservationId(), null, now), now));
        String lineKey = hold.status() + "-" + lineNo;
        ledger.put("HOLD#" + hold.reservationId() + "#" + lineKey, new LedgerEntry(hold.sourceId(),
                hold.reservationId(), lineKey, type, line.sku(), line.sku(), hold.locationId(), line.quantity(), null,
                now, null, hold.reservationId(), null, null, change, Outcome.APPLIED, null, now));
    }

    @Override
    public synchronized Stream<String> dueHolds(int shard, Instant now) {
        return holds.values().stream()
                .filter(h -> h.status() == ReservationStatus.ACTIVE && !h.expiresAt().isAfter(now)
                        && InventoryTable.activeHoldShardOf(h.reservationId()) == shard)
                .sorted(Comparator.comparing(Reservation::expiresAt).thenComparing(Reservation::reservationId))
                .map(Reservation::reservationId).toList().stream();
    }

    @Override
    public synchronized Optional<Reservation> reservation(String reservationId) {
        return Optional.ofNullable(holds.get(reservationId));
    }

    @Override
    public synchronized Optional<StockLevel> level(String sku, String locationId) {
        return Optional.ofNullable(levels.get(recordKey(sku, locationId)));
    }

    @Override
    public synchronized List<StockLevel> levels(String sku) {
        return levels.values().stream().filter(l -> l.sku().equals(sku))
                .sorted(Comparator.comparing(StockLevel::locationId)).toList();
    }

    @Override
    public synchronized List<LedgerEntry> ledger(String sku, String locationId) {
        return ledger.values().stream()
                .filter(e -> sku.equals(e.sku()) && locationId.equals(e.locationId()))
                .sorted(Comparator.comparing(LedgerEntry::occurredAt))
                .toList();
    }

    @Override
    public synchronized List<LedgerEntry> eventLedger(String sourceId, String eventId) {
        return ledger.entrySet().stream()
                .filter(e -> e.getKey().startsWith("MOVE#"))
                .map(Map.Entry::getValue)
                .filter(e -> e.sourceId().equals(sourceId) && e.eventId().equals(eventId))
                .sorted(Comparator.comparing(LedgerEntry::lineKey, InMemoryInventoryStore::compareLineKeys))
                .toList();
    }

    /** Orders {@code 2} before {@code 2-dest} before {@code 10}. */
    static int compareLineKeys(String a, String b) {
        int na = Integer.parseInt(a.split("-", 2)[0]);
        int nb = Integer.parseInt(b.split("-", 2)[0]);
        return na != nb ? Integer.compare(na, nb) : a.compareTo(b);
    }

    private static String recordKey(String sku, String locationId) {
        return sku + "\u0000" + locationId;
    }
}
