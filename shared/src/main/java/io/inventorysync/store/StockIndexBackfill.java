package io.inventorysync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
     * One page of the backfill.
     *
     * @param scanned items of the table read
     * @param updated stock records given their index keys
     * @param next    where to go on from, or {@code null} when the table is done
     */
    public record Page(long scanned, long updated, String next) {
    }

    /**
     * Reads up to {@code pageSize} items of the table from {@code from} ({@code null}: the start) and
     * gives each stock record without index keys its keys.
     */
    public Page page(String from, int pageSize) {
        Map<String, AttributeValue> start = from == null ? null : decode(from);
        ScanResponse answer = transientFailures.call("scan for stock records", () -> dynamo.scan(r -> r.tableName(table)
                .limit(pageSize).exclusiveStartKey(start)
                .filterExpression("#type = :stock AND attribute_not_exists(#gsiPk)")
                .projectionExpression("PK, SK, sku, locationId")
                .expressionAttributeNames(Map.of("#type", InventoryTable.ITEM_TYPE,
                        "#gsiPk", InventoryTable.STOCK_BY_LOCATION_PK))
                .expressionAttributeValues(Map.of(":stock", AttributeValue.fromS(ItemType.STOCK.name())))));
        long updated = 0;
        for (Map<String, AttributeValue> item : answer.items()) {
            if (!item.containsKey("sku") || !item.containsKey("locationId")) {
                continue;
            }
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
                updated++;
            } catch (StoreException e) {
                if (!(e.getCause() instanceof software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException)) {
                    throw e;
                }
                // A movement set the keys in the meantime: nothing to do.
            }
        }
        boolean more = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty();
        return new Page(answer.scannedCount(), updated, more ? encode(answer.lastEvaluatedKey()) : null);
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
