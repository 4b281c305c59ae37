package io.inventorysync.store;

import io.inventorysync.domain.Source;
import io.inventorysync.store.internal.Items;
import io.inventorysync.store.internal.SourceItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

import java.util.List;
import java.util.Optional;

/** Source configurations as items of the inventory table ({@code SOURCE#{sourceId}}). */
public final class DynamoDbSourceRegistry implements SourceRegistry {
    private final DynamoDbTable<SourceItem> table;
    private final TransientFailures transientFailures;

    public DynamoDbSourceRegistry(DynamoDbClient dynamo, String tableName) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(tableName, Items.SOURCE);
        this.transientFailures = TransientFailures.DEFAULT;
    }

    @Override
    public Optional<Source> source(String sourceId) {
        SourceItem item = transientFailures.call("read source", () -> table.getItem(r -> r
                .key(Key.builder().partitionValue(Items.sourcePartition(sourceId)).sortValue("SOURCE").build())));
        return Optional.ofNullable(item).map(Items::toSource);
    }

    @Override
    public List<Source> storefronts() {
        return transientFailures.call("list storefronts", () -> table.index(InventoryTable.LEDGER_BY_RECORD_INDEX)
                .query(QueryConditional.keyEqualTo(k -> k.partitionValue(Items.STOREFRONTS)))
                .stream().flatMap(page -> page.items().stream()).map(Items::toSource).toList());
    }

    @Override
    public void register(Source source) {
        transientFailures.call("register source", () -> {
            table.putItem(Items.sourceOf(source));
            return null;
        });
    }

    @Override
    public boolean registerNew(Source source, String claim) {
        Expression isNew = Expression.builder().expression("attribute_not_exists(#pk)")
                .putExpressionName("#pk", InventoryTable.PK).build();
        SourceItem item = Items.sourceOf(source);
        item.setCreateClaim(claim);
        // A failed condition is an answer, not a failure to retry: another create took the id first,
        // or this create's own write committed and its answer was lost (the SDK or the store sent it
        // again). The item the condition met tells which, in the same call.
        return transientFailures.call("create source", () -> {
            try {
                table.putItem(PutItemEnhancedRequest.builder(SourceItem.class).item(item).conditionExpression(isNew)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
                return true;
            } catch (ConditionalCheckFailedException e) {
                AttributeValue held = e.hasItem() ? e.item().get(SourceItem.CREATE_CLAIM) : null;
                return held != null && claim.equals(held.s());
            }
        });
    }

    @Override
    public boolean releaseNew(Source source, String claim) {
        Expression ownClaim = Expression.builder().expression("#claim = :claim")
                .putExpressionName("#claim", SourceItem.CREATE_CLAIM)
                .putExpressionValue(":claim", AttributeValue.fromS(claim)).build();
        return transientFailures.call("release source", () -> {
            try {
                table.deleteItem(DeleteItemEnhancedRequest.builder().key(Key.builder()
                        .partitionValue(Items.sourcePartition(source.sourceId())).sortValue("SOURCE").build())
                        .conditionExpression(ownClaim).build());
                return true;
            } catch (ConditionalCheckFailedException e) {
                // Replaced since (or removed by this delete, whose answer was lost): not ours to remove now.
                return false;
            }
        });
    }
}
