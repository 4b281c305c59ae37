package io.inventorysync.store.internal;

import io.inventorysync.domain.MovementRules;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.StockChange;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.domain.StockState;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.ItemType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The update expressions of the store. Counters change by arithmetic in the expression, so a
 * movement needs no read of the record: the conditions carry the business rules, and
 * {@code ALL_OLD} on a failed condition tells the store why.
 */
public final class Updates {
    /** The latest applied count is not newer than this movement: its on-hand effect still counts. */
    public static final String NOT_SUPERSEDED_BY_COUNT = "attribute_not_exists(#lastCountAt) OR #lastCountAt <= :occurredAt";
    /**
     * {@code onHand - reserved - committed >= q}, kept as the {@code free} attribute because
     * conditions cannot subtract ({@code held = reserved + committed} lets a count set {@code free}
     * with the one subtraction an update allows).
     */
    public static final String ENOUGH_AVAILABLE = "#free >= :requested";

    /**
     * The stock attribute counting the record's ledger entries with an on-hand delta since its
     * latest count ({@link io.inventorysync.domain.MovementRules#isOnTopOfCount}): every such
     * update adds one in the same expression; a count sets it.
     */
    public static final String SINCE_COUNT = "sinceCount";

    private Updates() {
    }

    /**
     * Applies {@code change} to one record and moves its version by one.
     *
     * @param condition   {@code null}, {@link #NOT_SUPERSEDED_BY_COUNT} or {@link #ENOUGH_AVAILABLE}
     * @param conditionArg the value of {@code :occurredAt} (epoch millis) or {@code :requested}
     */
    public static Update stock(String table, String sku, String locationId, StockChange change,
                               StockLevel.Cause cause, Instant now, String condition, long conditionArg) {
        return stock(table, sku, locationId, change, cause, now, condition, conditionArg, null, 0);
    }

    /**
     * As above, and with {@code guarded} (a state that may not go below zero, see
     * {@link io.inventorysync.domain.MovementRules#guardedState}) required to hold {@code atLeast} units.
     */
    public static Update stock(String table, String sku, String locationId, StockChange change,
                               StockLevel.Cause cause, Instant now, String condition, long conditionArg,
                               StockState guarded, long atLeast) {
        if (change.onHandAbsolute() != null) {
            throw new IllegalArgumentException("a count is written with Updates.count");
        }
        return build(table, sku, locationId, change, cause, now, condition, conditionArg, guarded, atLeast, null, 0, 0);
    }

    /**
     * Applies a count, as {@link io.inventorysync.domain.MovementRules#decideCount} decided it from
     * the record at {@code readVersion}: {@code onHand} and {@code free} set, {@code lastCountAt} and
     * {@code sinceCount} (the on-hand entries since this count: those it put on top of its
     * quantity). Only if the record is still at {@code readVersion} ({@code 0}: not there yet).
     */
    public static Update count(String table, String sku, String locationId, StockChange change,
                               StockLevel.Cause cause, Instant now, Instant countedAt, int sinceCount,
                               long readVersion) {
        if (change.onHandAbsolute() == null) {
            throw new IllegalArgumentException("not a count: " + change);
        }
        return build(table, sku, locationId, change, cause, now, null, 0, null, 0, countedAt, sinceCount, readVersion);
    }

    private static Update build(String table, String sku, String locationId, StockChange change,
                                StockLevel.Cause cause, Instant now, String condition, long conditionArg,
                                StockState guarded, long atLeast, Instant countedAt, int sinceCount,
                                long readVersion) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        values.put(":zero", Items.n(0));
        values.put(":one", Items.n(1));

