package io.inventorysync.query;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.testing.Events;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link InventoryQueryService} on the in-memory store: contract v1's read API. */
class InventoryQueryServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final InMemoryInventoryStore store = new InMemoryInventoryStore(Clock.fixed(T0, ZoneOffset.UTC));
    private final InventoryQueryService service = new InventoryQueryService(store);

    @BeforeEach
    void setUp() {
        store.apply(Events.one("r-1", ChangeType.RECEIPT, T0, "web-dc", "BLU-SHIRT-M", 5));
        store.apply(Events.one("r-2", ChangeType.RECEIPT, T0, "store-12", "BLU-SHIRT-M", 2));
    }

    @Test
    void sku_shouldListEveryLocationInOrder_whenTheSkuHasRecords() {
        // when
        QueryResult result = service.sku("BLU-SHIRT-M");

        // then
        assertThat(result).isInstanceOfSatisfying(QueryResult.Levels.class, levels -> {
            assertThat(levels.sku()).isEqualTo("BLU-SHIRT-M");
            assertThat(levels.levels()).extracting(l -> l.locationId() + "=" + l.onHand())
                    .containsExactly("store-12=2", "web-dc=5");
        });
    }

    @Test
    void sku_shouldBeNotFound_whenNoLocationHasARecord() {
        assertThat(service.sku("RED-SHIRT-M")).isEqualTo(new QueryResult.SkuNotFound("RED-SHIRT-M"));
    }

    @Test
    void sku_shouldBeNotFound_whenTheSkuIsNotAnId() {
        assertThat(service.sku("BLU#SHIRT")).isEqualTo(new QueryResult.SkuNotFound("BLU#SHIRT"));
    }

    @Test
    void level_shouldAnswerTheRecord_whenItExists() {
        assertThat(service.level("BLU-SHIRT-M", "web-dc")).isInstanceOfSatisfying(QueryResult.Level.class,
                level -> assertThat(level.level().available()).isEqualTo(5));
    }

    @Test
    void level_shouldBeNotFound_whenTheLocationHasNoRecordOfTheSku() {
        assertThat(service.level("BLU-SHIRT-M", "store-99"))
                .isEqualTo(new QueryResult.LevelNotFound("BLU-SHIRT-M", "store-99"));
    }
}
