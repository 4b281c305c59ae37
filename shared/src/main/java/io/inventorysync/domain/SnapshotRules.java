package io.inventorysync.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules of reconciliation (contract v1.1): when a line drifts, which header fields a part must
 * repeat, and the count that corrects a drifted line.
 */
public final class SnapshotRules {
    /** The event id prefix of the counts a correcting snapshot applies; the part number follows. */
    public static final String CORRECTION_EVENT_PREFIX = "snapshot:";

    private SnapshotRules() {
    }

    /** A line drifts when {@code |reported - master| > threshold}. */
    public static boolean drifts(long reported, long master, long threshold) {
        return Math.abs(reported - master) > threshold;
    }

    /**
     * The fields a part must repeat from the snapshot's first part ({@code asOf}, {@code measure},
     * {@code mode}, {@code channel}, {@code parts}) that it does not: {@code 409 SNAPSHOT_MISMATCH}.
     */
    public static List<String> mismatches(SnapshotPart first, SnapshotPart part) {
        List<String> fields = new ArrayList<>();
        if (!first.asOf().equals(part.asOf())) {
            fields.add("asOf");
        }
        if (first.measure() != part.measure()) {
            fields.add("measure");
        }
        if (first.mode() != part.mode()) {
            fields.add("mode");
        }
        if (!Objects.equals(first.channel(), part.channel())) {
            fields.add("channel");
        }
        if (first.parts() != part.parts()) {
            fields.add("parts");
        }
        return fields;
    }

    /**
     * The count that sets a drifted line right (mode {@code CORRECT}): {@code onHand = reported} at
     * {@code asOf}, under the count rule, so effects after {@code asOf} stay on top. Its key is the
     * snapshot's part and the line's place in it, so applying it again is a duplicate.
     *
     * @param lineNo the line's index in its part
     */
    public static Movement correction(String sourceId, String snapshotId, int part, int lineNo, SnapshotLine line,
                                      Instant asOf) {
        return correction(sourceId, snapshotId + ":" + part, lineNo, line, asOf, snapshotId);
    }

    /**
     * The count that sets phantom stock right (a SKU with a record at a {@code completeFor} location
     * that the snapshot lacks, mode {@code CORRECT}): {@code onHand = 0} at {@code asOf}, under the
     * count rule. Its key is the phantom pass, the SKU and the location's index in {@code completeFor}
     * (event {@code snapshot:{snapshotId}:{part}:{sku}}, line = that index): applied once however often
     * the reconciler runs, whatever else the walk finds.
     *
     * @param part          the phantom pass's part number (the snapshot's {@code parts + 1})
     * @param locationIndex the location's index in the snapshot's {@code completeFor}, sorted
     */
    public static Movement phantomCorrection(String sourceId, String snapshotId, int part, int locationIndex,
                                             String sku, String locationId, Instant asOf) {
        return correction(sourceId, snapshotId + ":" + part + ":" + sku, locationIndex, phantom(sku, locationId),
                asOf, snapshotId);
    }

    /** What phantom stock is compared as: the SKU at the location, reported 0. */
    public static SnapshotLine phantom(String sku, String locationId) {
        return new SnapshotLine(sku, sku, locationId, 0);
    }

    private static Movement correction(String sourceId, String eventSuffix, int lineNo, SnapshotLine line,
                                       Instant asOf, String snapshotId) {
        return new Movement(new MovementKey(sourceId, CORRECTION_EVENT_PREFIX + eventSuffix, lineNo,
                MovementKey.Leg.PRIMARY), ChangeType.COUNT, line.sku(), line.sourceSku(), line.locationId(),
                line.quantity(), null, asOf, "snapshot/" + snapshotId, null, null, "reconciliation", null, null,
                ReasonCode.CORRECTION, asOf);
    }
}
