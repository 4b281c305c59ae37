package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.OutcomeReason;
import io.inventorysync.domain.StockState;
import io.inventorysync.store.internal.Items;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import io.inventorysync.testing.TableStreamRecords;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.inventorysync.testing.Events.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract against DynamoDB Local, plus what only the real table can show. */
class DynamoDbInventoryStoreIT extends InventoryStoreContract {
    private static final DynamoDbClient DYNAMO = LocalDynamoDb.client();
    private String table;
    private TableStreamRecords stream;

    @Override
    InventoryStore newStore(MutableClock clock) {
        table = LocalDynamoDb.createTable(DYNAMO);
        stream = new TableStreamRecords(DYNAMO, table);
        return DynamoDbInventoryStore.builder().dynamoDbClient(DYNAMO).tableName(table).clock(clock).build();
    }

    /** The table's real stream records, read as the ingest relay reads them. */
    @Override
    List<HeldEvent> relayed() {
        return stream.newlyHeld();
    }

    @Test
    void apply_shouldKeepFreeEqualToOnHandMinusReserved_acrossCountsAndHolds() {
        // given
        receive(SKU, STORE, 5);
        store.reserve(io.inventorysync.testing.Events.hold("h", STORE, 900, io.inventorysync.testing.Events.held(SKU, 2)));
        // when
        store.apply(io.inventorysync.testing.Events.one("c", io.inventorysync.domain.ChangeType.COUNT, at(5), STORE, SKU, 9));
        // then
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = DYNAMO.getItem(r -> r
                .tableName(table).key(io.inventorysync.store.internal.Items.stockKey(SKU, STORE)).consistentRead(true)).item();
        assertThat(item.get("free").n()).isEqualTo("7");
        assertThat(item.get(InventoryTable.ITEM_TYPE).s()).isEqualTo("STOCK");
    }

    @Test
    void stockByLocation_keysAreWrittenWhenTheRecordIsCreated_andLeftAsTheyAreByLaterMovements() {
        // given: a record created by a receipt
        receive(SKU, STORE, 5);
        var key = io.inventorysync.store.internal.Items.stockKey(SKU, STORE);
        var created = DYNAMO.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        assertThat(created.get(InventoryTable.STOCK_BY_LOCATION_PK).s()).isEqualTo("STOCKAT#" + STORE);
        assertThat(created.get(InventoryTable.STOCK_BY_LOCATION_SK).s()).isEqualTo(SKU);
        // when: a sale, a count and a hold move it
        store.apply(one("s-1", ChangeType.SALE, at(1), STORE, SKU, 1));
        store.apply(one("c-2", ChangeType.COUNT, at(2), STORE, SKU, 9));
        store.reserve(io.inventorysync.testing.Events.hold("h", STORE, 900, io.inventorysync.testing.Events.held(SKU, 2)));
        // then: the index keys are the same attributes with the same values (no index write on AWS)
        var moved = DYNAMO.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        assertThat(moved.get(InventoryTable.STOCK_BY_LOCATION_PK)).isEqualTo(created.get(InventoryTable.STOCK_BY_LOCATION_PK));
        assertThat(moved.get(InventoryTable.STOCK_BY_LOCATION_SK)).isEqualTo(created.get(InventoryTable.STOCK_BY_LOCATION_SK));
        assertThat(moved.get("version").n()).isNotEqualTo(created.get("version").n());
    }

