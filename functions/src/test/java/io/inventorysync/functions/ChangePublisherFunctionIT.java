package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.inventorysync.channels.ChannelPools;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import io.inventorysync.testing.TableStreamRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link ChangePublisherFunction#publisher}, the one wiring of the publisher (the container's, the
 * local cloud's and the cost benchmark's), against the function built from the same settings:
 * DynamoDB Local's real stream records handed over as Lambda does, the events put on a loopback
 * endpoint that speaks EventBridge's protocol and keeps every entry.
 */
class ChangePublisherFunctionIT {
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two pools as a channels file declares them: one over the DC and every store, one over store-1 alone. */
    private static final String CHANNELS = """
            {"channels": [
              {"name": "web", "detailTypes": ["InventoryLevelChanged"],
               "availability": {"locations": ["web-dc", "store-*"], "safetyStock": 1}, "target": {"kind": "SQS"}},
              {"name": "market", "detailTypes": ["InventoryLevelChanged"],
               "availability": {"locations": ["store-1"], "safetyStock": 0}, "target": {"kind": "SQS"}},
              {"name": "analytics", "detailTypes": ["InventoryLevelChanged", "StockWentNegative"], "target": {"kind": "SQS"}}
            ]}""";

    private final List<JsonNode> entries = Collections.synchronizedList(new ArrayList<>());
    private HttpServer bus;
    private final DynamoDbClient dynamo = LocalDynamoDb.client();
    private final MutableClock clock = new MutableClock(T0);

    @BeforeEach
    void startBus() throws IOException {
        bus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bus.createContext("/", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            StringBuilder answer = new StringBuilder("{\"FailedEntryCount\":0,\"Entries\":[");
            int n = 0;
            if ("AWSEvents.PutEvents".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                for (JsonNode entry : request.path("Entries")) {
                    entries.add(entry);
                    answer.append(n++ == 0 ? "" : ",").append("{\"EventId\":\"e-").append(entries.size()).append("\"}");
                }
            }
            byte[] body = answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bus.start();
    }

    @AfterEach
    void stopBus() {
        bus.stop(0);
    }

    @Test
    void factory_shouldBuildWhatTheFunctionBuilds_fromTheSameSettings_samePoolsSameBus() throws IOException {
        // given: two tables, the same settings but for the table's name; the function builds its own clients from them
        String pools = ChannelPools.toJson(ChannelsConfig.load(new ByteArrayInputStream(CHANNELS.getBytes(StandardCharsets.UTF_8))));
        String functionTable = LocalDynamoDb.createTable(dynamo);
        String factoryTable = LocalDynamoDb.createTable(dynamo);
        RequestHandler<DynamodbEvent, StreamsEventResponse> function = new ChangePublisherFunction(Environment.of(settings(functionTable, pools)));
        AtomicInteger dynamoAsked = new AtomicInteger();
        RequestHandler<DynamodbEvent, StreamsEventResponse> factory = new ChangePublisherFunction(ChangePublisherFunction.publisher(
                Environment.of(settings(factoryTable, pools)), () -> {
                    dynamoAsked.incrementAndGet();
                    return LocalDynamoDb.client();
                }, eventBridge()));

        // when: the same receipts on each table, their stream records handed over, then the numbers' own records
        List<List<Object>> byFunction = run(function, functionTable);
        List<List<Object>> byFactory = run(factory, factoryTable);

        // then: what the settings say, for both: every level on the named bus; each pool's number over its
        // own locations less its safety stock (web: 5 + 3 - 1 - 1; market: store-1 only), to its own channel
        List<List<Object>> expected = List.of(
                List.of("bus-7", "InventoryLevelChanged", "", "store-1", "BLU", 5L),
                List.of("bus-7", "InventoryLevelChanged", "", "store-2", "BLU", 3L),
                List.of("bus-7", "ChannelAvailabilityChanged", "market", "", "BLU", 5L),
                List.of("bus-7", "ChannelAvailabilityChanged", "web", "", "BLU", 6L));
        assertThat(byFunction).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(byFactory).containsExactlyInAnyOrderElementsOf(byFunction);
        assertThat(dynamoAsked).hasValue(1);
    }

    @Test
    void factory_withoutPools_shouldPublishTheLevels_andNeverAskForTheTable() {
        // given: the settings of a deploy whose channels declare no pool (CHANNEL_POOLS as the CDK app writes it: {}), no table named
        String pools = ChannelPools.toJson(ChannelsConfig.load(new ByteArrayInputStream(
                "{\"channels\":[{\"name\":\"analytics\",\"detailTypes\":[\"InventoryLevelChanged\"],\"target\":{\"kind\":\"SQS\"}}]}"
                        .getBytes(StandardCharsets.UTF_8))));
        Map<String, String> settings = new LinkedHashMap<>(settings("unused", pools));
        settings.remove(Settings.TABLE_NAME);
        AtomicInteger dynamoAsked = new AtomicInteger();
        String table = LocalDynamoDb.createTable(dynamo);
        RequestHandler<DynamodbEvent, StreamsEventResponse> factory = new ChangePublisherFunction(ChangePublisherFunction.publisher(
                Environment.of(settings), () -> {
                    dynamoAsked.incrementAndGet();
                    throw new AssertionError("a publisher without pools asked for the DynamoDB client");
                }, eventBridge()));

        // when
        List<List<Object>> published = run(factory, table);

        // then: the levels, no channel number; the table neither read nor written by the publisher
        assertThat(pools).isEqualTo("{}");
        assertThat(published).containsExactlyInAnyOrder(
                List.of("bus-7", "InventoryLevelChanged", "", "store-1", "BLU", 5L),
                List.of("bus-7", "InventoryLevelChanged", "", "store-2", "BLU", 3L));
        assertThat(dynamoAsked).hasValue(0);
    }

    /**
     * Receipts of BLU at store-1 (5) and store-2 (3), through the store; the stream's records handed to the handler until no new record comes (the numbers' own
     * records in a later batch, as on AWS). The entries put on the bus meanwhile, as (bus, detail
     * type, channel, location, sku, available).
     */
    private List<List<Object>> run(RequestHandler<DynamodbEvent, StreamsEventResponse> handler, String table) {
        entries.clear();
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build();
        TableStreamRecords stream = new TableStreamRecords(dynamo, table);
        store.apply(Events.one("r-1", ChangeType.RECEIPT, T0, "store-1", "BLU", 5));
        store.apply(Events.one("r-2", ChangeType.RECEIPT, T0, "store-2", "BLU", 3));
        for (int batch = 0; batch < 5; batch++) {
            List<TableStreamRecords.Change> changes = stream.poll();
            if (changes.isEmpty()) {
                break;
            }
            assertThat(handler.handleRequest(event(changes), null).getBatchItemFailures()).isEmpty();
        }
        assertThat(stream.poll()).isEmpty();
        List<List<Object>> published = new ArrayList<>();
        synchronized (entries) {
            for (JsonNode entry : entries) {
                JsonNode detail = read(entry.path("Detail").asText());
                published.add(List.of(entry.path("EventBusName").asText(), entry.path("DetailType").asText(),
                        detail.path("channel").asText(), detail.path("locationId").asText(), detail.path("sku").asText(),
                        detail.path("available").asLong()));
            }
        }
        return published;
    }

    private Map<String, String> settings(String table, String pools) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(Settings.TABLE_NAME, table);
        env.put(Settings.EVENT_BUS_NAME, "bus-7");
        env.put(Settings.CHANNEL_POOLS, pools);
        env.put(Environment.AWS_REGION, "us-east-1");
        env.put(Environment.AWS_ACCESS_KEY_ID, "local");
        env.put(Environment.AWS_SECRET_ACCESS_KEY, "local");
        env.put(Environment.AWS_ENDPOINT_URL_DYNAMODB, LocalDynamoDb.endpoint().toString());
        env.put(Environment.AWS_ENDPOINT_URL_EVENTBRIDGE, busEndpoint().toString());
        return env;
    }

