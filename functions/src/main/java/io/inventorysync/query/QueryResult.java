package io.inventorysync.query;

import io.inventorysync.domain.Problem;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.LedgerEntry;

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

    /**
     * A page of a record's audit trail, newest first.
     *
     * @param next the cursor to pass as {@code before} for the next page, or {@code null}
     */
    record Ledger(String sku, String locationId, List<LedgerEntry> entries, String next) implements QueryResult {
        public Ledger {
            entries = List.copyOf(entries);
        }
    }

    /** The ledger was asked for with a {@code limit} or {@code before} it cannot take. */
    record InvalidLedgerQuery(List<Problem> problems) implements QueryResult {
        public InvalidLedgerQuery {
            problems = List.copyOf(problems);
        }

        public String code() {
            return "INVALID_LEDGER_QUERY";
        }
    }
}
