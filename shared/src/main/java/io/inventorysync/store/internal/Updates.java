package io.inventorysync.store.internal;

import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.StockChange;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.ItemType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
    /** {@code onHand - reserved >= q}, kept as the {@code free} attribute because conditions cannot subtract. */
    public static final String ENOUGH_AVAILABLE = "#free >= :requested";

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
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        values.put(":zero", Items.n(0));
        values.put(":one", Items.n(1));

        if (change.onHandAbsolute() != null) {
            values.put(":onHandSet", Items.n(change.onHandAbsolute()));
            sets.add(set(names, "onHand") + " = :onHandSet");
            // A count sets onHand; free = onHand - reserved follows from the old reserved.
            sets.add(set(names, "free") + " = :onHandSet - " + counter(names, "reserved"));
            values.put(":countedAt", Items.n(cause.occurredAt().toEpochMilli()));
            sets.add(set(names, "lastCountAt") + " = :countedAt");
        } else {
            add(names, values, sets, "onHand", change.onHandDelta());
            add(names, values, sets, "free", change.onHandDelta() - change.reservedDelta());
        }
        add(names, values, sets, "reserved", change.reservedDelta());
        add(names, values, sets, "damaged", change.damagedDelta());
        add(names, values, sets, "inTransit", change.inTransitDelta());
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
        if (condition != null) {
            if (condition.equals(NOT_SUPERSEDED_BY_COUNT)) {
                names.put("#lastCountAt", "lastCountAt");
                values.put(":occurredAt", Items.n(conditionArg));
            } else {
                names.put("#free", "free");
                values.put(":requested", Items.n(conditionArg));
            }
            update.conditionExpression(condition);
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
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#finishedAt", "finishedAt",
                "#ttl", InventoryTable.TTL_ATTRIBUTE, "#gsiPk", InventoryTable.ACTIVE_HOLDS_PK,
                "#gsiSk", InventoryTable.ACTIVE_HOLDS_SK));
        if (!consumedBySale) {
            values.put(":now", Items.n(now.toEpochMilli()));
            names.put("#expiresAt", "expiresAt");
        }
        return Update.builder()
                .tableName(table)
                .key(Items.holdKey(finished.reservationId()))
                .updateExpression("SET #status = :status, #finishedAt = :finishedAt, #ttl = :ttl REMOVE #gsiPk, #gsiSk")
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
}
