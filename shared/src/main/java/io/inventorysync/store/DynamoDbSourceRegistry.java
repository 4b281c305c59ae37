package io.inventorysync.store;

import io.inventorysync.domain.Source;
import io.inventorysync.store.internal.Items;
import io.inventorysync.store.internal.KeyedReads;
import io.inventorysync.store.internal.SourceItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Source configurations as items of the inventory table ({@code SOURCE#{sourceId}}), read and written
 * through the low-level client with the item's own schema ({@link Items#SOURCE}): no enhanced client,
 * whose keyed reads build its default converter provider ({@link KeyedReads}).
 */
public final class DynamoDbSourceRegistry implements SourceRegistry {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final KeyedReads<SourceItem> reads;
    private final TransientFailures transientFailures;

    public DynamoDbSourceRegistry(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.reads = new KeyedReads<>(dynamo, tableName, Items.SOURCE);
        this.transientFailures = TransientFailures.DEFAULT;
    }

    @Override
    public Optional<Source> source(String sourceId) {
        var key = Items.sourceKey(sourceId);
        SourceItem item = transientFailures.call("read source", () -> reads.get(key, false));
        return Optional.ofNullable(item).map(Items::toSource);
    }

    @Override
    public List<Source> storefronts() {
        var query = KeyedReads.Query.partition(Items.STOREFRONTS).onIndex(InventoryTable.LEDGER_BY_RECORD_INDEX);
        return transientFailures.call("list storefronts", () -> reads.all(query)).stream().map(Items::toSource).toList();
    }

    @Override
    public void register(Source source) {
        var item = Items.SOURCE.itemToMap(Items.sourceOf(source), true);
        transientFailures.call("register source", () -> dynamo.putItem(r -> r.tableName(tableName).item(item)));
    }

    @Override
    public boolean registerNew(Source source, String claim) {
        SourceItem created = Items.sourceOf(source);
        created.setCreateClaim(claim);
        var item = Items.SOURCE.itemToMap(created, true);
        // A failed condition is an answer, not a failure to retry: another create took the id first,
        // or this create's own write committed and its answer was lost (the SDK or the store sent it
        // again). The item the condition met tells which, in the same call.
        return transientFailures.call("create source", () -> {
            try {
                dynamo.putItem(r -> r.tableName(tableName).item(item).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", InventoryTable.PK))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return true;
            } catch (ConditionalCheckFailedException e) {
                AttributeValue held = e.hasItem() ? e.item().get(SourceItem.CREATE_CLAIM) : null;
                return held != null && claim.equals(held.s());
            }
        });
    }

    @Override
    public boolean releaseNew(Source source, String claim) {
        var key = Items.sourceKey(source.sourceId());
        return transientFailures.call("release source", () -> {
            try {
                // ALL_OLD as the enhanced client's delete asked (the answer is not used).
                dynamo.deleteItem(r -> r.tableName(tableName).key(key).conditionExpression("#claim = :claim")
                        .expressionAttributeNames(Map.of("#claim", SourceItem.CREATE_CLAIM))
                        .expressionAttributeValues(Map.of(":claim", AttributeValue.fromS(claim)))
                        .returnValues(ReturnValue.ALL_OLD));
                return true;
            } catch (ConditionalCheckFailedException e) {
                // Replaced since (or removed by this delete, whose answer was lost): not ours to remove now.
                return false;
            }
        });
    }
}
