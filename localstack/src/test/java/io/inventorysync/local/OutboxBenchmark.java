package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.functions.Handlers;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import io.inventorysync.outbox.ChangeEvents;
import io.inventorysync.outbox.ChangePublisher;
import io.inventorysync.outbox.OutboundEvent;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outbox relay under load: stream records of N changes (from DynamoDB Local's real stream),
 * delivered in batches of 100 as the event source mapping does, published to a local EventBridge
 * endpoint. Compared in the same run with a baseline that puts the same events one per call.
 * Run: with {@code java} on the reactor's class path, as the README's Benchmark section shows (no {@code mvn install}).
 */
public final class OutboxBenchmark {
    private OutboxBenchmark() {
    }

    public static void main(String[] args) {
        int changes = Integer.getInteger("bench.events", 2_000);
        DynamoDbClient dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).build();
        Instant t0 = Instant.now().minusSeconds(60);
        for (int i = 0; i < changes; i++) {
            store.apply(Events.one("chg-" + i, ChangeType.RECEIPT, t0, "store-" + (i % 5), "SKU-" + i, 1 + i % 3));
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = new TableStream(dynamo, LocalDynamoDb.endpoint(), table).poll();

        try (LocalEventBridge bus = new LocalEventBridge()) {
            EventBridgeClient client = bus.client();
            var publisher = Handlers.publisher(new ChangePublisher(client, "inventory", 4, Duration.ofMillis(10)));
            publish(publisher, records.subList(0, Math.min(200, records.size())));
            bus.reset();

            long start = System.nanoTime();
            publish(publisher, records);
            double batchedSeconds = (System.nanoTime() - start) / 1e9;
            int batchedCalls = bus.calls();
            int published = bus.accepted().size();

            bus.reset();
            List<OutboundEvent> events = eventsOf(records);
            start = System.nanoTime();
            for (OutboundEvent e : events) {
                client.putEvents(r -> r.entries(b -> b.source(OutboundEvent.SOURCE).detailType(e.detailType())
                        .detail(e.detail()).time(e.time()).eventBusName("inventory")));
            }
            double naiveSeconds = (System.nanoTime() - start) / 1e9;

            System.out.printf("%nOutbox benchmark: %d changes from DynamoDB Local's stream, batches of 100, local "
                    + "EventBridge endpoint, JDK %s, %d cores%n", changes, Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| measure | value |");
            System.out.println("|---|---|");
            System.out.printf("| events published | %d |%n", published);
            System.out.printf("| ChangePublisher, changes/s | %.0f |%n", changes / batchedSeconds);
            System.out.printf("| ChangePublisher, PutEvents calls per change (target <= 0.1) | %.3f |%n",
                    (double) batchedCalls / changes);
            System.out.printf("| baseline one event per call, changes/s | %.0f |%n", events.size() / naiveSeconds);
            System.out.printf("| speed-up over the baseline | %.1fx |%n", (changes / batchedSeconds) / (events.size() / naiveSeconds));
        }
        System.exit(0);
    }

    /** The events the publisher makes of these records, for the baseline to send itself. */
    private static List<OutboundEvent> eventsOf(List<DynamodbEvent.DynamodbStreamRecord> records) {
        List<OutboundEvent> events = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : records) {
            events.addAll(ChangeEvents.of(
                    r.getDynamodb().getOldImage() == null ? Map.of()
                            : DynamodbAttributeValueTransformer.toAttributeValueMapV2(r.getDynamodb().getOldImage()),
                    DynamodbAttributeValueTransformer.toAttributeValueMapV2(r.getDynamodb().getNewImage())));
        }
        return events;
    }

    private static void publish(com.amazonaws.services.lambda.runtime.RequestHandler<DynamodbEvent,
            com.amazonaws.services.lambda.runtime.events.StreamsEventResponse> publisher,
                                List<DynamodbEvent.DynamodbStreamRecord> records) {
        for (int from = 0; from < records.size(); from += 100) {
            var response = publisher.handleRequest(TableStream.event(records.subList(from,
                    Math.min(from + 100, records.size()))), null);
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("benchmark batch had failures");
            }
        }
    }
}
