package io.inventorysync.store;

import io.inventorysync.store.internal.Items;
import io.inventorysync.store.internal.PutIfNewOrSame;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.Map;

/**
 * Request-id claims as items of the inventory table ({@code REQ#{sourceId}#{requestId}}, expiring by
 * TTL): one conditional {@code PutItem} each, new or already bound to the same route. The store
 * claims through it too ({@link DynamoDbInventoryStore#claimRequest}); a function that only claims
 * (snapshots) builds this instead of the whole store.
 */
public final class DynamoDbRequestClaims implements RequestClaims {
    private final PutIfNewOrSame puts;

    public DynamoDbRequestClaims(DynamoDbClient dynamo, String tableName) {
        this(new PutIfNewOrSame(dynamo, tableName, TransientFailures.DEFAULT, null));
    }

    DynamoDbRequestClaims(PutIfNewOrSame puts) {
        this.puts = puts;
    }

    @Override
    public boolean claimRequest(String sourceId, String requestId, String route, Instant expiresAt) {
        return puts.put(Map.of(
                InventoryTable.PK, Items.s("REQ#" + sourceId + "#" + requestId),
                InventoryTable.SK, Items.s("REQ"),
                InventoryTable.ITEM_TYPE, Items.s("REQUEST"),
                "route", Items.s(route),
                InventoryTable.TTL_ATTRIBUTE, Items.n(expiresAt.getEpochSecond())), "route", Items.s(route),
                "claim request " + requestId);
    }
}
