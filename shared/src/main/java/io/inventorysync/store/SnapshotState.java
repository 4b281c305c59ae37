package io.inventorysync.store;

import io.inventorysync.domain.SnapshotPart;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A snapshot as stored: its header (what every part repeats), the parts received, and how far
 * reconciliation has come.
 *
 * @param threshold   the drift threshold, fixed when the first part arrived
 * @param cursorPart  the part reconciliation reads next (parts + 1: the phantom pass of {@code completeFor})
 * @param cursorLine  the line of that part it reads next (in the phantom pass: locations of completeFor done)
 * @param walkAfter   in the phantom pass, the last SKU done at the location being walked ({@code null}: none yet)
 * @param drift       the report's drift lines, largest |difference| first, at most 1,000 (once DONE)
 */
public record SnapshotState(String sourceId, String snapshotId, Instant asOf, SnapshotPart.Measure measure,
                            String channel, SnapshotPart.Mode mode, int parts, Set<Integer> partsReceived,
                            List<String> completeFor, long threshold, Status status, int cursorPart, int cursorLine,
                            String walkAfter, Counters counters, Instant completedAt, List<DriftRecord> drift) {

    public enum Status { RECEIVING, RECONCILING, DONE }

    /** What reconciliation has done so far; advanced with the cursor, so each line counts once. */
    public record Counters(long compared, long drifted, long corrected, long skipped) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0);

        public Counters plus(Counters o) {
            return new Counters(compared + o.compared, drifted + o.drifted, corrected + o.corrected, skipped + o.skipped);
        }
    }

    public SnapshotState {
        partsReceived = Set.copyOf(partsReceived);
        completeFor = List.copyOf(completeFor);
        drift = List.copyOf(drift);
    }

    /** The part number of the phantom pass ({@code completeFor}): after the last part. */
    public int phantomPart() {
        return parts + 1;
    }

    /** Whether reconciliation has something left: lines of a part, or completeFor locations to walk. */
    public boolean workLeft() {
        return cursorPart <= parts || (cursorPart == phantomPart() && cursorLine < completeFor.size());
    }

    public boolean allPartsReceived() {
        return partsReceived.size() >= parts;
    }
}
