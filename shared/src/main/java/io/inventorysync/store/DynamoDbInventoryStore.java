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
import io.inventorysync.store.internal.HoldItem;
import io.inventorysync.store.internal.Items;
import io.inventorysync.store.internal.LedgerItem;
import io.inventorysync.store.internal.ReceiptItem;
import io.inventorysync.store.internal.StockItem;
import io.inventorysync.store.internal.Transaction;
import io.inventorysync.store.internal.TransientFailures;
import io.inventorysync.store.internal.Updates;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.function.Consumer;

/**
 * The store on one DynamoDB table ({@link InventoryTable}). Each operation is one
 * {@code TransactWriteItems}: a movement's ledger entry (created only if new: the idempotency
 * record) together with its stock update; a hold together with every line's stock update and
 * ledger entry. Business rules are conditions on those writes, so no movement reads before it
 * writes; a failed condition returns the old item ({@code ALL_OLD}) and the store decides from
 * it, without another read.
 */
public final class DynamoDbInventoryStore implements InventoryStore {
    /** Re-plans after a condition failed (a count arrived, a hold changed) before giving up. */
    private static final int MAX_REPLANS = 5;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;
    private final TransientFailures transientFailures;
    private final Consumer<List<ConsumedCapacity>> capacityListener;
    private final DynamoDbTable<StockItem> stockTable;
    private final DynamoDbTable<LedgerItem> ledgerTable;
    private final DynamoDbTable<HoldItem> holdTable;
    private final DynamoDbTable<ReceiptItem> receiptTable;

    private DynamoDbInventoryStore(Builder b) {
        this.dynamo = Objects.requireNonNull(b.dynamo, "dynamoDbClient");
        this.tableName = Objects.requireNonNull(b.tableName, "tableName");
        this.clock = b.clock;
        this.transientFailures = b.transientFailures;
        this.capacityListener = b.capacityListener;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.stockTable = enhanced.table(tableName, Items.STOCK);
        this.ledgerTable = enhanced.table(tableName, Items.LEDGER);
        this.holdTable = enhanced.table(tableName, Items.HOLD);
        this.receiptTable = enhanced.table(tableName, Items.RECEIPT);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ApplyResult apply(Movement m) {
        // Marks this call's write, so that after a lost response a retry recognises its own entry.
        String attempt = UUID.randomUUID().toString();
        boolean consumesHold = m.type() == ChangeType.SALE && m.reservationId() != null;
        Reservation hold = consumesHold ? reservation(m.reservationId()).orElse(null) : null;
        boolean superseded = false;
        for (int plan = 0; plan < MAX_REPLANS; plan++) {
            Instant now = clock.instant();
            String reason = consumesHold ? holdReason(hold, m) : null;
            boolean consuming = ApplyResult.RESERVATION_CONSUMED.equals(reason);
            StockChange change = MovementRules.changeOf(m, consuming ? hold.heldQuantity(m.sku()).orElse(0) : 0);
            Outcome outcome = Outcome.APPLIED;
            if (superseded) {
                change = change.withoutOnHand();
                outcome = Outcome.SUPERSEDED_BY_COUNT;
            }
            Transaction tx = new Transaction(tableName);
            int ledger = tx.putMovement(Items.LEDGER.itemToMap(Items.ledgerOf(m, change, outcome, reason, attempt, now), true));
            int stock = -1;
            if (!change.isEmpty()) {
                StockLevel.Cause cause = new StockLevel.Cause(m.type(), m.key().sourceId(), m.key().eventId(),
                        m.reference(), m.occurredAt());
                boolean guardCount = change.touchesOnHand();
                stock = tx.update(Updates.stock(tableName, m.sku(), m.locationId(), change, cause, now,
                        guardCount ? Updates.NOT_SUPERSEDED_BY_COUNT : null, m.occurredAt().toEpochMilli()));
            }
            Set<Integer> planned = new HashSet<>();
            planned.add(ledger);
            planned.add(stock);
            int holdUpdate = consuming
                    ? addSettlement(tx, hold.finish(ReservationStatus.COMMITTED, now), now, m.sku(), planned) : -1;

            Transaction.Result result = execute(tx, "apply " + m.key(), planned);
            if (result.committed()) {
                return new ApplyResult(m.key(), outcome, reason);
            }
            if (result.failed(ledger)) {
                LedgerItem existing = Items.LEDGER.mapToItem(result.oldItem(ledger));
                if (attempt.equals(existing.getAttemptId())) {
                    // Our own write: it committed, and only the response was lost.
                    return new ApplyResult(m.key(), Outcome.valueOf(existing.getOutcome()), existing.getOutcomeReason());
                }
                return m.fingerprint().equals(existing.getFingerprint())
                        ? new ApplyResult(m.key(), Outcome.DUPLICATE, null)
                        : new ApplyResult(m.key(), Outcome.REJECTED, ApplyResult.IDEMPOTENCY_KEY_REUSED);
            }
            if (result.failed(holdUpdate)) {
                hold = reservation(m.reservationId()).orElse(null);
            }
            if (result.failed(stock)) {
                // Only the count guard can fail here, and counts only move forward: it stays superseded.
                superseded = true;
            }
        }
        throw new StoreException("apply " + m.key() + ": conditions kept changing", true, null);
    }

    @Override
    public void recordRejected(MovementKey key, String sku, String locationId, String reason) {
        Transaction tx = new Transaction(tableName);
        int entry = tx.putNew(Items.LEDGER.itemToMap(Items.rejectedLedgerOf(key, sku, locationId, reason, clock.instant()), true));
        // A failed condition means the movement already has an outcome, which stands.
        execute(tx, "reject " + key, Set.of(entry));
    }

    @Override
    public List<String> recordReceipts(List<EventReceipt> receipts) {
        if (receipts.isEmpty()) {
            return List.of();
        }
        Transaction tx = new Transaction(tableName);
        Set<Integer> planned = new HashSet<>();
        for (EventReceipt receipt : receipts) {
            planned.add(tx.putIfNewOrSame(Items.RECEIPT.itemToMap(Items.receiptOf(receipt), true), "fingerprint",
                    Items.s(receipt.fingerprint())));
        }
        Transaction.Result result = execute(tx, "record " + receipts.size() + " receipts", planned);
        List<String> conflicts = new ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            if (result.failed(i)) {
                conflicts.add(receipts.get(i).eventId());
            }
        }
        return conflicts;
    }

