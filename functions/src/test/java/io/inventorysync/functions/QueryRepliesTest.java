package io.inventorysync.functions;

import io.inventorysync.domain.StockLevel;
import io.inventorysync.query.QueryResult;
import org.junit.jupiter.api.Test;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.StockChange;
import io.inventorysync.domain.Problem;
import io.inventorysync.store.LedgerEntry;

import java.time.Instant;
import java.util.List;

import static io.inventorysync.functions.RepliesAssertions.assertJson;
import static io.inventorysync.functions.RepliesAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class QueryRepliesTest {

    @Test
    void of_shouldAnswer200WithEveryLocationAndTotals_whenLevelsAreFound() {
        var body = assertJson(QueryReplies.of(new QueryResult.Levels("BLU-SHIRT-M", List.of(
                StockLevel.empty("BLU-SHIRT-M", "store-12"), StockLevel.empty("BLU-SHIRT-M", "web-dc")))), 200);
        assertThat(body.path("locations")).hasSize(2);
        assertThat(body.path("totals").path("available").asLong()).isZero();
    }

    @Test
    void of_shouldAnswer200WithTheLevel_whenOneLevelIsFound() {
        var body = assertJson(QueryReplies.of(new QueryResult.Level(StockLevel.empty("BLU-SHIRT-M", "web-dc"))), 200);
        assertThat(body.path("locationId").asText()).isEqualTo("web-dc");
        assertThat(body.has("updatedAt")).isTrue();
    }

    @Test
    void of_shouldShowCommittedAndQuarantine_andAvailableNetOfBoth_whenALevelHasThem() {
        // given: 10 on hand, 2 reserved, 3 committed, 4 in quarantine
        StockLevel level = new StockLevel("BLU-SHIRT-M", "store-12", 10, 2, 1, 0, 7, null, null, null, 3, 4);

        // when
        var one = assertJson(QueryReplies.of(new QueryResult.Level(level)), 200);
        var all = assertJson(QueryReplies.of(new QueryResult.Levels("BLU-SHIRT-M",
                List.of(level, StockLevel.empty("BLU-SHIRT-M", "web-dc")))), 200);

        // then
        assertThat(one.path("committed").asLong()).isEqualTo(3);
        assertThat(one.path("quarantine").asLong()).isEqualTo(4);
        assertThat(one.path("available").asLong()).isEqualTo(5);
        assertThat(one.path("onHand").asLong()).isEqualTo(10);
        assertThat(all.path("totals").path("committed").asLong()).isEqualTo(3);
        assertThat(all.path("totals").path("quarantine").asLong()).isEqualTo(4);
        assertThat(all.path("totals").path("available").asLong()).isEqualTo(5);
    }

    @Test
    void of_shouldAnswer404_whenNothingIsFound() {
        assertThat(assertProblem(QueryReplies.of(new QueryResult.SkuNotFound("RED")), 404, "SKU_NOT_FOUND")
                .path("detail").asText()).isEqualTo("No stock record of RED exists.");
        assertThat(assertProblem(QueryReplies.of(new QueryResult.LevelNotFound("RED", "web-dc")), 404, "LEVEL_NOT_FOUND")
                .path("detail").asText()).isEqualTo("No stock record of RED at web-dc exists.");
    }

    @Test
    void of_shouldShowEachLedgerEntrysEffectOutcomeAndCursor_whenALedgerPageIsFound() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        LedgerEntry count = new LedgerEntry("wms", "snapshot:nightly-1", "4", ChangeType.COUNT, "BLU-SHIRT-M",
                "SKU-4471", "store-12", 9, null, t, "ref-1", null, null, null, new StockChange(0, 9L, 0, 0, 0),
                Outcome.APPLIED, null, t.plusSeconds(2));
        var body = assertJson(QueryReplies.of(new QueryResult.Ledger("BLU-SHIRT-M", "store-12", List.of(count), "abc")), 200);
        assertThat(body.path("next").asText()).isEqualTo("abc");
        var entry = body.path("entries").get(0);
        assertThat(entry.path("type").asText()).isEqualTo("COUNT");
        assertThat(entry.path("effect").path("onHandSet").asLong()).isEqualTo(9);
        assertThat(entry.path("effect").path("quarantine").asLong()).isZero();
        assertThat(entry.path("outcome").asText()).isEqualTo("APPLIED");
        assertThat(entry.path("sourceSku").asText()).isEqualTo("SKU-4471");
        assertThat(entry.path("appliedAt").asText()).isEqualTo("2026-11-22T10:00:02Z");
        assertThat(entry.has("reason")).isFalse();
        var last = assertJson(QueryReplies.of(new QueryResult.Ledger("BLU-SHIRT-M", "store-12", List.of(), null)), 200);
        assertThat(last.has("next")).isFalse();
    }

    @Test
    void of_shouldAnswer400WithEveryProblem_whenTheLedgerQueryIsInvalid() {
        assertThat(assertProblem(QueryReplies.of(new QueryResult.InvalidLedgerQuery(List.of(
                new Problem("limit", "must be an integer from 1 to 500"), new Problem("before", "bad")))),
                400, "INVALID_LEDGER_QUERY").path("problems")).hasSize(2);
    }
}
