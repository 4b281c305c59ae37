package io.inventorysync.store.internal;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The items of one {@code TransactWriteItems} call, each reachable by the index it was added at. */
public final class Transaction {
    /** Creates an item only where none exists: the idempotency guard of ledger entries and holds. */
    public static final String ITEM_IS_NEW = "attribute_not_exists(PK)";

    private final String table;
    private final List<TransactWriteItem> items = new ArrayList<>();

    public Transaction(String table) {
        this.table = table;
    }

    /** Adds a put that succeeds only if the item is new; on failure the existing item comes back. */
    public int putNew(Map<String, AttributeValue> item) {
        items.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(ITEM_IS_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        return items.size() - 1;
    }

    /**
     * Adds a put that succeeds if the item is new or its {@code attribute} already equals
     * {@code value} (a repeat of the same write); otherwise the existing item comes back.
     */
    public int putIfNewOrSame(Map<String, AttributeValue> item, String attribute, AttributeValue value) {
        items.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(ITEM_IS_NEW + " OR #same = :same")
                .expressionAttributeNames(Map.of("#same", attribute))
                .expressionAttributeValues(Map.of(":same", value))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        return items.size() - 1;
    }

    public int update(Update update) {
        items.add(TransactWriteItem.builder().update(update).build());
        return items.size() - 1;
    }

    public List<TransactWriteItem> items() {
        return List.copyOf(items);
    }

    /** The result of running a transaction: committed, or cancelled by these conditions. */
    public record Result(List<CancellationReason> reasons) {
        public static final Result COMMITTED = new Result(List.of());

        public boolean committed() {
            return reasons.isEmpty();
        }

        /** True when the item at {@code index} failed its condition. */
        public boolean failed(int index) {
            return index >= 0 && index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
        }

        /** The item as it was when its condition failed; empty when it did not exist. */
        public Map<String, AttributeValue> oldItem(int index) {
            Map<String, AttributeValue> item = reasons.get(index).item();
            return item == null ? Map.of() : item;
        }
    }
}