    @Override
    public boolean claimRequest(String sourceId, String requestId, String route, Instant expiresAt) {
        Transaction tx = new Transaction(tableName);
        int claim = tx.putIfNewOrSame(Map.of(
                InventoryTable.PK, Items.s("REQ#" + sourceId + "#" + requestId),
                InventoryTable.SK, Items.s("REQ"),
                InventoryTable.ITEM_TYPE, Items.s("REQUEST"),
                "route", Items.s(route),
                InventoryTable.TTL_ATTRIBUTE, Items.n(expiresAt.getEpochSecond())), "route", Items.s(route));
        return execute(tx, "claim request " + requestId, Set.of(claim)).committed();
    }

    @Override
    public Optional<EventReceipt> receipt(String sourceId, String eventId) {
        ReceiptItem item = transientFailures.call("read receipt", () -> receiptTable.getItem(r -> r
                .key(Key.builder().partitionValue(Items.eventPartition(sourceId, eventId))
                        .sortValue(Items.RECEIPT_SORT_KEY).build())
                .consistentRead(true)));
        return Optional.ofNullable(item).map(Items::toReceipt);
    }

    private static String holdReason(Reservation hold, Movement m) {
        if (hold == null) {
            return ApplyResult.RESERVATION_UNKNOWN;
        }
        if (!hold.locationId().equals(m.locationId())) {
            return ApplyResult.RESERVATION_OTHER_LOCATION;
        }
        return hold.status() == ReservationStatus.ACTIVE ? ApplyResult.RESERVATION_CONSUMED
                : ApplyResult.RESERVATION_NOT_ACTIVE;
    }

