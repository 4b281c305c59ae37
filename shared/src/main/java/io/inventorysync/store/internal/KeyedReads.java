package io.inventorysync.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of one stored item type by its key, through the low-level client: {@code GetItem},
 * {@code Query} (a page, or every page) and {@code BatchGetItem}, each returned item mapped by the
 * type's own {@link TableSchema} ({@link ItemSchemas}). The requests are the ones the enhanced
 * client sent for the same reads (its expression names {@code #AMZN_MAPPED_x}, consistent-read flags,
 * projections, index names, start keys, the unprocessed keys of a batch asked again), and an absent or
 * empty item is none, as there. It exists because the enhanced client cannot read by key without
 * building its default converter provider: {@code Key.Builder}'s class initializer builds
 * {@code DefaultAttributeConverterProvider} (a converter for every type the SDK knows, about 100
 * classes) at a container's first keyed read, though the schemas never use it.
 *
 * <p>No retries here: each call is one attempt (or one run of pages) for the store's
 * {@code TransientFailures} to retry, as before.
 */
public final class KeyedReads<T> {
    private static final String NAME = "#AMZN_MAPPED_";
    private static final String VALUE = ":AMZN_MAPPED_";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final TableSchema<T> schema;

    public KeyedReads(DynamoDbClient dynamo, String tableName, TableSchema<T> schema) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.schema = schema;
    }

    /**
     * The item under {@code key} ({@code GetItem}), or {@code null} when there is none.
     *
     * @param consistentRead {@code false} leaves the flag unset (eventually consistent), as the enhanced client did
     */
    public T get(Map<String, AttributeValue> key, boolean consistentRead) {
        var answer = dynamo.getItem(r -> r.tableName(tableName).key(key).consistentRead(consistentRead ? Boolean.TRUE : null));
        return item(answer.item());
    }

    /** One page of {@code query}, starting after {@code exclusiveStartKey} ({@code null}: from the start). */
    public Page<T> page(Query query, Map<String, AttributeValue> exclusiveStartKey) {
        QueryResponse answer = dynamo.query(query.request(tableName, schema.tableMetadata(), exclusiveStartKey));
        return Page.create(items(answer.items()), answer.lastEvaluatedKey());
    }

    /** Every item {@code query} finds, page after page until DynamoDB gives no {@code LastEvaluatedKey}. */
    public List<T> all(Query query) {
        List<T> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Page<T> page = page(query, start);
            all.addAll(page.items());
            start = page.lastEvaluatedKey();
        } while (start != null && !start.isEmpty());
        return all;
    }

    /**
     * The items under {@code keys} ({@code BatchGetItem}, at most 100 keys, each once), in no
     * particular order; a key with no item gives nothing. Keys DynamoDB leaves unprocessed (throttling)
     * are asked again after a short, growing pause with jitter, at most {@value #BATCH_ROUNDS} requests in
     * all; keys still left then throw {@code ProvisionedThroughputExceededException}, which the callers'
     * {@code TransientFailures} retries and then answers as a retryable store failure (the enhanced
     * client asked again at once, without a bound).
     */
    public List<T> batchGet(List<Map<String, AttributeValue>> keys, boolean consistentRead) {
        List<T> found = new ArrayList<>(keys.size());
        Map<String, KeysAndAttributes> asked = Map.of(tableName, KeysAndAttributes.builder().keys(keys)
                .consistentRead(consistentRead ? Boolean.TRUE : null).build());
        for (int round = 0; asked != null && !asked.isEmpty(); round++) {
            if (round == BATCH_ROUNDS) {
                throw ProvisionedThroughputExceededException.builder()
                        .message("BatchGetItem left keys unprocessed " + BATCH_ROUNDS + " times").build();
            }
            if (round > 0) {
                pause(round);
            }
            Map<String, KeysAndAttributes> request = asked;
            BatchGetItemResponse answer = dynamo.batchGetItem(r -> r.requestItems(request));
            found.addAll(items(answer.responses().getOrDefault(tableName, List.of())));
            asked = answer.unprocessedKeys();
        }
        return found;
    }

    /** Requests of one {@link #batchGet} at most. */
    static final int BATCH_ROUNDS = 8;

    /** 10, 20, 40 ms... up to 200 ms before the {@code round}-th request again, with full jitter. */
    private static void pause(int round) {
        long cap = Math.min(200L, 5L << round);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw software.amazon.awssdk.core.exception.AbortedException.create("interrupted between batch reads", e);
        }
    }

    private List<T> items(List<Map<String, AttributeValue>> maps) {
        List<T> items = new ArrayList<>(maps.size());
        for (Map<String, AttributeValue> map : maps) {
            items.add(item(map));
        }
        return items;
    }

    /** As the enhanced client read one: nothing from an absent or empty map. */
    private T item(Map<String, AttributeValue> map) {
        return map == null || map.isEmpty() ? null : schema.mapToItem(map);
    }

    /** How a sort key is compared in a {@link Query}. */
    public enum SortCondition {
        BEGINS_WITH, AT_LEAST, AT_MOST, BELOW
    }

    /**
     * A key condition on the table or one of its indexes: a partition and, optionally, a condition on
     * the sort key; with the read's options. Key attribute names come from the item type's schema.
     */
    public record Query(String indexName, AttributeValue partition, SortCondition sort, AttributeValue sortValue,
                        boolean consistentRead, boolean scanIndexForward, Integer limit, List<String> projection) {

        /** Every item of {@code partition} of the table. */
        public static Query partition(String partition) {
            return new Query(null, AttributeValue.fromS(partition), null, null, false, true, null, List.of());
        }

        /** The same partition of the index {@code indexName}. */
        public Query onIndex(String indexName) {
            return new Query(indexName, partition, sort, sortValue, consistentRead, scanIndexForward, limit, projection);
        }

        public Query sort(SortCondition condition, String value) {
            return new Query(indexName, partition, condition, AttributeValue.fromS(value), consistentRead, scanIndexForward,
                    limit, projection);
        }

        public Query consistent() {
            return new Query(indexName, partition, sort, sortValue, true, scanIndexForward, limit, projection);
        }

        /** Newest (greatest sort key) first. */
        public Query backward() {
            return new Query(indexName, partition, sort, sortValue, consistentRead, false, limit, projection);
        }

        public Query limit(int items) {
            return new Query(indexName, partition, sort, sortValue, consistentRead, scanIndexForward, items, projection);
        }

        public Query project(String... attributes) {
            return new Query(indexName, partition, sort, sortValue, consistentRead, scanIndexForward, limit,
                    List.of(attributes));
        }

        QueryRequest request(String tableName, TableMetadata metadata, Map<String, AttributeValue> exclusiveStartKey) {
            String index = indexName == null ? TableMetadata.primaryIndexName() : indexName;
            String pk = metadata.indexPartitionKey(index);
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            names.put(NAME + pk, pk);
            values.put(VALUE + pk, partition);
            String condition = NAME + pk + " = " + VALUE + pk;
            if (sort != null) {
                String sk = metadata.indexSortKey(index).orElseThrow(
                        () -> new IllegalArgumentException("index " + index + " has no sort key"));
                names.put(NAME + sk, sk);
                values.put(VALUE + sk, sortValue);
                String name = NAME + sk;
                String value = VALUE + sk;
                condition += " AND " + switch (sort) {
                    case BEGINS_WITH -> "begins_with(" + name + ", " + value + ")";
                    case AT_LEAST -> name + " >= " + value;
                    case AT_MOST -> name + " <= " + value;
                    case BELOW -> name + " < " + value;
                };
            }
            String projectionExpression = null;
            if (!projection.isEmpty()) {
                List<String> projected = new ArrayList<>(projection.size());
                for (String attribute : projection) {
                    names.put(NAME + attribute, attribute);
                    projected.add(NAME + attribute);
                }
                projectionExpression = String.join(",", projected);
            }
            return QueryRequest.builder().tableName(tableName).indexName(indexName).keyConditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .consistentRead(consistentRead ? Boolean.TRUE : null)
                    .scanIndexForward(scanIndexForward ? null : Boolean.FALSE)
                    .limit(limit).projectionExpression(projectionExpression)
                    .exclusiveStartKey(exclusiveStartKey).build();
        }
    }
}