    @Test
    void backfill_shouldIndexRecordsWrittenBeforeTheIndex_resumablyAndOnce() {
        // given: five records, three of them as written before the index existed (no index keys),
        // and the ledger and receipts around them
        for (String sku : List.of("A", "B", "C", "D", "E")) {
            receive(sku, STORE, 2);
        }
        for (String sku : List.of("A", "C", "E")) {
            DYNAMO.updateItem(r -> r.tableName(table).key(io.inventorysync.store.internal.Items.stockKey(sku, STORE))
                    .updateExpression("REMOVE " + InventoryTable.STOCK_BY_LOCATION_PK + ", " + InventoryTable.STOCK_BY_LOCATION_SK));
        }
        assertThat(store.skusAt(STORE, null, 10).skus()).containsExactly("B", "D");
        // when: pages of 3 items, stopped after the first page and resumed from its position
        StockIndexBackfill backfill = new StockIndexBackfill(DYNAMO, table);
        StockIndexBackfill.Page first = backfill.page(null, 3);
        assertThat(first.next()).isNotNull();
        long updated = first.updated();
        String position = first.next();
        while (position != null) {
            StockIndexBackfill.Page page = backfill.page(position, 3);
            updated += page.updated();
            position = page.next();
        }
        // then: every record is listed, the three were updated once, and a second run changes nothing
        assertThat(updated).isEqualTo(3);
        assertThat(store.skusAt(STORE, null, 10).skus()).containsExactly("A", "B", "C", "D", "E");
        long again = 0;
        position = null;
        do {
            StockIndexBackfill.Page page = backfill.page(position, 100);
            again += page.updated();
            position = page.next();
        } while (position != null);
        assertThat(again).isZero();
        assertThat(level("A", STORE).version()).isEqualTo(1);
    }

    @Test
    void apply_shouldWaitForTheLedgerIndex_andCountExactly_whenTheIndexLags() {
        // given: the index hides the newest entry of the record from the first three queries
        receive(SKU, STORE, 10);
        store.apply(one("s-1010", ChangeType.SALE, at(10), STORE, SKU, 2));
        LaggingIndex lag = new LaggingIndex(3);
        InventoryStore lagging = DynamoDbInventoryStore.builder().tableName(table).clock(clock)
                .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(lag)).build();
        // when
        ApplyResult count = lagging.apply(one("cnt-1005", ChangeType.COUNT, at(5), STORE, SKU, 10));
        // then: the store saw the index short of the record's sinceCount, waited, and summed it all
        assertThat(count.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(lag.queries.get()).isGreaterThan(3);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(8);
    }

