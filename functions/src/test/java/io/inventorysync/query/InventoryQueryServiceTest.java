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

    @Test
    void ledger_shouldPageNewestFirst_withACursorThatReadsOn() {
        // given: three more entries at web-dc, one minute apart
        for (int i = 1; i <= 3; i++) {
            store.apply(Events.one("s-" + i, ChangeType.SALE, T0.plusSeconds(60L * i), "web-dc", "BLU-SHIRT-M", 1));
        }
        // when
        QueryResult.Ledger first = (QueryResult.Ledger) service.ledger("BLU-SHIRT-M", "web-dc", "3", null);
        QueryResult.Ledger second = (QueryResult.Ledger) service.ledger("BLU-SHIRT-M", "web-dc", null, first.next());
        // then
        assertThat(first.entries()).extracting(e -> e.eventId()).containsExactly("s-3", "s-2", "s-1");
        assertThat(first.next()).matches("[A-Za-z0-9_-]+");
        assertThat(second.entries()).extracting(e -> e.eventId()).containsExactly("r-1");
        assertThat(second.next()).isNull();
    }

    @Test
    void ledger_shouldListEveryProblem_whenLimitAndCursorAreBad() {
        QueryResult result = service.ledger("BLU-SHIRT-M", "web-dc", "501", "not-a-cursor!");
        assertThat(result).isInstanceOfSatisfying(QueryResult.InvalidLedgerQuery.class, invalid ->
                assertThat(invalid.problems()).extracting(p -> p.path()).containsExactly("limit", "before"));
        assertThat(service.ledger("BLU-SHIRT-M", "web-dc", "0", null)).isInstanceOf(QueryResult.InvalidLedgerQuery.class);
        assertThat(service.ledger("BLU-SHIRT-M", "web-dc", "ten", null)).isInstanceOf(QueryResult.InvalidLedgerQuery.class);
        // a base64 string that is not one of our positions
        assertThat(service.ledger("BLU-SHIRT-M", "web-dc", "500",
                java.util.Base64.getUrlEncoder().encodeToString("hello".getBytes())))
                .isInstanceOf(QueryResult.InvalidLedgerQuery.class);
    }

    @Test
    void ledger_shouldBeNotFound_whenTheRecordWasNeverSeen() {
        assertThat(service.ledger("BLU-SHIRT-M", "store-99", null, null))
                .isEqualTo(new QueryResult.LevelNotFound("BLU-SHIRT-M", "store-99"));
    }
}
