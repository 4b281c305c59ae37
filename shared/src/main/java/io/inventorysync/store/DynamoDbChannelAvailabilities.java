package io.inventorysync.store;

import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.internal.Items;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * {@link ChannelAvailabilities} on the single table: item {@code STOCK#{sku}} / {@code CHAN#{channel}},
 * {@code itemType CHANNEL}. A write is one {@code PutItem} conditioned on the revision read, so
 * of two computations that read the same state only one stores; the stream of these items is
 * what the outbox turns into {@code ChannelAvailabilityChanged}.
 */
public final class DynamoDbChannelAvailabilities implements ChannelAvailabilities {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final TransientFailures transientFailures;
    private final BiConsumer<String, ConsumedCapacity> capacityListener;

    /**
     * @param capacityListener receives the operation ({@code GetItem}, {@code Query}, {@code PutItem},
     *                         {@code Scan}) and the capacity of every successful call (then asked for
     *                         with {@code ReturnConsumedCapacity=TOTAL}), or {@code null}
     */
    public DynamoDbChannelAvailabilities(DynamoDbClient dynamo, String tableName, TransientFailures transientFailures,
                                         BiConsumer<String, ConsumedCapacity> capacityListener) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.transientFailures = Objects.requireNonNull(transientFailures, "transientFailures");
        this.capacityListener = capacityListener;
    }

    public DynamoDbChannelAvailabilities(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, TransientFailures.DEFAULT, null);
    }

    @Override
    public ChannelAvailability channelAvailability(String channel, String sku) {
        var response = transientFailures.call("read channel availability", () -> dynamo.getItem(r -> r
                .tableName(tableName).key(key(channel, sku)).consistentRead(true).returnConsumedCapacity(capacity())));
        report("GetItem", response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty()
                ? toAvailability(response.item())
                : ChannelAvailability.none(channel, sku);
    }

    @Override
    public SkuPartition read(String sku, boolean consistent) {
        List<StockLevel> levels = new ArrayList<>();
        Map<String, Stored> channels = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = transientFailures.call("read SKU partition", () -> dynamo.query(r -> r
                    .tableName(tableName)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", InventoryTable.PK))
                    .expressionAttributeValues(Map.of(":pk", Items.s(Items.stockPartition(sku))))
                    .consistentRead(consistent)
                    .exclusiveStartKey(from)
                    .returnConsumedCapacity(capacity())));
            report("Query", page.consumedCapacity());
            for (Map<String, AttributeValue> item : page.items()) {
                ItemType type = StreamImages.typeOf(item);
                if (type == ItemType.STOCK) {
                    levels.add(StreamImages.level(item));
                } else if (type == ItemType.CHANNEL) {
                    Stored stored = stored(item);
                    channels.put(stored.value().channel(), stored);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new SkuPartition(sku, levels, channels);
    }

    @Override
    public boolean replace(Stored stored, ChannelAvailability next) {
        long revision = stored == null ? 1 : stored.revision() + 1;
        Map<String, AttributeValue> item = item(next, revision);
        // A failed condition is an answer (someone stored first), not a failure to retry.
        PutItemResponse response = transientFailures.call("store channel availability", () -> {
            try {
                return dynamo.putItem(r -> {
                    r.tableName(tableName).item(item).returnConsumedCapacity(capacity());
                    if (stored == null) {
                        r.conditionExpression("attribute_not_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", InventoryTable.PK));
                    } else {
                        r.conditionExpression("#revision = :revision")
                                .expressionAttributeNames(Map.of("#revision", "revision"))
                                .expressionAttributeValues(Map.of(":revision", Items.n(stored.revision())));
                    }
                });
            } catch (ConditionalCheckFailedException e) {
                return null;
            }
        });
        if (response == null) {
            return false;
        }
        report("PutItem", response.consumedCapacity());
        return true;
    }

    @Override
    public SkuPage skus(String cursor, int pageSize) {
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of(InventoryTable.PK, Items.s(cursor.substring(0, cursor.indexOf('\n'))),
                        InventoryTable.SK, Items.s(cursor.substring(cursor.indexOf('\n') + 1)));
        var page = transientFailures.call("walk stock levels", () -> dynamo.scan(r -> r
                .tableName(tableName)
                .filterExpression("#type = :stock")
                .projectionExpression("sku")
                .expressionAttributeNames(Map.of("#type", InventoryTable.ITEM_TYPE))
                .expressionAttributeValues(Map.of(":stock", Items.s(ItemType.STOCK.name())))
                .exclusiveStartKey(start)
                .limit(pageSize)
                .returnConsumedCapacity(capacity())));
        report("Scan", page.consumedCapacity());
        // A SKU's levels are one item collection, read in a row: duplicates are neighbours.
        List<String> skus = page.items().stream().map(i -> i.get("sku").s()).distinct().toList();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        String next = last == null || last.isEmpty() ? null
                : last.get(InventoryTable.PK).s() + "\n" + last.get(InventoryTable.SK).s();
        return new SkuPage(skus, next);
    }

    @Override
    public RecomputeProgress progress(String runId) {
        var item = transientFailures.call("read recompute progress", () -> dynamo.getItem(r -> r
                .tableName(tableName).key(progressKey(runId)).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        return new RecomputeProgress(item.containsKey("cursor") ? item.get("cursor").s() : null,
                item.get("done").bool(), Long.parseLong(item.get("skus").n()), Long.parseLong(item.get("writes").n()),
                item.get("updatedAt").s());
    }

    @Override
    public void saveProgress(String runId, RecomputeProgress progress) {
        Map<String, AttributeValue> item = new HashMap<>(progressKey(runId));
        if (progress.cursor() != null) {
            item.put("cursor", Items.s(progress.cursor()));
        }
        item.put("done", AttributeValue.fromBool(progress.done()));
        item.put("skus", Items.n(progress.skus()));
        item.put("writes", Items.n(progress.writes()));
        item.put("updatedAt", Items.s(progress.updatedAt()));
        transientFailures.call("store recompute progress", () -> dynamo.putItem(r -> r.tableName(tableName).item(item)));
    }

    /** Not a published kind: no {@code itemType}, so the stream filter drops its writes. */
    private static Map<String, AttributeValue> progressKey(String runId) {
        return Map.of(InventoryTable.PK, Items.s("RECOMPUTE#" + runId), InventoryTable.SK, Items.s("RECOMPUTE"));
    }

    private ReturnConsumedCapacity capacity() {
        return capacityListener == null ? ReturnConsumedCapacity.NONE : ReturnConsumedCapacity.TOTAL;
    }

    private void report(String operation, ConsumedCapacity consumed) {
        if (capacityListener != null && consumed != null) {
            capacityListener.accept(operation, consumed);
        }
    }

    private static Map<String, AttributeValue> key(String channel, String sku) {
        return Map.of(InventoryTable.PK, Items.s(Items.stockPartition(sku)),
                InventoryTable.SK, Items.s(Items.CHANNEL_PREFIX + channel));
    }

    static Map<String, AttributeValue> item(ChannelAvailability a, long revision) {
        Map<String, AttributeValue> item = new HashMap<>(key(a.channel(), a.sku()));
        item.put(InventoryTable.ITEM_TYPE, Items.s(ItemType.CHANNEL.name()));
        item.put("channel", Items.s(a.channel()));
        item.put("sku", Items.s(a.sku()));
        item.put("available", Items.n(a.available()));
        item.put("version", Items.n(a.version()));
        if (a.previous() != null) {
            item.put("prevAvailable", Items.n(a.previous().available()));
            item.put("prevVersion", Items.n(a.previous().version()));
        }
        item.put("revision", Items.n(revision));
        item.put("computedAt", Items.s(a.computedAt().toString()));
        item.put("pool", Items.s(a.poolDigest()));
        item.put("locations", AttributeValue.fromL(a.locations().stream()
                .map(l -> AttributeValue.fromM(Map.of("locationId", Items.s(l.locationId()),
                        "available", Items.n(l.available()), "levelVersion", Items.n(l.levelVersion()))))
                .toList()));
        return item;
    }

    static Stored stored(Map<String, AttributeValue> item) {
        return new Stored(toAvailability(item), Long.parseLong(item.get("revision").n()));
    }

    static ChannelAvailability toAvailability(Map<String, AttributeValue> item) {
        List<ChannelAvailability.LocationShare> locations = item.get("locations").l().stream()
                .map(AttributeValue::m)
                .map(m -> new ChannelAvailability.LocationShare(m.get("locationId").s(),
                        Long.parseLong(m.get("available").n()), Long.parseLong(m.get("levelVersion").n())))
                .toList();
        ChannelAvailability.Previous previous = item.containsKey("prevVersion")
                ? new ChannelAvailability.Previous(Long.parseLong(item.get("prevAvailable").n()),
                        Long.parseLong(item.get("prevVersion").n()))
                : null;
        return new ChannelAvailability(item.get("channel").s(), item.get("sku").s(),
                Long.parseLong(item.get("available").n()), previous, Long.parseLong(item.get("version").n()), locations,
                Instant.parse(item.get("computedAt").s()), item.get("pool").s());
    }
}