    @Test
    void onHandAsOf_shouldWaitForTheLedgerIndex_andTakeOutExactly_whenTheIndexLags() {
        // given: entries after asOf; the index hides the newest of them from the first three queries
        receive(SKU, STORE, 10);
        store.apply(one("s-1010", ChangeType.SALE, at(10), STORE, SKU, 2));
        store.apply(one("s-1020", ChangeType.SALE, at(20), STORE, SKU, 3));
        LaggingIndex lag = new LaggingIndex(3);
        InventoryStore lagging = DynamoDbInventoryStore.builder().tableName(table).clock(clock)
                .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(lag)).build();
        // when
        MasterAsOf asOf = lagging.onHandAsOf(List.of(new RecordKey(SKU, STORE)), at(5)).getFirst();
        // then: 5 now, 10 as of minute 5, and the store read on until it had seen both sales
        assertThat(asOf.onHand()).isEqualTo(10L);
        assertThat(lag.queries.get()).isGreaterThan(3);
    }

    @Test
    void onHandAsOf_shouldFailRetryably_ratherThanAnswerShort_whenTheIndexNeverCatchesUp() {
        receive(SKU, STORE, 10);
        store.apply(one("s-1010", ChangeType.SALE, at(10), STORE, SKU, 2));
        InventoryStore lagging = DynamoDbInventoryStore.builder().tableName(table).clock(clock)
                .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(new LaggingIndex(Integer.MAX_VALUE)))
                .indexCatchUp(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> lagging.onHandAsOf(List.of(new RecordKey(SKU, STORE)), at(5)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void onHandAsOf_shouldReadAHundredRecordsInOneCall() {
        List<RecordKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < StockReads.AS_OF_BATCH; i++) {
            if (i % 2 == 0) {
                receive("SKU-" + i, STORE, i + 1);
            }
            keys.add(new RecordKey("SKU-" + i, STORE));
        }
        List<MasterAsOf> answers = store.onHandAsOf(keys, at(30));
        assertThat(answers).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(answers.get(i).sku()).isEqualTo("SKU-" + i);
            assertThat(answers.get(i).onHand()).isEqualTo(i % 2 == 0 ? (long) i + 1 : 0L);
            assertThat(answers.get(i).neverSeen()).isEqualTo(i % 2 != 0);
        }
    }

    @Test
    void apply_shouldFailRetryablyAndChangeNothing_whenTheIndexDoesNotCatchUpInTime() {
        // given: the index keeps hiding the newest entry
        receive(SKU, STORE, 10);
        store.apply(one("s-1010", ChangeType.SALE, at(10), STORE, SKU, 2));
        InventoryStore lagging = DynamoDbInventoryStore.builder().tableName(table).clock(clock)
                .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(new LaggingIndex(Integer.MAX_VALUE)))
                .indexCatchUp(Duration.ofMillis(300)).build();
        Movement count = one("cnt-1005", ChangeType.COUNT, at(5), STORE, SKU, 10);
        // when
        assertThatThrownBy(() -> lagging.apply(count)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        // then: nothing written; the redelivery, once the index has caught up, applies it once and exactly
        assertThat(level(SKU, STORE).onHand()).isEqualTo(8);
        assertThat(store.eventLedger(Events.SOURCE, "cnt-1005")).isEmpty();
        assertThat(store.apply(count).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(8);
        assertThat(level(SKU, STORE).version()).isEqualTo(3);
    }

    @Test
    void apply_shouldCountOnHandEntriesSinceTheLatestCount_acrossMovementsAndHoldSteps() {
        // given: a count at 10:05, then entries that move onHand and some that do not
        receive(SKU, WEB, 10);
        store.apply(one("cnt-1005", ChangeType.COUNT, at(5), WEB, SKU, 10));
        store.apply(one("s-1010", ChangeType.SALE, at(10), WEB, SKU, 1));
        store.apply(one("s-1001", ChangeType.SALE, at(1), WEB, SKU, 1));
        store.reserve(Events.hold("now-1", WEB, 900, Events.held(SKU, 2)));
        store.commit(io.inventorysync.testing.Events.ref("now-1"));
        store.reserve(Events.hold("later-1", WEB, 900, Events.held(SKU, 3)));
        store.commit(io.inventorysync.testing.Events.ref("later-1"), io.inventorysync.domain.Fulfilment.DEFERRED);
        store.fulfil(io.inventorysync.testing.Events.ref("later-1"), new io.inventorysync.domain.FulfilmentRequest("f-1", null));
        // then: the sale at 10:10, the immediate commit and the fulfilment; not the superseded sale,
        // the holds placed, or the deferred commit
        assertThat(sinceCount(WEB)).isEqualTo(3);
        // and a count sets it to the entries it put on top of its quantity
        store.apply(one("cnt-1030", ChangeType.COUNT, at(30), WEB, SKU, 9));
        assertThat(sinceCount(WEB)).isEqualTo(2);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(9 - 2 - 3);
    }

    private long sinceCount(String location) {
        return Long.parseLong(DYNAMO.getItem(r -> r.tableName(table).key(Items.stockKey(SKU, location))
                .consistentRead(true)).item().get("sinceCount").n());
    }

    /**
     * An eventually consistent ledger index, made visible: for the first {@code lagging} queries of
     * the index, the newest entry of the answer is not there yet.
     */
    private static final class LaggingIndex implements ExecutionInterceptor {
        private final AtomicInteger lagging;
        final AtomicInteger queries = new AtomicInteger();

        LaggingIndex(int lagging) {
            this.lagging = new AtomicInteger(lagging);
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query && context.response() instanceof QueryResponse answer
                    && InventoryTable.LEDGER_BY_RECORD_INDEX.equals(query.indexName())) {
                queries.incrementAndGet();
                if (lagging.getAndDecrement() > 0 && answer.hasItems() && !answer.items().isEmpty()) {
                    List<Map<String, AttributeValue>> shown = answer.items().subList(0, answer.items().size() - 1);
                    return answer.toBuilder().items(shown).count(shown.size()).build();
                }
            }
            return context.response();
        }
    }

    // ------------------------------------------------------------ a sale right behind the hold it names

    /**
     * The holds-by-id partition of the ledger index ({@code HOLDID#{id}}) made late: its first
     * {@code hidden} answers show no hold (DynamoDB Local's indexes are immediately consistent).
     */
    private static final class HiddenHolds implements ExecutionInterceptor {
        private final AtomicInteger hidden;
        final AtomicInteger queries = new AtomicInteger();

        HiddenHolds(int hidden) {
            this.hidden = new AtomicInteger(hidden);
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query && context.response() instanceof QueryResponse answer
                    && InventoryTable.LEDGER_BY_RECORD_INDEX.equals(query.indexName())
                    && query.expressionAttributeValues().values().stream()
                            .anyMatch(v -> v.s() != null && v.s().startsWith("HOLDID#"))) {
                queries.incrementAndGet();
                if (hidden.getAndDecrement() > 0) {
                    return answer.toBuilder().items(List.of()).count(0).build();
                }
            }
            return context.response();
        }
    }

    private InventoryStore storeBehind(HiddenHolds hidden, Duration catchUp) {
        return DynamoDbInventoryStore.builder().tableName(table).clock(clock).indexCatchUp(catchUp)
                .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(hidden)).build();
    }

    @Test
    void apply_shouldConsumeAHoldPlacedAMomentEarlier_whenTheIndexDoesNotShowItYet() {
        // given: the web shop's hold; the index does not show it to the first query
        receive(SKU, WEB, 5);
        store.reserve(Events.hold("chk-now", WEB, 900, Events.held(SKU, 2)));
        HiddenHolds hidden = new HiddenHolds(1);
        // when: the till's sale naming it, received just now
        ApplyResult sale = storeBehind(hidden, Duration.ofSeconds(2))
                .apply(Events.sale("till-now", clock.instant(), WEB, SKU, 2, "chk-now").withReceivedAt(clock.instant()));
        // then: the store asked again, found the hold and consumed it: the units left once
        assertThat(sale).isEqualTo(new ApplyResult(sale.key(), Outcome.APPLIED, OutcomeReason.RESERVATION_CONSUMED));
        assertThat(hidden.queries.get()).isEqualTo(2);
        assertThat(store.reservation(Events.ref("chk-now")).orElseThrow().status())
                .isEqualTo(io.inventorysync.domain.ReservationStatus.COMMITTED);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(3);
        assertThat(level(SKU, WEB).reserved()).isZero();
    }

    @Test
    void apply_shouldFindTheSellersOwnHoldByKey_withoutTheIndex() {
        // given: a source that both reserves and sells (a vendor adapter's shop); the index never shows the hold
        receive(SKU, WEB, 5);
        store.reserve(new io.inventorysync.domain.ReservationRequest("own-1", Events.SOURCE, WEB, 900,
                List.of(Events.held(SKU, 2))));
        HiddenHolds hidden = new HiddenHolds(Integer.MAX_VALUE);
        // when
        ApplyResult sale = storeBehind(hidden, Duration.ofSeconds(2))
                .apply(Events.sale("own-sale", clock.instant(), WEB, SKU, 2, "own-1").withReceivedAt(clock.instant()));
        // then: read by its key, strongly consistent: consumed, the index not asked
        assertThat(sale.reason()).isEqualTo(OutcomeReason.RESERVATION_CONSUMED);
        assertThat(hidden.queries.get()).isZero();
        assertThat(level(SKU, WEB).reserved()).isZero();
        assertThat(level(SKU, WEB).onHand()).isEqualTo(3);
    }

    @Test
    void apply_shouldApplyAloneAtOnce_whenTheSaleWasReceivedLongerAgoThanTheIndexLags() {
        // given: a hold the index never shows, and a sale received a minute ago (a backlog, a redelivery)
        receive(SKU, WEB, 5);
        store.reserve(Events.hold("chk-old", WEB, 900, Events.held(SKU, 2)));
        HiddenHolds hidden = new HiddenHolds(Integer.MAX_VALUE);
        // when
        ApplyResult sale = storeBehind(hidden, Duration.ofSeconds(2)).apply(Events.sale("till-old", clock.instant(),
                WEB, SKU, 1, "chk-old").withReceivedAt(clock.instant().minus(Duration.ofMinutes(1))));
        // then: one query, no waiting: the sale applies alone, the hold stays
        assertThat(sale.reason()).isEqualTo(OutcomeReason.RESERVATION_UNKNOWN);
        assertThat(hidden.queries.get()).isEqualTo(1);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(4);
        assertThat(level(SKU, WEB).reserved()).isEqualTo(2);
    }

    @Test
    void apply_shouldAskAgainForABoundedTime_thenApplyAlone_whenTheIndexNeverShowsTheHold() {
        receive(SKU, WEB, 5);
        store.reserve(Events.hold("chk-lost", WEB, 900, Events.held(SKU, 2)));
        HiddenHolds hidden = new HiddenHolds(Integer.MAX_VALUE);
        ApplyResult sale = storeBehind(hidden, Duration.ofMillis(300)).apply(Events.sale("till-lost", clock.instant(),
                WEB, SKU, 1, "chk-lost").withReceivedAt(clock.instant()));
        assertThat(sale.reason()).isEqualTo(OutcomeReason.RESERVATION_UNKNOWN);
        assertThat(hidden.queries.get()).isGreaterThan(1);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(4);
        assertThat(level(SKU, WEB).reserved()).isEqualTo(2);
    }

    @Test
    void apply_shouldStayAmbiguous_withoutWaiting_whenTwoStorefrontsHoldTheIdAtTheSalesLocation() {
        receive(SKU, WEB, 10);
        for (String shop : List.of("shop-a", "shop-b")) {
            store.reserve(new io.inventorysync.domain.ReservationRequest("chk-7", shop, WEB, 900, List.of(Events.held(SKU, 1))));
        }
        HiddenHolds shown = new HiddenHolds(0);
        ApplyResult sale = storeBehind(shown, Duration.ofSeconds(2))
                .apply(Events.sale("till-9", clock.instant(), WEB, SKU, 1, "chk-7").withReceivedAt(clock.instant()));
        assertThat(sale).isEqualTo(new ApplyResult(sale.key(), Outcome.APPLIED, OutcomeReason.RESERVATION_AMBIGUOUS));
        assertThat(shown.queries.get()).isEqualTo(1);
        assertThat(level(SKU, WEB).reserved()).isEqualTo(2);
    }

    @Test
    void recordReceipts_shouldKeepReceiptsAsLongAsTheLedger() {
        // when
        store.recordReceipts(java.util.List.of(receiptOf("kept", "fp")), "t");
        // then: no TTL, so a reuse of the id years later is still refused at ingest
        var item = DYNAMO.getItem(r -> r.tableName(table).key(Map.of(
                InventoryTable.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MOVE#pos#kept"),
                InventoryTable.SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RECEIPT")))).item();
        assertThat(item).containsKey("fingerprint").doesNotContainKey(InventoryTable.TTL_ATTRIBUTE);
        clock.advance(java.time.Duration.ofDays(400));
        assertThat(store.recordReceipts(java.util.List.of(receiptOf("kept", "other")), "t2")).containsExactly("kept");
    }

    private OutboxEvent receiptOf(String eventId, String fingerprint) {
        return new OutboxEvent(new EventReceipt("pos", eventId, fingerprint, 1, clock.instant()),
                io.inventorysync.testing.Events.event(eventId, io.inventorysync.domain.ChangeType.SALE, clock.instant(),
                        "store-1", io.inventorysync.testing.Events.line("S", 1)));
    }

    /**
     * The largest request the validator allows: 100 events of 100 lines, every member at its longest (a
     * superset of any one type's members), free text of 3-byte characters, SKUs mapped from other
     * 128-character names. Each {@code TRANSFER_OUT} event holds 200 movements.
     */
    private List<OutboxEvent> largestRequest() {
        String source = "s".repeat(64);
        String text = "\u20ac".repeat(256);
        List<OutboxEvent> events = new java.util.ArrayList<>();
        for (int e = 0; e < 100; e++) {
            String eventId = String.format("%03d", e) + "e".repeat(125);
            List<io.inventorysync.domain.EventLine> lines = new java.util.ArrayList<>();
            for (int l = 0; l < 100; l++) {
                lines.add(new io.inventorysync.domain.EventLine(String.format("%03d", l) + "K".repeat(125),
                        String.format("%03d", l) + "A".repeat(125), -1_000_000_000L,
                        io.inventorysync.domain.ItemCondition.QUARANTINE, StockState.QUARANTINE, StockState.QUARANTINE));
            }
            var event = new io.inventorysync.domain.InventoryEvent(eventId, ChangeType.TRANSFER_OUT,
                    Instant.parse("2026-11-22T10:15:00.123Z"), "l".repeat(128), lines, text, "r".repeat(128),
                    "t".repeat(128), "f".repeat(128), text, io.inventorysync.domain.ReasonCode.VENDOR_RETURN);
            events.add(new OutboxEvent(new EventReceipt(source, eventId, "0".repeat(64), 200, clock.instant()), event));
        }
        return events;
    }

    @Test
    void recordReceipts_shouldFitOneTransaction_atTheLargestRequestTheValidatorAllows() {
        // given
        List<OutboxEvent> events = largestRequest();
        CapturedTransaction captured = new CapturedTransaction();
        InventoryStore measured = DynamoDbInventoryStore.builder().tableName(table).clock(clock)
                .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(captured)).build();

        // when
        List<String> conflicts = measured.recordReceipts(events, "t".repeat(36));

        // then: one call, within DynamoDB's limits by DynamoDB's own measure of item size
        assertThat(conflicts).isEmpty();
        assertThat(captured.items).hasSize(100);
        long total = 0;
        for (var item : captured.items) {
            long size = itemSize(item);
            assertThat(size).as("one receipt with its event").isLessThan(400 * 1024);
            total += size;
        }
        assertThat(total).as("the whole transaction").isLessThan(4L * 1024 * 1024);
        // and the table's stream hands every event to the relay, whole, from the real images
        assertThat(relayed()).extracting(HeldEvent::event).containsExactlyInAnyOrderElementsOf(events);
        System.out.printf("largest receipts transaction: %,d bytes, largest item %,d bytes%n", total,
                captured.items.stream().mapToLong(DynamoDbInventoryStoreIT::itemSize).max().orElse(0));
    }

    @Test
    void recordReceipts_aRetryOfTheLargestRequest_holdingRefusedEvents_shouldKeepEveryStatus_inTransactionsThatFit() {
        // given: the largest request accepted and relayed; the relay refused events 1, 50 and 99 whole, two
        // movements of event 2 (its first and its last), and event 0 after one of its movements applied;
        // event 98 has one movement applied, the others wait in the queue
        List<OutboxEvent> events = largestRequest();
        assertThat(store.recordReceipts(events, "f".repeat(36))).isEmpty();
        assertThat(relayed()).hasSize(100);
        String source = events.getFirst().receipt().sourceId();
        List<String> ids = events.stream().map(e -> e.receipt().eventId()).toList();
        store.apply(events.getFirst().movements().getFirst());
        store.apply(events.get(98).movements().getFirst());
        for (int refused : List.of(0, 1, 50, 99)) {
            assertThat(store.recordRelayRefusal(source, ids.get(refused), "REFUSED_BY_QUEUE")).isTrue();
        }
        assertThat(store.recordRelayRefusal(source, ids.get(2), "REFUSED_BY_QUEUE", java.util.Set.of(0, 199))).isTrue();
        List<Integer> watched = List.of(0, 1, 2, 3, 49, 50, 97, 98, 99);
        Map<Integer, EventStatus> before = new java.util.HashMap<>();
        watched.forEach(i -> before.put(i, store.eventStatus(source, ids.get(i)).orElseThrow()));
        TransactionsBySize captured = new TransactionsBySize();
        InventoryStore measured = DynamoDbInventoryStore.builder().tableName(table).clock(clock)
                .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(captured)).build();

        // when: the sender retries the whole request (its answer lost), under another request token
        List<String> conflicts = measured.recordReceipts(events, "r".repeat(36));

        // then: a replay: no conflict, and no event reads otherwise than before
        assertThat(conflicts).isEmpty();
        for (int i : watched) {
            assertThat(store.eventStatus(source, ids.get(i))).as("event " + i).contains(before.get(i));
        }
        for (int refused : List.of(1, 50, 99)) {
            assertThat(before.get(refused)).satisfies(st -> {
                assertThat(st.status()).isEqualTo(EventStatus.Status.REJECTED);
                assertThat(st.reason()).isEqualTo("REFUSED_BY_QUEUE");
                assertThat(st.lines()).isEmpty();
            });
        }
        assertThat(before.get(0)).satisfies(st -> {
            assertThat(st.status()).as("one movement applied, the rest refused").isEqualTo(EventStatus.Status.APPLIED);
            assertThat(st.reason()).isEqualTo("REFUSED_BY_QUEUE");
            assertThat(st.lines()).singleElement().extracting(EventStatus.Line::outcome).isNotNull();
        });
        assertThat(before.get(2)).satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.QUEUED);
            assertThat(st.lines()).hasSize(2).allSatisfy(l -> {
                assertThat(l.outcome()).isEqualTo(Outcome.REJECTED);
                assertThat(l.reason()).isEqualTo("REFUSED_BY_QUEUE");
            });
        });
        assertThat(before.get(98).status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(before.get(98).lines()).hasSize(1);
        assertThat(before.get(3)).extracting(EventStatus::status, EventStatus::lines)
                .containsExactly(EventStatus.Status.QUEUED, List.of());
        // and: only the events without a refusal are relayed again, whole, under the retry's token
        List<HeldEvent> again = relayed();
        assertThat(again).extracting(HeldEvent::token).containsOnly("r".repeat(36));
        assertThat(again).extracting(HeldEvent::event).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 100).filter(i -> !List.of(0, 1, 2, 50, 99).contains(i))
                        .mapToObj(events::get).toList());
        // and: two transactions (all 100, then the 95 without a refusal), each within 100 items and 4 MB
        assertThat(captured.transactions).extracting(List::size).containsExactly(100, 95);
        for (var tx : captured.transactions) {
            long total = 0;
            for (var item : tx) {
                assertThat(itemSize(item)).as("one receipt with its event").isLessThan(400 * 1024);
                total += itemSize(item);
            }
            assertThat(total).as("one transaction").isLessThan(4L * 1024 * 1024);
            System.out.printf("retry with refused events: transaction of %d items, %,d bytes%n", tx.size(), total);
        }
    }

    /** Keeps the put items of each {@code TransactWriteItems} the store sends, one list per transaction. */
    private static final class TransactionsBySize implements ExecutionInterceptor {
        final List<List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>>> transactions =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest tx) {
                transactions.add(tx.transactItems().stream().map(i -> i.put().item()).toList());
            }
        }
    }

    /** DynamoDB's item size: attribute names plus values, UTF-8 for strings, about a byte per two digits for numbers. */
    private static long itemSize(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        long size = 0;
        for (var e : item.entrySet()) {
            size += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            var v = e.getValue();
            size += v.s() != null ? v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    : v.n() != null ? (v.n().length() + 1) / 2 + 1 : 1;
        }
        return size;
    }

    /** Keeps the items of every {@code TransactWriteItems} the store sends. */
    private static final class CapturedTransaction implements ExecutionInterceptor {
        final List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest tx) {
                tx.transactItems().forEach(i -> items.add(i.put().item()));
            }
        }
    }

    @Test
    void reserve_shouldIndexActiveHoldsOnly_whileActive() {
        // given
        receive(SKU, WEB, 5);
        store.reserve(io.inventorysync.testing.Events.hold("idx-1", WEB, 900, io.inventorysync.testing.Events.held(SKU, 1)));
        var key = io.inventorysync.store.internal.Items.holdKey(io.inventorysync.testing.Events.ref("idx-1"));
        assertThat(DYNAMO.getItem(r -> r.tableName(table).key(key)).item()).containsKey(InventoryTable.ACTIVE_HOLDS_PK);
        // when
        store.commit(io.inventorysync.testing.Events.ref("idx-1"));
        // then
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                DYNAMO.getItem(r -> r.tableName(table).key(key)).item();
        assertThat(item).doesNotContainKeys(InventoryTable.ACTIVE_HOLDS_PK, InventoryTable.ACTIVE_HOLDS_SK);
        long finishedAt = java.time.Instant.parse(item.get("finishedAt").s()).getEpochSecond();
        assertThat(Long.parseLong(item.get(InventoryTable.TTL_ATTRIBUTE).n()))
                .isEqualTo(finishedAt + java.time.Duration.ofDays(30).toSeconds());
        assertThat(DYNAMO.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().attributeName())
                .isEqualTo(InventoryTable.TTL_ATTRIBUTE);
    }
}
