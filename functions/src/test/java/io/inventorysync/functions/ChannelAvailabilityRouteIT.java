package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.domain.AvailabilityPool;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.http.Json;
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
    private InventoryStore store;
    private ChannelAvailabilityService channels;
    private InventoryQueryFunction function;

    @BeforeEach
    void setUp() {
        var dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
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
                "version", "locations", "computedAt");
        assertThat(body.path("available").asLong()).isEqualTo(8);
        assertThat(body.path("version").asLong()).isEqualTo(1);
        assertThat(body.path("locations")).hasSize(2);
        assertThat(body.path("locations").get(0).path("locationId").asText()).isEqualTo("store-12");
        assertThat(body.path("locations").get(0).path("available").asLong()).isEqualTo(2);
        assertThat(body.path("computedAt").asText()).isEqualTo(T0.toString());
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
