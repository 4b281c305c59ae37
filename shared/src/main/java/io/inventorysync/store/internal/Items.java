package io.inventorysync.store.internal;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.MovementRules;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.HoldRef;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.StockChange;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.OutboxEvent;
import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.ItemType;
import io.inventorysync.store.LedgerEntry;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keys of the single table and the mapping between stored items and domain records. */
public final class Items {
    /** Built once per container, declared attribute by attribute ({@link ItemSchemas}): no reflection. */
    public static final TableSchema<StockItem> STOCK = ItemSchemas.STOCK;
    public static final TableSchema<LedgerItem> LEDGER = ItemSchemas.LEDGER;
    public static final TableSchema<HoldItem> HOLD = ItemSchemas.HOLD;
    public static final TableSchema<ReceiptItem> RECEIPT = ItemSchemas.RECEIPT;
    public static final TableSchema<SourceItem> SOURCE = ItemSchemas.SOURCE;

    /** Sort key of an event's receipt; its ledger entries sort under {@link #LINE_PREFIX}. */
    public static final String RECEIPT_SORT_KEY = "RECEIPT";
    public static final String SOURCE_SORT_KEY = "SOURCE";
    /** A receipt's attribute: why the ingest relay can never send its event (a stable code), and when it was recorded. */
    public static final String RELAY_REFUSAL = InventoryTable.RELAY_REFUSAL;
    public static final String RELAY_REFUSED_AT = InventoryTable.RELAY_REFUSED_AT;
    public static final String RELAY_REFUSED_LINES = InventoryTable.RELAY_REFUSED_LINES;
    public static final String LINE_PREFIX = "LINE#";
    /** Sort keys of a SKU's partition: its levels under {@code LOC#}, its channels' numbers under {@code CHAN#}. */
    public static final String LOCATION_PREFIX = "LOC#";
    public static final String CHANNEL_PREFIX = "CHAN#";

    /** How long a finished hold stays readable before TTL may delete it. */
    static final Duration FINISHED_HOLD_RETENTION = Duration.ofDays(30);

    private Items() {
    }

    public static Map<String, AttributeValue> stockKey(String sku, String locationId) {
        return Map.of(InventoryTable.PK, s("STOCK#" + sku), InventoryTable.SK, s("LOC#" + locationId));
    }

    public static String stockPartition(String sku) {
        return "STOCK#" + sku;
    }

    /** The key of an event's receipt ({@code MOVE#{sourceId}#{eventId}}, {@code RECEIPT}). */
    public static Map<String, AttributeValue> receiptKey(String sourceId, String eventId) {
        return Map.of(InventoryTable.PK, s(eventPartition(sourceId, eventId)), InventoryTable.SK, s(RECEIPT_SORT_KEY));
    }

    /** A hold under the storefront that placed it: {@code RES#{sourceId}#{reservationId}} (ids never contain {@code #}). */
    public static Map<String, AttributeValue> holdKey(HoldRef ref) {
        return Map.of(InventoryTable.PK, s("RES#" + ref.sourceId() + "#" + ref.reservationId()), InventoryTable.SK, s("RES"));
    }

    /** The index partition ({@code LedgerByRecord}) of every storefront's hold with the id a sale names. */
    public static String holdsNamed(String reservationId) {
        return "HOLDID#" + reservationId;
    }

    public static String eventPartition(String sourceId, String eventId) {
        return "MOVE#" + sourceId + "#" + eventId;
    }

    public static String recordPartition(String sku, String locationId) {
        return "STOCK#" + sku + "#" + locationId;
    }

    /** Zero-padded so that the lines of an event sort in line order. */
    static String lineSortKey(String lineKey) {
        int dash = lineKey.indexOf('-');
        String number = dash < 0 ? lineKey : lineKey.substring(0, dash);
        String rest = dash < 0 ? "" : lineKey.substring(dash);
        return LINE_PREFIX + "0".repeat(Math.max(0, 3 - number.length())) + number + rest;
    }

