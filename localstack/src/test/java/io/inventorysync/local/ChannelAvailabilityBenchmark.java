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
 * Run: with {@code java} on the reactor's class path, as the README's Benchmark section shows (no {@code mvn install}).
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
        // The baseline design reads every time consistently; the deployed one starts with an
        // eventually consistent read (the stream says which level versions it must show). Two
        // channels of the same pool, so each keeps its own numbers on the same levels.
        ChannelAvailabilityService strong = new ChannelAvailabilityService(Map.of(CHANNEL, pool), numbers,
                Clock.systemUTC(), Settings.CHANNEL_AVAILABILITY_READS, false);
        ChannelAvailabilityService eventual = new ChannelAvailabilityService(Map.of(CHANNEL + "-b", pool), numbers,
                Clock.systemUTC(), Settings.CHANNEL_AVAILABILITY_READS, true);

        try (LocalEventBridge bus = new LocalEventBridge()) {
            var plain = Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 4, Duration.ofMillis(10)));
            var pooledStrong = Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 4, Duration.ofMillis(10),
                    strong));
            var pooledEventual = Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 4, Duration.ofMillis(10),
                    eventual));
            // warm-up of all three on their own SKUs
            apply(store, "warm", 300, 60, t0);
            List<DynamodbEvent.DynamodbStreamRecord> warm = stream.poll();
            publish(plain, warm);
            publish(pooledStrong, warm);
            publish(pooledStrong, stream.poll());
            publish(pooledEventual, warm);
            publish(pooledEventual, stream.poll());

            apply(store, "SKU", changes, skus, t0);
            List<DynamodbEvent.DynamodbStreamRecord> records = stream.poll();

            bus.reset();
            long start = System.nanoTime();
            publish(plain, records);
            double plainSeconds = (System.nanoTime() - start) / 1e9;
            Run plainRun = new Run(plainSeconds, bus.accepted().size(), 0, bus.calls(), 0, 0, 0, 0, 0);

            Run strongRun = pooled(pooledStrong, records, stream, bus, readUnits, writeUnits, queries, puts);
            Run eventualRun = pooled(pooledEventual, records, stream, bus, readUnits, writeUnits, queries, puts);
            long skuBatches = skuBatches(records);

            System.out.printf("%nChannel availability benchmark: %d changes to %d SKUs at 5 pool locations, from DynamoDB"
                    + " Local's stream, batches of 100, local EventBridge endpoint, JDK %s, %d cores%n", changes, skus,
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
            System.out.println("| measure | outbox without pools | with the pool: consistent reads (before) "
                    + "| with the pool: eventually consistent first read (now) |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| changes/s through the consumer | %.0f | %.0f | %.0f |%n", changes / plainSeconds,
                    changes / strongRun.seconds(), changes / eventualRun.seconds());
            System.out.printf("| time per change, ms | %.3f | %.3f (%.2fx) | %.3f (%.2fx) |%n", plainSeconds * 1000 / changes,
                    strongRun.seconds() * 1000 / changes, strongRun.seconds() / plainSeconds,
                    eventualRun.seconds() * 1000 / changes, eventualRun.seconds() / plainSeconds);
            row("queries per change", changes, Run::queries, plainRun, strongRun, eventualRun);
            row("conditional puts per change", changes, Run::puts, plainRun, strongRun, eventualRun);
            rowD("read units per change", changes, Run::readUnits, plainRun, strongRun, eventualRun);
            rowD("write units per change", changes, Run::writeUnits, plainRun, strongRun, eventualRun);
            row("stream records per change (second delivery)", changes, Run::numberRecords, plainRun, strongRun, eventualRun);
            row("events per change", changes, Run::events, plainRun, strongRun, eventualRun);
            row("ChannelAvailabilityChanged per change", changes, Run::channelEvents, plainRun, strongRun, eventualRun);
            row("PutEvents calls per change", changes, Run::calls, plainRun, strongRun, eventualRun);
            System.out.printf("| SKU partition queries per SKU per batch (target 1 per pool) | - | %.3f | %.3f |%n",
                    (double) strongRun.queries() / skuBatches, (double) eventualRun.queries() / skuBatches);
            // Money per million changes at us-east-1 list prices: PutEvents $1.00 per million entries,
            // on-demand $0.125 per million read units and $0.625 per million write units, Lambda arm
            // $0.0000133334 per GB-s at 1 GB (stream reads by Lambda are free).
            System.out.printf("| $ per million changes (PutEvents, reads, writes, Lambda 1 GB) | %.3f | %.3f (%.2fx) | %.3f (%.2fx) |%n",
                    plainRun.dollars(changes), strongRun.dollars(changes), strongRun.dollars(changes) / plainRun.dollars(changes),
                    eventualRun.dollars(changes), eventualRun.dollars(changes) / plainRun.dollars(changes));
            System.out.printf("| of which ChannelAvailabilityChanged entries, $ | - | %.3f | %.3f |%n",
                    strongRun.channelEvents() * 1e6 / changes / 1e6, eventualRun.channelEvents() * 1e6 / changes / 1e6);
        }
        System.exit(0);
    }

    /** What one consumer did with the same records: time, events, calls, DynamoDB operations and units. */
    private record Run(double seconds, long events, long channelEvents, long calls, long queries, long puts,
                       double readUnits, double writeUnits, long numberRecords) {
        /** Per million changes: PutEvents entries, read and write units, Lambda time at 1 GB. */
        double dollars(int changes) {
            double perChange = events * 1.00 + readUnits * 0.125 + writeUnits * 0.625
                    + seconds * 1e6 * 0.0000133334;
            return perChange / changes;
        }
    }

    /** The pooled consumer on {@code records}, then on the numbers' own stream records (the second delivery). */
    private static Run pooled(RequestHandler<DynamodbEvent, StreamsEventResponse> publisher,
                              List<DynamodbEvent.DynamodbStreamRecord> records, TableStream stream, LocalEventBridge bus,
                              DoubleAdder readUnits, DoubleAdder writeUnits, AtomicLong queries, AtomicLong puts) {
        bus.reset();
        readUnits.reset();
        writeUnits.reset();
        queries.set(0);
        puts.set(0);
        long start = System.nanoTime();
        publish(publisher, records);
        List<DynamodbEvent.DynamodbStreamRecord> numberRecords = stream.poll();
        publish(publisher, numberRecords);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(seconds, bus.accepted().size(), bus.accepted("ChannelAvailabilityChanged").size(), bus.calls(),
                queries.get(), puts.get(), readUnits.sum(), writeUnits.sum(), numberRecords.size());
    }

    private static void row(String name, int changes, java.util.function.ToLongFunction<Run> measure, Run... runs) {
        StringBuilder line = new StringBuilder("| " + name);
        for (Run run : runs) {
            line.append(String.format(" | %.3f", (double) measure.applyAsLong(run) / changes));
        }
        System.out.println(line.append(" |"));
    }

    private static void rowD(String name, int changes, java.util.function.ToDoubleFunction<Run> measure, Run... runs) {
        StringBuilder line = new StringBuilder("| " + name);
        for (Run run : runs) {
            line.append(String.format(" | %.3f", measure.applyAsDouble(run) / changes));
        }
        System.out.println(line.append(" |"));
    }

    /** The (SKU, batch) pairs of the records: what one query per SKU per batch would read. */
    private static long skuBatches(List<DynamodbEvent.DynamodbStreamRecord> records) {
        long skuBatches = 0;
        for (int from = 0; from < records.size(); from += 100) {
            skuBatches += records.subList(from, Math.min(from + 100, records.size())).stream()
                    .map(r -> r.getDynamodb().getKeys().get("PK").getS()).distinct().count();
        }
        return skuBatches;
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
