package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.domain.AvailabilityPool;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.functions.Handlers;
import io.inventorysync.outbox.ChangePublisher;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbChannelAvailabilities;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.TransientFailures;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The stream consumer with channel pools against the same consumer without them, in one run, on
 * the same stream records of DynamoDB Local (batches of 100, as the event source mapping
 * delivers them), publishing to a local EventBridge endpoint. With pools, the time includes the
 * second delivery: the numbers' own stream records, which become {@code ChannelAvailabilityChanged}.
 * Reads and writes are the units DynamoDB reports ({@code ReturnConsumedCapacity=TOTAL}).
 * Run: {@code mvn -B -q -pl localstack test-compile exec:exec@bench -Dbench.main=io.inventorysync.local.ChannelAvailabilityBenchmark}.
 */
public final class ChannelAvailabilityBenchmark {
    private static final String CHANNEL = "web-storefront";
    /** Pool locations the changes fall on: web-dc and four stores. */
    private static final String[] LOCATIONS = {"web-dc", "store-1", "store-2", "store-3", "store-4"};

    private ChannelAvailabilityBenchmark() {
    }

    public static void main(String[] args) {
        int changes = Integer.getInteger("bench.events", 2_000);
        int skus = Integer.getInteger("bench.skus", 400);
        DynamoDbClient dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).build();
        AvailabilityPool pool = ChannelsConfig.load(Path.of(System.getProperty("infra.dir", "infra"))
                .resolve("channels.example.json")).channel(CHANNEL).orElseThrow().availability();
        TableStream stream = new TableStream(dynamo, LocalDynamoDb.endpoint(), table);
        Instant t0 = Instant.now().minusSeconds(60);

        DoubleAdder readUnits = new DoubleAdder();
        DoubleAdder writeUnits = new DoubleAdder();
        AtomicLong queries = new AtomicLong();
        AtomicLong puts = new AtomicLong();
        DynamoDbChannelAvailabilities numbers = new DynamoDbChannelAvailabilities(dynamo, table, TransientFailures.DEFAULT,
                (String operation, ConsumedCapacity c) -> {
                    double units = c.capacityUnits() == null ? 0 : c.capacityUnits();
                    if (operation.equals("PutItem")) {
                        puts.incrementAndGet();
                        writeUnits.add(units);
                    } else {
                        queries.incrementAndGet();
                        readUnits.add(units);
                    }
                });
        ChannelAvailabilityService availability = new ChannelAvailabilityService(Map.of(CHANNEL, pool), numbers,
                Clock.systemUTC(), Settings.CHANNEL_AVAILABILITY_READS);

        try (LocalEventBridge bus = new LocalEventBridge()) {
            var plain = Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 4, Duration.ofMillis(10)));
            var pooled = Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 4, Duration.ofMillis(10),
                    availability));
            // warm-up of both on their own SKUs
            apply(store, "warm", 300, 60, t0);
            List<DynamodbEvent.DynamodbStreamRecord> warm = stream.poll();
            publish(plain, warm);
            publish(pooled, warm);
            publish(pooled, stream.poll());
            bus.reset();
            readUnits.reset();
            writeUnits.reset();
            queries.set(0);
            puts.set(0);

            apply(store, "SKU", changes, skus, t0);
            List<DynamodbEvent.DynamodbStreamRecord> records = stream.poll();

            long start = System.nanoTime();
            publish(plain, records);
            double plainSeconds = (System.nanoTime() - start) / 1e9;
            int plainEvents = bus.accepted().size();
            int plainPuts = bus.calls();
            bus.reset();

            start = System.nanoTime();
            publish(pooled, records);
            List<DynamodbEvent.DynamodbStreamRecord> numberRecords = stream.poll();
            publish(pooled, numberRecords);
            double pooledSeconds = (System.nanoTime() - start) / 1e9;
            int pooledEvents = bus.accepted().size();
            int channelEvents = bus.accepted("ChannelAvailabilityChanged").size();
            int pooledPuts = bus.calls();
            long batches = (records.size() + 99) / 100;

            System.out.printf("%nChannel availability benchmark: %d changes to %d SKUs at 5 pool locations, from DynamoDB"
                    + " Local's stream, batches of 100, local EventBridge endpoint, JDK %s, %d cores%n", changes, skus,
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
            System.out.println("| measure | outbox without pools | outbox with the web-storefront pool |");
            System.out.println("|---|---|---|");
            System.out.printf("| changes/s through the consumer | %.0f | %.0f |%n", changes / plainSeconds, changes / pooledSeconds);
            System.out.printf("| time per change, ms | %.3f | %.3f (%.2fx) |%n", plainSeconds * 1000 / changes,
                    pooledSeconds * 1000 / changes, pooledSeconds / plainSeconds);
            System.out.printf("| queries per change | 0 | %.3f |%n", (double) queries.get() / changes);
            System.out.printf("| conditional puts per change | 0 | %.3f |%n", (double) puts.get() / changes);
            System.out.printf("| read units per change | 0 | %.3f |%n", readUnits.sum() / changes);
            System.out.printf("| write units per change | 0 | %.3f |%n", writeUnits.sum() / changes);
            System.out.printf("| stream records per change (second delivery) | 0 | %.3f |%n",
                    (double) numberRecords.size() / changes);
            System.out.printf("| events per change | %.3f | %.3f (ChannelAvailabilityChanged %.3f) |%n",
                    (double) plainEvents / changes, (double) pooledEvents / changes, (double) channelEvents / changes);
            System.out.printf("| PutEvents calls per change | %.3f | %.3f |%n", (double) plainPuts / changes,
                    (double) pooledPuts / changes);
            System.out.printf("| SKU partition queries per SKU per batch (target 1 per pool) | - | %.3f |%n",
                    queriesPerSkuBatch(records, queries.get()));
        }
        System.exit(0);
    }

    /** Queries made per (SKU, batch) that had a change at a pool location. */
    private static double queriesPerSkuBatch(List<DynamodbEvent.DynamodbStreamRecord> records, long queries) {
        long skuBatches = 0;
        for (int from = 0; from < records.size(); from += 100) {
            skuBatches += records.subList(from, Math.min(from + 100, records.size())).stream()
                    .map(r -> r.getDynamodb().getKeys().get("PK").getS()).distinct().count();
        }
        return (double) queries / skuBatches;
    }

    private static void apply(InventoryStore store, String prefix, int changes, int skus, Instant t0) {
        for (int i = 0; i < changes; i++) {
            ChangeType type = i % 4 == 3 ? ChangeType.SALE : ChangeType.RECEIPT;
            store.apply(Events.one(prefix + "-" + i, type, t0, LOCATIONS[i % LOCATIONS.length],
                    prefix + "-" + (i * 7 % skus), 1 + i % 3));
        }
    }

    private static void publish(RequestHandler<DynamodbEvent, StreamsEventResponse> publisher,
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
