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
     * @param lineNo the line's index in its part; phantom lines ({@code completeFor}) come after the
     *               part's own lines
     */
    public static Movement correction(String sourceId, String snapshotId, int part, int lineNo, SnapshotLine line,
                                      Instant asOf) {
        return new Movement(new MovementKey(sourceId, CORRECTION_EVENT_PREFIX + snapshotId + ":" + part, lineNo,
                MovementKey.Leg.PRIMARY), ChangeType.COUNT, line.sku(), line.sourceSku(), line.locationId(),
                line.quantity(), null, asOf, "snapshot/" + snapshotId, null, null, "reconciliation", null, null,
                ReasonCode.CORRECTION, asOf);
    }
}
