package io.inventorysync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.auth.VendorSignature;
import io.inventorysync.channels.OutboundSchemas;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.Validated;
import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.http.Json;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.outbox.ChangeEvents;
import io.inventorysync.outbox.OutboundEvent;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbVendorState;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.store.ItemType;
import io.inventorysync.store.PushedQuantities;
import io.inventorysync.store.StreamImages;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.RecordingMovementQueue;
import io.inventorysync.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo rule on DynamoDB Local, read from the table's real stream as the outbox reads it: a shop's
 * {@code inventory_levels/update} equal to the last push, or within the source's {@code driftThreshold},
 * publishes nothing; beyond it exactly one {@code DriftDetected} ({@code CHANNEL_AVAILABLE}), and a
 * byte-identical retry of the delivery none more.
 */
class VendorDriftIT {
    private static final DynamoDbClient DYNAMO = LocalDynamoDb.client();
    private static final String SHOP = "shop-acme";
    private static final String SECRET = "shpss_4f1c0ffee";
    private static final Path SHOPIFY_SAMPLES = Samples.eventsDir().resolve("vendors/shopify");
    /** The level sample: item 9007199254740995 at location 48752904 shows {@code available: 6}. */
    private static final String LEVEL = "inventory_levels-update/level.json";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private final Telemetry telemetry = Telemetry.start("Test");
    private final InMemorySourceRegistry sources = new InMemorySourceRegistry();
    private DynamoDbVendorState vendorState;
    private VendorAdapters adapters;
    private StreamReader stream;

    @BeforeEach
    void setUp() throws IOException {
        String table = LocalDynamoDb.createTable(DYNAMO);
        DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(DYNAMO).tableName(table)
                .clock(clock).build();
        vendorState = new DynamoDbVendorState(DYNAMO, table);
        IngestService ingest = new IngestService(sources, s -> List.of(SECRET), store, clock);
        adapters = new VendorAdapters(sources, s -> List.of(SECRET), ingest, store, vendorState,
                (SquareChanges) (account, since, cursor) -> Map.of(), new PublishedDriftReports(vendorState, clock), clock);
        source(2);
        stream = new StreamReader(table);
    }

    /** The Shopify source of the samples, whose {@code driftThreshold} is {@code threshold}. */
    private void source(long threshold) throws IOException {
        Map<?, ?> sample = Json.MAPPER.readValue(SHOPIFY_SAMPLES.resolve("source.json").toFile(), Map.class);
        VendorConfig shop = ((Validated.Valid<VendorConfig>) VendorConfig.parse(sample.get("vendor"), "vendor")).value();
        sources.register(new Source(SHOP, "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH, List.of("*"),
                java.util.EnumSet.allOf(io.inventorysync.domain.ChangeType.class), false, threshold).withVendor(shop));
    }

    @Test
    void echoOfTheLastPush_shouldPublishNothing() throws IOException {
        pushed(6);

        assertThat(level(sample())).containsExactly("ECHO");
        assertThat(stream.published()).isEmpty();
    }

    @Test
    void differenceWithinTheSourcesThreshold_shouldPublishNothing() throws IOException {
        pushed(4); // the shop shows 6: 2 off, the source tolerates 2

        assertThat(level(sample())).containsExactly("WITHIN_THRESHOLD");
        assertThat(stream.published()).isEmpty();
    }

    @Test
    void differenceBeyondTheThreshold_shouldPublishOneDriftDetected_andARetryNoneMore() throws IOException {
        pushed(3); // the shop shows 6: 3 off, beyond the source's 2
        byte[] delivery = sample();

        assertThat(level(delivery)).containsExactly("DRIFT");
        assertThat(level(delivery)).containsExactly("DRIFT"); // Shopify retries the identical delivery

        List<OutboundEvent> published = stream.published();
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.detailType()).isEqualTo(ChangeEvents.DRIFT_DETECTED);
            assertThat(OutboundSchemas.problems(ChangeEvents.DRIFT_DETECTED, e.detail())).isEmpty();
            JsonNode detail = Json.MAPPER.readTree(e.detail());
            assertThat(detail.path("measure").asText()).isEqualTo("CHANNEL_AVAILABLE");
            assertThat(detail.path("sku").asText()).isEqualTo("BLU-SHIRT-M");
            assertThat(detail.path("channel").asText()).isEqualTo("shopify-web");
            assertThat(detail.path("locationId").asText()).isEqualTo("channel:shopify-web");
            assertThat(detail.path("reportedBy").asText()).isEqualTo(SHOP);
            assertThat(detail.path("reported").asLong()).isEqualTo(6);
            assertThat(detail.path("master").path("available").asLong()).isEqualTo(3);
            assertThat(detail.path("master").path("version").asLong()).isEqualTo(7);
            assertThat(detail.path("difference").asLong()).isEqualTo(3);
            assertThat(detail.path("threshold").asLong()).isEqualTo(2);
            assertThat(detail.path("corrected").asBoolean()).isFalse();
        });
    }

    @Test
    void aLaterLevelUpdate_shouldBeANewObservation_soItPublishesAgain() throws IOException {
        pushed(3);
        byte[] first = sample();
        byte[] later = new String(first, StandardCharsets.UTF_8)
                .replace("\"updated_at\": \"2026-11-22T10:16:00-05:00\"", "\"updated_at\": \"2026-11-22T10:17:00-05:00\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(later).isNotEqualTo(first);

        level(first);
        level(later);

        assertThat(stream.published()).hasSize(2);
    }

    private void pushed(long quantity) {
        vendorState.recordPushed(new PushedQuantities.Pushed("shopify-web", "BLU-SHIRT-M", quantity, 7,
                "acme-outfitters.myshopify.com", "9007199254740995", "48752904"));
    }

    private static byte[] sample() throws IOException {
        return Files.readAllBytes(SHOPIFY_SAMPLES.resolve(LEVEL));
    }

    private List<String> level(byte[] body) {
        AdapterResult result = adapters.shopify(new VendorAdapters.Request(SHOP, Map.of(
                VendorAdapters.SHOPIFY_TOPIC, "inventory_levels/update",
                VendorAdapters.SHOPIFY_SIGNATURE, VendorSignature.sign(SECRET, body)), body), telemetry);
        assertThat(result).isInstanceOf(AdapterResult.Handled.class);
        return ((AdapterResult.Handled) result).outcomes().stream().map(AdapterResult.Outcome::status).toList();
    }

    /**
     * The table's stream as the outbox reads it: every record since the table was made whose new image
     * is of a published item type (the stack's filter), turned into events by {@link ChangeEvents}.
     */
    private static final class StreamReader {
        private final DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(LocalDynamoDb.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        private final String streamArn;

        StreamReader(String table) {
            streamArn = DYNAMO.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        }

        List<OutboundEvent> published() {
            List<OutboundEvent> events = new ArrayList<>();
            for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String at = iterator;
                    var page = streams.getRecords(r -> r.shardIterator(at).limit(1000));
                    for (Record r : page.records()) {
                        ItemType type = r.dynamodb().hasNewImage() ? StreamImages.typeOf(r.dynamodb().newImage()) : null;
                        if (type != null && type.isPublished()) {
                            events.addAll(ChangeEvents.of(r.dynamodb().hasOldImage() ? r.dynamodb().oldImage() : Map.of(),
                                    r.dynamodb().newImage()));
                        }
                    }
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
            return events;
        }
    }
}
