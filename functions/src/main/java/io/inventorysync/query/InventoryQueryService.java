package io.inventorysync.query;

import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.LedgerPage;
import io.inventorysync.store.StockReads;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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

    /** The ledger's page size when the caller names none. */
    public static final int DEFAULT_LEDGER_LIMIT = 50;
    /** The ledger's largest page. */
    public static final int MAX_LEDGER_LIMIT = 500;

    /**
     * {@code GET /v1/inventory/{sku}/locations/{locationId}/ledger?limit=&before=}: the record's entries
     * newest first. A record never seen answers {@link QueryResult.LevelNotFound}.
     *
     * @param limit  the query parameter as sent, or {@code null} (default 50)
     * @param before the query parameter as sent (a {@code next} of an earlier page), or {@code null}
     */
    public QueryResult ledger(String sku, String locationId, String limit, String before) {
        List<Problem> problems = new ArrayList<>();
        int size = DEFAULT_LEDGER_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LEDGER_LIMIT) {
                problems.add(new Problem("limit", "must be an integer from 1 to " + MAX_LEDGER_LIMIT));
            }
        }
        String position = before == null ? null : position(before);
        if (before != null && position == null) {
            problems.add(new Problem("before", "must be a cursor this route answered as next"));
        }
        if (!problems.isEmpty()) {
            return new QueryResult.InvalidLedgerQuery(problems);
        }
        if (!Ids.isId(sku) || !Ids.isId(locationId)) {
            return new QueryResult.LevelNotFound(sku, locationId);
        }
        LedgerPage page = store.ledgerPage(sku, locationId, size, position);
        if (page.entries().isEmpty() && position == null && store.level(sku, locationId).isEmpty()) {
            return new QueryResult.LevelNotFound(sku, locationId);
        }
        return new QueryResult.Ledger(sku, locationId, page.entries(), page.next() == null ? null : cursor(page.next()));
    }

    /** The cursor a caller sees: the store's position, base64url without padding. */
    static String cursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The store's position in {@code cursor}, or {@code null} when it is not one this route gave. */
    static String position(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return LedgerPage.isPosition(position) ? position : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
