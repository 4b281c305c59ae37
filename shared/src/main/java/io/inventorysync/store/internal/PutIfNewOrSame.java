package io.inventorysync.store.internal;

import io.inventorysync.store.StoreException;
import io.inventorysync.store.TransientFailures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One item written only if it is new or already holds {@code same} in {@code attribute}: a
 * conditional {@code PutItem}. For one item it is exactly as all-or-nothing as a one-item
 * transaction, and DynamoDB bills it half (a transactional write is 2 write units per KB, a
 * standard one 1). A lost response retried finds its own item and passes the same condition.
 * The store's single receipts ({@link #putReceipt}) and the request-id claims
 * ({@code DynamoDbRequestClaims}) write through it.
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
        return write(item, Transaction.ITEM_IS_NEW + " OR #same = :same", Map.of("#same", attribute),
                Map.of(":same", same), false, operation) == null;
    }

    /**
     * An event's receipt under {@link Transaction#RECEIPT_IS_NEW_OR_SAME} (new, or the same event the relay
     * has not refused).
     *
     * @return {@code null} when written, else the receipt as it is (its condition failed, nothing written)
     */
    public Map<String, AttributeValue> putReceipt(Map<String, AttributeValue> item, AttributeValue fingerprint, String operation) {
        return write(item, Transaction.RECEIPT_IS_NEW_OR_SAME, Transaction.receiptConditionNames(),
                Map.of(":same", fingerprint), true, operation);
    }

    /** The conditional put: {@code null} when written, else the item as it is ({@code ALL_OLD} when asked, else empty). */
    private Map<String, AttributeValue> write(Map<String, AttributeValue> item, String condition, Map<String, String> names,
                                              Map<String, AttributeValue> values, boolean returnOld, String operation) {
        try {
            var response = transientFailures.call(operation, () -> dynamo.putItem(r -> r.tableName(tableName).item(item)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(returnOld ? ReturnValuesOnConditionCheckFailure.ALL_OLD : null)
                    .returnConsumedCapacity(capacityListener == null ? ReturnConsumedCapacity.NONE : ReturnConsumedCapacity.INDEXES)));
            if (capacityListener != null && response.consumedCapacity() != null) {
                capacityListener.accept(List.of(response.consumedCapacity()));
            }
            return null;
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException failed) {
                return failed.item() == null ? Map.of() : failed.item();
            }
            throw e;
        }
    }
}
