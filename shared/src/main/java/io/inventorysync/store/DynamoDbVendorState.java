package io.inventorysync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor adapters' state as items of the inventory table:
 * {@code SOURCE#{sourceId}} / {@code VORDER#{orderId}} (an order's hold, beside the source's configuration),
 * {@code VENDORPULL} / {@code SOURCE#{sourceId}} (pull positions, one partition so the schedule lists them
 * with one query), {@code PUSHED#{channel}#{sku}} / {@code PUSHED} and {@code SHOPLEVEL#{shop}#{item}#{location}} /
 * {@code PUSHED} (the last push, by channel and by shop), {@code VDRIFT#{driftId}} / {@code DRIFT} (an
 * observed drift, written once: item type {@code DRIFT}, so the outbox publishes its insertion as
 * {@code DriftDetected}).
 */
public final class DynamoDbVendorState implements OrderHolds, PullPositions, PushedQuantities, ObservedDrifts {
    private static final String PK = InventoryTable.PK;
    private static final String SK = InventoryTable.SK;
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final TransientFailures transientFailures = TransientFailures.DEFAULT;

    public DynamoDbVendorState(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public void linkOrder(String sourceId, String orderId, String reservationId) {
        Map<String, AttributeValue> item = key("SOURCE#" + sourceId, "VORDER#" + orderId);
        item.put(InventoryTable.ITEM_TYPE, s(ItemType.VENDOR_ORDER.name()));
        item.put("reservationId", s(reservationId));
        transientFailures.call("link a vendor order", () -> dynamo.putItem(r -> r.tableName(tableName).item(item)));
    }

    @Override
    public Optional<String> holdOfOrder(String sourceId, String orderId) {
        return get("SOURCE#" + sourceId, "VORDER#" + orderId).map(i -> i.get("reservationId").s());
    }

    @Override
    public Optional<PullPosition> pullPosition(String sourceId) {
        return get("VENDORPULL", "SOURCE#" + sourceId).map(i -> new PullPosition(Instant.parse(i.get("since").s()),
                i.containsKey("cursor") ? i.get("cursor").s() : null, Instant.parse(i.get("highWater").s())));
    }

    @Override
    public void savePullPosition(String sourceId, PullPosition position) {
        Map<String, AttributeValue> item = key("VENDORPULL", "SOURCE#" + sourceId);
        item.put(InventoryTable.ITEM_TYPE, s(ItemType.PULL_POSITION.name()));
        item.put("sourceId", s(sourceId));
        item.put("since", s(position.since().toString()));
        item.put("highWater", s(position.highWater().toString()));
        if (position.cursor() != null) {
            item.put("cursor", s(position.cursor()));
        }
        transientFailures.call("save a pull position", () -> dynamo.putItem(r -> r.tableName(tableName).item(item)));
    }

    @Override
    public List<String> pulledSources() {
        return transientFailures.call("list pulled sources", () -> dynamo.queryPaginator(r -> r.tableName(tableName)
                        .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                        .expressionAttributeValues(Map.of(":pk", s("VENDORPULL"))).consistentRead(true))
                .items().stream().map(i -> i.get("sourceId").s()).toList());
    }

    @Override
    public Optional<Pushed> lastPushed(String channel, String sku) {
        return get("PUSHED#" + channel + "#" + sku, "PUSHED").map(DynamoDbVendorState::pushed);
    }

    @Override
    public Optional<Pushed> lastPushedTo(String shopDomain, String inventoryItemId, String shopLocationId) {
        return get("SHOPLEVEL#" + shopDomain + "#" + inventoryItemId + "#" + shopLocationId, "PUSHED")
                .map(DynamoDbVendorState::pushed);
    }

    /** Both items in one transaction (2 items: fits by construction), each only if its version is not newer. */
    @Override
    public void recordPushed(Pushed p) {
        TransactWriteItem byChannel = pushedItem(p, "PUSHED#" + p.channel() + "#" + p.sku());
        TransactWriteItem byShop = pushedItem(p, "SHOPLEVEL#" + p.shopDomain() + "#" + p.inventoryItemId() + "#"
                + p.shopLocationId());
        try {
            transientFailures.call("record a push", () -> dynamo.transactWriteItems(r -> r.transactItems(byChannel, byShop)));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().noneMatch(reason -> "ConditionalCheckFailed".equals(reason.code()))) {
                throw e;
            }
            // A newer version was recorded first: versions only rise, so this push is already superseded.
        }
    }

    private TransactWriteItem pushedItem(Pushed p, String pk) {
        Map<String, AttributeValue> item = key(pk, "PUSHED");
        item.put(InventoryTable.ITEM_TYPE, s(ItemType.PUSHED.name()));
        item.put("channel", s(p.channel()));
        item.put("sku", s(p.sku()));
        item.put("quantity", n(p.quantity()));
        item.put("version", n(p.version()));
        item.put("shopDomain", s(p.shopDomain()));
        item.put("inventoryItemId", s(p.inventoryItemId()));
        item.put("shopLocationId", s(p.shopLocationId()));
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(#pk) OR #v <= :v")
                .expressionAttributeNames(Map.of("#pk", PK, "#v", "version"))
                .expressionAttributeValues(Map.of(":v", n(p.version()))).build()).build();
    }

    @Override
    public boolean recordObservedDrift(String driftId, String detail) {
        Map<String, AttributeValue> item = key("VDRIFT#" + driftId, "DRIFT");
        item.put(InventoryTable.ITEM_TYPE, s(ItemType.DRIFT.name()));
        item.put("driftId", s(driftId));
        item.put("detail", s(detail));
        try {
            transientFailures.call("record an observed drift", () -> dynamo.putItem(r -> r.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))));
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    private static Pushed pushed(Map<String, AttributeValue> i) {
        return new Pushed(i.get("channel").s(), i.get("sku").s(), Long.parseLong(i.get("quantity").n()),
                Long.parseLong(i.get("version").n()), i.get("shopDomain").s(), i.get("inventoryItemId").s(),
                i.get("shopLocationId").s());
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = transientFailures.call("read vendor state", () -> dynamo.getItem(r -> r
                .tableName(tableName).key(key(pk, sk)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, s(pk));
        key.put(SK, s(sk));
        return key;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
