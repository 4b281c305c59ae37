package io.inventorysync.store;

import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract against DynamoDB Local, plus what only the real table can show. */
class DynamoDbInventoryStoreIT extends InventoryStoreContract {
    private static final DynamoDbClient DYNAMO = LocalDynamoDb.client();
    private String table;

    @Override
    InventoryStore newStore(MutableClock clock) {
        table = LocalDynamoDb.createTable(DYNAMO);
        return DynamoDbInventoryStore.builder().dynamoDbClient(DYNAMO).tableName(table).clock(clock).build();
    }

    @Test
    void apply_shouldKeepFreeEqualToOnHandMinusReserved_acrossCountsAndHolds() {
        // given
        receive(SKU, STORE, 5);
        store.reserve(io.inventorysync.testing.Events.hold("h", STORE, 900, io.inventorysync.testing.Events.held(SKU, 2)));
        // when
        store.apply(io.inventorysync.testing.Events.one("c", io.inventorysync.domain.ChangeType.COUNT, at(5), STORE, SKU, 9));
        // then
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = DYNAMO.getItem(r -> r
                .tableName(table).key(io.inventorysync.store.internal.Items.stockKey(SKU, STORE)).consistentRead(true)).item();
        assertThat(item.get("free").n()).isEqualTo("7");
        assertThat(item.get(InventoryTable.ITEM_TYPE).s()).isEqualTo("STOCK");
    }

    @Test
    void recordReceipts_shouldKeepReceiptsAsLongAsTheLedger() {
        // when
        store.recordReceipts(java.util.List.of(new EventReceipt("pos", "kept", "fp", 1, clock.instant())));
        // then: no TTL, so a reuse of the id years later is still refused at ingest
        var item = DYNAMO.getItem(r -> r.tableName(table).key(Map.of(
                InventoryTable.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MOVE#pos#kept"),
                InventoryTable.SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RECEIPT")))).item();
        assertThat(item).containsKey("fingerprint").doesNotContainKey(InventoryTable.TTL_ATTRIBUTE);
        clock.advance(java.time.Duration.ofDays(400));
        assertThat(store.recordReceipts(java.util.List.of(new EventReceipt("pos", "kept", "other", 1,
                clock.instant())))).containsExactly("kept");
    }

    @Test
    void reserve_shouldIndexActiveHoldsOnly_whileActive() {
        // given
        receive(SKU, WEB, 5);
        store.reserve(io.inventorysync.testing.Events.hold("idx-1", WEB, 900, io.inventorysync.testing.Events.held(SKU, 1)));
        var key = io.inventorysync.store.internal.Items.holdKey("idx-1");
        assertThat(DYNAMO.getItem(r -> r.tableName(table).key(key)).item()).containsKey(InventoryTable.ACTIVE_HOLDS_PK);
        // when
        store.commit("idx-1");
        // then
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                DYNAMO.getItem(r -> r.tableName(table).key(key)).item();
        assertThat(item).doesNotContainKeys(InventoryTable.ACTIVE_HOLDS_PK, InventoryTable.ACTIVE_HOLDS_SK);
        long finishedAt = java.time.Instant.parse(item.get("finishedAt").s()).getEpochSecond();
        assertThat(Long.parseLong(item.get(InventoryTable.TTL_ATTRIBUTE).n()))
                .isEqualTo(finishedAt + java.time.Duration.ofDays(30).toSeconds());
        assertThat(DYNAMO.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().attributeName())
                .isEqualTo(InventoryTable.TTL_ATTRIBUTE);
    }
}
