package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.OutboxEvent;
import io.inventorysync.store.StreamImages;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local cloud applies the ingest relay's filter as the stack deploys it: the one pattern
 * ({@link StreamImages#HELD_RECEIPT_FILTER}) matched by event-ruler against DynamoDB Local's real
 * stream records, so the relay locally receives what it would on AWS and nothing else.
 */
class IngestRelayFilterIT {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theRelaysStream_shouldDeliverReceiptsHoldingAnEvent_andNothingElse() {
        // given: a stock level, a held receipt and its retry, a refused vendor event's receipt (nothing held)
        DynamoDbClient dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table)
                .clock(new MutableClock(T0)).build();
        TableStream relayStream = new TableStream(dynamo, LocalDynamoDb.endpoint(), table, StreamImages.HELD_RECEIPT_FILTER);
        store.apply(Events.one("r-1", ChangeType.RECEIPT, T0, "store-12", "BLU-SHIRT-M", 5));
        InventoryEvent sale = new InventoryEvent("e-1", ChangeType.SALE, T0, "store-12", List.of(new EventLine("BLU-SHIRT-M", 1)),
                null, null, null, null, null, null);
        OutboxEvent held = new OutboxEvent(new EventReceipt("pos-acme", "e-1", "fp", 1, T0), sale);
        store.recordReceipts(List.of(held), "first");
        store.recordReceipts(List.of(held), "retry");
        store.recordUnqueuedReceipts(List.of(new EventReceipt("pos-acme", "v-1", "rejected:OUT_OF_SCOPE", 1, T0)));

        // when
        List<DynamodbEvent.DynamodbStreamRecord> records = relayStream.poll();

        // then: the receipt's two writes (INSERT, then the retry's MODIFY), each holding the event
        assertThat(records).extracting(DynamodbEvent.DynamodbStreamRecord::getEventName).containsExactly("INSERT", "MODIFY");
        assertThat(records).allSatisfy(r -> assertThat(r.getDynamodb().getNewImage().get("eventId").getS()).isEqualTo("e-1"));
        assertThat(records).extracting(r -> r.getDynamodb().getNewImage().get(StreamImages.HOLD_TOKEN_ATTRIBUTE).getS())
                .containsExactly("first", "retry");
        // and the publisher's stream, from the same table, sees the stock level and no receipt
        assertThat(new TableStream(dynamo, LocalDynamoDb.endpoint(), table).poll())
                .extracting(r -> r.getDynamodb().getNewImage().get("itemType").getS()).containsOnly("STOCK");
    }

    @Test
    void aBatchResponseNamingARecordNotInTheBatch_shouldFailTheWholeBatch_andDeliverItAgain() throws Exception {
        // given: a held receipt on the real stream; a relay that first answers an identifier not in its batch
        DynamoDbClient dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table)
                .clock(new MutableClock(T0)).build();
        InventoryEvent sale = new InventoryEvent("e-2", ChangeType.SALE, T0, "store-12", List.of(new EventLine("BLU-SHIRT-M", 1)),
                null, null, null, null, null, null);
        store.recordReceipts(List.of(new OutboxEvent(new EventReceipt("pos-acme", "e-2", "fp", 1, T0), sale)), "first");
        List<List<String>> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch twice = new java.util.concurrent.CountDownLatch(2);
        com.amazonaws.services.lambda.runtime.RequestHandler<DynamodbEvent,
                com.amazonaws.services.lambda.runtime.events.StreamsEventResponse> relay = (event, context) -> {
            deliveries.add(event.getRecords().stream().map(r -> r.getDynamodb().getSequenceNumber()).toList());
            twice.countDown();
            return com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.builder()
                    .withBatchItemFailures(deliveries.size() == 1 ? List.of(com.amazonaws.services.lambda.runtime.events
                            .StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier("not-in-the-batch").build())
                            : List.of()).build();
        };

        // when
        try (EventSourcePollers pollers = new EventSourcePollers()) {
            pollers.pollStream(new TableStream(dynamo, LocalDynamoDb.endpoint(), table, StreamImages.HELD_RECEIPT_FILTER),
                    relay, 100, Integer.MAX_VALUE);
            // then: the same record delivered again (as Lambda: a complete failure), not taken as done
            assertThat(twice.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("delivered again").isTrue();
        }
        assertThat(deliveries.get(1)).isEqualTo(deliveries.get(0)).hasSize(1);
    }
}