    private URI busEndpoint() {
        return URI.create("http://127.0.0.1:" + bus.getAddress().getPort());
    }

    private EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().endpointOverride(busEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stream's records as Lambda's event source mapping delivers them to the handler. */
    private static DynamodbEvent event(List<TableStreamRecords.Change> changes) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (TableStreamRecords.Change change : changes) {
            StreamRecord record = new StreamRecord();
            record.setSequenceNumber(change.sequenceNumber());
            if (!change.oldImage().isEmpty()) {
                record.setOldImage(image(change.oldImage()));
            }
            if (!change.newImage().isEmpty()) {
                record.setNewImage(image(change.newImage()));
            }
            DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
            r.setEventName(change.eventName());
            r.setDynamodb(record);
            records.add(r);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        item.forEach((name, value) -> image.put(name, value(value)));
        return image;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var a = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            a.setS(v.s());
        } else if (v.n() != null) {
            a.setN(v.n());
        } else if (v.bool() != null) {
            a.setBOOL(v.bool());
        } else if (v.nul() != null) {
            a.setNULL(v.nul());
        } else if (v.hasM()) {
            a.setM(image(v.m()));
        } else if (v.hasL()) {
            a.setL(v.l().stream().map(ChangePublisherFunctionIT::value).toList());
        } else if (v.hasSs()) {
            a.setSS(v.ss());
        } else if (v.hasNs()) {
            a.setNS(v.ns());
        } else {
            throw new IllegalArgumentException("an attribute type the table does not use: " + v);
        }
        return a;
    }
}
