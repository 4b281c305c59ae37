package io.inventorysync.functions;

import io.inventorysync.domain.StockChange;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.http.HttpReply;
import io.inventorysync.query.QueryResult;
import io.inventorysync.store.LedgerEntry;

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
            case QueryResult.Ledger ledger -> HttpReply.json(200, view(ledger));
            case QueryResult.InvalidLedgerQuery invalid -> HttpReply.problem(400, invalid.code(),
                    "Invalid ledger query", invalid.problems().getFirst().toString(), invalid.problems());
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

    /** A page of the ledger (contract v1.1 "The ledger, readable"). */
    private static Map<String, Object> view(QueryResult.Ledger ledger) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", ledger.sku());
        body.put("locationId", ledger.locationId());
        body.put("entries", ledger.entries().stream().map(QueryReplies::view).toList());
        if (ledger.next() != null) {
            body.put("next", ledger.next());
        }
        return body;
    }

    /**
     * One entry: what it was, what it did to each counter ({@code effect}; a count also shows the
     * {@code onHand} it set as {@code effect.onHandSet}), and its outcome. {@code appliedAt} is when
     * the store recorded it. {@code version} is not kept per entry, so it is left out (optional in the contract).
     */
    private static Map<String, Object> view(LedgerEntry e) {
        StockChange c = e.change();
        Map<String, Object> effect = new LinkedHashMap<>();
        effect.put("onHand", c.onHandDelta());
        if (c.onHandAbsolute() != null) {
            effect.put("onHandSet", c.onHandAbsolute());
        }
        effect.put("reserved", c.reservedDelta());
        effect.put("committed", c.committedDelta());
        effect.put("damaged", c.damagedDelta());
        effect.put("quarantine", c.quarantineDelta());
        effect.put("inTransit", c.inTransitDelta());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.type() == null ? null : e.type().name());
        body.put("quantity", e.quantity());
        body.put("effect", effect);
        body.put("outcome", e.outcome().name());
        putIfSet(body, "reason", e.outcomeReason() != null ? e.outcomeReason() : e.reason());
        body.put("sourceId", e.sourceId());
        body.put("eventId", e.eventId());
        putIfSet(body, "lineKey", e.lineKey());
        if (e.sourceSku() != null && !e.sourceSku().equals(e.sku())) {
            body.put("sourceSku", e.sourceSku());
        }
        putIfSet(body, "reference", e.reference());
        putIfSet(body, "reservationId", e.reservationId());
        putIfSet(body, "counterpartLocationId", e.counterpartLocationId());
        body.put("occurredAt", e.occurredAt().toString());
        body.put("appliedAt", e.recordedAt() == null ? null : e.recordedAt().toString());
        return body;
    }

    private static void putIfSet(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