        if (change.onHandAbsolute() != null) {
            values.put(":onHandSet", Items.n(change.onHandAbsolute()));
            sets.add(set(names, "onHand") + " = :onHandSet");
            // A count sets onHand; free = onHand - (reserved + committed) follows from the old held.
            sets.add(set(names, "free") + " = :onHandSet - " + counter(names, "held"));
            values.put(":countedAt", Items.n(countedAt.toEpochMilli()));
            sets.add(set(names, "lastCountAt") + " = :countedAt");
            values.put(":sinceCount", Items.n(sinceCount));
            sets.add(set(names, SINCE_COUNT) + " = :sinceCount");
        } else {
            add(names, values, sets, "onHand", change.onHandDelta());
            add(names, values, sets, "free", change.freeDelta());
            if (MovementRules.isOnTopOfCount(change)) {
                // The proof a later count needs that the index shows every entry since this count.
                sets.add(set(names, SINCE_COUNT) + " = " + counter(names, SINCE_COUNT) + " + :one");
            }
        }
        add(names, values, sets, "reserved", change.reservedDelta());
        add(names, values, sets, "damaged", change.damagedDelta());
        add(names, values, sets, "inTransit", change.inTransitDelta());
        if (change.committedDelta() != 0 || change.reservedDelta() != 0) {
            add(names, values, sets, "held", change.reservedDelta() + change.committedDelta());
        }
        if (change.committedDelta() != 0) {
            add(names, values, sets, "committed", change.committedDelta());
        }
        if (change.quarantineDelta() != 0) {
            add(names, values, sets, "quarantine", change.quarantineDelta());
        }
        sets.add(set(names, "version") + " = " + counter(names, "version") + " + :one");

        values.put(":itemType", Items.s(ItemType.STOCK.name()));
        values.put(":sku", Items.s(sku));
        values.put(":locationId", Items.s(locationId));
        values.put(":updatedAt", Items.s(now.toString()));
        values.put(":causeType", Items.s(cause.type().name()));
        values.put(":causeSourceId", Items.s(cause.sourceId()));
        values.put(":causeEventId", Items.s(cause.eventId()));
        values.put(":causeOccurredAt", Items.s(cause.occurredAt().toString()));
        for (String attribute : List.of("itemType", "sku", "locationId", "updatedAt", "causeType", "causeSourceId",
                "causeEventId", "causeOccurredAt")) {
            sets.add(set(names, attribute) + " = :" + attribute);
        }
        // The stock-by-location index: keys set once, when the record is created (an unchanged key and
        // projection is no index write), and by the first movement of a record written before the index.
        values.put(":stockAt", Items.s(InventoryTable.stockAtLocation(locationId)));
        sets.add(set(names, InventoryTable.STOCK_BY_LOCATION_PK) + " = if_not_exists(#"
                + InventoryTable.STOCK_BY_LOCATION_PK + ", :stockAt)");
        sets.add(set(names, InventoryTable.STOCK_BY_LOCATION_SK) + " = if_not_exists(#"
                + InventoryTable.STOCK_BY_LOCATION_SK + ", :sku)");
        String remove = "";
        if (cause.reference() != null) {
            values.put(":causeReference", Items.s(cause.reference()));
            sets.add(set(names, "causeReference") + " = :causeReference");
        } else {
            remove = " REMOVE " + set(names, "causeReference");
        }

