package io.inventorysync.store.internal;

import io.inventorysync.store.StoreException;
import io.inventorysync.store.TransientFailures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One item written only if it is new or already holds {@code same} in {@code attribute}: a
 * conditional {@code PutItem}. For one item it is exactly as all-or-nothing as a one-item
 * transaction, and DynamoDB bills it half (a transactional write is 2 write units per KB, a
 * standard one 1). A lost response retried finds its own item and passes the same condition.
 * The store's single receipts and the request-id claims ({@code DynamoDbRequestClaims}) write
 * through it.
 */
public final class PutIfNewOrSame {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final TransientFailures transientFailures;
    private final Consumer<List<ConsumedCapacity>> capacityListener;

    /** @param capacityListener receives each write's consumed capacity; {@code null}: none asked */
    public PutIfNewOrSame(DynamoDbClient dynamo, String tableName, TransientFailures transientFailures,
                          Consumer<List<ConsumedCapacity>> capacityListener) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.transientFailures = transientFailures;
        this.capacityListener = capacityListener;
    }

    /** @return {@code false} when the item exists with another value (nothing was written) */
    public boolean put(Map<String, AttributeValue> item, String attribute, AttributeValue same, String operation) {
        try {
            var response = transientFailures.call(operation, () -> dynamo.putItem(r -> r.tableName(tableName).item(item)
                    .conditionExpression(Transaction.ITEM_IS_NEW + " OR #same = :same")
                    .expressionAttributeNames(Map.of("#same", attribute))
                    .expressionAttributeValues(Map.of(":same", same))
                    .returnConsumedCapacity(capacityListener == null ? ReturnConsumedCapacity.NONE : ReturnConsumedCapacity.INDEXES)));
            if (capacityListener != null && response.consumedCapacity() != null) {
                capacityListener.accept(List.of(response.consumedCapacity()));
            }
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }
}