    @Override
    public ReservationResult reserve(ReservationRequest request) {
        Instant now = clock.instant();
        Reservation hold = Reservation.activate(request, now);
        String attempt = UUID.randomUUID().toString();
        Transaction tx = new Transaction(tableName);
        Set<Integer> planned = new HashSet<>();
        int holdPut = tx.putNew(Items.HOLD.itemToMap(Items.holdOf(hold, attempt), true));
        planned.add(holdPut);
        int[] stock = new int[hold.lines().size()];
        for (int i = 0; i < hold.lines().size(); i++) {
            ReservationLine line = hold.lines().get(i);
            StockChange change = StockChange.reserved(line.quantity());
            stock[i] = tx.update(Updates.stock(tableName, line.sku(), hold.locationId(), change, causeOf(hold, now), now,
                    Updates.ENOUGH_AVAILABLE, line.quantity()));
            planned.add(stock[i]);
            planned.add(tx.putNew(Items.LEDGER.itemToMap(Items.ledgerOf(hold, i, change, now), true)));
        }
        Transaction.Result result = execute(tx, "reserve " + request.reservationId(), planned);
        if (result.committed()) {
            return new ReservationResult.Held(hold, false);
        }
        if (result.failed(holdPut)) {
            HoldItem existingItem = Items.HOLD.mapToItem(result.oldItem(holdPut));
            Reservation existing = Items.toReservation(existingItem);
            if (attempt.equals(existingItem.getAttemptId())) {
                return new ReservationResult.Held(existing, false);
            }
            return existing.fingerprint().equals(request.fingerprint())
                    ? new ReservationResult.Held(existing, true)
                    : new ReservationResult.KeyReused(existing);
        }
        List<ReservationResult.Shortfall> shortfalls = new ArrayList<>();
        for (int i = 0; i < stock.length; i++) {
            if (result.failed(stock[i])) {
                var old = result.oldItem(stock[i]);
                long available = old.isEmpty() ? 0 : Items.toLevel(Items.STOCK.mapToItem(old)).available();
                ReservationLine line = hold.lines().get(i);
                shortfalls.add(new ReservationResult.Shortfall(line.sku(), line.quantity(), available));
            }
        }
        return new ReservationResult.InsufficientStock(shortfalls);
    }

    @Override
    public HoldResult commit(String reservationId) {
        return settle(reservationId, ReservationStatus.COMMITTED);
    }

    @Override
    public HoldResult release(String reservationId) {
        return settle(reservationId, ReservationStatus.RELEASED);
    }

    @Override
    public HoldResult expire(String reservationId) {
        return settle(reservationId, ReservationStatus.EXPIRED);
    }

    private HoldResult settle(String reservationId, ReservationStatus target) {
        for (int plan = 0; plan < MAX_REPLANS; plan++) {
            Optional<Reservation> found = reservation(reservationId);
            if (found.isEmpty()) {
                return new HoldResult.NotFound(reservationId);
            }
            Reservation hold = found.get();
            if (hold.status() == target) {
                return new HoldResult.Settled(hold);
            }
            if (hold.status() != ReservationStatus.ACTIVE) {
                return new HoldResult.NotActive(hold);
            }
            Instant now = clock.instant();
            boolean due = hold.isPastExpiry(now);
            if (target == ReservationStatus.EXPIRED && !due) {
                return new HoldResult.NotDue(hold);
            }
            Reservation finished = hold.finish(due ? ReservationStatus.EXPIRED : target, now);
            Transaction tx = new Transaction(tableName);
            Set<Integer> planned = new HashSet<>();
            addSettlement(tx, finished, now, null, planned);
            if (execute(tx, finished.status() + " " + reservationId, planned).committed()) {
                return finished.status() == target ? new HoldResult.Settled(finished) : new HoldResult.NotActive(finished);
            }
            // The hold changed under us (a sale consumed it, a sweep expired it): look again.
        }
        throw new StoreException("settle " + reservationId + ": hold kept changing", true, null);
    }

    /**
     * Adds the end of a hold to {@code tx}: the hold's new status (only if still active) and, per
     * line, the stock change and its ledger entry. The one implementation behind commit, release,
     * expiry, and a sale that consumes a hold. {@code skipSku} names the line whose stock update the
     * consuming sale makes itself (one item cannot appear twice in a transaction).
     *
     * @param planned receives the indexes of the writes whose conditions may fail: the hold update,
     *                and the ledger entries, which already exist when a lost response is retried
     * @return the index of the hold update in {@code tx}
     */
    private int addSettlement(Transaction tx, Reservation finished, Instant now, String skipSku, Set<Integer> planned) {
        int holdUpdate = tx.update(Updates.finishHold(tableName, finished, now, skipSku != null));
        planned.add(holdUpdate);
        for (int i = 0; i < finished.lines().size(); i++) {
            ReservationLine line = finished.lines().get(i);
            if (line.sku().equals(skipSku)) {
                continue;
            }
            long q = line.quantity();
            // A consuming sale sells its own line; the hold's other lines are given back to be sold by their own lines.
            StockChange change = finished.status() == ReservationStatus.COMMITTED && skipSku == null
                    ? new StockChange(-q, null, -q, 0, 0)
                    : StockChange.reserved(-q);
            tx.update(Updates.stock(tableName, line.sku(), finished.locationId(), change, causeOf(finished, now), now,
                    null, 0));
            planned.add(tx.putNew(Items.LEDGER.itemToMap(Items.ledgerOf(finished, i, change, now), true)));
        }
        return holdUpdate;
    }

    private static StockLevel.Cause causeOf(Reservation hold, Instant now) {
        return new StockLevel.Cause(hold.status().changeType(), hold.sourceId(), hold.reservationId(), null, now);
    }

