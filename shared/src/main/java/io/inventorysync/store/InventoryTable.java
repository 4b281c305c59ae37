package io.inventorysync.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

import java.util.List;

/**
 * The one definition of the single table: keys, indexes, stream and TTL. The CDK stack, the
 * local environment and the tests all build the table from here.
 *
 * <table>
 * <caption>Items</caption>
 * <tr><th>item</th><th>PK</th><th>SK</th></tr>
 * <tr><td>stock level ({@code GSI4PK = STOCKAT#{locationId}}, {@code GSI4SK = {sku}}, set at creation)</td><td>{@code STOCK#{sku}}</td><td>{@code LOC#{locationId}}</td></tr>
 * <tr><td>ledger entry of a movement</td><td>{@code MOVE#{sourceId}#{eventId}}</td><td>{@code LINE#{lineKey}}</td></tr>
 * <tr><td>ledger entry of a hold transition</td><td>{@code HOLDLOG#{reservationId}}</td><td>{@code {STATUS}-{line}}</td></tr>
 * <tr><td>reservation</td><td>{@code RES#{reservationId}}</td><td>{@code RES}</td></tr>
 * <tr><td>event receipt (and, while held, the event for the queue outbox)</td><td>{@code MOVE#{sourceId}#{eventId}}</td><td>{@code RECEIPT}</td></tr>
 * <tr><td>the stock index backfill's mark: the table walked whole, no stock record left without index keys</td><td>{@code META#stock-index}</td><td>{@code META}</td></tr>
 * </table>
 */
public final class InventoryTable {
    public static final String PK = "PK";
    public static final String SK = "SK";
    /** A receipt's attributes: why the ingest relay can never send its event (a stable code), and when it was recorded. */
    public static final String RELAY_REFUSAL = "relayRefusal";
    public static final String RELAY_REFUSED_AT = "relayRefusedAt";
    /** The receipt's refused lines when SQS took the others (positions among the event's movements, e.g. {@code 1,7}). */
    public static final String RELAY_REFUSED_LINES = "relayRefusedLines";

    /** Ledger entries by stock record, in {@code occurredAt} order: the audit trail. */
    public static final String LEDGER_BY_RECORD_INDEX = "LedgerByRecord";
    public static final String LEDGER_BY_RECORD_PK = "GSI1PK";
    public static final String LEDGER_BY_RECORD_SK = "GSI1SK";

    /** Active holds by expiry, sharded: sparse, an entry disappears when the hold ends. */
    public static final String ACTIVE_HOLDS_INDEX = "ActiveHoldsByExpiry";
    public static final String ACTIVE_HOLDS_PK = "GSI2PK";
    public static final String ACTIVE_HOLDS_SK = "GSI2SK";
    /** Partitions of the active-holds index, so no single index partition takes every checkout. */
    public static final int ACTIVE_HOLD_SHARDS = 8;

    /** The active-holds index partition of a hold: spreads checkouts over {@link #ACTIVE_HOLD_SHARDS}. */
    public static int activeHoldShardOf(String reservationId) {
        return Math.floorMod(reservationId.hashCode(), ACTIVE_HOLD_SHARDS);
    }

    /**
     * Stock records by location, in SKU order: sparse and keys only. Its key attributes are set when a
     * stock record is created ({@code if_not_exists} on every later update leaves them as they are, so
     * an ordinary movement writes nothing to the index); only stock records have them. What the
     * reconciler walks for {@code completeFor} (phantom stock).
     */
    public static final String STOCK_BY_LOCATION_INDEX = "StockByLocation";
    public static final String STOCK_BY_LOCATION_PK = "GSI4PK";
    public static final String STOCK_BY_LOCATION_SK = "GSI4SK";

    /**
     * The key of the item that says the {@link #STOCK_BY_LOCATION_INDEX} index lists every stock record: written
     * by {@link StockIndexBackfill} after a walk of the whole table that left no stock record without its keys
     * ({@link ItemType#MARKER}, no index key, not published, not relayed).
     */
    public static final String STOCK_INDEX_MARK_PK = "META#stock-index";
    public static final String STOCK_INDEX_MARK_SK = "META";

    /** The {@link #STOCK_BY_LOCATION_INDEX} partition of a location's stock records. */
    public static String stockAtLocation(String locationId) {
        return "STOCKAT#" + locationId;
    }

    /** Epoch seconds after which DynamoDB may delete a finished hold. Never set on ledger entries. */
    public static final String TTL_ATTRIBUTE = "ttl";

    /** Marks the item kind, so stream consumers can filter stock-level changes. */
    public static final String ITEM_TYPE = "itemType";

    private InventoryTable() {
    }

    public static List<KeySchemaElement> keySchema() {
        return List.of(key(PK, KeyType.HASH), key(SK, KeyType.RANGE));
    }

    public static List<AttributeDefinition> attributeDefinitions() {
        return List.of(string(PK), string(SK), string(LEDGER_BY_RECORD_PK), string(LEDGER_BY_RECORD_SK),
                string(ACTIVE_HOLDS_PK), string(ACTIVE_HOLDS_SK), string(STOCK_BY_LOCATION_PK), string(STOCK_BY_LOCATION_SK));
    }

    public static List<GlobalSecondaryIndex> globalSecondaryIndexes() {
        return List.of(
                GlobalSecondaryIndex.builder()
                        .indexName(LEDGER_BY_RECORD_INDEX)
                        .keySchema(key(LEDGER_BY_RECORD_PK, KeyType.HASH), key(LEDGER_BY_RECORD_SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build(),
                GlobalSecondaryIndex.builder()
                        .indexName(ACTIVE_HOLDS_INDEX)
                        .keySchema(key(ACTIVE_HOLDS_PK, KeyType.HASH), key(ACTIVE_HOLDS_SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build(),
                GlobalSecondaryIndex.builder()
                        .indexName(STOCK_BY_LOCATION_INDEX)
                        .keySchema(key(STOCK_BY_LOCATION_PK, KeyType.HASH), key(STOCK_BY_LOCATION_SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build());
    }

    /** TTL on {@link #TTL_ATTRIBUTE}; applied with {@code UpdateTimeToLive} once the table exists. */
    public static TimeToLiveSpecification timeToLiveSpecification() {
        return TimeToLiveSpecification.builder().attributeName(TTL_ATTRIBUTE).enabled(true).build();
    }

    /**
     * On-demand table with the stream the outbox reads ({@code NEW_AND_OLD_IMAGES}). TTL is set
     * separately, after creation: {@link #timeToLiveSpecification()}.
     */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(keySchema())
                .attributeDefinitions(attributeDefinitions())
                .globalSecondaryIndexes(globalSecondaryIndexes())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
