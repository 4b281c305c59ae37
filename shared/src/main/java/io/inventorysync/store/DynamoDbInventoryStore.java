package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.MovementRules;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.OutcomeReason;
import io.inventorysync.domain.HoldRef;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.StockChange;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.domain.StockState;
import io.inventorysync.store.internal.HoldItem;
import io.inventorysync.store.internal.Items;
import io.inventorysync.store.internal.KeyedReads;
import io.inventorysync.store.internal.KeyedReads.Query;
import io.inventorysync.store.internal.KeyedReads.SortCondition;
import io.inventorysync.store.internal.MergedByExpiry;
import io.inventorysync.store.internal.Pages;
import io.inventorysync.store.internal.PutIfNewOrSame;
import io.inventorysync.store.internal.LedgerItem;
import io.inventorysync.store.internal.ReceiptItem;
import io.inventorysync.store.internal.StockItem;
import io.inventorysync.store.internal.Transaction;
import io.inventorysync.store.internal.Updates;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import java.util.stream.Stream;
import java.util.function.BiFunction;
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
    /** Due holds read per index query: one page of a shard at a time, each read retried on its own. */
    private static final int DUE_HOLDS_PAGE = 100;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;
    private final TransientFailures transientFailures;
    private final Consumer<List<ConsumedCapacity>> capacityListener;
    private final Duration indexCatchUp;
    private final java.util.concurrent.Executor shardReads;
    // Reads by key through the low-level client: the enhanced client's Key builds its default converter provider.
    private final KeyedReads<StockItem> stockReads;
    private final KeyedReads<LedgerItem> ledgerReads;
    private final KeyedReads<HoldItem> holdReads;
    private final KeyedReads<ReceiptItem> receiptReads;
    /** A single receipt's write and the request-id claims: see {@link PutIfNewOrSame}. */
    private final PutIfNewOrSame puts;
    private final DynamoDbRequestClaims claims;

    private DynamoDbInventoryStore(Builder b) {
        this.dynamo = Objects.requireNonNull(b.dynamo, "dynamoDbClient");
        this.tableName = Objects.requireNonNull(b.tableName, "tableName");
        this.clock = b.clock;
        this.transientFailures = b.transientFailures;
        this.capacityListener = b.capacityListener;
        this.indexCatchUp = b.indexCatchUp;
        this.shardReads = b.shardReads;
        this.stockReads = new KeyedReads<>(dynamo, tableName, Items.STOCK);
        this.ledgerReads = new KeyedReads<>(dynamo, tableName, Items.LEDGER);
        this.holdReads = new KeyedReads<>(dynamo, tableName, Items.HOLD);
        this.receiptReads = new KeyedReads<>(dynamo, tableName, Items.RECEIPT);
        this.puts = new PutIfNewOrSame(dynamo, tableName, transientFailures, capacityListener);
        this.claims = new DynamoDbRequestClaims(puts);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ApplyResult apply(Movement m) {
        return apply(m, UUID.randomUUID().toString());
    }

    /** @param attempt marks this call's write, so that after a lost response a retry recognises its own entry */
    private ApplyResult apply(Movement m, String attempt) {
        if (m.type() == ChangeType.COUNT) {
            return applyCount(m, attempt);
        }
        boolean namesHold = m.type() == ChangeType.SALE && m.reservationId() != null;
        HoldRules.Named named = null;
        HoldItem holdItem = null;
        if (namesHold) {
            NamedHold found = namedHold(m);
            named = found.named();
            holdItem = found.item();
        }
        StockState guarded = MovementRules.guardedState(m);
        // What the record is known to be: nothing until a write condition fails and returns it.
        StockLevel known = null;
        CountsSeen counts = new CountsSeen();
        for (int plan = 0; plan < MAX_REPLANS; plan++) {
            Instant now = clock.instant();
            Reservation hold = holdItem == null ? null : Items.toReservation(holdItem);
            HoldRules.Consumption consumption = !namesHold ? null
                    : hold != null ? HoldRules.consumption(hold, m, now) : HoldRules.consumption(named, m, now);
            MovementRules.Decision decision = known == null ? MovementRules.decide(m, consumption, false, false)
                    : MovementRules.decide(known, m, consumption);
            Transaction tx = new Transaction(tableName);
            Set<Integer> planned = new HashSet<>();
            int ledger = tx.putMovement(Items.LEDGER.itemToMap(Items.ledgerOf(m, decision, attempt, now), true));
            planned.add(ledger);
            int stock = -1;
            if (!decision.change().isEmpty()) {
                // Only an on-hand effect can be superseded by a count: only then is the count guarded.
                // The rules become conditions: the count guard where the on-hand effect could be
                // superseded, the state guard where units may not go below zero.
                stock = tx.update(Updates.stock(tableName, m.sku(), m.locationId(), decision.change(), m.cause(), now,
                        decision.change().touchesOnHand() ? Updates.NOT_SUPERSEDED_BY_COUNT : null,
                        m.occurredAt().toEpochMilli(), guarded, m.quantity()));
                planned.add(stock);
            }
            int holdUpdate = -1;
            if (consumption != null && consumption.consumed() && decision.outcome() != Outcome.REJECTED) {
                holdUpdate = hold.status() == ReservationStatus.ACTIVE
                        ? addTransition(tx, consumption.transition(), now, true, planned, counts)
                        : addStep(tx, holdItem, consumption.transition(), now, planned, counts);
            }

            Transaction.Result result = execute(tx, "apply " + m.key(), planned);
            if (result.committed()) {
                return ApplyResult.of(m.key(), decision);
            }
            counts.learn(result);
            if (result.failed(ledger)) {
                return alreadyRecorded(m, Items.LEDGER.mapToItem(result.oldItem(ledger)), attempt);
            }
            if (result.failed(holdUpdate)) {
                holdItem = holdItem(hold.ref());
            }
            if (result.failed(stock)) {
                // The record as it was: the rules decide again from it (a newer count, a short state).
                var old = result.oldItem(stock);
                known = old.isEmpty() ? StockLevel.empty(m.sku(), m.locationId()) : Items.toLevel(Items.STOCK.mapToItem(old));
            }
        }
        throw new StoreException("apply " + m.key() + ": conditions kept changing", true, null);
    }

    /**
     * A count reads before it writes, unlike any other movement: its quantity goes under the
     * on-hand effects already applied at or after its time ({@link MovementRules#decideCount}).
     * It reads the record (strongly consistent), sums those effects from the ledger index
     * ({@link #effectsAfter}), and writes only if the record is still at the version it read;
     * otherwise it plans again.
     */
    private ApplyResult applyCount(Movement m, String attempt) {
        for (int plan = 0; plan < MAX_REPLANS; plan++) {
            StockItem item = stockItem(m.sku(), m.locationId());
            StockLevel current = item == null ? StockLevel.empty(m.sku(), m.locationId()) : Items.toLevel(item);
            Instant now = clock.instant();
            Instant countTime = MovementRules.countTime(m, now);
            MovementRules.EffectsAfter effects = current.isSupersededAt(countTime) ? MovementRules.EffectsAfter.NONE
                    : effectsAfter(m, item, countTime);
            MovementRules.Decision decision = MovementRules.decideCount(current, m, now, effects.sum());
            Transaction tx = new Transaction(tableName);
            Set<Integer> planned = new HashSet<>();
            int ledger = tx.putMovement(Items.LEDGER.itemToMap(Items.ledgerOf(m, decision, attempt, now), true));
            planned.add(ledger);
            int stock = -1;
            if (!decision.change().isEmpty()) {
                stock = tx.update(Updates.count(tableName, m.sku(), m.locationId(), decision.change(), m.cause(), now,
                        decision.countedAt(), effects.entries(), current.version()));
                planned.add(stock);
            }
            Transaction.Result result = execute(tx, "apply " + m.key(), planned);
            if (result.committed()) {
                return ApplyResult.of(m.key(), decision);
            }
            if (result.failed(ledger)) {
                return alreadyRecorded(m, Items.LEDGER.mapToItem(result.oldItem(ledger)), attempt);
            }
            // The record changed since it was read: read and sum again.
        }
        throw new StoreException("apply " + m.key() + ": the record kept changing under the count", true, null);
    }

    /**
     * The movement's key already has a ledger entry: this call's own write when it carries this
     * {@code attempt} (it committed and only the response was lost), else a repeat the rules decide on.
     */
    private static ApplyResult alreadyRecorded(Movement m, LedgerItem existing, String attempt) {
        if (attempt.equals(existing.getAttemptId())) {
            return new ApplyResult(m.key(), Outcome.valueOf(existing.getOutcome()),
                    OutcomeReason.parse(existing.getOutcomeReason()));
        }
        return ApplyResult.of(m.key(), MovementRules.repeated(existing.getFingerprint(), m));
    }

    /**
     * {@code Σ} of the count rule from the ledger index, which is eventually consistent. The record
     * says how many entries with an on-hand delta it has had since its latest count
     * ({@link Updates#SINCE_COUNT}), and each of them is at or after that count's time (an older
     * movement is superseded and moves nothing on hand; see {@link MovementRules#countTime} for a
     * hold's step). So once the index shows at least that many from the latest count's time on,
     * it shows all of them: until then the store waits, up to {@code indexCatchUp}, and then fails
     * retryably (the queue delivers the count again) rather than sum what it cannot prove complete.
     * A record never counted is read from its first entry.
     */
    private MovementRules.EffectsAfter effectsAfter(Movement count, StockItem item, Instant countTime) {
        return effectsAfter("count " + count.key(), count.sku(), count.locationId(), item, countTime);
    }

    /**
     * {@code Σ} of the on-hand effects at or after {@code from} of a record read as {@code item},
     * proven complete as described on {@link #effectsAfter(Movement, StockItem, Instant)}.
     */
    private MovementRules.EffectsAfter effectsAfter(String what, String sku, String locationId, StockItem item,
                                                    Instant from) {
        Long lastCountAt = item == null ? null : item.getLastCountAt();
        long expected = item == null || item.getSinceCount() == null ? 0 : item.getSinceCount();
        if (item == null || (expected == 0 && item.getSinceCount() != null)) {
            // Nothing moved on hand since the latest count (or ever): nothing to read.
            return MovementRules.EffectsAfter.NONE;
        }
        long deadline = System.nanoTime() + indexCatchUp.toNanos();
        long pause = 10;
        while (true) {
            List<MovementRules.Applied> visible = onTopOfCount(sku, locationId, lastCountAt);
            if (visible.size() >= expected) {
                return MovementRules.effectsAfter(from, visible);
            }
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                throw new StoreException(what + ": the ledger index shows " + visible.size()
                        + " of " + expected + " entries since the latest count; try again later", true, null);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(what + ": interrupted", true, e);
            }
            pause = Math.min(pause * 2, 200);
        }
    }

    @Override
    public List<MasterAsOf> onHandAsOf(List<RecordKey> records, Instant asOf) {
        if (records.size() > AS_OF_BATCH) {
            throw new IllegalArgumentException("at most " + AS_OF_BATCH + " records per call, not " + records.size());
        }
        Map<RecordKey, StockItem> read = new java.util.HashMap<>();
        if (!records.isEmpty()) {
            // One strongly consistent BatchGetItem, its unprocessed keys asked again.
            List<Map<String, AttributeValue>> keys = new ArrayList<>(records.size());
            for (RecordKey r : records) {
                keys.add(Items.stockKey(r.sku(), r.locationId()));
            }
            transientFailures.call("read levels as of", () -> stockReads.batchGet(keys, true))
                    .forEach(i -> read.put(new RecordKey(i.getSku(), i.getLocationId()), i));
        }
        List<MasterAsOf> answers = new ArrayList<>(records.size());
        for (RecordKey r : records) {
            StockItem item = read.get(r);
            if (item == null) {
                answers.add(new MasterAsOf(r.sku(), r.locationId(), null, 0L));
                continue;
            }
            StockLevel level = Items.toLevel(item);
            var effects = level.isSupersededAt(asOf) ? MovementRules.EffectsAfter.NONE
                    : effectsAfter("as of " + asOf + " " + r, r.sku(), r.locationId(), item, asOf);
            var onHand = MovementRules.onHandAsOf(level, asOf, effects);
            answers.add(new MasterAsOf(r.sku(), r.locationId(), level, onHand.isPresent() ? onHand.getAsLong() : null));
        }
        return answers;
    }

    /** The record's entries in the ledger index with an on-hand delta, from {@code fromMillis} on (all: {@code null}). */
    private List<MovementRules.Applied> onTopOfCount(String sku, String locationId, Long fromMillis) {
        String partition = Items.recordPartition(sku, locationId);
        Query all = Query.partition(partition).onIndex(InventoryTable.LEDGER_BY_RECORD_INDEX)
                .project("occurredAt", "onHandDelta", "onHandSet");
        Query range = fromMillis == null ? all
                : all.sort(SortCondition.AT_LEAST, Items.timeOrder(Instant.ofEpochMilli(fromMillis)));
        Iterator<LedgerItem> entries = new Pages<>(start -> transientFailures.call("read ledger since count",
                () -> ledgerReads.page(range, start)));
        List<MovementRules.Applied> applied = new ArrayList<>();
        while (entries.hasNext()) {
            LedgerItem e = entries.next();
            StockChange change = new StockChange(e.getOnHandDelta() == null ? 0 : e.getOnHandDelta(), e.getOnHandSet(),
                    0, 0, 0);
            if (MovementRules.isOnTopOfCount(change)) {
                applied.add(new MovementRules.Applied(Instant.parse(e.getOccurredAt()), change));
            }
        }
        return applied;
    }

    /**
     * One record's since-count bookkeeping, read strongly consistent, beside what the ledger index shows: the
     * on-hand entries from {@code lastCountAt} on, found by the very query a count's proof uses
     * ({@link #onTopOfCount}). For {@link SinceCountRepair}; {@code null} when the record does not exist.
     */
    SinceCountRepair.Reading readSinceCount(String sku, String locationId) {
        StockItem item = stockItem(sku, locationId);
        if (item == null) {
            return null;
        }
        int onIndex = onTopOfCount(sku, locationId, item.getLastCountAt()).size();
        return new SinceCountRepair.Reading(sku, locationId, item.getVersion() == null ? 0 : item.getVersion(),
                item.getLastCountAt() == null ? null : Instant.ofEpochMilli(item.getLastCountAt()), item.getSinceCount(),
                onIndex, item.getUpdatedAt() == null ? null : Instant.parse(item.getUpdatedAt()));
    }

    /**
     * Sets the record's {@code sinceCount} to {@code to}, only if it is still at the version and the
     * {@code sinceCount} it was read at (one conditional {@code UpdateItem}; nothing else changes: not the
     * version, no change is applied). {@code false} when it changed since (nothing written).
     */
    boolean writeSinceCount(SinceCountRepair.Reading read, long to) {
        try {
            transientFailures.call("repair sinceCount", () -> dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Items.stockKey(read.sku(), read.locationId()))
                    .updateExpression("SET #since = :to")
                    .conditionExpression("#version = :version AND #since = :read")
                    .expressionAttributeNames(Map.of("#since", Updates.SINCE_COUNT, "#version", "version"))
                    .expressionAttributeValues(Map.of(":to", Items.n(to), ":version", Items.n(read.version()),
                            ":read", Items.n(read.sinceCount())))));
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    private StockItem stockItem(String sku, String locationId) {
        var key = Items.stockKey(sku, locationId);
        return transientFailures.call("read level", () -> stockReads.get(key, true));
    }

    @Override
    public void recordRejected(MovementKey key, String sku, String locationId, String reason) {
        Transaction tx = new Transaction(tableName);
        int entry = tx.putNew(Items.LEDGER.itemToMap(Items.rejectedLedgerOf(key, sku, locationId, reason, clock.instant()), true));
        // A failed condition means the movement already has an outcome, which stands.
        execute(tx, "reject " + key, Set.of(entry));
    }

    /**
     * One conditional write ({@link Transaction#RECEIPT_IS_NEW_OR_SAME}): a receipt is written if new, or again
     * (the retry's token) if it is the same event and the relay has not refused it. A failed condition returns
     * the receipt as it is: another fingerprint is a conflict; the same one is a refused event's retry, which
     * is left as it is (its refusal kept, nothing handed to the relay) and answered as any replay. A request
     * of several events holding such a retry is written again without it (the only case with a second write).
     */
    @Override
    public List<String> recordReceipts(List<OutboxEvent> events, String token) {
        List<OutboxEvent> toWrite = events;
        while (!toWrite.isEmpty()) {
            if (toWrite.size() == 1) {
                OutboxEvent event = toWrite.getFirst();
                Map<String, AttributeValue> existing = puts.putReceipt(Items.RECEIPT.itemToMap(Items.heldReceiptOf(event, token), true),
                        Items.s(event.receipt().fingerprint()), "record 1 receipt");
                return existing == null || sameEvent(existing, event) ? List.of() : List.of(event.receipt().eventId());
            }
            Transaction tx = new Transaction(tableName);
            Set<Integer> planned = new HashSet<>();
            for (OutboxEvent event : toWrite) {
                planned.add(tx.putReceipt(Items.RECEIPT.itemToMap(Items.heldReceiptOf(event, token), true),
                        Items.s(event.receipt().fingerprint())));
            }
            Transaction.Result result = execute(tx, "record " + toWrite.size() + " receipts", planned);
            if (result.committed()) {
                return List.of();
            }
            List<String> conflicts = new ArrayList<>();
            List<OutboxEvent> rest = new ArrayList<>();
            for (int i = 0; i < toWrite.size(); i++) {
                if (!result.failed(i)) {
                    rest.add(toWrite.get(i));
                } else if (!sameEvent(result.oldItem(i), toWrite.get(i))) {
                    conflicts.add(toWrite.get(i).receipt().eventId());
                }
            }
            if (!conflicts.isEmpty()) {
                return conflicts;
            }
            if (rest.size() == toWrite.size()) {
                // Cancelled with no item's condition named: not an answer to act on; the request is retried.
                throw new StoreException("record " + toWrite.size() + " receipts: transaction cancelled, no item named", true, null);
            }
            // Only refused events' retries failed: they stay as they are; the others are written without them.
            toWrite = rest;
        }
        return List.of();
    }

    /** The receipt that came back from a failed condition is of this very event (the relay refused it). */
    private static boolean sameEvent(Map<String, AttributeValue> existing, OutboxEvent event) {
        AttributeValue fingerprint = existing.get("fingerprint");
        return fingerprint != null && event.receipt().fingerprint().equals(fingerprint.s());
    }

    @Override
    public List<String> recordUnqueuedReceipts(List<EventReceipt> receipts) {
        if (receipts.isEmpty()) {
            return List.of();
        }
        if (receipts.size() == 1) {
            EventReceipt receipt = receipts.getFirst();
            return putIfNewOrSame(Items.RECEIPT.itemToMap(Items.receiptOf(receipt), true), "fingerprint",
                    Items.s(receipt.fingerprint()), "record 1 unqueued receipt") ? List.of() : List.of(receipt.eventId());
        }
        Transaction tx = new Transaction(tableName);
        Set<Integer> planned = new HashSet<>();
        for (EventReceipt receipt : receipts) {
            planned.add(tx.putIfNewOrSame(Items.RECEIPT.itemToMap(Items.receiptOf(receipt), true), "fingerprint",
                    Items.s(receipt.fingerprint())));
        }
        Transaction.Result result = execute(tx, "record " + receipts.size() + " unqueued receipts", planned);
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
        return claims.claimRequest(sourceId, requestId, route, expiresAt);
    }

    /** @see PutIfNewOrSame */
    private boolean putIfNewOrSame(Map<String, AttributeValue> item, String attribute, AttributeValue same, String operation) {
        return puts.put(item, attribute, same, operation);
    }

    /**
     * One {@code UpdateItem} of the receipt, conditioned on the receipt existing and holding no refusal
     * yet ({@code attribute_not_exists}): the first refusal stays, a repeat changes nothing. It writes
     * nothing the ledger holds, so an outcome recorded for a movement is never overwritten.
     */
    @Override
    public boolean recordRelayRefusal(String sourceId, String eventId, String reason, Set<Integer> refusedLines) {
        String lines = EventReceipt.formatLines(refusedLines);
        Map<String, String> names = new java.util.HashMap<>(Map.of("#pk", InventoryTable.PK, "#refusal", Items.RELAY_REFUSAL,
                "#at", Items.RELAY_REFUSED_AT));
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":reason", Items.s(reason),
                ":at", Items.s(clock.instant().toString())));
        if (lines != null) {
            names.put("#lines", Items.RELAY_REFUSED_LINES);
            values.put(":lines", Items.s(lines));
        }
        try {
            transientFailures.call("record relay refusal", () -> dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Items.receiptKey(sourceId, eventId))
                    .updateExpression(lines == null ? "SET #refusal = :reason, #at = :at"
                            : "SET #refusal = :reason, #at = :at, #lines = :lines")
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#refusal)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)));
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Movement> heldMovements(String sourceId, String eventId) {
        return heldMovements(receiptItem(sourceId, eventId));
    }

    /**
     * The receipt and, for an event some of whose lines the relay refused, its held movements, both from one
     * consistent read of the receipt (it holds the event).
     */
    @Override
    public Optional<EventStatus> eventStatus(String sourceId, String eventId) {
        ReceiptItem item = receiptItem(sourceId, eventId);
        if (item == null) {
            return Optional.empty();
        }
        EventReceipt receipt = Items.toReceipt(item);
        return Optional.of(EventStatus.of(receipt, eventLedger(sourceId, eventId),
                receipt.relayRefusedLines().isEmpty() ? List.of() : heldMovements(item)));
    }

    private static List<Movement> heldMovements(ReceiptItem item) {
        HeldEvent held = item == null ? null : Items.toHeldEvent(item);
        return held == null ? List.of() : held.event().movements();
    }

    private ReceiptItem receiptItem(String sourceId, String eventId) {
        var key = Items.receiptKey(sourceId, eventId);
        return transientFailures.call("read receipt", () -> receiptReads.get(key, true));
    }

    @Override
    public Optional<EventReceipt> receipt(String sourceId, String eventId) {
        return Optional.ofNullable(receiptItem(sourceId, eventId)).map(Items::toReceipt);
    }

    @Override
    public ReservationResult reserve(ReservationRequest request) {
        HoldRules.Transition placed = HoldRules.place(request, clock.instant());
        Reservation hold = placed.hold();
        Instant now = hold.createdAt();
        String attempt = UUID.randomUUID().toString();
        Transaction tx = new Transaction(tableName);
        Set<Integer> planned = new HashSet<>();
        int holdPut = tx.putNew(Items.HOLD.itemToMap(Items.holdOf(hold, attempt), true));
        planned.add(holdPut);
        StockLevel.Cause cause = placed.cause(now);
        int[] stock = new int[placed.lines().size()];
        for (HoldRules.LineChange lc : placed.lines()) {
            // HoldRules.fits, as a condition: free (= onHand - reserved) >= q.
            stock[lc.lineNo()] = tx.update(Updates.stock(tableName, lc.line().sku(), hold.locationId(), lc.change(),
                    cause, now, Updates.ENOUGH_AVAILABLE, lc.line().quantity()));
            planned.add(stock[lc.lineNo()]);
            planned.add(tx.putNew(Items.LEDGER.itemToMap(Items.ledgerOf(placed, lc, now), true)));
        }
        Transaction.Result result = execute(tx, "reserve " + request.reservationId(), planned);
        if (result.committed()) {
            return new ReservationResult.Held(hold, false);
        }
        if (result.failed(holdPut)) {
            HoldItem existingItem = Items.HOLD.mapToItem(result.oldItem(holdPut));
            Reservation existing = Items.toReservation(existingItem);
            return attempt.equals(existingItem.getAttemptId())
                    ? new ReservationResult.Held(existing, false)
                    : ReservationResult.existing(existing, request);
        }
        List<ReservationResult.Shortfall> shortfalls = new ArrayList<>();
        for (HoldRules.LineChange lc : placed.lines()) {
            if (result.failed(stock[lc.lineNo()])) {
                var old = result.oldItem(stock[lc.lineNo()]);
                long available = old.isEmpty() ? 0 : Items.toLevel(Items.STOCK.mapToItem(old)).available();
                shortfalls.add(new ReservationResult.Shortfall(lc.line().sku(), lc.line().quantity(), available));
            }
        }
        return new ReservationResult.InsufficientStock(shortfalls);
    }

    @Override
    public HoldResult commit(HoldRef ref, Fulfilment mode) {
        return transition(ref, (hold, now) -> HoldRules.commit(hold, mode, now));
    }

    @Override
    public HoldResult cancel(HoldRef ref) {
        return transition(ref, HoldRules::cancel);
    }

    @Override
    public FulfilResult fulfil(HoldRef ref, FulfilmentRequest request) {
        CountsSeen counts = new CountsSeen();
        for (int plan = 0; plan < MAX_REPLANS; plan++) {
            HoldItem item = holdItem(ref);
            if (item == null) {
                return new FulfilResult.NotFound(ref.reservationId());
            }
            Instant now = clock.instant();
            HoldRules.Fulfil decision = HoldRules.fulfil(Items.toReservation(item), request, now);
            if (!(decision instanceof HoldRules.Fulfil.Fulfils f)) {
                return FulfilResult.of(decision);
            }
            Transaction tx = new Transaction(tableName);
            Set<Integer> planned = new HashSet<>();
            addStep(tx, item, f.transition(), now, planned, counts);
            Transaction.Result result = execute(tx, "fulfil " + ref, planned);
            if (result.committed()) {
                return FulfilResult.of(decision);
            }
            // Another step of the hold came first (a pick-up, a cancel, the same fulfilment), or a record
            // was counted after the time this step would have had: look again.
            counts.learn(result);
        }
        throw new StoreException("fulfil " + ref + ": hold kept changing", true, null);
    }

    @Override
    public HoldResult release(HoldRef ref) {
        return settle(ref, ReservationStatus.RELEASED);
    }

    @Override
    public HoldResult expire(HoldRef ref) {
        return settle(ref, ReservationStatus.EXPIRED);
    }

    private HoldResult settle(HoldRef ref, ReservationStatus target) {
        return transition(ref, (hold, now) -> HoldRules.settle(hold, target, now));
    }

    private HoldResult transition(HoldRef ref, BiFunction<Reservation, Instant, HoldRules.Settlement> rule) {
        CountsSeen counts = new CountsSeen();
        for (int plan = 0; plan < MAX_REPLANS; plan++) {
            HoldItem item = holdItem(ref);
            if (item == null) {
                return new HoldResult.NotFound(ref.reservationId());
            }
            Instant now = clock.instant();
            Reservation hold = Items.toReservation(item);
            HoldRules.Settlement settlement = rule.apply(hold, now);
            if (!(settlement instanceof HoldRules.Settlement.Ends ends)) {
                return HoldResult.of(settlement);
            }
            Transaction tx = new Transaction(tableName);
            Set<Integer> planned = new HashSet<>();
            if (hold.status() == ReservationStatus.ACTIVE) {
                addTransition(tx, ends.transition(), now, false, planned, counts);
            } else {
                addStep(tx, item, ends.transition(), now, planned, counts);
            }
            Transaction.Result result = execute(tx, ends.transition().step() + " " + ref, planned);
            if (result.committed()) {
                return HoldResult.of(settlement);
            }
            // The hold changed under us (a sale consumed it, a sweep expired it), or a record was
            // counted after the time this step would have had: look again.
            counts.learn(result);
        }
        throw new StoreException("settle " + ref + ": hold kept changing", true, null);
    }

    /**
     * Adds the end of a hold, as {@link HoldRules} decided it, to {@code tx}: the hold's new status
     * (only if still active, see {@link Updates#finishHold}) and, per line, the stock change and its
     * ledger entry. The one persistence of commit, release, expiry and a sale consuming a hold.
     *
     * @param planned receives the indexes of the writes whose conditions may fail: the hold update,
     *                and the ledger entries, which already exist when a lost response is retried
     * @return the index of the hold update in {@code tx}
     */
    private int addTransition(Transaction tx, HoldRules.Transition transition, Instant now, boolean consumedBySale,
                              Set<Integer> planned, CountsSeen counts) {
        Reservation finished = transition.hold();
        int holdUpdate = tx.update(Updates.finishHold(tableName, finished, now, consumedBySale));
        planned.add(holdUpdate);
        addLines(tx, transition, now, planned, counts);
        return holdUpdate;
    }

    /**
     * Adds a later step of a hold (not active any more: a fulfilment, a pick-up, a cancel) to
     * {@code tx}: the whole hold, only if it is still as read ({@link Updates#holdStep}), and its
     * lines' stock changes and ledger entries.
     *
     * @return the index of the hold's write in {@code tx}
     */
    private int addStep(Transaction tx, HoldItem read, HoldRules.Transition step, Instant now, Set<Integer> planned,
                        CountsSeen counts) {
        long revision = read.getRevision() == null ? 0 : read.getRevision();
        int holdWrite = tx.put(Updates.holdStep(tableName, Items.holdOf(step.hold(), read.getAttemptId(), revision + 1, now),
                read.getRevision()));
        planned.add(holdWrite);
        addLines(tx, step, now, planned, counts);
        return holdWrite;
    }

    /**
     * Adds each line's stock change and ledger entry. A line that moves {@code onHand} by a delta is
     * stamped at {@link MovementRules#stepTime} (its record's latest count, when {@code counts} has
     * seen one later than {@code now}) and written only if the record's latest count is not later than
     * that stamp: a count applied after the step's time was taken fails the condition, returns the
     * record, and the step is planned again at the count's time. So every entry the record's
     * {@code sinceCount} counts is at or after its {@code lastCountAt}, where a count's proof looks.
     * The condition is on an item the transaction already has: no item more, at any size.
     */
    private void addLines(Transaction tx, HoldRules.Transition transition, Instant now, Set<Integer> planned,
                          CountsSeen counts) {
        StockLevel.Cause cause = transition.cause(now);
        for (HoldRules.LineChange lc : transition.lines()) {
            String sku = lc.line().sku();
            if (MovementRules.isOnTopOfCount(lc.change())) {
                Instant at = counts.stampOf(sku, now);
                int stock = tx.update(Updates.stock(tableName, sku, transition.hold().locationId(), lc.change(), cause,
                        now, Updates.NOT_SUPERSEDED_BY_COUNT, at.toEpochMilli()));
                planned.add(stock);
                counts.guard(stock, sku);
                planned.add(tx.putNew(Items.LEDGER.itemToMap(Items.ledgerOf(transition, lc, at, now), true)));
            } else {
                tx.update(Updates.stock(tableName, sku, transition.hold().locationId(), lc.change(), cause, now,
                        null, 0));
                planned.add(tx.putNew(Items.LEDGER.itemToMap(Items.ledgerOf(transition, lc, now), true)));
            }
        }
    }

    /**
     * The latest counts a hold step's failed conditions showed, per record (SKU: a hold is at one
     * location, each SKU once), so that the next plan stamps each on-hand line at its record's count
     * ({@link MovementRules#stepTime}), as the in-memory store does from the record it reads.
     */
    private static final class CountsSeen {
        private final Map<String, Instant> latest = new java.util.HashMap<>();
        private final Map<Integer, String> guarded = new java.util.HashMap<>();

        Instant stampOf(String sku, Instant now) {
            return MovementRules.stepTime(now, latest.get(sku));
        }

        void guard(int index, String sku) {
            guarded.put(index, sku);
        }

        /** Learns from a cancelled plan the latest count of every record whose step condition failed. */
        void learn(Transaction.Result result) {
            for (var line : guarded.entrySet()) {
                if (result.failed(line.getKey())) {
                    AttributeValue at = result.oldItem(line.getKey()).get("lastCountAt");
                    if (at != null && at.n() != null) {
                        latest.merge(line.getValue(), Instant.ofEpochMilli(Long.parseLong(at.n())),
                                (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
            guarded.clear();
        }
    }

    /** The hold a sale names as {@link HoldRules#named} decides, and the hold's item read strongly consistent. */
    private record NamedHold(HoldRules.Named named, HoldItem item) {
    }

    /**
     * The hold {@code sale} names. The seller's own hold under the id (a source that both reserves and
     * sells: a vendor adapter's shop, a storefront's own till) is read by its key, strongly consistent,
     * and when it is at the sale's location it is the one ({@link HoldRules#named} prefers it): found at
     * once, however soon the sale follows it. Other storefronts' holds are found through the index
     * ({@code HOLDID#{id}}), which is eventually consistent: when it shows none at the sale's location
     * and the sale was received less than {@code indexCatchUp} ago (a checkout's sale right behind its
     * hold), the store asks the index again until that much time has passed since the receipt, and only
     * then lets the sale apply alone. A sale received longer ago (or without a receipt time) does not wait.
     */
    private NamedHold namedHold(Movement sale) {
        HoldItem ownItem = holdItem(new HoldRef(sale.key().sourceId(), sale.reservationId()));
        Reservation own = ownItem == null ? null : Items.toReservation(ownItem);
        if (own != null && own.locationId().equals(sale.locationId())) {
            return new NamedHold(HoldRules.named(sale, List.of(own)), ownItem);
        }
        long deadline = System.nanoTime() + indexLagLeft(sale).toNanos();
        long pause = 10;
        while (true) {
            List<Reservation> candidates = new ArrayList<>(holdsNamed(sale.reservationId()));
            if (own != null && candidates.stream().noneMatch(h -> h.ref().equals(own.ref()))) {
                candidates.add(own);
            }
            boolean here = candidates.stream().anyMatch(h -> h.locationId().equals(sale.locationId()));
            if (here || System.nanoTime() + pause * 1_000_000 > deadline) {
                HoldRules.Named named = HoldRules.named(sale, candidates);
                if (named.hold() == null) {
                    return new NamedHold(named, null);
                }
                // The index that found it is eventually consistent: the hold itself is read strongly.
                HoldItem item = named.hold().ref().equals(own == null ? null : own.ref()) ? ownItem
                        : holdItem(named.hold().ref());
                return item == null ? new NamedHold(new HoldRules.Named(null, OutcomeReason.RESERVATION_UNKNOWN), null)
                        : new NamedHold(named, item);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("read holds named " + sale.reservationId() + ": interrupted", true, e);
            }
            pause = Math.min(pause * 2, 200);
        }
    }

    /** How much longer the index may still be catching up with a hold placed before {@code sale} was received. */
    private Duration indexLagLeft(Movement sale) {
        if (sale.receivedAt() == null) {
            return Duration.ZERO;
        }
        Duration since = Duration.between(sale.receivedAt(), clock.instant());
        if (since.isNegative()) {
            return indexCatchUp;
        }
        return since.compareTo(indexCatchUp) >= 0 ? Duration.ZERO : indexCatchUp.minus(since);
    }

    /** Every storefront's hold with the id a sale names (the index: eventually consistent). */
    private List<Reservation> holdsNamed(String reservationId) {
        Query named = Query.partition(Items.holdsNamed(reservationId)).onIndex(InventoryTable.LEDGER_BY_RECORD_INDEX);
        return transientFailures.call("read holds named " + reservationId, () -> holdReads.all(named))
                .stream().map(Items::toReservation).toList();
    }

    private HoldItem holdItem(HoldRef ref) {
        var key = Items.holdKey(ref);
        return transientFailures.call("read hold " + ref, () -> holdReads.get(key, true));
    }

    @Override
    public Stream<HoldRef> dueHolds(Instant now) {
        // One lazy query per index shard, merged by expiry: soonest first across the whole index.
        List<Iterator<HoldItem>> shards = new ArrayList<>(InventoryTable.ACTIVE_HOLD_SHARDS);
        // The first shard read's failure: once set, the others make no further attempt (see firstPagesTogether).
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failed = new java.util.concurrent.atomic.AtomicReference<>();
        for (int shard = 0; shard < InventoryTable.ACTIVE_HOLD_SHARDS; shard++) {
            String partition = Items.activeHoldPartition(shard);
            Query due = Query.partition(partition).onIndex(InventoryTable.ACTIVE_HOLDS_INDEX)
                    .sort(SortCondition.AT_MOST, Items.activeHoldsUpTo(now)).limit(DUE_HOLDS_PAGE);
            shards.add(new Pages<>(start -> transientFailures.call("read due holds", () -> {
                if (failed.get() != null) {
                    throw new StoreException("read due holds: abandoned, another shard's read failed", true, null);
                }
                return holdReads.page(due, start);
            })));
        }
        if (shardReads != null) {
            firstPagesTogether(shards, failed);
        }
        Iterator<HoldItem> merged = new MergedByExpiry(shards);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED | Spliterator.NONNULL),
                false).map(item -> Items.holdOfKey(item.getPk()));
    }

    /**
     * Reads the first page of every shard before the merge asks for it: the others together on
     * {@link #shardReads}, the first on the calling thread meanwhile (one round trip for all). A failed
     * read fails the whole (as the read would have on the calling thread); the pages read are kept by
     * their iterators. When one read fails ({@code failed}), the others make no further attempt (their
     * remaining retries are cancelled, a read not yet started never starts), and this returns only once
     * every read that started has stopped: nothing of the call goes on after it failed.
     */
    private void firstPagesTogether(List<Iterator<HoldItem>> shards,
                                    java.util.concurrent.atomic.AtomicReference<RuntimeException> failed) {
        List<ShardRead> reads = new ArrayList<>(shards.size() - 1);
        for (Iterator<HoldItem> shard : shards.subList(1, shards.size())) {
            ShardRead read = new ShardRead(shard, failed);
            reads.add(read);
            shardReads.execute(read);
        }
        try {
            shards.getFirst().hasNext();
        } catch (RuntimeException e) {
            failed.compareAndSet(null, e);
        } catch (Error e) {
            // As ShardRead does: the siblings stop and are waited for before the call fails.
            failed.compareAndSet(null, new StoreException("read due holds", false, e));
        }
        for (ShardRead read : reads) {
            if (failed.get() != null && read.neverStart()) {
                continue;
            }
            read.awaitEnd();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    /**
     * One shard's first page, read on {@link #shardReads}. A read that fails marks the call
     * {@code failed} at once, so its siblings stop at their next attempt; a read that has not
     * started by then is kept from starting.
     */
    private static final class ShardRead implements Runnable {
        private final Iterator<HoldItem> shard;
        private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failed;
        private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

        ShardRead(Iterator<HoldItem> shard, java.util.concurrent.atomic.AtomicReference<RuntimeException> failed) {
            this.shard = shard;
            this.failed = failed;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                shard.hasNext();
            } catch (RuntimeException e) {
                // The first failure is the call's; a sibling stopped by it adds nothing.
                failed.compareAndSet(null, e);
            } catch (Error e) {
                failed.compareAndSet(null, new StoreException("read due holds", false, e));
            } finally {
                ended.countDown();
            }
        }

        /** True when the read had not started and now never will. */
        boolean neverStart() {
            return claimed.compareAndSet(false, true);
        }

        /** Waits until the read has ended (not interruptibly: once a read failed, the others end at their next attempt). */
        void awaitEnd() {
            boolean interrupted = false;
            while (true) {
                try {
                    ended.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Optional<Reservation> reservation(HoldRef ref) {
        return Optional.ofNullable(holdItem(ref)).map(Items::toReservation);
    }

    @Override
    public Optional<StockLevel> level(String sku, String locationId) {
        return Optional.ofNullable(stockItem(sku, locationId)).map(Items::toLevel);
    }

    @Override
    public List<StockLevel> levels(String sku) {
        Query atLocations = Query.partition(Items.stockPartition(sku)).sort(SortCondition.BEGINS_WITH, Items.LOCATION_PREFIX)
                .consistent();
        return transientFailures.call("read levels", () -> stockReads.all(atLocations)).stream().map(Items::toLevel).toList();
    }

    @Override
    public SkuPage skusAt(String locationId, String after, int limit) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values = new java.util.HashMap<>();
        values.put(":loc", Items.s(InventoryTable.stockAtLocation(locationId)));
        String condition = "#pk = :loc";
        if (after != null) {
            values.put(":after", Items.s(after));
            condition += " AND #sk > :after";
        }
        String keyCondition = condition;
        var answer = transientFailures.call("read skus at location", () -> dynamo.query(r -> r.tableName(tableName)
                .indexName(InventoryTable.STOCK_BY_LOCATION_INDEX).keyConditionExpression(keyCondition)
                .expressionAttributeNames(Map.of("#pk", InventoryTable.STOCK_BY_LOCATION_PK,
                        "#sk", InventoryTable.STOCK_BY_LOCATION_SK))
                .expressionAttributeValues(values).projectionExpression("#sk").limit(limit)
                .returnConsumedCapacity(capacityListener == null ? ReturnConsumedCapacity.NONE : ReturnConsumedCapacity.TOTAL)));
        if (capacityListener != null && answer.consumedCapacity() != null) {
            capacityListener.accept(List.of(answer.consumedCapacity()));
        }
        List<String> skus = answer.items().stream().map(i -> i.get(InventoryTable.STOCK_BY_LOCATION_SK).s()).toList();
        boolean more = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() && !skus.isEmpty();
        return new SkuPage(skus, more ? skus.getLast() : null);
    }

    @Override
    public List<LedgerEntry> ledger(String sku, String locationId) {
        Query record = Query.partition(Items.recordPartition(sku, locationId)).onIndex(InventoryTable.LEDGER_BY_RECORD_INDEX);
        return transientFailures.call("read ledger", () -> ledgerReads.all(record)).stream().map(Items::toEntry).toList();
    }

    @Override
    public LedgerPage ledgerPage(String sku, String locationId, int limit, String before) {
        String partition = Items.recordPartition(sku, locationId);
        Query all = Query.partition(partition).onIndex(InventoryTable.LEDGER_BY_RECORD_INDEX).backward();
        // One more than asked, so that "next" is given only when there is a next entry.
        Query range = (before == null ? all : all.sort(SortCondition.BELOW, before)).limit(limit + 1);
        Iterator<LedgerItem> items = new Pages<>(start -> transientFailures.call("read ledger page",
                () -> ledgerReads.page(range, start)));
        List<LedgerItem> read = new ArrayList<>(limit + 1);
        while (read.size() <= limit && items.hasNext()) {
            read.add(items.next());
        }
        List<LedgerItem> page = read.subList(0, Math.min(limit, read.size()));
        String next = read.size() > limit ? page.getLast().getGsi1sk() : null;
        return new LedgerPage(page.stream().map(Items::toEntry).toList(), next);
    }

    @Override
    public List<LedgerEntry> eventLedger(String sourceId, String eventId) {
        Query lines = Query.partition(Items.eventPartition(sourceId, eventId)).sort(SortCondition.BEGINS_WITH, Items.LINE_PREFIX)
                .consistent();
        return transientFailures.call("read event ledger", () -> ledgerReads.all(lines)).stream().map(Items::toEntry).toList();
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

    /**
     * The transaction the store issues to apply {@code m} as a new movement that names no hold,
     * built as {@link #apply} builds it: for benchmarks that send the very same writes directly
     * with the SDK as their floor.
     */
    public TransactWriteItemsRequest transactionOf(Movement m) {
        Instant now = clock.instant();
        MovementRules.Decision decision = MovementRules.decide(m, null, false, false);
        Transaction tx = new Transaction(tableName);
        tx.putMovement(Items.LEDGER.itemToMap(Items.ledgerOf(m, decision, "floor", now), true));
        tx.update(Updates.stock(tableName, m.sku(), m.locationId(), decision.change(), m.cause(), now,
                decision.change().touchesOnHand() ? Updates.NOT_SUPERSEDED_BY_COUNT : null, m.occurredAt().toEpochMilli()));
        return TransactWriteItemsRequest.builder().transactItems(tx.items())
                .returnConsumedCapacity(capacityListener == null ? ReturnConsumedCapacity.NONE
                        : ReturnConsumedCapacity.INDEXES)
                .build();
    }

    /**
     * Runs the store's offline code paths once (table schemas, item mapping, update expressions)
     * so that their classes are loaded before the first request: for SnapStart priming. Opens no
     * connection and writes nothing.
     *
     * @return a value derived from what was built, so that nothing is optimised away
     */
    public static int warmUp(Movement sample) {
        Instant now = sample.occurredAt();
        MovementRules.Decision decision = MovementRules.decide(sample, null, false, false);
        var ledger = Items.LEDGER.itemToMap(Items.ledgerOf(sample, decision, "warm-up", now), true);
        var update = Updates.stock("warm-up", sample.sku(), sample.locationId(), decision.change(), sample.cause(), now,
                Updates.NOT_SUPERSEDED_BY_COUNT, 0);
        StockItem stock = Items.STOCK.mapToItem(update.key());
        stock.setItemType(ItemType.STOCK.name());
        stock.setSku(sample.sku());
        stock.setLocationId(sample.locationId());
        stock.setUpdatedAt(now.toString());
        StockLevel level = StreamImages.level(Items.STOCK.itemToMap(stock, true));
        return ledger.size() + update.updateExpression().length() + (level == null ? 0 : level.sku().length())
                + (StreamImages.typeOf(ledger) == null ? 0 : 1);
    }

    /** Builder: the client and table name are required. */
    public static final class Builder {
        private DynamoDbClient dynamo;
        private String tableName;
        private Clock clock = Clock.systemUTC();
        private TransientFailures transientFailures = TransientFailures.DEFAULT;
        private Consumer<List<ConsumedCapacity>> capacityListener;
        private Duration indexCatchUp = Duration.ofSeconds(2);
        private java.util.concurrent.Executor shardReads;

        private Builder() {
        }

        /**
         * Where {@link #dueHolds} reads the first page of the active-holds index's other shards, all at
         * once, after the first shard's on the calling thread (default: none, one shard after another).
         * The sweeper's container gives it a few threads: a run's eight queries then take about two
         * round trips instead of eight.
         */
        public Builder shardReads(java.util.concurrent.Executor executor) {
            this.shardReads = executor;
            return this;
        }

        /**
         * How long a count waits for the ledger index to show every entry since the record's latest
         * count before it fails retryably (default 2 s; the index usually lags by well under a second).
         * Also how long after its receipt a sale naming a hold the index does not show yet asks again
         * before it applies alone.
         */
        public Builder indexCatchUp(Duration wait) {
            this.indexCatchUp = Objects.requireNonNull(wait, "indexCatchUp");
            return this;
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