    @Override
    public Stream<String> dueHolds(int shard, Instant now) {
        return holdTable.index(InventoryTable.ACTIVE_HOLDS_INDEX)
                .query(r -> r.queryConditional(QueryConditional.sortLessThanOrEqualTo(k -> k
                        .partitionValue(Items.activeHoldPartition(shard)).sortValue(Items.activeHoldsUpTo(now)))))
                .stream().flatMap(page -> page.items().stream())
                .map(item -> Items.reservationIdOfKey(item.getPk()));
    }

    @Override
    public Optional<Reservation> reservation(String reservationId) {
        var key = Items.holdKey(reservationId);
        HoldItem item = transientFailures.call("read hold " + reservationId, () -> holdTable.getItem(r -> r
                .key(Key.builder().partitionValue(key.get(InventoryTable.PK)).sortValue(key.get(InventoryTable.SK)).build())
                .consistentRead(true)));
        return Optional.ofNullable(item).map(Items::toReservation);
    }

    @Override
    public Optional<StockLevel> level(String sku, String locationId) {
        var key = Items.stockKey(sku, locationId);
        StockItem item = transientFailures.call("read level", () -> stockTable.getItem(r -> r
                .key(Key.builder().partitionValue(key.get(InventoryTable.PK)).sortValue(key.get(InventoryTable.SK)).build())
                .consistentRead(true)));
        return Optional.ofNullable(item).map(Items::toLevel);
    }

    @Override
    public List<StockLevel> levels(String sku) {
        return transientFailures.call("read levels", () -> stockTable.query(r -> r
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(Items.stockPartition(sku))))
                        .consistentRead(true))
                .items().stream().map(Items::toLevel).toList());
    }

    @Override
    public List<LedgerEntry> ledger(String sku, String locationId) {
        return transientFailures.call("read ledger", () -> ledgerTable.index(InventoryTable.LEDGER_BY_RECORD_INDEX)
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(
                        k -> k.partitionValue(Items.recordPartition(sku, locationId)))))
                .stream().flatMap(page -> page.items().stream()).map(Items::toEntry).toList());
    }

    @Override
    public List<LedgerEntry> eventLedger(String sourceId, String eventId) {
        return transientFailures.call("read event ledger", () -> ledgerTable.query(r -> r
                        .queryConditional(QueryConditional.sortBeginsWith(
                                k -> k.partitionValue(Items.eventPartition(sourceId, eventId)).sortValue(Items.LINE_PREFIX)))
                        .consistentRead(true))
                .items().stream().map(Items::toEntry).toList());
    }

    /**
     * Runs {@code tx}, retrying transient failures. A cancellation is returned for the caller to
     * decide on only when it is a failed condition of one of the {@code planned} items.
     */
    private Transaction.Result execute(Transaction tx, String operation, Set<Integer> planned) {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .transactItems(tx.items())
                .returnConsumedCapacity(capacityListener == null ? ReturnConsumedCapacity.NONE
                        : ReturnConsumedCapacity.INDEXES)
                .build();
        try {
            TransactWriteItemsResponse response = transientFailures.call(operation, () -> dynamo.transactWriteItems(request));
            if (capacityListener != null && response.consumedCapacity() != null) {
                capacityListener.accept(response.consumedCapacity());
            }
            return Transaction.Result.COMMITTED;
        } catch (TransactionCanceledException e) {
            return Transaction.Result.cancelled(e.cancellationReasons(), operation, planned);
        }
    }

    /** Builder: the client and table name are required. */
    public static final class Builder {
        private DynamoDbClient dynamo;
        private String tableName;
        private Clock clock = Clock.systemUTC();
        private TransientFailures transientFailures = TransientFailures.DEFAULT;
        private Consumer<List<ConsumedCapacity>> capacityListener;

        private Builder() {
        }

        public Builder dynamoDbClient(DynamoDbClient dynamo) {
            this.dynamo = dynamo;
            return this;
        }

        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder transientFailures(TransientFailures transientFailures) {
            this.transientFailures = transientFailures;
            return this;
        }

        /**
         * Receives the capacity each committed transaction consumed, per table and index (asks
         * DynamoDB for {@code ReturnConsumedCapacity=INDEXES}; costs nothing extra).
         */
        public Builder capacityListener(Consumer<List<ConsumedCapacity>> listener) {
            this.capacityListener = listener;
            return this;
        }

        public DynamoDbInventoryStore build() {
            return new DynamoDbInventoryStore(this);
        }
    }
}
