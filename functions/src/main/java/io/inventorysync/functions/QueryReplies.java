package io.inventorysync.functions;

import io.inventorysync.domain.StockLevel;
import io.inventorysync.http.HttpReply;
import io.inventorysync.query.QueryResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP answers of the read API ({@code /v1/inventory/...}), one per result. */
final class QueryReplies {
    private QueryReplies() {
    }

    static HttpReply of(QueryResult result) {
        return switch (result) {
            case QueryResult.Levels levels -> HttpReply.json(200, view(levels.sku(), levels.levels()));
            case QueryResult.Level level -> HttpReply.json(200, view(level.level()));
            case QueryResult.SkuNotFound notFound -> HttpReply.problem(404, notFound.code(), "SKU not found",
                    "No stock record of " + notFound.sku() + " exists.");
            case QueryResult.LevelNotFound notFound -> HttpReply.problem(404, notFound.code(),
                    "Stock level not found",
                    "No stock record of " + notFound.sku() + " at " + notFound.locationId() + " exists.");
        };
    }

    /** Every location of a SKU, plus totals. */
    private static Map<String, Object> view(String sku, List<StockLevel> levels) {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("onHand", levels.stream().mapToLong(StockLevel::onHand).sum());
        totals.put("reserved", levels.stream().mapToLong(StockLevel::reserved).sum());
        totals.put("available", levels.stream().mapToLong(StockLevel::available).sum());
        totals.put("damaged", levels.stream().mapToLong(StockLevel::damaged).sum());
        totals.put("inTransit", levels.stream().mapToLong(StockLevel::inTransit).sum());
        totals.put("committed", levels.stream().mapToLong(StockLevel::committed).sum());
        totals.put("quarantine", levels.stream().mapToLong(StockLevel::quarantine).sum());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", sku);
        body.put("locations", levels.stream().map(QueryReplies::view).toList());
        body.put("totals", totals);
        return body;
    }

    /** A level as contract v1 shows it, with v1.1's {@code committed} and {@code quarantine} after v1's members. */
    private static Map<String, Object> view(StockLevel l) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", l.sku());
        body.put("locationId", l.locationId());
        body.put("onHand", l.onHand());
        body.put("reserved", l.reserved());
        body.put("available", l.available());
        body.put("damaged", l.damaged());
        body.put("inTransit", l.inTransit());
        body.put("committed", l.committed());
        body.put("quarantine", l.quarantine());
        body.put("version", l.version());
        body.put("updatedAt", l.updatedAt() == null ? null : l.updatedAt().toString());
        return body;
    }
}