        Update.Builder update = Update.builder()
                .tableName(table)
                .key(Items.stockKey(sku, locationId))
                .updateExpression("SET " + String.join(", ", sets) + remove)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        List<String> conditions = new ArrayList<>(2);
        if (countedAt != null) {
            // The count's Σ was computed from the record at this version: any change since, and it is planned again.
            if (readVersion == 0) {
                conditions.add("attribute_not_exists(#version)");
            } else {
                values.put(":readVersion", Items.n(readVersion));
                conditions.add("#version = :readVersion");
            }
        }
        if (condition != null) {
            if (condition.equals(NOT_SUPERSEDED_BY_COUNT)) {
                names.put("#lastCountAt", "lastCountAt");
                values.put(":occurredAt", Items.n(conditionArg));
            } else {
                names.put("#free", "free");
                values.put(":requested", Items.n(conditionArg));
            }
            conditions.add("(" + condition + ")");
        }
        if (guarded != null) {
            String attribute = guarded == StockState.DAMAGED ? "damaged" : "quarantine";
            names.put("#guarded", attribute);
            values.put(":atLeast", Items.n(atLeast));
            conditions.add("#guarded >= :atLeast");
        }
        if (!conditions.isEmpty()) {
            update.conditionExpression(String.join(" AND ", conditions));
        }
        return update.expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /**
     * Ends an active hold: the new status, the time, TTL, and out of the active-holds index. Only
     * if it is still active and, for an expiry, due; for a commit or release, not yet due. A sale
     * at the till consumes the hold whenever it is still active: the goods are sold either way.
     */
    public static Update finishHold(String table, Reservation finished, Instant now, boolean consumedBySale) {
        boolean expiry = finished.status() == ReservationStatus.EXPIRED;
        String condition = "#status = :active";
        if (!consumedBySale) {
            condition += " AND #expiresAt " + (expiry ? "<=" : ">") + " :now";
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", Items.s(finished.status().name()));
        values.put(":active", Items.s(ReservationStatus.ACTIVE.name()));
        values.put(":finishedAt", Items.s(now.toString()));
        values.put(":ttl", Items.n(Items.finishedHoldTtl(now)));
        values.put(":fulfilment", finished.fulfilment() == null ? AttributeValue.fromNul(true)
                : Items.s(finished.fulfilment().name()));
        values.put(":zero", Items.n(0));
        values.put(":one", Items.n(1));
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#finishedAt", "finishedAt",
                "#ttl", InventoryTable.TTL_ATTRIBUTE, "#gsiPk", InventoryTable.ACTIVE_HOLDS_PK,
                "#gsiSk", InventoryTable.ACTIVE_HOLDS_SK));
        names.put("#fulfilment", "fulfilment");
        names.put("#revision", "revision");
        // A deferred commitment stays open: it gets its TTL once fulfilled or cancelled.
        String ttl = Items.isFinal(finished) ? ", #ttl = :ttl" : "";
        if (ttl.isEmpty()) {
            values.remove(":ttl");
            names.remove("#ttl");
        }
        if (!consumedBySale) {
            values.put(":now", Items.n(now.toEpochMilli()));
            names.put("#expiresAt", "expiresAt");
        }
        return Update.builder()
                .tableName(table)
                .key(Items.holdKey(finished.ref()))
                .updateExpression("SET #status = :status, #finishedAt = :finishedAt, #fulfilment = :fulfilment, "
                        + "#revision = if_not_exists(#revision, :zero) + :one" + ttl + " REMOVE #gsiPk, #gsiSk")
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    private static void add(Map<String, String> names, Map<String, AttributeValue> values, List<String> sets,
                            String attribute, long delta) {
        values.put(":d_" + attribute, Items.n(delta));
        sets.add(set(names, attribute) + " = " + counter(names, attribute) + " + :d_" + attribute);
    }

    private static String set(Map<String, String> names, String attribute) {
        names.put("#" + attribute, attribute);
        return "#" + attribute;
    }

    private static String counter(Map<String, String> names, String attribute) {
        return "if_not_exists(" + set(names, attribute) + ", :zero)";
    }

    /**
     * Writes a later step of a hold (a fulfilment, a pick-up at the till, a cancel) as the whole
     * item, only if the hold is still at the revision it was read at: the rules decided from that
     * read, so a concurrent step makes this write fail and the store decide again.
     *
     * @param readRevision the revision read, or {@code null} for a hold stored before revisions
     */
    public static Put holdStep(String table, HoldItem after, Long readRevision) {
        Put.Builder put = Put.builder().tableName(table).item(Items.HOLD.itemToMap(after, true))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .expressionAttributeNames(Map.of("#revision", "revision"));
        return readRevision == null
                ? put.conditionExpression("attribute_exists(PK) AND attribute_not_exists(#revision)").build()
                : put.conditionExpression("#revision = :revision")
                        .expressionAttributeValues(Map.of(":revision", Items.n(readRevision))).build();
    }
}
