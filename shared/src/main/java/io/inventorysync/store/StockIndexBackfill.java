package io.inventorysync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Gives the stock records written before the {@link InventoryTable#STOCK_BY_LOCATION_INDEX} index
 * existed their index keys, a page of the table at a time. A record that moves sets them itself (the
 * stock update sets them if they are not there); this is for the records that do not move.
 * <ul>
 *   <li>Resumable: each page answers the position to go on from ({@link Page#next()}, an opaque
 *   string); starting again from the beginning is also correct, only slower.</li>
 *   <li>Idempotent and safe beside live traffic: each record gets one {@code UpdateItem} that sets the
 *   keys only {@code if_not_exists}, only while the record exists ({@code attribute_exists(PK)}), so
 *   a concurrent movement or a second run changes nothing twice.</li>
 *   <li>Cost: a scan of the whole table (ledger and snapshots included: 0.5 read unit per 4 KB,
 *   eventually consistent), one write unit per record without the keys, plus one index write each.</li>
 *   <li>Checked: {@link #check} walks the table the same way and writes nothing; a table whose check finds no
 *   record without keys is one the index lists whole ({@link #index} says whether it can be read yet).</li>
 *   <li>Marked: a walk of the whole table (from the start, to the end) that left no stock record without keys
 *   is recorded in the table ({@link #recordWhole}: one small item, {@link InventoryTable#STOCK_INDEX_MARK_PK});
 *   {@link #whole} reads it back (one {@code GetItem}). A partial walk ({@code from} a position) records
 *   nothing: it says nothing of the records before its start.</li>
 * </ul>
 */
public final class StockIndexBackfill {
    private final DynamoDbClient dynamo;
    private final String table;
    private final TransientFailures transientFailures;

    public StockIndexBackfill(DynamoDbClient dynamo, String table) {
        this(dynamo, table, TransientFailures.DEFAULT);
    }

    public StockIndexBackfill(DynamoDbClient dynamo, String table, TransientFailures transientFailures) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.transientFailures = transientFailures;
    }

    /**
     * One page of the backfill (or of its check).
     *
     * @param scanned items of the table read
     * @param lacking the stock records of the page found without index keys, each {@code sku@locationId}
     * @param updated of those, the records given their keys now (a check gives none; a record a movement gave
     *                its keys in between is not counted)
     * @param next    where to go on from, or {@code null} when the table is done
     */
    public record Page(long scanned, List<String> lacking, long updated, String next) {
        public Page {
            lacking = List.copyOf(lacking);
        }
    }

    /**
     * The {@link InventoryTable#STOCK_BY_LOCATION_INDEX} index as {@code DescribeTable} shows it.
     *
     * @param status      the index's status ({@code CREATING}, {@code ACTIVE}, ...), {@code null} when the table has none
     * @param backfilling whether DynamoDB is still filling it from the table's items (it cannot be read meanwhile)
     */
    public record IndexState(String status, boolean backfilling) {
        /** Whether the index can be walked: it exists, is {@code ACTIVE} and not being filled. */
        public boolean ready() {
            return "ACTIVE".equals(status) && !backfilling;
        }

        /** For an operator: the status, or that the table has no such index. */
        public String describe() {
            return status == null ? "absent" : status + (backfilling ? " (backfilling)" : "");
        }
    }

    /**
     * The record of a whole walk that left no stock record without index keys.
     *
     * @param at        when the walk ended
     * @param itemsRead the table's items it read
     * @param by        {@code backfill} or {@code check}
     */
    public record WholeWalk(Instant at, long itemsRead, String by) {
    }

    /**
     * Records that a walk of the whole table, ended {@code at}, left no stock record without index keys (a
     * {@code PutItem} of the mark, replacing an earlier one). Call it only after such a walk: from the start
     * to the end, with every record found given its keys (the backfill) or none found (the check).
     */
    public void recordWhole(Instant at, long itemsRead, String by) {
        Map<String, AttributeValue> item = new HashMap<>(markKey());
        item.put(InventoryTable.ITEM_TYPE, AttributeValue.fromS(ItemType.MARKER.name()));
        item.put("walkedAt", AttributeValue.fromS(at.toString()));
        item.put("itemsRead", AttributeValue.fromN(Long.toString(itemsRead)));
        item.put("by", AttributeValue.fromS(by));
        transientFailures.call("record the whole stock index walk", () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    /** One strongly consistent {@code GetItem}: the last {@link #recordWhole} of this table, if any. */
    public Optional<WholeWalk> whole() {
        Map<String, AttributeValue> item = transientFailures.call("read the whole stock index walk", () -> dynamo.getItem(r -> r
                .tableName(table).key(markKey()).consistentRead(true))).item();
        if (item == null || item.isEmpty() || !item.containsKey("walkedAt")) {
            return Optional.empty();
        }
        return Optional.of(new WholeWalk(Instant.parse(item.get("walkedAt").s()),
                item.containsKey("itemsRead") ? Long.parseLong(item.get("itemsRead").n()) : 0,
                item.containsKey("by") ? item.get("by").s() : ""));
    }

    private static Map<String, AttributeValue> markKey() {
        return Map.of(InventoryTable.PK, AttributeValue.fromS(InventoryTable.STOCK_INDEX_MARK_PK),
                InventoryTable.SK, AttributeValue.fromS(InventoryTable.STOCK_INDEX_MARK_SK));
    }

    /** One {@code DescribeTable}: the state of the {@link InventoryTable#STOCK_BY_LOCATION_INDEX} index. */
    public IndexState index() {
        TableDescription described = transientFailures.call("describe table", () -> dynamo.describeTable(r -> r.tableName(table))).table();
        return described.globalSecondaryIndexes().stream()
                .filter(i -> InventoryTable.STOCK_BY_LOCATION_INDEX.equals(i.indexName()))
                .findFirst()
                .map(i -> new IndexState(i.indexStatusAsString(), Boolean.TRUE.equals(i.backfilling())))
                .orElse(new IndexState(null, false));
    }

    /**
     * Reads up to {@code pageSize} items of the table from {@code from} ({@code null}: the start) and
     * gives each stock record without index keys its keys.
     */
    public Page page(String from, int pageSize) {
        return walk(from, pageSize, true);
    }

    /** As {@link #page} but writes nothing: only finds the stock records still without index keys. */
    public Page check(String from, int pageSize) {
        return walk(from, pageSize, false);
    }

    private Page walk(String from, int pageSize, boolean write) {
        Map<String, AttributeValue> start = from == null ? null : decode(from);
        ScanResponse answer = transientFailures.call("scan for stock records", () -> dynamo.scan(r -> r.tableName(table)
                .limit(pageSize).exclusiveStartKey(start)
                .filterExpression("#type = :stock AND attribute_not_exists(#gsiPk)")
                .projectionExpression("PK, SK, sku, locationId")
                .expressionAttributeNames(Map.of("#type", InventoryTable.ITEM_TYPE,
                        "#gsiPk", InventoryTable.STOCK_BY_LOCATION_PK))
                .expressionAttributeValues(Map.of(":stock", AttributeValue.fromS(ItemType.STOCK.name())))));
        List<String> lacking = new ArrayList<>();
        long updated = 0;
        for (Map<String, AttributeValue> item : answer.items()) {
            if (!item.containsKey("sku") || !item.containsKey("locationId")) {
                continue;
            }
            lacking.add(item.get("sku").s() + "@" + item.get("locationId").s());
            if (write && giveKeys(item)) {
                updated++;
            }
        }
        boolean more = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty();
        return new Page(answer.scannedCount(), lacking, updated, more ? encode(answer.lastEvaluatedKey()) : null);
    }

    /** One conditional {@code UpdateItem}; {@code false} when a movement set the keys in the meantime. */
    private boolean giveKeys(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = Map.of(InventoryTable.PK, item.get(InventoryTable.PK),
                InventoryTable.SK, item.get(InventoryTable.SK));
        try {
            transientFailures.call("set stock index keys", () -> dynamo.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("SET #gsiPk = if_not_exists(#gsiPk, :loc), #gsiSk = if_not_exists(#gsiSk, :sku)")
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(#gsiPk)")
                    .expressionAttributeNames(Map.of("#gsiPk", InventoryTable.STOCK_BY_LOCATION_PK,
                            "#gsiSk", InventoryTable.STOCK_BY_LOCATION_SK))
                    .expressionAttributeValues(Map.of(
                            ":loc", AttributeValue.fromS(InventoryTable.stockAtLocation(item.get("locationId").s())),
                            ":sku", item.get("sku")))));
            return true;
        } catch (StoreException e) {
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                throw e;
            }
            return false;
        }
    }

    /** The table's keys are two strings: {@code base64url(PK) . base64url(SK)}. */
    static String encode(Map<String, AttributeValue> key) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString(key.get(InventoryTable.PK).s().getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(key.get(InventoryTable.SK).s().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String position) {
        String[] parts = position.split("\\.", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a backfill position: " + position);
        }
        Base64.Decoder b = Base64.getUrlDecoder();
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(InventoryTable.PK, AttributeValue.fromS(new String(b.decode(parts[0]), StandardCharsets.UTF_8)));
        key.put(InventoryTable.SK, AttributeValue.fromS(new String(b.decode(parts[1]), StandardCharsets.UTF_8)));
        return key;
    }
}
