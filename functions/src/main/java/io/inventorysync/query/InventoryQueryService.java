package io.inventorysync.query;

import io.inventorysync.domain.Ids;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.StockReads;

import java.util.List;
import java.util.Optional;

/**
 * The read API of contract v1, with strongly consistent reads. Callers authenticate with AWS IAM
 * (SigV4), enforced by API Gateway before the function runs.
 */
public final class InventoryQueryService {
    private final StockReads store;

    public InventoryQueryService(StockReads store) {
        this.store = store;
    }

    /** {@code GET /v1/inventory/{sku}}: every location. */
    public QueryResult sku(String sku) {
        List<StockLevel> levels = Ids.isId(sku) ? store.levels(sku) : List.of();
        return levels.isEmpty() ? new QueryResult.SkuNotFound(sku) : new QueryResult.Levels(sku, levels);
    }

    /** {@code GET /v1/inventory/{sku}/locations/{locationId}}. */
    public QueryResult level(String sku, String locationId) {
        Optional<StockLevel> level = Ids.isId(sku) && Ids.isId(locationId) ? store.level(sku, locationId)
                : Optional.empty();
        return level.<QueryResult>map(QueryResult.Level::new)
                .orElseGet(() -> new QueryResult.LevelNotFound(sku, locationId));
    }
}
