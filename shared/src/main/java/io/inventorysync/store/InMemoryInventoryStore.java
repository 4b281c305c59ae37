package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.HoldRef;
import io.inventorysync.domain.HoldRules;
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
import java.util.function.BiFunction;
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
    private final Map<HoldRef, Reservation> holds = new HashMap<>();
    private final Map<String, EventReceipt> receipts = new HashMap<>();
    private final Map<String, String> requestRoutes = new HashMap<>();
    private final Map<String, HeldEvent> lastHeld = new HashMap<>();
    private final List<HeldEvent> stream = new ArrayList<>();

    public InMemoryInventoryStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ApplyResult apply(Movement m) {
        String key = m.key().toString();
        // A poison record (no movement behind it) is replaced by the movement once it can be read.
        Movement previous = appliedMovements.get(key);
        if (previous != null) {
            return ApplyResult.of(m.key(), MovementRules.repeated(previous.fingerprint(), m));
        }
        Instant now = clock.instant();
        HoldRules.Consumption consumption = m.type() == ChangeType.SALE && m.reservationId() != null
                ? HoldRules.consumption(HoldRules.named(m, holds.values().stream()
                        .filter(h -> h.reservationId().equals(m.reservationId())).toList()), m, now) : null;
        StockLevel current = level(m.sku(), m.locationId()).orElse(StockLevel.empty(m.sku(), m.locationId()));
        MovementRules.Decision decision = m.type() == ChangeType.COUNT
                ? MovementRules.decideCount(current, m, now, effectsAfter(m, now))
                : MovementRules.decide(current, m, consumption);
        if (consumption != null && consumption.consumed()) {
            // The hold's other lines are other records: the sale's own record is read above, unchanged by them.
            persist(consumption.transition(), now);
        }
        if (!decision.change().isEmpty()) {
            levels.put(recordKey(m.sku(), m.locationId()), current.apply(decision.change(), decision.lastCountAt(m.occurredAt()), m.cause(), now));
        }
        appliedMovements.put(key, m);
        ledger.put("MOVE#" + key, new LedgerEntry(m.key().sourceId(), m.key().eventId(), m.key().lineKey(), m.type(),
                m.sku(), m.sourceSku(), m.locationId(), m.quantity(), m.condition(), m.occurredAt(), m.reference(),
                m.reservationId(), m.counterpartLocationId(), m.reason(), decision.change(), decision.outcome(),
                decision.reason() == null ? null : decision.reason().name(), now));
        return ApplyResult.of(m.key(), decision);
    }

    /** {@code Σ} of the count rule for {@code count}, from the record's whole ledger (exact: nothing here lags). */
    private long effectsAfter(Movement count, Instant now) {
        return MovementRules.effectsAfter(MovementRules.countTime(count, now), ledger(count.sku(), count.locationId()).stream()
                .map(e -> new MovementRules.Applied(e.occurredAt(), e.change())).toList()).sum();
    }

    @Override
    public synchronized void recordRejected(MovementKey key, String sku, String locationId, String reason) {
        Instant now = clock.instant();
        ledger.putIfAbsent("MOVE#" + key, new LedgerEntry(key.sourceId(), key.eventId(), key.lineKey(), null,
                sku, sku, locationId, 0, null, now, null, null, null, null, StockChange.NONE, Outcome.REJECTED,
                reason, now));
    }

    @Override
    public synchronized List<String> recordReceipts(List<OutboxEvent> batch, String token) {
        List<String> conflicts = batch.stream().map(OutboxEvent::receipt).filter(r -> {
            EventReceipt existing = receipts.get(r.sourceId() + "#" + r.eventId());
            return existing != null && !existing.fingerprint().equals(r.fingerprint());
        }).map(EventReceipt::eventId).toList();
        if (conflicts.isEmpty()) {
            for (OutboxEvent e : batch) {
                String key = e.receipt().sourceId() + "#" + e.receipt().eventId();
                if (receipts.containsKey(key) && receipts.get(key).relayRefusal() != null) {
                    // A refused event's retry: the receipt stays as it is (refusal kept, nothing relayed again).
                    continue;
                }
                receipts.put(key, e.receipt());
                // As DynamoDB Streams: a write that changes nothing (the same token) writes no record.
                HeldEvent previous = lastHeld.put(key, new HeldEvent(e, token));
                if (previous == null || !previous.token().equals(token)) {
                    stream.add(new HeldEvent(e, token));
                }
            }
        }
        return conflicts;
    }

    @Override
    public synchronized List<String> recordUnqueuedReceipts(List<EventReceipt> batch) {
        List<String> conflicts = batch.stream().filter(r -> {
            EventReceipt existing = receipts.get(r.sourceId() + "#" + r.eventId());
            return existing != null && !existing.fingerprint().equals(r.fingerprint());
        }).map(EventReceipt::eventId).toList();
        if (conflicts.isEmpty()) {
            batch.forEach(r -> receipts.putIfAbsent(r.sourceId() + "#" + r.eventId(), r));
        }
        return conflicts;
    }

    /**
     * What the table's stream would hand the ingest relay since the last call: one held event per
     * receipt written (every write carries its request's token, so a sender's retry is here again),
     * oldest first. The in-memory stand-in for DynamoDB Streams, for tests above the store.
     */
    public synchronized List<HeldEvent> takeNewlyHeld() {
        List<HeldEvent> taken = List.copyOf(stream);
        stream.clear();
        return taken;
    }

    @Override
    public synchronized boolean claimRequest(String sourceId, String requestId, String route, Instant expiresAt) {
        return requestRoutes.computeIfAbsent(sourceId + "#" + requestId, k -> route).equals(route);
    }

    @Override
    public synchronized boolean recordRelayRefusal(String sourceId, String eventId, String reason,
                                                   java.util.Set<Integer> refusedLines) {
        String key = sourceId + "#" + eventId;
        EventReceipt receipt = receipts.get(key);
        if (receipt == null || receipt.relayRefusal() != null) {
            return false;
        }
        receipts.put(key, receipt.refusedByRelay(reason, refusedLines));
        return true;
    }

    @Override
    public synchronized List<io.inventorysync.domain.Movement> heldMovements(String sourceId, String eventId) {
        HeldEvent held = lastHeld.get(sourceId + "#" + eventId);
        return held == null ? List.of() : held.event().movements();
    }

    @Override
    public synchronized Optional<EventReceipt> receipt(String sourceId, String eventId) {
        return Optional.ofNullable(receipts.get(sourceId + "#" + eventId));
    }

    @Override
    public synchronized ReservationResult reserve(ReservationRequest request) {
        Reservation existing = holds.get(request.ref());
        if (existing != null) {
            return ReservationResult.existing(existing, request);
        }
        List<ReservationResult.Shortfall> shortfalls = new ArrayList<>();
        for (ReservationLine line : request.lines()) {
            long available = level(line.sku(), request.locationId()).map(StockLevel::available).orElse(0L);
            if (!HoldRules.fits(line, available)) {
                shortfalls.add(new ReservationResult.Shortfall(line.sku(), line.quantity(), available));
            }
        }
        if (!shortfalls.isEmpty()) {
            return new ReservationResult.InsufficientStock(shortfalls);
        }
        HoldRules.Transition placed = HoldRules.place(request, clock.instant());
        persist(placed, placed.hold().createdAt());
        return new ReservationResult.Held(placed.hold(), false);
    }

    @Override
    public synchronized HoldResult commit(HoldRef ref, Fulfilment mode) {
        return transition(ref, (hold, now) -> HoldRules.commit(hold, mode, now));
    }

    @Override
    public synchronized HoldResult cancel(HoldRef ref) {
        return transition(ref, HoldRules::cancel);
    }

    @Override
    public synchronized FulfilResult fulfil(HoldRef ref, FulfilmentRequest request) {
        Reservation hold = holds.get(ref);
        if (hold == null) {
            return new FulfilResult.NotFound(ref.reservationId());
        }
        Instant now = clock.instant();
        HoldRules.Fulfil decision = HoldRules.fulfil(hold, request, now);
        if (decision instanceof HoldRules.Fulfil.Fulfils f) {
            persist(f.transition(), now);
        }
        return FulfilResult.of(decision);
    }

    @Override
    public synchronized HoldResult release(HoldRef ref) {
        return settle(ref, ReservationStatus.RELEASED);
    }

    @Override
    public synchronized HoldResult expire(HoldRef ref) {
        return settle(ref, ReservationStatus.EXPIRED);
    }

    private HoldResult settle(HoldRef ref, ReservationStatus target) {
        return transition(ref, (hold, now) -> HoldRules.settle(hold, target, now));
    }

    private HoldResult transition(HoldRef ref, BiFunction<Reservation, Instant, HoldRules.Settlement> rule) {
        Reservation hold = holds.get(ref);
        if (hold == null) {
            return new HoldResult.NotFound(ref.reservationId());
        }
        Instant now = clock.instant();
        HoldRules.Settlement settlement = rule.apply(hold, now);
        if (settlement instanceof HoldRules.Settlement.Ends ends) {
            persist(ends.transition(), now);
        }
        return HoldResult.of(settlement);
    }

    /** Writes a hold's transition as decided: the hold, then each line's stock change and ledger entry. */
    private void persist(HoldRules.Transition transition, Instant now) {
        Reservation hold = transition.hold();
        holds.put(hold.ref(), hold);
        StockLevel.Cause cause = transition.cause(now);
        for (HoldRules.LineChange lc : transition.lines()) {
            ReservationLine line = lc.line();
            StockLevel current = level(line.sku(), hold.locationId())
                    .orElse(StockLevel.empty(line.sku(), hold.locationId()));
            levels.put(recordKey(line.sku(), hold.locationId()), current.apply(lc.change(), now, cause, now));
            // An on-hand step is never stamped before the record's latest count (a clock behind the count's).
            Instant at = MovementRules.isOnTopOfCount(lc.change()) ? MovementRules.stepTime(now, current.lastCountAt()) : now;
            String lineKey = transition.lineKey(lc);
            ledger.put("HOLD#" + hold.ref() + "#" + hold.createdAt().toEpochMilli() + "#" + lineKey, new LedgerEntry(hold.sourceId(),
                    hold.reservationId(), lineKey, cause.type(), line.sku(), line.sku(), hold.locationId(),
                    lc.units(), null, at, null, hold.reservationId(), null, null, lc.change(), Outcome.APPLIED,
                    null, now));
        }
    }

    @Override
    public synchronized Stream<HoldRef> dueHolds(Instant now) {
        return holds.values().stream()
                .filter(h -> h.isPastExpiry(now))
                .sorted(Comparator.comparing(Reservation::expiresAt).thenComparing(Reservation::sourceId)
                        .thenComparing(Reservation::reservationId))
                .map(Reservation::ref).toList().stream();
    }

    @Override
    public synchronized Optional<Reservation> reservation(HoldRef ref) {
        return Optional.ofNullable(holds.get(ref));
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
    public synchronized SkuPage skusAt(String locationId, String after, int limit) {
        List<String> skus = levels.values().stream().filter(l -> l.locationId().equals(locationId))
                .map(StockLevel::sku).filter(sku -> after == null || StockReads.compareSkus(sku, after) > 0)
                .sorted(StockReads::compareSkus).limit(limit + 1L).toList();
        List<String> page = skus.subList(0, Math.min(limit, skus.size()));
        return new SkuPage(page, skus.size() > limit ? page.getLast() : null);
    }

    @Override
    public synchronized List<LedgerEntry> ledger(String sku, String locationId) {
        return ledger.values().stream()
                .filter(e -> sku.equals(e.sku()) && locationId.equals(e.locationId()))
                .sorted(Comparator.comparing(LedgerEntry::occurredAt))
                .toList();
    }

    @Override
    public synchronized List<MasterAsOf> onHandAsOf(List<RecordKey> records, Instant asOf) {
        return records.stream().map(r -> level(r.sku(), r.locationId()).map(level -> {
            var effects = MovementRules.effectsAfter(asOf, ledger(r.sku(), r.locationId()).stream()
                    .map(e -> new MovementRules.Applied(e.occurredAt(), e.change())).toList());
            var onHand = MovementRules.onHandAsOf(level, asOf, effects);
            return new MasterAsOf(r.sku(), r.locationId(), level, onHand.isPresent() ? onHand.getAsLong() : null);
        }).orElseGet(() -> new MasterAsOf(r.sku(), r.locationId(), null, 0L))).toList();
    }

    @Override
    public synchronized LedgerPage ledgerPage(String sku, String locationId, int limit, String before) {
        // The same position shape as the DynamoDB store's index sort key: time first, then the entry's key.
        List<Map.Entry<String, LedgerEntry>> newestFirst = ledger.entrySet().stream()
                .filter(e -> sku.equals(e.getValue().sku()) && locationId.equals(e.getValue().locationId()))
                .map(e -> Map.entry(position(e.getValue(), e.getKey()), e.getValue()))
                .filter(e -> before == null || e.getKey().compareTo(before) < 0)
                .sorted(Map.Entry.<String, LedgerEntry>comparingByKey().reversed())
                .toList();
        List<Map.Entry<String, LedgerEntry>> page = newestFirst.subList(0, Math.min(limit, newestFirst.size()));
        String next = newestFirst.size() > limit ? page.getLast().getKey() : null;
        return new LedgerPage(page.stream().map(Map.Entry::getValue).toList(), next);
    }

    private static String position(LedgerEntry e, String key) {
        return String.format("%013d", e.occurredAt().toEpochMilli()) + "#" + key;
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
