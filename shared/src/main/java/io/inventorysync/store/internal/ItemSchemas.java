package io.inventorysync.store.internal;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

/**
 * The table schemas of the stored items, declared attribute by attribute (no bean introspection:
 * {@code TableSchema.fromBean} loaded {@code java.beans} and reflected over every class at the first
 * use, which a cold start paid). They map exactly what the bean annotations mapped before
 * ({@code ItemSchemasTest} compares every item type's attribute map with the frozen bean mapping):
 * the same attribute names, types, keys and index keys, the default converters, nulls as before.
 * A new attribute is one more line here and one more field and accessor pair in its item class.
 */
final class ItemSchemas {
    static final StaticTableSchema<StoredItem> STORED = StaticTableSchema.builder(StoredItem.class)
            .addAttribute(String.class, a -> a.name(InventoryTable.PK).getter(StoredItem::getPk).setter(StoredItem::setPk).addTag(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(InventoryTable.SK).getter(StoredItem::getSk).setter(StoredItem::setSk).addTag(primarySortKey()))
            .addAttribute(String.class, a -> a.name(InventoryTable.ITEM_TYPE).getter(StoredItem::getItemType).setter(StoredItem::setItemType))
            .build();

    static final StaticTableSchema<HoldLineItem> HOLD_LINE = StaticTableSchema.builder(HoldLineItem.class)
            .newItemSupplier(HoldLineItem::new)
            .addAttribute(String.class, a -> a.name("sku").getter(HoldLineItem::getSku).setter(HoldLineItem::setSku))
            .addAttribute(Long.class, a -> a.name("quantity").getter(HoldLineItem::getQuantity).setter(HoldLineItem::setQuantity))
            .addAttribute(Long.class, a -> a.name("fulfilled").getter(HoldLineItem::getFulfilled).setter(HoldLineItem::setFulfilled))
            .build();

    static final StaticTableSchema<StockItem> STOCK = StaticTableSchema.builder(StockItem.class)
            .newItemSupplier(StockItem::new)
            .extend(STORED)
            .addAttribute(String.class, a -> a.name("sku").getter(StockItem::getSku).setter(StockItem::setSku))
            .addAttribute(String.class, a -> a.name("locationId").getter(StockItem::getLocationId).setter(StockItem::setLocationId))
            .addAttribute(Long.class, a -> a.name("onHand").getter(StockItem::getOnHand).setter(StockItem::setOnHand))
            .addAttribute(Long.class, a -> a.name("reserved").getter(StockItem::getReserved).setter(StockItem::setReserved))
            .addAttribute(Long.class, a -> a.name("free").getter(StockItem::getFree).setter(StockItem::setFree))
            .addAttribute(Long.class, a -> a.name("damaged").getter(StockItem::getDamaged).setter(StockItem::setDamaged))
            .addAttribute(Long.class, a -> a.name("inTransit").getter(StockItem::getInTransit).setter(StockItem::setInTransit))
            .addAttribute(Long.class, a -> a.name("version").getter(StockItem::getVersion).setter(StockItem::setVersion))
            .addAttribute(Long.class, a -> a.name("lastCountAt").getter(StockItem::getLastCountAt).setter(StockItem::setLastCountAt))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(StockItem::getUpdatedAt).setter(StockItem::setUpdatedAt))
            .addAttribute(String.class, a -> a.name("causeType").getter(StockItem::getCauseType).setter(StockItem::setCauseType))
            .addAttribute(String.class, a -> a.name("causeSourceId").getter(StockItem::getCauseSourceId).setter(StockItem::setCauseSourceId))
            .addAttribute(String.class, a -> a.name("causeEventId").getter(StockItem::getCauseEventId).setter(StockItem::setCauseEventId))
            .addAttribute(String.class, a -> a.name("causeReference").getter(StockItem::getCauseReference).setter(StockItem::setCauseReference))
            .addAttribute(String.class, a -> a.name("causeOccurredAt").getter(StockItem::getCauseOccurredAt).setter(StockItem::setCauseOccurredAt))
            .addAttribute(Long.class, a -> a.name("committed").getter(StockItem::getCommitted).setter(StockItem::setCommitted))
            .addAttribute(Long.class, a -> a.name("quarantine").getter(StockItem::getQuarantine).setter(StockItem::setQuarantine))
            .addAttribute(Long.class, a -> a.name("held").getter(StockItem::getHeld).setter(StockItem::setHeld))
            .addAttribute(Long.class, a -> a.name(Updates.SINCE_COUNT).getter(StockItem::getSinceCount).setter(StockItem::setSinceCount))
            .build();

