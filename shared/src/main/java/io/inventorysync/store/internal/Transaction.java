package io.inventorysync.store.internal;

import io.inventorysync.store.StoreException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The items of one {@code TransactWriteItems} call, each reachable by the index it was added at. */
public final class Transaction {
    /** Creates an item only where none exists: the idempotency guard of ledger entries and holds. */
    public static final String ITEM_IS_NEW = "attribute_not_exists(PK)";
    /**
     * A movement's ledger entry is new, or replaces the record of a message that could not be read
     * (no fingerprint): a message redriven after the fault is fixed applies, once.
     */
    static final String MOVEMENT_IS_NEW = ITEM_IS_NEW + " OR (#outcome = :rejected AND attribute_not_exists(#fingerprint))";

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

    /**
     * An event's receipt is new, or the same event again ({@code fingerprint} equal) that the ingest relay has
     * not refused: a sender's retry of a refused event must not rewrite it (the rewrite would drop the refusal
     * and hand the event to the relay again). A refused receipt's retry therefore fails this condition with its
     * own fingerprint, which the caller reads (from the item that comes back) as "the same event, already done".
     */
    public static final String RECEIPT_IS_NEW_OR_SAME = ITEM_IS_NEW + " OR (#same = :same AND attribute_not_exists(#refusal))";

    /** The names {@link #RECEIPT_IS_NEW_OR_SAME} uses. */
    public static Map<String, String> receiptConditionNames() {
        return Map.of("#same", "fingerprint", "#refusal", Items.RELAY_REFUSAL);
    }

    /**
     * Adds an event's receipt under {@link #RECEIPT_IS_NEW_OR_SAME}; on failure the existing receipt comes back
     * (another fingerprint: a rival body; the same one: a refused event's retry).
     */
    public int putReceipt(Map<String, AttributeValue> item, AttributeValue fingerprint) {
        items.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(RECEIPT_IS_NEW_OR_SAME)
                .expressionAttributeNames(receiptConditionNames())
                .expressionAttributeValues(Map.of(":same", fingerprint))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        return items.size() - 1;
    }

    /** Adds a movement's ledger entry under {@link #MOVEMENT_IS_NEW}; on failure the existing entry comes back. */
    public int putMovement(Map<String, AttributeValue> item) {
        items.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(MOVEMENT_IS_NEW)
                .expressionAttributeNames(Map.of("#outcome", "outcome", "#fingerprint", "fingerprint"))
                .expressionAttributeValues(Map.of(":rejected", AttributeValue.fromS("REJECTED")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        return items.size() - 1;
    }

    /** Adds a put with its own condition (see {@link Updates#holdStep}). */
    public int put(Put put) {
        items.add(TransactWriteItem.builder().put(put).build());
        return items.size() - 1;
    }

    public int update(Update update) {
        items.add(TransactWriteItem.builder().update(update).build());
        return items.size() - 1;
    }

    public List<TransactWriteItem> items() {
        return List.copyOf(items);
    }

    /** The result of running a transaction: committed, or cancelled by the conditions named in {@code reasons}. */
    public record Result(boolean committed, List<CancellationReason> reasons) {
        public static final Result COMMITTED = new Result(true, List.of());

        /**
         * A cancellation whose every reason is a failed condition of one of the {@code planned}
         * items (or {@code None}). Anything else (no reasons, a validation error, a condition the
         * caller did not plan for) is a fault the caller cannot decide on.
         */
        public static Result cancelled(List<CancellationReason> reasons, String operation, Set<Integer> planned) {
            boolean understood = !reasons.isEmpty();
            for (int i = 0; i < reasons.size() && understood; i++) {
                String code = reasons.get(i).code();
                understood = "None".equals(code) || ("ConditionalCheckFailed".equals(code) && planned.contains(i));
            }
            if (!understood) {
                throw new StoreException(operation + " was cancelled for reasons the store did not plan for: "
                        + reasons.stream().map(CancellationReason::code).toList(), false, null);
            }
            return new Result(false, List.copyOf(reasons));
        }

        /** True when the item at {@code index} failed its condition. */
        public boolean failed(int index) {
            return !committed && index >= 0 && index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
        }

        /** The item as it was when its condition failed; empty when it did not exist. */
        public Map<String, AttributeValue> oldItem(int index) {
            Map<String, AttributeValue> item = reasons.get(index).item();
            return item == null ? Map.of() : item;
        }
    }
}
