package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.channels.OutboundSchemas;
import io.inventorysync.domain.AvailabilityPool;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.domain.ChannelAvailabilityRules;
import io.inventorysync.functions.Handlers;
import io.inventorysync.outbox.ChangePublisher;
import io.inventorysync.store.ChannelAvailabilities;
import io.inventorysync.store.DynamoDbChannelAvailabilities;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.ItemType;
import io.inventorysync.store.StreamImages;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-channel availability on real engines: levels changed through the store, the table's real
 * stream (DynamoDB Local) handed to the publisher as Lambda would, which computes the channels'
 * numbers; the numbers' own stream records become {@code ChannelAvailabilityChanged} on a local
 * EventBridge that routes with the channels' real patterns (event-ruler).
 */
class ChannelAvailabilityIT {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SKU = "BLU-SHIRT-M";
    private static final String STOREFRONT = "web-storefront";

    private MutableClock clock;
    private DynamoDbClient dynamo;
    private String table;
    private InventoryStore store;
    private DynamoDbChannelAvailabilities numbers;
    private ChannelAvailabilityService availability;
    private AvailabilityPool pool;
    private TableStream stream;
    private LocalEventBridge bus;
    private Map<String, List<JsonNode>> delivered;
    private com.amazonaws.services.lambda.runtime.RequestHandler<DynamodbEvent,
            com.amazonaws.services.lambda.runtime.events.StreamsEventResponse> publisher;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        dynamo = LocalDynamoDb.client();
        table = LocalDynamoDb.createTable(dynamo);
        store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build();
        numbers = new DynamoDbChannelAvailabilities(dynamo, table);
        // the example channels: web-storefront's pool is web-dc and every store, 1 held back, 3 at store-12
        ChannelsConfig channels = ChannelsConfig.load(Path.of(System.getProperty("infra.dir")).resolve("channels.example.json"));
        pool = channels.channel(STOREFRONT).orElseThrow().availability();
        availability = new ChannelAvailabilityService(Map.of(STOREFRONT, pool), numbers, clock,
                io.inventorysync.settings.Settings.CHANNEL_AVAILABILITY_READS);
        stream = new TableStream(dynamo, LocalDynamoDb.endpoint(), table);
        bus = new LocalEventBridge();
        delivered = new HashMap<>();
        Map<String, java.util.function.Consumer<String>> deliveries = new HashMap<>();
        for (var channel : channels.channels()) {
            List<JsonNode> inbox = new CopyOnWriteArrayList<>();
            delivered.put(channel.name(), inbox);
            deliveries.put(channel.name(), envelope -> inbox.add(read(envelope)));
        }
        bus.route(channels.channels(), deliveries);
        publisher = Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 4, Duration.ofMillis(1), availability));
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    @Test
    void publish_shouldSendTheChannelItsNumber_whenLevelsInItsPoolChange() {
        // given: web-dc 7, store-12 5, store-14 3 of which 1 reserved, outlet-1 40 (not in the pool)
        store.apply(Events.one("r-1", ChangeType.RECEIPT, T0, "web-dc", SKU, 7));
        store.apply(Events.one("r-2", ChangeType.RECEIPT, T0, "store-12", SKU, 5));
        store.apply(Events.one("r-3", ChangeType.RECEIPT, T0, "store-14", SKU, 3));
        store.reserve(Events.hold("chk-1", "store-14", 600, Events.held(SKU, 1)));
        store.apply(Events.one("r-4", ChangeType.RECEIPT, T0, "outlet-1", SKU, 40));

        // when: the stream reaches the publisher, then the numbers' own records do
        drain();

        // then: (7-1) + (5-3) + (2-1) = 9, one event per change of the number, only to web-storefront
        ChannelAvailability number = numbers.channelAvailability(STOREFRONT, SKU);
        assertThat(number.available()).isEqualTo(9);
        List<JsonNode> events = delivered.get(STOREFRONT).stream()
                .filter(e -> e.path("detail-type").asText().equals("ChannelAvailabilityChanged")).toList();
        assertThat(events).isNotEmpty();
        assertThat(events.getLast().path("detail").path("available").asLong()).isEqualTo(9);
        assertThat(events.getLast().path("detail").path("version").asLong()).isEqualTo(number.version());
        assertThat(events.getLast().path("detail").path("locations")).hasSize(3);
        for (String other : List.of("marketplace", "analytics")) {
            assertThat(delivered.get(other)).noneMatch(e -> e.path("detail-type").asText().equals("ChannelAvailabilityChanged"));
        }
        long previousVersion = 0;
        long previousAvailable = 0;
        for (JsonNode event : events) {
            JsonNode detail = event.path("detail");
            assertThat(OutboundSchemas.problems("ChannelAvailabilityChanged", detail.toString())).as(detail.toString()).isEmpty();
            assertThat(detail.path("version").asLong()).isEqualTo(previousVersion + 1);
            assertThat(detail.path("previous").path("version").asLong()).isEqualTo(previousVersion);
            assertThat(detail.path("previous").path("available").asLong()).isEqualTo(previousAvailable);
            assertThat(detail.path("available").asLong()).isNotEqualTo(previousAvailable);
            previousVersion = detail.path("version").asLong();
            previousAvailable = detail.path("available").asLong();
        }
    }

    @Test
    void publish_shouldStaySilent_whenAChangeDoesNotMoveTheNumber() {
        // given: web-dc 5 (4 for the channel), published
        store.apply(Events.one("r-1", ChangeType.RECEIPT, T0, "web-dc", SKU, 5));
        drain();
        int before = channelEvents();
        // when: a change outside the pool, a change behind the buffer at store-12 (2 < 3), and a damaged unit
        store.apply(Events.one("r-2", ChangeType.RECEIPT, T0, "outlet-1", SKU, 9));
        store.apply(Events.one("r-3", ChangeType.RECEIPT, T0, "store-12", SKU, 2));
        drain();
        // then
        assertThat(channelEvents()).isEqualTo(before);
        assertThat(numbers.channelAvailability(STOREFRONT, SKU).available()).isEqualTo(4);
        assertThat(numbers.channelAvailability(STOREFRONT, SKU).version()).isEqualTo(1);
    }

    @Test
    void publish_shouldSendNoMoreEventsThanDistinctNumbers_whenOneSkuTakes1000Changes() {
        // given: 1,000 changes to one SKU at pool locations, in bursts of 1 to 20 between two stream
        // deliveries, many of which leave the number where it was
        Random random = new Random(13);
        String[] locations = {"web-dc", "store-12", "store-14"};
        List<Long> truth = new ArrayList<>();
        int applied = 0;
        while (applied < 1_000) {
            int burst = Math.min(1 + random.nextInt(20), 1_000 - applied);
            for (int i = 0; i < burst; i++, applied++) {
                String location = locations[random.nextInt(locations.length)];
                ChangeType type = random.nextInt(2) == 0 ? ChangeType.SALE : ChangeType.RECEIPT;
                store.apply(Events.one("burst-" + applied, type, T0, location, SKU, 1 + random.nextInt(2)));
            }
            truth.add(ChannelAvailabilityRules.available(pool, store.levels(SKU)));
            // when: the stream is delivered, in batches of 100 as the event source mapping would
            drain();
        }

        // then: versions rise by one per event, the last number is the formula's
        List<JsonNode> events = delivered.get(STOREFRONT).stream()
                .filter(e -> e.path("detail-type").asText().equals("ChannelAvailabilityChanged")).toList();
        long expectedVersion = 1;
        for (JsonNode e : events) {
            assertThat(e.path("detail").path("version").asLong()).isEqualTo(expectedVersion++);
        }
        assertThat(events.getLast().path("detail").path("available").asLong()).isEqualTo(truth.getLast());
        // no more events than the number changed between the states the deliveries saw
        long changes = 0;
        long last = 0;
        for (long n : truth) {
            changes += n != last ? 1 : 0;
            last = n;
        }
        assertThat(events.size()).isLessThanOrEqualTo((int) changes);
        // no two consecutive events carry the same number: one event per change of the number
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).path("detail").path("available").asLong())
                    .isNotEqualTo(events.get(i - 1).path("detail").path("available").asLong());
        }
        int numberWrites = numberRecords().size();
        assertThat(events.size()).isLessThanOrEqualTo(numberWrites);
        System.out.printf("burst: 1000 changes in %d deliveries, %d number records, %d changes of the number, %d events%n",
                truth.size(), numberWrites, changes, events.size());
    }

    @Test
    void levelsChanged_shouldConvergeWithOneNumberPerVersion_whenSeveralLocationsChangeAtOnce() throws Exception {
        // given: four writers at four pool locations of one SKU, each recomputing after every change,
        // and a recompute running alongside them (a deploy's catch-up)
        String[] locations = {"web-dc", "store-12", "store-14", "store-15"};
        int perWriter = 25;
        java.util.concurrent.atomic.AtomicInteger rereads = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(locations.length + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (String location : locations) {
            futures.add(pool.submit(() -> {
                start.await();
                Random random = new Random(location.hashCode());
                for (int i = 0; i < perWriter; i++) {
                    ChangeType type = random.nextBoolean() ? ChangeType.RECEIPT : ChangeType.SALE;
                    store.apply(Events.one(location + "-" + i, type, T0, location, SKU, 1 + random.nextInt(3)));
                    // as the stream consumer does: the change's version, an eventually consistent first read
                    long version = store.level(SKU, location).orElseThrow().version();
                    rereads.addAndGet(availability.levelsChanged(SKU, Map.of(location, version)).reads() - 1);
                }
                return null;
            }));
        }
        futures.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < perWriter; i++) {
                rereads.addAndGet(Math.max(0, availability.recompute(SKU).reads() - 1));
            }
            return null;
        }));
        // when
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        // then: computations did collide (each collision costs a read again)
        assertThat(rereads.get()).as("reads again after a collision").isPositive();
        // and the stored number is the formula's over the final levels
        long formula = ChannelAvailabilityRules.available(this.pool, store.levels(SKU));
        ChannelAvailability stored = numbers.channelAvailability(STOREFRONT, SKU);
        assertThat(stored.available()).isEqualTo(formula);
        // and every write, in the stream's order: versions never go back, rise by one when the number
        // changes, and one version always carries one number
        List<ChannelAvailability> writes = numberRecords();
        Map<Long, Long> numberOfVersion = new HashMap<>();
        ChannelAvailability previous = null;
        for (ChannelAvailability write : writes) {
            Long earlier = numberOfVersion.putIfAbsent(write.version(), write.available());
            assertThat(earlier == null ? write.available() : earlier).as("version " + write.version()).isEqualTo(write.available());
            if (previous != null) {
                assertThat(write.version()).isBetween(previous.version(), previous.version() + 1);
                assertThat(write.version() == previous.version() + 1).isEqualTo(write.available() != previous.available());
                // previous is the number the version before carried
                if (write.version() == previous.version() + 1) {
                    assertThat(write.previous()).isEqualTo(new ChannelAvailability.Previous(previous.available(), previous.version()));
                } else {
                    assertThat(write.previous()).isEqualTo(previous.previous());
                }
            }
            previous = write;
        }
        assertThat(writes.getLast().available()).isEqualTo(formula);
    }

    @Test
    void levelsChanged_shouldNeverGoBackNorSkipAVersion_whenAStaleViewArrivesAfterANewerOne() {
        // given: web-dc 7 (6 for the channel, version 1), and the partition as it was then
        store.apply(Events.one("r-1", ChangeType.RECEIPT, T0, "web-dc", SKU, 7));
        availability.levelsChanged(SKU, Map.of("web-dc", 1L));
        ChannelAvailabilities.SkuPartition old = numbers.read(SKU);
        // and web-dc +3 (9, version 2)
        store.apply(Events.one("r-2", ChangeType.RECEIPT, T0, "web-dc", SKU, 3));
        availability.levelsChanged(SKU, Map.of("web-dc", 2L));
        ChannelAvailabilities.SkuPartition current = numbers.read(SKU);
        assertThat(numbers.channelAvailability(STOREFRONT, SKU).version()).isEqualTo(2);
        int recordsBefore = numberRecords().size();

        // when: the change to web-dc v2 is delivered again (a retried batch) and its eventually consistent
        // read shows the old partition (web-dc v1, the number at version 1)
        var replay = service(new StaleFirstRead(numbers, old)).levelsChanged(SKU, Map.of("web-dc", 2L));
        // and a view with today's levels but yesterday's number (the number's write not visible yet)
        var staleNumber = service(new StaleFirstRead(numbers,
                new ChannelAvailabilities.SkuPartition(SKU, current.levels(), old.channels())))
                .levelsChanged(SKU, Map.of("web-dc", 2L));

        // then: each read again consistently and found the change counted: nothing written
        assertThat(replay.reads()).isEqualTo(2);
        assertThat(replay.writes()).isZero();
        assertThat(staleNumber.reads()).isEqualTo(2);
        assertThat(staleNumber.writes()).isZero();
        assertThat(numberRecords()).hasSize(recordsBefore);
        assertThat(numbers.channelAvailability(STOREFRONT, SKU).available()).isEqualTo(9);

        // when: a new change (store-12 5, 2 for the channel) whose first view is the old partition
        store.apply(Events.one("r-3", ChangeType.RECEIPT, T0, "store-12", SKU, 5));
        var fresh = service(new StaleFirstRead(numbers, old)).levelsChanged(SKU, Map.of("store-12", 1L));

        // then: read again, counted once, the next version, previous the number before
        assertThat(fresh.reads()).isEqualTo(2);
        ChannelAvailability after = numbers.channelAvailability(STOREFRONT, SKU);
        assertThat(after.available()).isEqualTo(11);
        assertThat(after.version()).isEqualTo(3);
        assertThat(after.previous()).isEqualTo(new ChannelAvailability.Previous(9, 2));
    }

    private ChannelAvailabilityService service(ChannelAvailabilities numbers) {
        return new ChannelAvailabilityService(Map.of(STOREFRONT, pool), numbers, clock,
                io.inventorysync.settings.Settings.CHANNEL_AVAILABILITY_READS);
    }

    /** The real store, whose first eventually consistent read answers a given (stale) view: failure injection. */
    private static final class StaleFirstRead implements ChannelAvailabilities {
        private final ChannelAvailabilities real;
        private ChannelAvailabilities.SkuPartition stale;

        StaleFirstRead(ChannelAvailabilities real, ChannelAvailabilities.SkuPartition stale) {
            this.real = real;
            this.stale = stale;
        }

        @Override
        public SkuPartition read(String sku, boolean consistent) {
            if (!consistent && stale != null) {
                SkuPartition view = stale;
                stale = null;
                return view;
            }
            return real.read(sku, consistent);
        }

        @Override
        public ChannelAvailability channelAvailability(String channel, String sku) {
            return real.channelAvailability(channel, sku);
        }

        @Override
        public boolean replace(Stored stored, ChannelAvailability next) {
            return real.replace(stored, next);
        }

        @Override
        public SkuPage skus(String cursor, int pageSize) {
            return real.skus(cursor, pageSize);
        }

        @Override
        public RecomputeProgress progress(String runId) {
            return real.progress(runId);
        }

        @Override
        public void saveProgress(String runId, RecomputeProgress progress) {
            real.saveProgress(runId, progress);
        }
    }

    @Test
    void recompute_shouldBringEveryNumberInLineAndResume_whenTheBufferChangedAfterADeploy() {
        // given: 7 SKUs with numbers under the shipped pool (1 held back at web-dc)
        for (int i = 0; i < 7; i++) {
            store.apply(Events.one("r-" + i, ChangeType.RECEIPT, T0, "web-dc", "SKU-" + i, 5 + i));
            store.apply(Events.one("o-" + i, ChangeType.RECEIPT, T0, "outlet-1", "SKU-" + i, 5));
        }
        drain();
        assertThat(numbers.channelAvailability(STOREFRONT, "SKU-0").available()).isEqualTo(4);
        // and a deploy that holds back 2 at web-dc and adds the outlets
        AvailabilityPool changed = new AvailabilityPool(List.of("web-dc", "store-*", "outlet-*"), 2, Map.of("store-12", 3L));
        ChannelAvailabilityService after = new ChannelAvailabilityService(Map.of(STOREFRONT, changed), numbers, clock,
                io.inventorysync.settings.Settings.CHANNEL_AVAILABILITY_READS);
        io.inventorysync.availability.ChannelRecompute recompute =
                new io.inventorysync.availability.ChannelRecompute(after, numbers, clock);

        // when: the run stops after one page of 3 levels, then resumes
        var first = recompute.run("run-1", 3, 1, false);
        var stoppedAt = numbers.progress("run-1");
        var rest = recompute.run("run-1", 3, 100, false);
        var again = recompute.run("run-1", 3, 100, false);

        // then: the stopped run kept its cursor and resumed from it; every SKU is right; a second run does nothing
        assertThat(first.done()).isFalse();
        assertThat(stoppedAt.cursor()).isNotNull();
        assertThat(stoppedAt.skus()).isEqualTo(first.skus()).isPositive();
        assertThat(rest.done()).isTrue();
        assertThat(rest.skus()).isGreaterThanOrEqualTo(7);
        assertThat(again.alreadyDone()).isTrue();
        for (int i = 0; i < 7; i++) {
            ChannelAvailability n = numbers.channelAvailability(STOREFRONT, "SKU-" + i);
            assertThat(n.available()).as("SKU-" + i).isEqualTo((5 + i - 2) + (5 - 2));
            assertThat(n.version()).as("SKU-" + i).isEqualTo(2);
            assertThat(n.poolDigest()).isEqualTo(changed.digest());
        }
        // and the channel hears of each new number from the stream, as of any other change
        publisher = Handlers.publisher(new ChangePublisher(bus.client(), "inventory", 4, Duration.ofMillis(1), after));
        drain();
        assertThat(delivered.get(STOREFRONT).stream()
                .filter(e -> e.path("detail-type").asText().equals("ChannelAvailabilityChanged"))
                .filter(e -> e.path("detail").path("version").asLong() == 2)).hasSize(7);
    }

    /** Delivers the stream to the publisher in batches of 100 until nothing new arrives. */
    private void drain() {
        for (int round = 0; round < 20; round++) {
            List<DynamodbEvent.DynamodbStreamRecord> records = stream.poll();
            if (records.isEmpty()) {
                return;
            }
            for (int from = 0; from < records.size(); from += 100) {
                var response = publisher.handleRequest(
                        TableStream.event(records.subList(from, Math.min(from + 100, records.size()))), null);
                assertThat(response.getBatchItemFailures()).isEmpty();
            }
        }
        throw new AssertionError("the stream never went quiet");
    }

    /** Every stored version of the channel's number, in the order the stream recorded them. */
    private List<ChannelAvailability> numberRecords() {
        TableStream all = new TableStream(dynamo, LocalDynamoDb.endpoint(), table);
        List<ChannelAvailability> writes = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : all.poll()) {
            Map<String, AttributeValue> image = com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb
                    .DynamodbAttributeValueTransformer.toAttributeValueMapV2(r.getDynamodb().getNewImage());
            if (StreamImages.typeOf(image) == ItemType.CHANNEL) {
                writes.add(StreamImages.channelAvailability(image));
            }
        }
        return writes;
    }

    private int channelEvents() {
        return (int) delivered.get(STOREFRONT).stream()
                .filter(e -> e.path("detail-type").asText().equals("ChannelAvailabilityChanged")).count();
    }

    private static JsonNode read(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
