package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.domain.AvailabilityPool;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.channels.OutboundSchemas;
import io.inventorysync.http.Json;
import io.inventorysync.outbox.ChangeEvents;
import io.inventorysync.outbox.OutboundEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import io.inventorysync.query.InventoryQueryService;
import io.inventorysync.store.DynamoDbChannelAvailabilities;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/channels/{channel}/availability/{sku}} through its handler on DynamoDB Local. */
class ChannelAvailabilityRouteIT {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private DynamoDbClient dynamo;
    private String table;
    private InventoryStore store;
    private ChannelAvailabilityService channels;
    private InventoryQueryFunction function;

    @BeforeEach
    void setUp() {
        dynamo = LocalDynamoDb.client();
        table = LocalDynamoDb.createTable(dynamo);
        MutableClock clock = new MutableClock(T0);
        store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build();
        channels = new ChannelAvailabilityService(
                Map.of("web-storefront", new AvailabilityPool(List.of("web-dc", "store-*"), 1, Map.of("store-12", 3L))),
                new DynamoDbChannelAvailabilities(dynamo, table), clock, 10);
        function = new InventoryQueryFunction(new InventoryQueryService(store), channels);
    }

    @Test
    void availability_shouldAnswerTheStoredNumber_whenTheChannelHasOne() {
        // given: web-dc 7, store-12 5, outlet-1 9 (not in the pool)
        store.apply(Events.one("r1", ChangeType.RECEIPT, T0, "web-dc", "BLU", 7));
        store.apply(Events.one("r2", ChangeType.RECEIPT, T0, "store-12", "BLU", 5));
        store.apply(Events.one("r3", ChangeType.RECEIPT, T0, "outlet-1", "BLU", 9));
        channels.levelsChanged("BLU", List.of("web-dc", "store-12"));
        // when
        JsonNode body = get("web-storefront", "BLU", 200);
        // then: (7-1) + (5-3)
        assertThat(body.fieldNames()).toIterable().containsExactly("schemaVersion", "channel", "sku", "available",
                "previous", "version", "locations", "computedAt");
        assertThat(body.path("available").asLong()).isEqualTo(8);
        assertThat(body.path("version").asLong()).isEqualTo(1);
        assertThat(body.path("locations")).hasSize(2);
        assertThat(body.path("locations").get(0).path("locationId").asText()).isEqualTo("store-12");
        assertThat(body.path("locations").get(0).path("available").asLong()).isEqualTo(2);
        assertThat(body.path("computedAt").asText()).isEqualTo(T0.toString());
        assertThat(body.path("previous").toString()).isEqualTo("{\"available\":0,\"version\":0}");
    }

    @Test
    void availability_shouldAnswerTheEventsDocument_previousIncluded_andKeepPreviousWhileTheNumberStays() {
        // given: version 1 (web-dc 7 - 1 = 6), then version 2 (+ store-12 5 - 3 = 8)
        store.apply(Events.one("r1", ChangeType.RECEIPT, T0, "web-dc", "RED", 7));
        channels.levelsChanged("RED", List.of("web-dc"));
        Map<String, AttributeValue> first = item("RED");
        store.apply(Events.one("r2", ChangeType.RECEIPT, T0, "store-12", "RED", 5));
        channels.levelsChanged("RED", List.of("store-12"));
        Map<String, AttributeValue> second = item("RED");
        // when: the event the outbox makes of that write's stream images, and the route
        List<OutboundEvent> events = ChangeEvents.of(first, second);
        JsonNode body = get("web-storefront", "RED", 200);
        // then: the same document, valid against the event's schema
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.detailType()).isEqualTo("ChannelAvailabilityChanged");
            assertThat(parse(e.detail())).isEqualTo(body);
        });
        assertThat(OutboundSchemas.problems("ChannelAvailabilityChanged", body)).isEmpty();
        assertThat(body.path("available").asLong()).isEqualTo(8);
        assertThat(body.path("version").asLong()).isEqualTo(2);
        assertThat(body.path("previous").path("available").asLong()).isEqualTo(6);
        assertThat(body.path("previous").path("version").asLong()).isEqualTo(1);

        // and: a change that leaves the number where it was (store-14: 1 unit, 1 held back) keeps version and previous
        store.apply(Events.one("r3", ChangeType.RECEIPT, T0, "store-14", "RED", 1));
        channels.levelsChanged("RED", List.of("store-14"));
        JsonNode kept = get("web-storefront", "RED", 200);
        assertThat(kept.path("version").asLong()).isEqualTo(2);
        assertThat(kept.path("previous")).isEqualTo(body.path("previous"));
        assertThat(kept.path("locations")).hasSize(3);
    }

    @Test
    void availability_shouldAnswerZeroAtVersionZero_whenTheSkuWasNeverSeen() {
        // when
        JsonNode never = get("web-storefront", "NEVER-SEEN", 200);
        JsonNode odd = get("web-storefront", "has space", 200);
        // then
        assertThat(never.path("available").asLong()).isZero();
        assertThat(never.path("version").asLong()).isZero();
        assertThat(never.path("locations")).isEmpty();
        assertThat(never.has("previous")).isTrue();
        assertThat(never.path("previous").isNull()).isTrue();
        assertThat(never.path("computedAt").isNull()).isTrue();
        assertThat(odd.path("available").asLong()).isZero();
    }

    @Test
    void availability_should404_whenTheChannelIsUnknownOrHasNoPool() {
        // when
        JsonNode unknown = get("nobody", "BLU", 404);
        JsonNode noPool = get("analytics", "BLU", 404);
        // then
        assertThat(unknown.path("code").asText()).isEqualTo("CHANNEL_NOT_FOUND");
        assertThat(noPool.path("code").asText()).isEqualTo("CHANNEL_NOT_FOUND");
    }

    private Map<String, AttributeValue> item(String sku) {
        return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS("STOCK#" + sku), "SK", AttributeValue.fromS("CHAN#web-storefront")))).item();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String channel, String sku, int status) {
        APIGatewayV2HTTPResponse response = function.handleRequest(IngestPipeline.request("GET",
                "/v1/channels/" + channel + "/availability/" + sku, Map.of("channel", channel, "sku", sku), null,
                Map.of(), false), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        if (status >= 400) {
            assertThat(response.getHeaders().get("content-type")).isEqualTo("application/problem+json");
        }
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
