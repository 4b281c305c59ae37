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
    void of_shouldAnswer404_whenNothingIsFound() {
        assertThat(assertProblem(QueryReplies.of(new QueryResult.SkuNotFound("RED")), 404, "SKU_NOT_FOUND")
                .path("detail").asText()).isEqualTo("No stock record of RED exists.");
        assertThat(assertProblem(QueryReplies.of(new QueryResult.LevelNotFound("RED", "web-dc")), 404, "LEVEL_NOT_FOUND")
                .path("detail").asText()).isEqualTo("No stock record of RED at web-dc exists.");
    }
}
