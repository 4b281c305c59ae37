package io.inventorysync.query;

import io.inventorysync.domain.StockLevel;

import java.util.List;

/** What a read of the stock levels finds. */
public sealed interface QueryResult {

    /** Every location that has a record of {@code sku}, ordered by location id (never empty). */
    record Levels(String sku, List<StockLevel> levels) implements QueryResult {
        public Levels {
            levels = List.copyOf(levels);
        }
    }

    record Level(StockLevel level) implements QueryResult {
    }

    /** No record of {@code sku} exists at any location (or the SKU is not an id). */
    record SkuNotFound(String sku) implements QueryResult {
        public String code() {
            return "SKU_NOT_FOUND";
        }
    }

    /** No record of {@code sku} at {@code locationId} exists. */
    record LevelNotFound(String sku, String locationId) implements QueryResult {
        public String code() {
            return "LEVEL_NOT_FOUND";
        }
    }
}
