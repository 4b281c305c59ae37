package io.inventorysync.store.internal;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

/**
 * The table schemas of the stored items, declared attribute by attribute (no bean introspection:
 * {@code TableSchema.fromBean} loaded {@code java.beans} and reflected over every class at the first
 * use, which a cold start paid). They map exactly what the bean annotations mapped before
 * ({@code ItemSchemasTest} compares every item type's attribute map with the frozen bean mapping):
 * the same attribute names, types, keys and index keys, nulls as before, and the values the default
 * converters wrote, now written by {@link ItemConverters} through {@link ItemSchema} (the enhanced
 * client's {@code StaticTableSchema} builds its default converter provider, a converter for every
 * type the SDK knows, even for a schema that names a provider of its own).
 * A new attribute is one more line here, one more {@code case} in its item type's {@code read} and
 * {@code write} below (the same number: the attribute's position), and one more field and accessor
 * pair in its item class.
 *
 * <p>No lambdas and no method references: each one is a class the JVM spins up at a cold start
 * (two per attribute and the builder's consumer were 291 {@code ItemSchemas$$Lambda} classes). The
 * getters, setters and item suppliers are instead one small named class per item type, a
 * {@code switch} on the attribute's position.
 */
final class ItemSchemas {
    static final ItemSchema<StoredItem> STORED = ItemSchema.builder(StoredItem.class)
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.PK, new StoredFields<>(0), primaryPartitionKey()))
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.SK, new StoredFields<>(1), primarySortKey()))
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.ITEM_TYPE, new StoredFields<>(2)))
            .build();

    static final ItemSchema<HoldLineItem> HOLD_LINE = ItemSchema.builder(HoldLineItem.class)
            .newItemSupplier(new HoldLineFields<>(-1))
            .addAttribute(attribute(EnhancedType.of(String.class), "sku", new HoldLineFields<>(0)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "quantity", new HoldLineFields<>(1)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "fulfilled", new HoldLineFields<>(2)))
            .build();

    static final ItemSchema<StockItem> STOCK = ItemSchema.builder(StockItem.class)
            .newItemSupplier(new StockFields<>(-1))
            .extend(STORED)
            .addAttribute(attribute(EnhancedType.of(String.class), "sku", new StockFields<>(0)))
            .addAttribute(attribute(EnhancedType.of(String.class), "locationId", new StockFields<>(1)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "onHand", new StockFields<>(2)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "reserved", new StockFields<>(3)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "free", new StockFields<>(4)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "damaged", new StockFields<>(5)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "inTransit", new StockFields<>(6)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "version", new StockFields<>(7)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "lastCountAt", new StockFields<>(8)))
            .addAttribute(attribute(EnhancedType.of(String.class), "updatedAt", new StockFields<>(9)))
            .addAttribute(attribute(EnhancedType.of(String.class), "causeType", new StockFields<>(10)))
            .addAttribute(attribute(EnhancedType.of(String.class), "causeSourceId", new StockFields<>(11)))
            .addAttribute(attribute(EnhancedType.of(String.class), "causeEventId", new StockFields<>(12)))
            .addAttribute(attribute(EnhancedType.of(String.class), "causeReference", new StockFields<>(13)))
            .addAttribute(attribute(EnhancedType.of(String.class), "causeOccurredAt", new StockFields<>(14)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "committed", new StockFields<>(15)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "quarantine", new StockFields<>(16)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "held", new StockFields<>(17)))
            .addAttribute(attribute(EnhancedType.of(Long.class), Updates.SINCE_COUNT, new StockFields<>(18)))
            .build();

    static final ItemSchema<LedgerItem> LEDGER = ItemSchema.builder(LedgerItem.class)
            .newItemSupplier(new LedgerFields<>(-1))
            .extend(STORED)
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.LEDGER_BY_RECORD_PK, new LedgerFields<>(0), secondaryPartitionKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.LEDGER_BY_RECORD_SK, new LedgerFields<>(1), secondarySortKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(attribute(EnhancedType.of(String.class), "sourceId", new LedgerFields<>(2)))
            .addAttribute(attribute(EnhancedType.of(String.class), "eventId", new LedgerFields<>(3)))
            .addAttribute(attribute(EnhancedType.of(String.class), "lineKey", new LedgerFields<>(4)))
            .addAttribute(attribute(EnhancedType.of(String.class), "type", new LedgerFields<>(5)))
            .addAttribute(attribute(EnhancedType.of(String.class), "sku", new LedgerFields<>(6)))
            .addAttribute(attribute(EnhancedType.of(String.class), "sourceSku", new LedgerFields<>(7)))
            .addAttribute(attribute(EnhancedType.of(String.class), "locationId", new LedgerFields<>(8)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "quantity", new LedgerFields<>(9)))
            .addAttribute(attribute(EnhancedType.of(String.class), "condition", new LedgerFields<>(10)))
            .addAttribute(attribute(EnhancedType.of(String.class), "occurredAt", new LedgerFields<>(11)))
            .addAttribute(attribute(EnhancedType.of(String.class), "reference", new LedgerFields<>(12)))
            .addAttribute(attribute(EnhancedType.of(String.class), "reservationId", new LedgerFields<>(13)))
            .addAttribute(attribute(EnhancedType.of(String.class), "counterpartLocationId", new LedgerFields<>(14)))
            .addAttribute(attribute(EnhancedType.of(String.class), "reason", new LedgerFields<>(15)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "onHandDelta", new LedgerFields<>(16)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "onHandSet", new LedgerFields<>(17)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "reservedDelta", new LedgerFields<>(18)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "damagedDelta", new LedgerFields<>(19)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "inTransitDelta", new LedgerFields<>(20)))
            .addAttribute(attribute(EnhancedType.of(String.class), "outcome", new LedgerFields<>(21)))
            .addAttribute(attribute(EnhancedType.of(String.class), "outcomeReason", new LedgerFields<>(22)))
            .addAttribute(attribute(EnhancedType.of(String.class), "recordedAt", new LedgerFields<>(23)))
            .addAttribute(attribute(EnhancedType.of(String.class), "fingerprint", new LedgerFields<>(24)))
            .addAttribute(attribute(EnhancedType.of(String.class), "attemptId", new LedgerFields<>(25)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "committedDelta", new LedgerFields<>(26)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "quarantineDelta", new LedgerFields<>(27)))
            .addAttribute(attribute(EnhancedType.of(String.class), "fromState", new LedgerFields<>(28)))
            .addAttribute(attribute(EnhancedType.of(String.class), "toState", new LedgerFields<>(29)))
            .addAttribute(attribute(EnhancedType.of(String.class), "reasonCode", new LedgerFields<>(30)))
            .build();

    static final ItemSchema<HoldItem> HOLD = ItemSchema.builder(HoldItem.class)
            .newItemSupplier(new HoldFields<>(-1))
            .extend(STORED)
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.LEDGER_BY_RECORD_PK, new HoldFields<>(0), secondaryPartitionKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.LEDGER_BY_RECORD_SK, new HoldFields<>(1), secondarySortKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.ACTIVE_HOLDS_PK, new HoldFields<>(2), secondaryPartitionKey(InventoryTable.ACTIVE_HOLDS_INDEX)))
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.ACTIVE_HOLDS_SK, new HoldFields<>(3), secondarySortKey(InventoryTable.ACTIVE_HOLDS_INDEX)))
            .addAttribute(attribute(EnhancedType.of(String.class), "reservationId", new HoldFields<>(4)))
            .addAttribute(attribute(EnhancedType.of(String.class), "sourceId", new HoldFields<>(5)))
            .addAttribute(attribute(EnhancedType.of(String.class), "locationId", new HoldFields<>(6)))
            .addAttribute(attribute(EnhancedType.listOf(EnhancedType.documentOf(HoldLineItem.class, HOLD_LINE)), "lines", new HoldFields<>(7)))
            .addAttribute(attribute(EnhancedType.of(String.class), "status", new HoldFields<>(8)))
            .addAttribute(attribute(EnhancedType.of(String.class), "createdAt", new HoldFields<>(9)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "expiresAt", new HoldFields<>(10)))
            .addAttribute(attribute(EnhancedType.of(String.class), "finishedAt", new HoldFields<>(11)))
            .addAttribute(attribute(EnhancedType.of(String.class), "fingerprint", new HoldFields<>(12)))
            .addAttribute(attribute(EnhancedType.of(Long.class), InventoryTable.TTL_ATTRIBUTE, new HoldFields<>(13)))
            .addAttribute(attribute(EnhancedType.of(String.class), "attemptId", new HoldFields<>(14)))
            .addAttribute(attribute(EnhancedType.of(String.class), "fulfilment", new HoldFields<>(15)))
            .addAttribute(attribute(EnhancedType.mapOf(String.class, String.class), "fulfilments", new HoldFields<>(16)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "revision", new HoldFields<>(17)))
            .build();

    static final ItemSchema<ReceiptItem> RECEIPT = ItemSchema.builder(ReceiptItem.class)
            .newItemSupplier(new ReceiptFields<>(-1))
            .extend(STORED)
            .addAttribute(attribute(EnhancedType.of(String.class), "queuedEvent", new ReceiptFields<>(0)))
            .addAttribute(attribute(EnhancedType.of(String.class), "outboxToken", new ReceiptFields<>(1)))
            .addAttribute(attribute(EnhancedType.of(String.class), "sourceId", new ReceiptFields<>(4)))
            .addAttribute(attribute(EnhancedType.of(String.class), "eventId", new ReceiptFields<>(5)))
            .addAttribute(attribute(EnhancedType.of(String.class), "fingerprint", new ReceiptFields<>(6)))
            .addAttribute(attribute(EnhancedType.of(Integer.class), "movementCount", new ReceiptFields<>(7)))
            .addAttribute(attribute(EnhancedType.of(String.class), "receivedAt", new ReceiptFields<>(8)))
            .addAttribute(attribute(EnhancedType.of(Long.class), InventoryTable.TTL_ATTRIBUTE, new ReceiptFields<>(9)))
            .addAttribute(attribute(EnhancedType.of(String.class), Items.RELAY_REFUSAL, new ReceiptFields<>(10)))
            .addAttribute(attribute(EnhancedType.of(String.class), Items.RELAY_REFUSED_AT, new ReceiptFields<>(11)))
            .addAttribute(attribute(EnhancedType.of(String.class), Items.RELAY_REFUSED_LINES, new ReceiptFields<>(12)))
            .build();

    static final ItemSchema<SourceItem> SOURCE = ItemSchema.builder(SourceItem.class)
            .newItemSupplier(new SourceFields<>(-1))
            .extend(STORED)
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.LEDGER_BY_RECORD_PK, new SourceFields<>(0), secondaryPartitionKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(attribute(EnhancedType.of(String.class), InventoryTable.LEDGER_BY_RECORD_SK, new SourceFields<>(1), secondarySortKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(attribute(EnhancedType.listOf(String.class), "locations", new SourceFields<>(2)))
            .addAttribute(attribute(EnhancedType.listOf(String.class), "eventTypes", new SourceFields<>(3)))
            .addAttribute(attribute(EnhancedType.of(Boolean.class), "canReserve", new SourceFields<>(4)))
            .addAttribute(attribute(EnhancedType.of(Long.class), "driftThreshold", new SourceFields<>(5)))
            .addAttribute(attribute(EnhancedType.of(String.class), "sourceId", new SourceFields<>(6)))
            .addAttribute(attribute(EnhancedType.of(String.class), "secretRef", new SourceFields<>(7)))
            .addAttribute(attribute(EnhancedType.mapOf(String.class, String.class), "skuAliases", new SourceFields<>(8)))
            .addAttribute(attribute(EnhancedType.of(String.class), "unknownSkus", new SourceFields<>(9)))
            .addAttribute(attribute(EnhancedType.of(String.class), "vendor", new SourceFields<>(10)))
            .addAttribute(attribute(EnhancedType.of(String.class), SourceItem.CREATE_CLAIM, new SourceFields<>(11)))
            .build();

    /** The accessors of {@link StoredItem}'s attributes, by their position in {@link #STORED}. */
    private static final class StoredFields<R> extends Accessor<StoredItem, R> {
        StoredFields(int field) {
            super(field);
        }

        @Override
        public StoredItem get() {
            throw new UnsupportedOperationException("StoredItem is abstract");
        }

        @Override
        Object read(StoredItem item) {
            return switch (field) {
                case 0 -> item.getPk();
                case 1 -> item.getSk();
                case 2 -> item.getItemType();
                default -> throw new IllegalStateException("no attribute " + field);
            };
        }

        @Override
        void write(StoredItem item, Object value) {
            switch (field) {
                case 0 -> item.setPk(cast(value));
                case 1 -> item.setSk(cast(value));
                case 2 -> item.setItemType(cast(value));
                default -> throw new IllegalStateException("no attribute " + field);
            }
        }
    }

    /** The accessors of {@link HoldLineItem}'s attributes, by their position in {@link #HOLD_LINE}. */
    private static final class HoldLineFields<R> extends Accessor<HoldLineItem, R> {
        HoldLineFields(int field) {
            super(field);
        }

        @Override
        public HoldLineItem get() {
            return new HoldLineItem();
        }

        @Override
        Object read(HoldLineItem item) {
            return switch (field) {
                case 0 -> item.getSku();
                case 1 -> item.getQuantity();
                case 2 -> item.getFulfilled();
                default -> throw new IllegalStateException("no attribute " + field);
            };
        }

        @Override
        void write(HoldLineItem item, Object value) {
            switch (field) {
                case 0 -> item.setSku(cast(value));
                case 1 -> item.setQuantity(cast(value));
                case 2 -> item.setFulfilled(cast(value));
                default -> throw new IllegalStateException("no attribute " + field);
            }
        }
    }

    /** The accessors of {@link StockItem}'s attributes, by their position in {@link #STOCK}. */
    private static final class StockFields<R> extends Accessor<StockItem, R> {
        StockFields(int field) {
            super(field);
        }

        @Override
        public StockItem get() {
            return new StockItem();
        }

        @Override
        Object read(StockItem item) {
            return switch (field) {
                case 0 -> item.getSku();
                case 1 -> item.getLocationId();
                case 2 -> item.getOnHand();
                case 3 -> item.getReserved();
                case 4 -> item.getFree();
                case 5 -> item.getDamaged();
                case 6 -> item.getInTransit();
                case 7 -> item.getVersion();
                case 8 -> item.getLastCountAt();
                case 9 -> item.getUpdatedAt();
                case 10 -> item.getCauseType();
                case 11 -> item.getCauseSourceId();
                case 12 -> item.getCauseEventId();
                case 13 -> item.getCauseReference();
                case 14 -> item.getCauseOccurredAt();
                case 15 -> item.getCommitted();
                case 16 -> item.getQuarantine();
                case 17 -> item.getHeld();
                case 18 -> item.getSinceCount();
                default -> throw new IllegalStateException("no attribute " + field);
            };
        }

        @Override
        void write(StockItem item, Object value) {
            switch (field) {
                case 0 -> item.setSku(cast(value));
                case 1 -> item.setLocationId(cast(value));
                case 2 -> item.setOnHand(cast(value));
                case 3 -> item.setReserved(cast(value));
                case 4 -> item.setFree(cast(value));
                case 5 -> item.setDamaged(cast(value));
                case 6 -> item.setInTransit(cast(value));
                case 7 -> item.setVersion(cast(value));
                case 8 -> item.setLastCountAt(cast(value));
                case 9 -> item.setUpdatedAt(cast(value));
                case 10 -> item.setCauseType(cast(value));
                case 11 -> item.setCauseSourceId(cast(value));
                case 12 -> item.setCauseEventId(cast(value));
                case 13 -> item.setCauseReference(cast(value));
                case 14 -> item.setCauseOccurredAt(cast(value));
                case 15 -> item.setCommitted(cast(value));
                case 16 -> item.setQuarantine(cast(value));
                case 17 -> item.setHeld(cast(value));
                case 18 -> item.setSinceCount(cast(value));
                default -> throw new IllegalStateException("no attribute " + field);
            }
        }
    }

    /** The accessors of {@link LedgerItem}'s attributes, by their position in {@link #LEDGER}. */
    private static final class LedgerFields<R> extends Accessor<LedgerItem, R> {
        LedgerFields(int field) {
            super(field);
        }

        @Override
        public LedgerItem get() {
            return new LedgerItem();
        }

        @Override
        Object read(LedgerItem item) {
            return switch (field) {
                case 0 -> item.getGsi1pk();
                case 1 -> item.getGsi1sk();
                case 2 -> item.getSourceId();
                case 3 -> item.getEventId();
                case 4 -> item.getLineKey();
                case 5 -> item.getType();
                case 6 -> item.getSku();
                case 7 -> item.getSourceSku();
                case 8 -> item.getLocationId();
                case 9 -> item.getQuantity();
                case 10 -> item.getCondition();
                case 11 -> item.getOccurredAt();
                case 12 -> item.getReference();
                case 13 -> item.getReservationId();
                case 14 -> item.getCounterpartLocationId();
                case 15 -> item.getReason();
                case 16 -> item.getOnHandDelta();
                case 17 -> item.getOnHandSet();
                case 18 -> item.getReservedDelta();
                case 19 -> item.getDamagedDelta();
                case 20 -> item.getInTransitDelta();
                case 21 -> item.getOutcome();
                case 22 -> item.getOutcomeReason();
                case 23 -> item.getRecordedAt();
                case 24 -> item.getFingerprint();
                case 25 -> item.getAttemptId();
                case 26 -> item.getCommittedDelta();
                case 27 -> item.getQuarantineDelta();
                case 28 -> item.getFromState();
                case 29 -> item.getToState();
                case 30 -> item.getReasonCode();
                default -> throw new IllegalStateException("no attribute " + field);
            };
        }

        @Override
        void write(LedgerItem item, Object value) {
            switch (field) {
                case 0 -> item.setGsi1pk(cast(value));
                case 1 -> item.setGsi1sk(cast(value));
                case 2 -> item.setSourceId(cast(value));
                case 3 -> item.setEventId(cast(value));
                case 4 -> item.setLineKey(cast(value));
                case 5 -> item.setType(cast(value));
                case 6 -> item.setSku(cast(value));
                case 7 -> item.setSourceSku(cast(value));
                case 8 -> item.setLocationId(cast(value));
                case 9 -> item.setQuantity(cast(value));
                case 10 -> item.setCondition(cast(value));
                case 11 -> item.setOccurredAt(cast(value));
                case 12 -> item.setReference(cast(value));
                case 13 -> item.setReservationId(cast(value));
                case 14 -> item.setCounterpartLocationId(cast(value));
                case 15 -> item.setReason(cast(value));
                case 16 -> item.setOnHandDelta(cast(value));
                case 17 -> item.setOnHandSet(cast(value));
                case 18 -> item.setReservedDelta(cast(value));
                case 19 -> item.setDamagedDelta(cast(value));
                case 20 -> item.setInTransitDelta(cast(value));
                case 21 -> item.setOutcome(cast(value));
                case 22 -> item.setOutcomeReason(cast(value));
                case 23 -> item.setRecordedAt(cast(value));
                case 24 -> item.setFingerprint(cast(value));
                case 25 -> item.setAttemptId(cast(value));
                case 26 -> item.setCommittedDelta(cast(value));
                case 27 -> item.setQuarantineDelta(cast(value));
                case 28 -> item.setFromState(cast(value));
                case 29 -> item.setToState(cast(value));
                case 30 -> item.setReasonCode(cast(value));
                default -> throw new IllegalStateException("no attribute " + field);
            }
        }
    }

    /** The accessors of {@link HoldItem}'s attributes, by their position in {@link #HOLD}. */
    private static final class HoldFields<R> extends Accessor<HoldItem, R> {
        HoldFields(int field) {
            super(field);
        }

        @Override
        public HoldItem get() {
            return new HoldItem();
        }

        @Override
        Object read(HoldItem item) {
            return switch (field) {
                case 0 -> item.getGsi1pk();
                case 1 -> item.getGsi1sk();
                case 2 -> item.getGsi2pk();
                case 3 -> item.getGsi2sk();
                case 4 -> item.getReservationId();
                case 5 -> item.getSourceId();
                case 6 -> item.getLocationId();
                case 7 -> item.getLines();
                case 8 -> item.getStatus();
                case 9 -> item.getCreatedAt();
                case 10 -> item.getExpiresAt();
                case 11 -> item.getFinishedAt();
                case 12 -> item.getFingerprint();
                case 13 -> item.getTtl();
                case 14 -> item.getAttemptId();
                case 15 -> item.getFulfilment();
                case 16 -> item.getFulfilments();
                case 17 -> item.getRevision();
                default -> throw new IllegalStateException("no attribute " + field);
            };
        }

        @Override
        void write(HoldItem item, Object value) {
            switch (field) {
                case 0 -> item.setGsi1pk(cast(value));
                case 1 -> item.setGsi1sk(cast(value));
                case 2 -> item.setGsi2pk(cast(value));
                case 3 -> item.setGsi2sk(cast(value));
                case 4 -> item.setReservationId(cast(value));
                case 5 -> item.setSourceId(cast(value));
                case 6 -> item.setLocationId(cast(value));
                case 7 -> item.setLines(cast(value));
                case 8 -> item.setStatus(cast(value));
                case 9 -> item.setCreatedAt(cast(value));
                case 10 -> item.setExpiresAt(cast(value));
                case 11 -> item.setFinishedAt(cast(value));
                case 12 -> item.setFingerprint(cast(value));
                case 13 -> item.setTtl(cast(value));
                case 14 -> item.setAttemptId(cast(value));
                case 15 -> item.setFulfilment(cast(value));
                case 16 -> item.setFulfilments(cast(value));
                case 17 -> item.setRevision(cast(value));
                default -> throw new IllegalStateException("no attribute " + field);
            }
        }
    }

    /** The accessors of {@link ReceiptItem}'s attributes, by their position in {@link #RECEIPT}. */
    private static final class ReceiptFields<R> extends Accessor<ReceiptItem, R> {
        ReceiptFields(int field) {
            super(field);
        }

        @Override
        public ReceiptItem get() {
            return new ReceiptItem();
        }

        @Override
        Object read(ReceiptItem item) {
            return switch (field) {
                case 0 -> item.getQueuedEvent();
                case 1 -> item.getOutboxToken();
                case 4 -> item.getSourceId();
                case 5 -> item.getEventId();
                case 6 -> item.getFingerprint();
                case 7 -> item.getMovementCount();
                case 8 -> item.getReceivedAt();
                case 9 -> item.getTtl();
                case 10 -> item.getRelayRefusal();
                case 11 -> item.getRelayRefusedAt();
                case 12 -> item.getRelayRefusedLines();
                default -> throw new IllegalStateException("no attribute " + field);
            };
        }

        @Override
        void write(ReceiptItem item, Object value) {
            switch (field) {
                case 0 -> item.setQueuedEvent(cast(value));
                case 1 -> item.setOutboxToken(cast(value));
                case 4 -> item.setSourceId(cast(value));
                case 5 -> item.setEventId(cast(value));
                case 6 -> item.setFingerprint(cast(value));
                case 7 -> item.setMovementCount(cast(value));
                case 8 -> item.setReceivedAt(cast(value));
                case 9 -> item.setTtl(cast(value));
                case 10 -> item.setRelayRefusal(cast(value));
                case 11 -> item.setRelayRefusedAt(cast(value));
                case 12 -> item.setRelayRefusedLines(cast(value));
                default -> throw new IllegalStateException("no attribute " + field);
            }
        }
    }

    /** The accessors of {@link SourceItem}'s attributes, by their position in {@link #SOURCE}. */
    private static final class SourceFields<R> extends Accessor<SourceItem, R> {
        SourceFields(int field) {
            super(field);
        }

        @Override
        public SourceItem get() {
            return new SourceItem();
        }

        @Override
        Object read(SourceItem item) {
            return switch (field) {
                case 0 -> item.getGsi1pk();
                case 1 -> item.getGsi1sk();
                case 2 -> item.getLocations();
                case 3 -> item.getEventTypes();
                case 4 -> item.getCanReserve();
                case 5 -> item.getDriftThreshold();
                case 6 -> item.getSourceId();
                case 7 -> item.getSecretRef();
                case 8 -> item.getSkuAliases();
                case 9 -> item.getUnknownSkus();
                case 10 -> item.getVendor();
                case 11 -> item.getCreateClaim();
                default -> throw new IllegalStateException("no attribute " + field);
            };
        }

        @Override
        void write(SourceItem item, Object value) {
            switch (field) {
                case 0 -> item.setGsi1pk(cast(value));
                case 1 -> item.setGsi1sk(cast(value));
                case 2 -> item.setLocations(cast(value));
                case 3 -> item.setEventTypes(cast(value));
                case 4 -> item.setCanReserve(cast(value));
                case 5 -> item.setDriftThreshold(cast(value));
                case 6 -> item.setSourceId(cast(value));
                case 7 -> item.setSecretRef(cast(value));
                case 8 -> item.setSkuAliases(cast(value));
                case 9 -> item.setUnknownSkus(cast(value));
                case 10 -> item.setVendor(cast(value));
                case 11 -> item.setCreateClaim(cast(value));
                default -> throw new IllegalStateException("no attribute " + field);
            }
        }
    }

    private static <T, R> ItemSchema.Attribute<T> attribute(EnhancedType<R> type, String name, Accessor<T, R> accessor,
                                                           StaticAttributeTag... tags) {
        return ItemSchema.attribute(name, type, accessor, accessor, tags);
    }

    /** The setter's argument as the type the setter takes (the schema gives each attribute its own type). */
    @SuppressWarnings("unchecked")
    private static <X> X cast(Object value) {
        return (X) value;
    }

    /**
     * Getter, setter and item supplier of one attribute of one item type, in one object: the
     * subclass per item type maps the attribute's position to its accessor.
     */
    private abstract static class Accessor<T, R> implements Function<T, R>, BiConsumer<T, R>, Supplier<T> {
        final int field;

        Accessor(int field) {
            this.field = field;
        }

        abstract Object read(T item);

        abstract void write(T item, Object value);

        @Override
        @SuppressWarnings("unchecked")
        public final R apply(T item) {
            return (R) read(item);
        }

        @Override
        public final void accept(T item, R value) {
            write(item, value);
        }
    }

    private ItemSchemas() {
    }
}
