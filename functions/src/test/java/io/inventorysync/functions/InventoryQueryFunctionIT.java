package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.http.Json;
import io.inventorysync.query.InventoryQueryService;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The read API through its handler on DynamoDB Local: levels exactly as contract v1 shows them. */
class InventoryQueryFunctionIT {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private InventoryStore store;
    private InventoryQueryFunction function;

    @BeforeEach
    void setUp() {
        var dynamo = LocalDynamoDb.client();
        store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(LocalDynamoDb.createTable(dynamo))
                .clock(new MutableClock(T0)).build();
        function = new InventoryQueryFunction(new InventoryQueryService(store), null);
    }

    @Test
    void sku_shouldListEveryLocationWithTotals() {
        // given
        store.apply(Events.one("r1", ChangeType.RECEIPT, T0, "store-12", "BLU", 5));
        store.apply(Events.one("s1", ChangeType.SALE, T0, "store-12", "BLU", 7));
        store.apply(Events.one("r2", ChangeType.RECEIPT, T0, "web-dc", "BLU", 4));
        store.reserve(Events.hold("h", "web-dc", 900, Events.held("BLU", 1)));
        // when
        JsonNode body = get("/v1/inventory/BLU", Map.of("sku", "BLU"), 200);
        // then
        assertThat(body.path("locations")).hasSize(2);
        JsonNode store12 = body.path("locations").get(0);
        assertThat(store12.path("locationId").asText()).isEqualTo("store-12");
        assertThat(store12.path("onHand").asLong()).isEqualTo(-2);
        assertThat(store12.path("available").asLong()).isZero();
        assertThat(store12.path("version").asLong()).isEqualTo(2);
        assertThat(store12.path("updatedAt").asText()).isEqualTo(T0.toString());
        assertThat(body.path("totals").path("onHand").asLong()).isEqualTo(2);
        assertThat(body.path("totals").path("reserved").asLong()).isEqualTo(1);
        assertThat(body.path("totals").path("available").asLong()).isEqualTo(3);
    }

    @Test
    void level_shouldShowOneRecord_and404WhenNeverSeen() {
        // given
        store.apply(Events.one("r1", ChangeType.RECEIPT, T0, "store-12", "BLU", 5));
        // when
        JsonNode level = get("/v1/inventory/BLU/locations/store-12", Map.of("sku", "BLU", "locationId", "store-12"), 200);
        JsonNode missingLocation = get("/v1/inventory/BLU/locations/nowhere", Map.of("sku", "BLU", "locationId", "nowhere"), 404);
        JsonNode missingSku = get("/v1/inventory/NOPE", Map.of("sku", "NOPE"), 404);
        // then
        assertThat(level.fieldNames()).toIterable().containsExactly("sku", "locationId", "onHand", "reserved",
                "available", "damaged", "inTransit", "committed", "quarantine", "version", "updatedAt");
        assertThat(missingLocation.path("code").asText()).isEqualTo("LEVEL_NOT_FOUND");
        assertThat(missingSku.path("code").asText()).isEqualTo("SKU_NOT_FOUND");
    }

    private JsonNode get(String path, Map<String, String> params, int status) {
        APIGatewayV2HTTPResponse response = function.handleRequest(IngestPipeline.request("GET", path, params, null,
                Map.of(), false), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
