package io.inventorysync.store;

import io.inventorysync.domain.Source;
import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.testing.LocalDynamoDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The vendor adapters' state and a source's vendor configuration on DynamoDB Local. */
class DynamoDbVendorStateIT {
    private static final DynamoDbClient DYNAMO = LocalDynamoDb.client();
    private String table;
    private DynamoDbVendorState state;

    @BeforeEach
    void setUp() {
        table = LocalDynamoDb.createTable(DYNAMO);
        state = new DynamoDbVendorState(DYNAMO, table);
    }

    @Test
    void source_shouldKeepItsVendorConfiguration_whenRegisteredAndReadBack() {
        DynamoDbSourceRegistry registry = new DynamoDbSourceRegistry(DYNAMO, table);
        VendorConfig shopify = new VendorConfig.Shopify("acme.myshopify.com", "web-dc", Map.of("48752903", "store-12"),
                Map.of("9007199254740993", "BLU-SHIRT-M"));
        Source scoped = new Source("shop-acme", "ref", Map.of("SKU-1", "BLU-SHIRT-M"), Source.UnknownSkuPolicy.REJECT)
                .withLocations(java.util.List.of("web-dc", "store-*")).withCanReserve(true).withVendor(shopify);
        registry.register(scoped);
        registry.register(new Source("pos-1", "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH));

        assertThat(registry.source("shop-acme")).get().extracting(Source::vendor).isEqualTo(shopify);
        // the scope and the vendor member are kept side by side
        assertThat(registry.source("shop-acme")).contains(scoped);
        assertThat(registry.source("pos-1")).get().extracting(Source::vendor).isNull();
    }

    @Test
    void orderLink_shouldBeFound_andAnOrderWithoutOneNot() {
        state.linkOrder("shop-acme", "5940139491300", "chk-9f2");

        assertThat(state.holdOfOrder("shop-acme", "5940139491300")).contains("chk-9f2");
        assertThat(state.holdOfOrder("shop-acme", "1")).isEmpty();
        assertThat(state.holdOfOrder("other-source", "5940139491300")).isEmpty();
    }

    @Test
    void pullPositions_shouldBeListedAndReplaced() {
        Instant since = Instant.parse("2026-11-22T18:00:00Z");
        state.savePullPosition("square-a", new PullPositions.PullPosition(since, "CURSOR-2", since));
        state.savePullPosition("square-b", new PullPositions.PullPosition(since, null, since));
        state.savePullPosition("square-a", new PullPositions.PullPosition(since.plusSeconds(60), null, since.plusSeconds(90)));

        assertThat(state.pulledSources()).containsExactlyInAnyOrder("square-a", "square-b");
        assertThat(state.pullPosition("square-a")).contains(new PullPositions.PullPosition(since.plusSeconds(60), null, since.plusSeconds(90)));
        assertThat(state.pullPosition("square-b")).contains(new PullPositions.PullPosition(since, null, since));
    }

    @Test
    void recordPushed_shouldKeepTheHighestVersion_whenAnOlderPushArrivesLate() {
        PushedQuantities.Pushed v7 = new PushedQuantities.Pushed("shopify-web", "BLU-SHIRT-M", 6, 7, "acme.myshopify.com", "111", "222");
        PushedQuantities.Pushed v5 = new PushedQuantities.Pushed("shopify-web", "BLU-SHIRT-M", 9, 5, "acme.myshopify.com", "111", "222");
        state.recordPushed(v7);
        state.recordPushed(v5);

        assertThat(state.lastPushed("shopify-web", "BLU-SHIRT-M")).contains(v7);
        assertThat(state.lastPushedTo("acme.myshopify.com", "111", "222")).contains(v7);
        assertThat(state.lastPushed("shopify-web", "OTHER")).isEmpty();
    }
}