    static final StaticTableSchema<LedgerItem> LEDGER = StaticTableSchema.builder(LedgerItem.class)
            .newItemSupplier(LedgerItem::new)
            .extend(STORED)
            .addAttribute(String.class, a -> a.name(InventoryTable.LEDGER_BY_RECORD_PK).getter(LedgerItem::getGsi1pk).setter(LedgerItem::setGsi1pk).addTag(secondaryPartitionKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(String.class, a -> a.name(InventoryTable.LEDGER_BY_RECORD_SK).getter(LedgerItem::getGsi1sk).setter(LedgerItem::setGsi1sk).addTag(secondarySortKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(String.class, a -> a.name("sourceId").getter(LedgerItem::getSourceId).setter(LedgerItem::setSourceId))
            .addAttribute(String.class, a -> a.name("eventId").getter(LedgerItem::getEventId).setter(LedgerItem::setEventId))
            .addAttribute(String.class, a -> a.name("lineKey").getter(LedgerItem::getLineKey).setter(LedgerItem::setLineKey))
            .addAttribute(String.class, a -> a.name("type").getter(LedgerItem::getType).setter(LedgerItem::setType))
            .addAttribute(String.class, a -> a.name("sku").getter(LedgerItem::getSku).setter(LedgerItem::setSku))
            .addAttribute(String.class, a -> a.name("sourceSku").getter(LedgerItem::getSourceSku).setter(LedgerItem::setSourceSku))
            .addAttribute(String.class, a -> a.name("locationId").getter(LedgerItem::getLocationId).setter(LedgerItem::setLocationId))
            .addAttribute(Long.class, a -> a.name("quantity").getter(LedgerItem::getQuantity).setter(LedgerItem::setQuantity))
            .addAttribute(String.class, a -> a.name("condition").getter(LedgerItem::getCondition).setter(LedgerItem::setCondition))
            .addAttribute(String.class, a -> a.name("occurredAt").getter(LedgerItem::getOccurredAt).setter(LedgerItem::setOccurredAt))
            .addAttribute(String.class, a -> a.name("reference").getter(LedgerItem::getReference).setter(LedgerItem::setReference))
            .addAttribute(String.class, a -> a.name("reservationId").getter(LedgerItem::getReservationId).setter(LedgerItem::setReservationId))
            .addAttribute(String.class, a -> a.name("counterpartLocationId").getter(LedgerItem::getCounterpartLocationId).setter(LedgerItem::setCounterpartLocationId))
            .addAttribute(String.class, a -> a.name("reason").getter(LedgerItem::getReason).setter(LedgerItem::setReason))
            .addAttribute(Long.class, a -> a.name("onHandDelta").getter(LedgerItem::getOnHandDelta).setter(LedgerItem::setOnHandDelta))
            .addAttribute(Long.class, a -> a.name("onHandSet").getter(LedgerItem::getOnHandSet).setter(LedgerItem::setOnHandSet))
            .addAttribute(Long.class, a -> a.name("reservedDelta").getter(LedgerItem::getReservedDelta).setter(LedgerItem::setReservedDelta))
            .addAttribute(Long.class, a -> a.name("damagedDelta").getter(LedgerItem::getDamagedDelta).setter(LedgerItem::setDamagedDelta))
            .addAttribute(Long.class, a -> a.name("inTransitDelta").getter(LedgerItem::getInTransitDelta).setter(LedgerItem::setInTransitDelta))
            .addAttribute(String.class, a -> a.name("outcome").getter(LedgerItem::getOutcome).setter(LedgerItem::setOutcome))
            .addAttribute(String.class, a -> a.name("outcomeReason").getter(LedgerItem::getOutcomeReason).setter(LedgerItem::setOutcomeReason))
            .addAttribute(String.class, a -> a.name("recordedAt").getter(LedgerItem::getRecordedAt).setter(LedgerItem::setRecordedAt))
            .addAttribute(String.class, a -> a.name("fingerprint").getter(LedgerItem::getFingerprint).setter(LedgerItem::setFingerprint))
            .addAttribute(String.class, a -> a.name("attemptId").getter(LedgerItem::getAttemptId).setter(LedgerItem::setAttemptId))
            .addAttribute(Long.class, a -> a.name("committedDelta").getter(LedgerItem::getCommittedDelta).setter(LedgerItem::setCommittedDelta))
            .addAttribute(Long.class, a -> a.name("quarantineDelta").getter(LedgerItem::getQuarantineDelta).setter(LedgerItem::setQuarantineDelta))
            .addAttribute(String.class, a -> a.name("fromState").getter(LedgerItem::getFromState).setter(LedgerItem::setFromState))
            .addAttribute(String.class, a -> a.name("toState").getter(LedgerItem::getToState).setter(LedgerItem::setToState))
            .addAttribute(String.class, a -> a.name("reasonCode").getter(LedgerItem::getReasonCode).setter(LedgerItem::setReasonCode))
            .build();

    static final StaticTableSchema<HoldItem> HOLD = StaticTableSchema.builder(HoldItem.class)
            .newItemSupplier(HoldItem::new)
            .extend(STORED)
            .addAttribute(String.class, a -> a.name(InventoryTable.LEDGER_BY_RECORD_PK).getter(HoldItem::getGsi1pk).setter(HoldItem::setGsi1pk).addTag(secondaryPartitionKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(String.class, a -> a.name(InventoryTable.LEDGER_BY_RECORD_SK).getter(HoldItem::getGsi1sk).setter(HoldItem::setGsi1sk).addTag(secondarySortKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(String.class, a -> a.name(InventoryTable.ACTIVE_HOLDS_PK).getter(HoldItem::getGsi2pk).setter(HoldItem::setGsi2pk).addTag(secondaryPartitionKey(InventoryTable.ACTIVE_HOLDS_INDEX)))
            .addAttribute(String.class, a -> a.name(InventoryTable.ACTIVE_HOLDS_SK).getter(HoldItem::getGsi2sk).setter(HoldItem::setGsi2sk).addTag(secondarySortKey(InventoryTable.ACTIVE_HOLDS_INDEX)))
            .addAttribute(String.class, a -> a.name("reservationId").getter(HoldItem::getReservationId).setter(HoldItem::setReservationId))
            .addAttribute(String.class, a -> a.name("sourceId").getter(HoldItem::getSourceId).setter(HoldItem::setSourceId))
            .addAttribute(String.class, a -> a.name("locationId").getter(HoldItem::getLocationId).setter(HoldItem::setLocationId))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(HoldLineItem.class, HOLD_LINE)), a -> a.name("lines").getter(HoldItem::getLines).setter(HoldItem::setLines))
            .addAttribute(String.class, a -> a.name("status").getter(HoldItem::getStatus).setter(HoldItem::setStatus))
            .addAttribute(String.class, a -> a.name("createdAt").getter(HoldItem::getCreatedAt).setter(HoldItem::setCreatedAt))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(HoldItem::getExpiresAt).setter(HoldItem::setExpiresAt))
            .addAttribute(String.class, a -> a.name("finishedAt").getter(HoldItem::getFinishedAt).setter(HoldItem::setFinishedAt))
            .addAttribute(String.class, a -> a.name("fingerprint").getter(HoldItem::getFingerprint).setter(HoldItem::setFingerprint))
            .addAttribute(Long.class, a -> a.name(InventoryTable.TTL_ATTRIBUTE).getter(HoldItem::getTtl).setter(HoldItem::setTtl))
            .addAttribute(String.class, a -> a.name("attemptId").getter(HoldItem::getAttemptId).setter(HoldItem::setAttemptId))
            .addAttribute(String.class, a -> a.name("fulfilment").getter(HoldItem::getFulfilment).setter(HoldItem::setFulfilment))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("fulfilments").getter(HoldItem::getFulfilments).setter(HoldItem::setFulfilments))
            .addAttribute(Long.class, a -> a.name("revision").getter(HoldItem::getRevision).setter(HoldItem::setRevision))
            .build();

    static final StaticTableSchema<ReceiptItem> RECEIPT = StaticTableSchema.builder(ReceiptItem.class)
            .newItemSupplier(ReceiptItem::new)
            .extend(STORED)
            .addAttribute(String.class, a -> a.name("queuedEvent").getter(ReceiptItem::getQueuedEvent).setter(ReceiptItem::setQueuedEvent))
            .addAttribute(String.class, a -> a.name("outboxToken").getter(ReceiptItem::getOutboxToken).setter(ReceiptItem::setOutboxToken))
            .addAttribute(String.class, a -> a.name(InventoryTable.OUTBOX_PK).getter(ReceiptItem::getGsi3pk).setter(ReceiptItem::setGsi3pk).addTag(secondaryPartitionKey(InventoryTable.OUTBOX_INDEX)))
            .addAttribute(String.class, a -> a.name(InventoryTable.OUTBOX_SK).getter(ReceiptItem::getGsi3sk).setter(ReceiptItem::setGsi3sk).addTag(secondarySortKey(InventoryTable.OUTBOX_INDEX)))
            .addAttribute(String.class, a -> a.name("sourceId").getter(ReceiptItem::getSourceId).setter(ReceiptItem::setSourceId))
            .addAttribute(String.class, a -> a.name("eventId").getter(ReceiptItem::getEventId).setter(ReceiptItem::setEventId))
            .addAttribute(String.class, a -> a.name("fingerprint").getter(ReceiptItem::getFingerprint).setter(ReceiptItem::setFingerprint))
            .addAttribute(Integer.class, a -> a.name("movementCount").getter(ReceiptItem::getMovementCount).setter(ReceiptItem::setMovementCount))
            .addAttribute(String.class, a -> a.name("receivedAt").getter(ReceiptItem::getReceivedAt).setter(ReceiptItem::setReceivedAt))
            .addAttribute(Long.class, a -> a.name(InventoryTable.TTL_ATTRIBUTE).getter(ReceiptItem::getTtl).setter(ReceiptItem::setTtl))
            .build();

    static final StaticTableSchema<SourceItem> SOURCE = StaticTableSchema.builder(SourceItem.class)
            .newItemSupplier(SourceItem::new)
            .extend(STORED)
            .addAttribute(String.class, a -> a.name(InventoryTable.LEDGER_BY_RECORD_PK).getter(SourceItem::getGsi1pk).setter(SourceItem::setGsi1pk).addTag(secondaryPartitionKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(String.class, a -> a.name(InventoryTable.LEDGER_BY_RECORD_SK).getter(SourceItem::getGsi1sk).setter(SourceItem::setGsi1sk).addTag(secondarySortKey(InventoryTable.LEDGER_BY_RECORD_INDEX)))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("locations").getter(SourceItem::getLocations).setter(SourceItem::setLocations))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("eventTypes").getter(SourceItem::getEventTypes).setter(SourceItem::setEventTypes))
            .addAttribute(Boolean.class, a -> a.name("canReserve").getter(SourceItem::getCanReserve).setter(SourceItem::setCanReserve))
            .addAttribute(Long.class, a -> a.name("driftThreshold").getter(SourceItem::getDriftThreshold).setter(SourceItem::setDriftThreshold))
            .addAttribute(String.class, a -> a.name("sourceId").getter(SourceItem::getSourceId).setter(SourceItem::setSourceId))
            .addAttribute(String.class, a -> a.name("secretRef").getter(SourceItem::getSecretRef).setter(SourceItem::setSecretRef))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("skuAliases").getter(SourceItem::getSkuAliases).setter(SourceItem::setSkuAliases))
            .addAttribute(String.class, a -> a.name("unknownSkus").getter(SourceItem::getUnknownSkus).setter(SourceItem::setUnknownSkus))
            .addAttribute(String.class, a -> a.name("vendor").getter(SourceItem::getVendor).setter(SourceItem::setVendor))
            .build();


    private ItemSchemas() {
    }
}
