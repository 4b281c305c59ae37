package io.inventorysync.functions;

import io.inventorysync.domain.StockLevel;
import io.inventorysync.query.QueryResult;
import org.junit.jupiter.api.Test;

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
}