    public static String timeOrder(Instant instant) {
        return String.format("%013d", instant.toEpochMilli());
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The ledger entry of a movement. */
    public static LedgerItem ledgerOf(Movement m, MovementRules.Decision decision, String attemptId, Instant now) {
        LedgerItem item = new LedgerItem();
        item.setPk(eventPartition(m.key().sourceId(), m.key().eventId()));
        item.setSk(lineSortKey(m.key().lineKey()));
        item.setSourceId(m.key().sourceId());
        item.setEventId(m.key().eventId());
        item.setLineKey(m.key().lineKey());
        item.setType(m.type().name());
        item.setSku(m.sku());
        item.setSourceSku(m.sourceSku());
        item.setLocationId(m.locationId());
        item.setQuantity(m.quantity());
        item.setCondition(m.condition() == null ? null : m.condition().name());
        item.setOccurredAt(m.occurredAt().toString());
        item.setReference(m.reference());
        item.setReservationId(m.reservationId());
        item.setCounterpartLocationId(m.counterpartLocationId());
        item.setReason(m.reason());
        item.setFromState(m.from() == null ? null : m.from().name());
        item.setToState(m.to() == null ? null : m.to().name());
        item.setReasonCode(m.reasonCode() == null ? null : m.reasonCode().name());
        item.setFingerprint(m.fingerprint());
        item.setAttemptId(attemptId);
        fill(item, m.sku(), m.locationId(), m.occurredAt(), decision.change(), decision.outcome(),
                decision.reason() == null ? null : decision.reason().name(), now);
        return item;
    }

    /** The ledger entry of a movement that can never be applied; {@code sku} and {@code locationId} may be null. */
    public static LedgerItem rejectedLedgerOf(MovementKey key, String sku, String locationId,
                                              String reason, Instant now) {
        LedgerItem item = new LedgerItem();
        item.setPk(eventPartition(key.sourceId(), key.eventId()));
        item.setSk(lineSortKey(key.lineKey()));
        item.setItemType(ItemType.LEDGER.name());
        item.setSourceId(key.sourceId());
        item.setEventId(key.eventId());
        item.setLineKey(key.lineKey());
        item.setSku(sku);
        item.setSourceSku(sku);
        item.setLocationId(locationId);
        item.setQuantity(0L);
        item.setOccurredAt(now.toString());
        if (sku != null && locationId != null) {
            item.setGsi1pk(recordPartition(sku, locationId));
            item.setGsi1sk(timeOrder(now) + "#" + item.getPk() + "#" + item.getSk());
        }
        item.setOnHandDelta(0L);
        item.setReservedDelta(0L);
        item.setDamagedDelta(0L);
        item.setInTransitDelta(0L);
        item.setOutcome(Outcome.REJECTED.name());
        item.setOutcomeReason(reason);
        item.setRecordedAt(now.toString());
        return item;
    }

    public static ReceiptItem receiptOf(EventReceipt r) {
        ReceiptItem item = new ReceiptItem();
        item.setPk(eventPartition(r.sourceId(), r.eventId()));
        item.setSk(RECEIPT_SORT_KEY);
        item.setItemType(ItemType.RECEIPT.name());
        item.setSourceId(r.sourceId());
        item.setEventId(r.eventId());
        item.setFingerprint(r.fingerprint());
        item.setMovementCount(r.movementCount());
        item.setReceivedAt(r.receivedAt().toString());
        // No TTL: a receipt lives as long as the ledger entries it explains. Were it deleted, an
        // event id reused later would be accepted (202) and its movements refused as key reuse,
        // a silent loss.
        return item;
    }

    /**
     * The receipt of {@code e} holding the event (SKUs mapped) under {@code token}, the request that
     * wrote it: the table's stream hands it to the ingest relay, which sends its movements.
     */
    public static ReceiptItem heldReceiptOf(OutboxEvent e, String token) {
        ReceiptItem item = receiptOf(e.receipt());
        item.setQueuedEvent(QueuedEventCodec.encode(e.event()));
        item.setOutboxToken(token);
        return item;
    }

    /** The held event of a receipt, or null when it holds none: {@link StreamItems#toHeldEvent}. */
    public static HeldEvent toHeldEvent(ReceiptItem i) {
        return StreamItems.toHeldEvent(i);
    }

    public static EventReceipt toReceipt(ReceiptItem i) {
        return StreamItems.toReceipt(i);
    }

    public static SourceItem sourceOf(Source s) {
        SourceItem item = new SourceItem();
        item.setPk("SOURCE#" + s.sourceId());
        item.setSk(SOURCE_SORT_KEY);
        item.setItemType(ItemType.SOURCE.name());
        item.setSourceId(s.sourceId());
        item.setSecretRef(s.secretRef());
        item.setSkuAliases(s.skuAliases());
        item.setUnknownSkus(s.unknownSkus().name());
        item.setLocations(s.locations());
        item.setEventTypes(s.eventTypes().stream().sorted().map(Enum::name).toList());
        item.setCanReserve(s.canReserve());
        item.setDriftThreshold(s.driftThreshold());
        if (s.canReserve()) {
            item.setGsi1pk(STOREFRONTS);
            item.setGsi1sk(s.sourceId());
        }
        item.setVendor(s.vendor() == null ? null : VendorConfigJson.write(s.vendor()));
        return item;
    }

    /** The index partition listing the sources that may reserve. */
    public static final String STOREFRONTS = "STOREFRONTS";

    /** A source item written before v1.1 has no scope members: it keeps v1's meaning (everything, no holds). */
    public static Source toSource(SourceItem i) {
        return new Source(i.getSourceId(), i.getSecretRef(),
                i.getSkuAliases() == null ? Map.of() : i.getSkuAliases(),
                Source.UnknownSkuPolicy.valueOf(i.getUnknownSkus()),
                i.getLocations() == null ? Source.ALL_LOCATIONS : i.getLocations(),
                i.getEventTypes() == null ? Source.ALL_EVENT_TYPES
                        : i.getEventTypes().stream().map(io.inventorysync.domain.ChangeType::valueOf)
                        .collect(java.util.stream.Collectors.toSet()),
                Boolean.TRUE.equals(i.getCanReserve()),
                i.getDriftThreshold() == null ? Source.DEFAULT_DRIFT_THRESHOLD : i.getDriftThreshold(),
                i.getVendor() == null ? null : VendorConfigJson.read(i.getVendor()));
    }

    public static String sourcePartition(String sourceId) {
        return "SOURCE#" + sourceId;
    }

    /** The key of a source's configuration item ({@code SOURCE#{sourceId}}, {@code SOURCE}). */
    public static Map<String, AttributeValue> sourceKey(String sourceId) {
        return Map.of(InventoryTable.PK, s(sourcePartition(sourceId)), InventoryTable.SK, s(SOURCE_SORT_KEY));
    }

    /** The ledger entry of one line of a step of a hold's life. */
    public static LedgerItem ledgerOf(HoldRules.Transition step, HoldRules.LineChange change, Instant now) {
        return ledgerOf(step, change, now, now);
    }

    /**
     * As above, the step's effect stamped {@code occurredAt} (see
     * {@link io.inventorysync.domain.MovementRules#stepTime}), applied {@code now}.
     */
    public static LedgerItem ledgerOf(HoldRules.Transition step, HoldRules.LineChange change, Instant occurredAt,
                                      Instant now) {
        Reservation hold = step.hold();
        ReservationLine line = change.line();
        String lineKey = step.lineKey(change);
        LedgerItem item = new LedgerItem();
        // The hold's creation time keeps a reused id (after TTL deleted the old hold) from colliding.
        item.setPk("HOLDLOG#" + hold.sourceId() + "#" + hold.reservationId() + "#" + hold.createdAt().toEpochMilli());
        item.setSk(lineKey);
        item.setSourceId(hold.sourceId());
        item.setEventId(hold.reservationId());
        item.setLineKey(lineKey);
        item.setType(step.type().name());
        item.setSku(line.sku());
        item.setSourceSku(line.sku());
        item.setLocationId(hold.locationId());
        item.setQuantity(change.units());
        item.setOccurredAt(occurredAt.toString());
        item.setReservationId(hold.reservationId());
        fill(item, line.sku(), hold.locationId(), occurredAt, change.change(), Outcome.APPLIED, null, now);
        return item;
    }

    private static void fill(LedgerItem item, String sku, String locationId, Instant occurredAt, StockChange change,
                             Outcome outcome, String outcomeReason, Instant now) {
        item.setItemType(ItemType.LEDGER.name());
        item.setGsi1pk(recordPartition(sku, locationId));
        item.setGsi1sk(timeOrder(occurredAt) + "#" + item.getPk() + "#" + item.getSk());
        item.setOnHandDelta(change.onHandDelta());
        item.setOnHandSet(change.onHandAbsolute());
        item.setReservedDelta(change.reservedDelta());
        item.setDamagedDelta(change.damagedDelta());
        item.setInTransitDelta(change.inTransitDelta());
        item.setCommittedDelta(change.committedDelta() == 0 ? null : change.committedDelta());
        item.setQuarantineDelta(change.quarantineDelta() == 0 ? null : change.quarantineDelta());
        item.setOutcome(outcome.name());
        item.setOutcomeReason(outcomeReason);
        item.setRecordedAt(now.toString());
    }

    public static LedgerEntry toEntry(LedgerItem i) {
        return new LedgerEntry(i.getSourceId(), i.getEventId(), i.getLineKey(),
                i.getType() == null ? null : ChangeType.valueOf(i.getType()),
                i.getSku(), i.getSourceSku(), i.getLocationId(), i.getQuantity(),
                i.getCondition() == null ? null : ItemCondition.valueOf(i.getCondition()),
                Instant.parse(i.getOccurredAt()), i.getReference(), i.getReservationId(),
                i.getCounterpartLocationId(), i.getReason(),
                new StockChange(i.getOnHandDelta(), i.getOnHandSet(), i.getReservedDelta(), i.getDamagedDelta(),
                        i.getInTransitDelta(), zero(i.getCommittedDelta()), zero(i.getQuarantineDelta())),
                Outcome.valueOf(i.getOutcome()), i.getOutcomeReason(), Instant.parse(i.getRecordedAt()));
    }

    /** One conversion: {@link StreamItems#toLevel} (which the stream readers use without the schemas). */
    public static StockLevel toLevel(StockItem i) {
        return StreamItems.toLevel(i);
    }

    public static HoldItem holdOf(Reservation r, String attemptId) {
        return holdOf(r, attemptId, 0, null);
    }

    /**
     * A hold as stored at {@code revision} (each write of a hold moves it by one, so a write can
     * require the hold to be as it was read). A hold in a final status gets its TTL.
     */
    public static HoldItem holdOf(Reservation r, String attemptId, long revision, Instant now) {
        HoldItem item = new HoldItem();
        Map<String, AttributeValue> key = holdKey(r.ref());
        item.setPk(key.get(InventoryTable.PK).s());
        item.setSk(key.get(InventoryTable.SK).s());
        item.setItemType(ItemType.HOLD.name());
        item.setReservationId(r.reservationId());
        item.setSourceId(r.sourceId());
        item.setLocationId(r.locationId());
        List<HoldLineItem> lines = new ArrayList<>(r.lines().size());
        for (ReservationLine l : r.lines()) {
            HoldLineItem line = new HoldLineItem();
            line.setSku(l.sku());
            line.setQuantity(l.quantity());
            line.setFulfilled(l.fulfilled() == 0 ? null : l.fulfilled());
            lines.add(line);
        }
        item.setLines(lines);
        item.setStatus(r.status().name());
        item.setCreatedAt(r.createdAt().toString());
        item.setExpiresAt(r.expiresAt().toEpochMilli());
        item.setFingerprint(r.fingerprint());
        item.setAttemptId(attemptId);
        item.setFinishedAt(r.finishedAt() == null ? null : r.finishedAt().toString());
        item.setFulfilment(r.fulfilment() == null ? null : r.fulfilment().name());
        item.setFulfilments(r.fulfilments().isEmpty() ? null : r.fulfilments());
        item.setRevision(revision);
        if (now != null && isFinal(r)) {
            item.setTtl(finishedHoldTtl(now));
        }
        item.setGsi1pk(holdsNamed(r.reservationId()));
        item.setGsi1sk(r.sourceId());
        if (r.status() == ReservationStatus.ACTIVE) {
            item.setGsi2pk(activeHoldShard(r.reservationId()));
            item.setGsi2sk(timeOrder(r.expiresAt()) + "#" + r.sourceId() + "#" + r.reservationId());
        }
        return item;
    }

    /** The index partition of an active hold; spreads checkouts over {@link InventoryTable#ACTIVE_HOLD_SHARDS}. */
    public static String activeHoldShard(String reservationId) {
        return activeHoldPartition(InventoryTable.activeHoldShardOf(reservationId));
    }

    public static String activeHoldPartition(int shard) {
        return "HOLDS#" + shard;
    }

    /** Sorts after every index entry that expires at or before {@code instant}. */
    public static String activeHoldsUpTo(Instant instant) {
        return timeOrder(instant) + "#\uffff";
    }

    /** The hold a key names, as the keys-only index returns it. */
    public static HoldRef holdOfKey(String pk) {
        String[] parts = pk.substring("RES#".length()).split("#", 2);
        return new HoldRef(parts[0], parts[1]);
    }

    public static Reservation toReservation(HoldItem i) {
        return new Reservation(i.getReservationId(), i.getSourceId(), i.getLocationId(),
                i.getLines().stream().map(l -> new ReservationLine(l.getSku(), l.getQuantity(), zero(l.getFulfilled())))
                        .toList(),
                ReservationStatus.valueOf(i.getStatus()), Instant.parse(i.getCreatedAt()),
                Instant.ofEpochMilli(i.getExpiresAt()),
                i.getFinishedAt() == null ? null : Instant.parse(i.getFinishedAt()), i.getFingerprint(),
                i.getFulfilment() == null ? null : Fulfilment.valueOf(i.getFulfilment()), i.getFulfilments());
    }

    /** True when nothing will happen to the hold any more: TTL may delete it in time. */
    public static boolean isFinal(Reservation r) {
        return r.status() != ReservationStatus.ACTIVE && !r.isOpenCommitment()
                && !(r.status() == ReservationStatus.COMMITTED && r.fulfilment() == Fulfilment.DEFERRED);
    }

    /** Epoch seconds at which a hold finished at {@code finishedAt} may be deleted by TTL. */
    static long finishedHoldTtl(Instant finishedAt) {
        return finishedAt.plus(FINISHED_HOLD_RETENTION).getEpochSecond();
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }
}
