package io.inventorysync.query;

import io.inventorysync.domain.Ids;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.http.HttpReply;
import io.inventorysync.store.InventoryStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read API of contract v1, with strongly consistent reads. Callers authenticate with AWS IAM
 * (SigV4), enforced by API Gateway before the function runs.
 */
public final class InventoryQueryService {
    private final InventoryStore store;

    public InventoryQueryService(InventoryStore store) {
        this.store = store;
    }

    /** {@code GET /v1/inventory/{sku}}: every location, plus totals. */
    public HttpReply sku(String sku) {
        List<StockLevel> levels = Ids.isId(sku) ? store.levels(sku) : List.of();
        if (levels.isEmpty()) {
            return HttpReply.problem(404, "SKU_NOT_FOUND", "SKU not found", "No stock record of " + sku + " exists.");
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("onHand", levels.stream().mapToLong(StockLevel::onHand).sum());
        totals.put("reserved", levels.stream().mapToLong(StockLevel::reserved).sum());
        totals.put("available", levels.stream().mapToLong(StockLevel::available).sum());
        totals.put("damaged", levels.stream().mapToLong(StockLevel::damaged).sum());
        totals.put("inTransit", levels.stream().mapToLong(StockLevel::inTransit).sum());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", sku);
        body.put("locations", levels.stream().map(InventoryQueryService::view).toList());
        body.put("totals", totals);
        return HttpReply.json(200, body);
    }

    /** {@code GET /v1/inventory/{sku}/locations/{locationId}}. */
    public HttpReply level(String sku, String locationId) {
        return (Ids.isId(sku) && Ids.isId(locationId) ? store.level(sku, locationId) : java.util.Optional.<StockLevel>empty())
                .map(level -> HttpReply.json(200, view(level)))
                .orElseGet(() -> HttpReply.problem(404, "LEVEL_NOT_FOUND", "Stock level not found",
                        "No stock record of " + sku + " at " + locationId + " exists."));
    }

    /** A level as contract v1 shows it. */
    public static Map<String, Object> view(StockLevel l) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", l.sku());
        body.put("locationId", l.locationId());
        body.put("onHand", l.onHand());
        body.put("reserved", l.reserved());
        body.put("available", l.available());
        body.put("damaged", l.damaged());
        body.put("inTransit", l.inTransit());
        body.put("version", l.version());
        body.put("updatedAt", l.updatedAt() == null ? null : l.updatedAt().toString());
        return body;
    }
}
