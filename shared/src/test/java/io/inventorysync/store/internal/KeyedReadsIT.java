package io.inventorysync.store.internal;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.LedgerEntry;
import io.inventorysync.store.LedgerPage;
import io.inventorysync.store.internal.KeyedReads.Query;
import io.inventorysync.store.internal.KeyedReads.SortCondition;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's reads by key through the low-level client ({@link KeyedReads}) against what the
 * enhanced client read before, on DynamoDB Local: the very same requests for every read shape the
 * store and the source registry make; items written by the old path (the frozen bean mapping, the
 * default converters) with every optional attribute absent read alike; keys with odd characters; a
 * page boundary; missing items; a batch whose keys DynamoDB leaves unprocessed, at its 100 keys.
 */
class KeyedReadsIT {
    /** A SKU and a location with {@code #} inside, LINE SEPARATOR, an emoji, an accent and a quote. */
    private static final String ODD_SKU = "SKU#1\u2028\uD83D\uDE00é\"x";
    private static final String ODD_LOCATION = "store#\u2028\uD83D\uDCE6-1";
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static final Captured CAPTURED = new Captured();
    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoDbEnhancedClient enhanced;

    @BeforeAll
    static void table() {
        dynamo = LocalDynamoDb.clientWithoutSdkRetries(CAPTURED);
        table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
    }

    // ------------------------------------------------------------ the same requests as the enhanced client's

    @Test
    void everyReadShape_shouldSendTheRequestTheEnhancedClientSent() {
        var stock = enhanced.table(table, Items.STOCK);
        var ledger = enhanced.table(table, Items.LEDGER);
        var holds = enhanced.table(table, Items.HOLD);
        var sources = enhanced.table(table, Items.SOURCE);
        Map<String, AttributeValue> start = Map.of(InventoryTable.PK, Items.s("MOVE#s#e"), InventoryTable.SK, Items.s("LINE#1"),
                InventoryTable.LEDGER_BY_RECORD_PK, Items.s("REC#x"), InventoryTable.LEDGER_BY_RECORD_SK, Items.s("0001#y"));
        Map<String, AttributeValue> holdStart = Map.of(InventoryTable.PK, Items.s("RES#s#r"), InventoryTable.SK, Items.s("RES"),
                InventoryTable.ACTIVE_HOLDS_PK, Items.s("HOLDS#3"), InventoryTable.ACTIVE_HOLDS_SK, Items.s("0001#z"));
        Map<String, AttributeValue> stockKey = Items.stockKey(ODD_SKU, ODD_LOCATION);

        // GetItem, strongly consistent (levels, holds, receipts) and not (sources)
        assertSameRequest(() -> stock.getItem(r -> r.key(key(stockKey)).consistentRead(true)),
                () -> new KeyedReads<>(dynamo, table, Items.STOCK).get(stockKey, true));
        assertSameRequest(() -> sources.getItem(r -> r.key(key(Items.sourceKey("pos-1")))),
                () -> new KeyedReads<>(dynamo, table, Items.SOURCE).get(Items.sourceKey("pos-1"), false));
        // Query: the ledger index since a count, projected, from a start key
        KeyedReads<LedgerItem> ledgerReads = new KeyedReads<>(dynamo, table, Items.LEDGER);
        Query record = Query.partition("REC#x").onIndex(InventoryTable.LEDGER_BY_RECORD_INDEX);
        assertSameRequest(() -> ledger.index(InventoryTable.LEDGER_BY_RECORD_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("REC#x"))).exclusiveStartKey(start)
                        .attributesToProject("occurredAt", "onHandDelta", "onHandSet").build()).iterator().next(),
                () -> ledgerReads.page(record.project("occurredAt", "onHandDelta", "onHandSet"), start));
        assertSameRequest(() -> ledger.index(InventoryTable.LEDGER_BY_RECORD_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(k -> k.partitionValue("REC#x").sortValue("0001")))
                        .attributesToProject("occurredAt", "onHandDelta", "onHandSet").build()).iterator().next(),
                () -> ledgerReads.page(record.project("occurredAt", "onHandDelta", "onHandSet")
                        .sort(SortCondition.AT_LEAST, "0001"), null));
        // the readable ledger: newest first, one more than asked, before a position
        assertSameRequest(() -> ledger.index(InventoryTable.LEDGER_BY_RECORD_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortLessThan(k -> k.partitionValue("REC#x").sortValue("0002")))
                        .scanIndexForward(false).limit(11).exclusiveStartKey(start).build()).iterator().next(),
                () -> ledgerReads.page(record.backward().sort(SortCondition.BELOW, "0002").limit(11), start));
        assertSameRequest(() -> ledger.index(InventoryTable.LEDGER_BY_RECORD_INDEX).query(r -> r
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("REC#x")))).iterator().next(),
                () -> ledgerReads.page(record, null));
        // an event's lines and a SKU's levels: begins_with on the table, strongly consistent
        assertSameRequest(() -> ledger.query(r -> r.queryConditional(QueryConditional.sortBeginsWith(
                        k -> k.partitionValue("MOVE#s#e").sortValue("LINE#"))).consistentRead(true)).iterator().next(),
                () -> ledgerReads.page(Query.partition("MOVE#s#e").sort(SortCondition.BEGINS_WITH, "LINE#").consistent(), null));
        // due holds: one shard of the active-holds index, up to now, 100 a page
        assertSameRequest(() -> holds.index(InventoryTable.ACTIVE_HOLDS_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortLessThanOrEqualTo(k -> k.partitionValue("HOLDS#3").sortValue("0009")))
                        .exclusiveStartKey(holdStart).limit(100).build()).iterator().next(),
                () -> new KeyedReads<>(dynamo, table, Items.HOLD).page(Query.partition("HOLDS#3")
                        .onIndex(InventoryTable.ACTIVE_HOLDS_INDEX).sort(SortCondition.AT_MOST, "0009").limit(100), holdStart));
        // levels as of: one strongly consistent batch
        List<Map<String, AttributeValue>> keys = List.of(Items.stockKey("a", "l1"), Items.stockKey("b", "l1"), stockKey);
        assertSameRequest(() -> {
            var batch = ReadBatch.builder(StockItem.class).mappedTableResource(stock);
            keys.forEach(k -> batch.addGetItem(GetItemEnhancedRequest.builder().key(key(k)).consistentRead(true).build()));
            enhanced.batchGetItem(b -> b.readBatches(batch.build())).resultsForTable(stock).forEach(i -> { });
        }, () -> new KeyedReads<>(dynamo, table, Items.STOCK).batchGet(keys, true));
    }

    // ------------------------------------------------------------ items the old path wrote

    @Test
    void itemsTheBeanMappingWrote_withEveryOptionalAttributeAbsent_shouldReadAsTheEnhancedClientReadThem() {
        // given: each item type written by the frozen bean mapping (the default converters) with its keys only
        DynamoDbEnhancedClient writer = DynamoDbEnhancedClient.builder().dynamoDbClient(LocalDynamoDb.client()).build();
        record Case<T>(TableSchema<T> schema, Class<?> bean, Map<String, AttributeValue> key) {
        }
        List<Case<?>> cases = List.of(
                new Case<>(Items.STOCK, BeanStockItem.class, Items.stockKey(ODD_SKU, "bare")),
                new Case<>(Items.LEDGER, BeanLedgerItem.class, Map.of(InventoryTable.PK, Items.s("MOVE#bare#e"),
                        InventoryTable.SK, Items.s("LINE#1"))),
                new Case<>(Items.HOLD, BeanHoldItem.class, Items.holdKey(new io.inventorysync.domain.HoldRef("bare", "r1"))),
                new Case<>(Items.RECEIPT, BeanReceiptItem.class, Items.receiptKey("bare", "e1")),
                new Case<>(Items.SOURCE, BeanSourceItem.class, Items.sourceKey("bare")));
        for (Case<?> c : cases) {
            putBare(writer, c.bean(), c.key());
        }
        // when / then: read by key, the new path maps what the enhanced client mapped, attribute for attribute
        for (Case<?> c : cases) {
            assertReadAlike(c.schema(), c.key());
        }
    }

    @SuppressWarnings("unchecked")
    private static <B> void putBare(DynamoDbEnhancedClient writer, Class<B> bean, Map<String, AttributeValue> key) {
        try {
            B item = bean.getDeclaredConstructor().newInstance();
            bean.getMethod("setPk", String.class).invoke(item, key.get(InventoryTable.PK).s());
            bean.getMethod("setSk", String.class).invoke(item, key.get(InventoryTable.SK).s());
            writer.table(table, TableSchema.fromBean(bean)).putItem(item);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> void assertReadAlike(TableSchema<T> schema, Map<String, AttributeValue> key) {
        T before = enhanced.table(table, schema).getItem(r -> r.key(key(key)).consistentRead(true));
        T now = new KeyedReads<>(dynamo, table, schema).get(key, true);
        assertThat(now).as("%s", key).isNotNull();
        assertThat(schema.itemToMap(now, false)).as("%s", key).isEqualTo(schema.itemToMap(before, false));
        // and only the keys are set
        assertThat(schema.itemToMap(now, true)).isEqualTo(key);
    }

    // ------------------------------------------------------------ odd keys, a page boundary, missing items

    @Test
    void theStore_shouldReadKeysWithOddCharacters_byEveryRead() {
        // given: movements of a SKU and at a location whose ids hold '#', U+2028, an emoji
        DynamoDbInventoryStore store = store();
        store.apply(Events.one("odd-1", ChangeType.RECEIPT, T0, ODD_LOCATION, ODD_SKU, 7));
        store.apply(Events.one("odd-2", ChangeType.SALE, T0.plusSeconds(1), ODD_LOCATION, ODD_SKU, 2));
        // near-misses that must not be read with them: the same SKU at another location, a SKU it prefixes
        store.apply(Events.one("odd-3", ChangeType.RECEIPT, T0, "store#", ODD_SKU, 1));
        store.apply(Events.one("odd-4", ChangeType.RECEIPT, T0, ODD_LOCATION, ODD_SKU + "#2", 1));
        // when / then
        StockLevel level = store.level(ODD_SKU, ODD_LOCATION).orElseThrow();
        assertThat(level.sku()).isEqualTo(ODD_SKU);
        assertThat(level.locationId()).isEqualTo(ODD_LOCATION);
        assertThat(level.onHand()).isEqualTo(5);
        assertThat(store.levels(ODD_SKU)).extracting(StockLevel::locationId).containsExactlyInAnyOrder(ODD_LOCATION, "store#");
        assertThat(store.ledger(ODD_SKU, ODD_LOCATION)).extracting(LedgerEntry::eventId).containsExactly("odd-1", "odd-2");
        assertThat(store.eventLedger(Events.SOURCE, "odd-2")).singleElement()
                .satisfies(e -> assertThat(e.sku()).isEqualTo(ODD_SKU));
        assertThat(store.receipt(Events.SOURCE, "odd-2")).isEmpty();
    }

    @Test
    void ledgerPages_shouldMeetAtTheBoundary_withNothingLostOrTwice() {
        // given: four entries of one record
        DynamoDbInventoryStore store = store();
        for (int i = 1; i <= 4; i++) {
            store.apply(Events.one("page-" + i, ChangeType.RECEIPT, T0.plusSeconds(i), "p-loc", "PAGE-SKU", i));
        }
        // when: pages of two, newest first; and a page exactly as long as what is left
        LedgerPage first = store.ledgerPage("PAGE-SKU", "p-loc", 2, null);
        LedgerPage second = store.ledgerPage("PAGE-SKU", "p-loc", 2, first.next());
        LedgerPage whole = store.ledgerPage("PAGE-SKU", "p-loc", 4, null);
        // then
        assertThat(first.entries()).extracting(LedgerEntry::eventId).containsExactly("page-4", "page-3");
        assertThat(first.next()).isNotNull();
        assertThat(second.entries()).extracting(LedgerEntry::eventId).containsExactly("page-2", "page-1");
        assertThat(second.next()).isNull();
        assertThat(whole.entries()).hasSize(4);
        assertThat(whole.next()).isNull();

        // and the raw reads: every page of two, following LastEvaluatedKey to its end (DynamoDB ends a
        // full last page with a key, and answers the next with nothing)
        KeyedReads<LedgerItem> reads = new KeyedReads<>(dynamo, table, Items.LEDGER);
        Query record = Query.partition(Items.recordPartition("PAGE-SKU", "p-loc")).onIndex(InventoryTable.LEDGER_BY_RECORD_INDEX);
        int before = CAPTURED.requests.size();
        List<LedgerItem> all = reads.all(record.limit(2));
        assertThat(all).extracting(LedgerItem::getEventId).containsExactly("page-1", "page-2", "page-3", "page-4");
        assertThat(CAPTURED.requests.size() - before).isEqualTo(3);
        var firstPage = reads.page(record.limit(2), null);
        assertThat(firstPage.items()).extracting(LedgerItem::getEventId).containsExactly("page-1", "page-2");
        assertThat(reads.page(record.limit(2), firstPage.lastEvaluatedKey()).items())
                .extracting(LedgerItem::getEventId).containsExactly("page-3", "page-4");
    }

    @Test
    void missingItems_shouldReadAsNone() {
        DynamoDbInventoryStore store = store();
        KeyedReads<StockItem> stock = new KeyedReads<>(dynamo, table, Items.STOCK);
        store.apply(Events.one("there-1", ChangeType.RECEIPT, T0, "m-loc", "THERE", 3));

        assertThat(stock.get(Items.stockKey("NOT-THERE", "m-loc"), true)).isNull();
        assertThat(stock.get(Items.stockKey("NOT-THERE", "m-loc"), false)).isNull();
        assertThat(stock.batchGet(List.of(Items.stockKey("NOT-THERE", "m-loc"), Items.stockKey("THERE", "m-loc"),
                Items.stockKey("THERE", "other")), true)).extracting(StockItem::getSku).containsExactly("THERE");
        assertThat(stock.all(Query.partition(Items.stockPartition("NOT-THERE")))).isEmpty();
        assertThat(store.level("NOT-THERE", "m-loc")).isEmpty();
        assertThat(store.levels("NOT-THERE")).isEmpty();
        assertThat(store.reservation(Events.ref("no-such-hold"))).isEmpty();
        assertThat(store.receipt(Events.SOURCE, "no-such-event")).isEmpty();
        assertThat(store.eventLedger(Events.SOURCE, "no-such-event")).isEmpty();
        assertThat(store.ledger("NOT-THERE", "m-loc")).isEmpty();
        assertThat(new DynamoDbSourceRegistry(dynamo, table).source("no-such-source\u2028#")).isEmpty();
    }

    @Test
    void batchGet_ofTheMost100Keys_shouldAskAgainForWhatDynamoDbLeftUnprocessed() {
        // given: 100 stock items, and a DynamoDB that processes only the first 60 keys of the first batch
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, AttributeValue> key = Items.stockKey("BATCH-" + i, ODD_LOCATION);
            keys.add(key);
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("sku", Items.s("BATCH-" + i));
            item.put("locationId", Items.s(ODD_LOCATION));
            puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        DynamoDbClient writer = LocalDynamoDb.client();
        for (int from = 0; from < puts.size(); from += 25) {
            var batch = puts.subList(from, from + 25);
            assertThat(writer.batchWriteItem(r -> r.requestItems(Map.of(table, batch))).unprocessedItems()).isEmpty();
        }
        LeavesUnprocessed leaves = new LeavesUnprocessed(40);
        KeyedReads<StockItem> reads = new KeyedReads<>(LocalDynamoDb.clientWithoutSdkRetries(leaves), table, Items.STOCK);
        // when
        List<StockItem> read = reads.batchGet(keys, true);
        // then: all 100, each once; the second request asked for exactly the 40 left, still strongly consistent
        assertThat(read).extracting(StockItem::getSku).doesNotHaveDuplicates().hasSize(100);
        assertThat(leaves.requests).hasSize(2);
        KeysAndAttributes again = leaves.requests.get(1).requestItems().get(table);
        assertThat(again.keys()).hasSize(40).containsExactlyInAnyOrderElementsOf(leaves.left);
        assertThat(again.consistentRead()).isTrue();
    }

    @Test
    void batchGet_whoseKeysDynamoDbNeverProcesses_shouldStopAfterItsRounds_asThrottling() {
        // given: a DynamoDB that leaves every key unprocessed, every time (sustained throttling)
        NeverProcesses never = new NeverProcesses();
        KeyedReads<StockItem> reads = new KeyedReads<>(LocalDynamoDb.clientWithoutSdkRetries(never), table, Items.STOCK);
        // when / then: a bounded number of requests, then the throttling the callers' retry layer knows
        assertThatThrownBy(() -> reads.batchGet(List.of(Items.stockKey("BATCH-0", ODD_LOCATION)), true))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException.class);
        assertThat(never.requests.get()).isEqualTo(KeyedReads.BATCH_ROUNDS);
    }

    // ------------------------------------------------------------ helpers

    /** Answers every batch read with nothing read and every key it asked for unprocessed. */
    private static final class NeverProcesses implements ExecutionInterceptor {
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof BatchGetItemRequest request)) {
                return context.response();
            }
            requests.incrementAndGet();
            return ((BatchGetItemResponse) context.response()).toBuilder().responses(Map.of())
                    .unprocessedKeys(request.requestItems()).build();
        }
    }

    private static DynamoDbInventoryStore store() {
        return DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(new MutableClock(T0.plusSeconds(60)))
                .build();
    }

    private static Key key(Map<String, AttributeValue> key) {
        return Key.builder().partitionValue(key.get(InventoryTable.PK)).sortValue(key.get(InventoryTable.SK)).build();
    }

    /** Runs the enhanced client's read, then ours, and asserts that DynamoDB was asked the same. */
    private static void assertSameRequest(Runnable enhancedRead, Runnable keyedRead) {
        CAPTURED.requests.clear();
        enhancedRead.run();
        List<SdkRequest> theirs = List.copyOf(CAPTURED.requests);
        CAPTURED.requests.clear();
        keyedRead.run();
        List<SdkRequest> ours = List.copyOf(CAPTURED.requests);
        assertThat(theirs).isNotEmpty();
        // Every field DynamoDB is sent (the enhanced client's requests also carry its own override
        // configuration, which only names it in the user agent).
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < theirs.size(); i++) {
            assertThat(ours.get(i).equalsBySdkFields(theirs.get(i))).as("%s%nis not%n%s", ours.get(i), theirs.get(i)).isTrue();
        }
    }

    /** Every request the client was asked to send, as it was asked. */
    private static final class Captured implements ExecutionInterceptor {
        final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            requests.add(context.request());
        }
    }

    /** Moves the last {@code count} keys of the first batch's answer to its unprocessed keys. */
    private static final class LeavesUnprocessed implements ExecutionInterceptor {
        private final int count;
        private final AtomicBoolean done = new AtomicBoolean();
        final List<BatchGetItemRequest> requests = new CopyOnWriteArrayList<>();
        final List<Map<String, AttributeValue>> left = new CopyOnWriteArrayList<>();

        LeavesUnprocessed(int count) {
            this.count = count;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchGetItemRequest request) {
                requests.add(request);
            }
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof BatchGetItemResponse answer) || done.getAndSet(true)) {
                return context.response();
            }
            Map<String, List<Map<String, AttributeValue>>> responses = new HashMap<>(answer.responses());
            String tableName = responses.keySet().iterator().next();
            List<Map<String, AttributeValue>> items = responses.get(tableName);
            List<Map<String, AttributeValue>> kept = items.subList(0, items.size() - count);
            for (Map<String, AttributeValue> item : items.subList(items.size() - count, items.size())) {
                left.add(Map.of(InventoryTable.PK, item.get(InventoryTable.PK), InventoryTable.SK, item.get(InventoryTable.SK)));
            }
            responses.put(tableName, kept);
            return answer.toBuilder().responses(responses)
                    .unprocessedKeys(Map.of(tableName, KeysAndAttributes.builder().keys(left).consistentRead(true).build()))
                    .build();
        }
    }
}
