package io.inventorysync.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One part of a snapshot a source posts (contract v1.1, "Reconciliation and snapshots"): what it
 * believes it holds, to be compared with the master records.
 *
 * @param channel     the channel whose availability is reported ({@code CHANNEL_AVAILABLE} only), else {@code null}
 * @param completeFor locations the snapshot covers entirely (master records there it lacks count as reported 0)
 */
public record SnapshotPart(String snapshotId, Instant asOf, Measure measure, String channel, Mode mode, int part,
                           int parts, List<String> completeFor, List<SnapshotLine> lines) {

    /** At most this many lines a part. */
    public static final int MAX_LINES = 1_000;
    /** At most this many parts a snapshot. */
    public static final int MAX_PARTS = 1_000;

    /** What the lines' quantities are. */
    public enum Measure {
        /** Units on hand at a location, as of {@code asOf}. */
        ON_HAND,
        /** A channel's availability of a SKU, now (lines without a location). */
        CHANNEL_AVAILABLE
    }

    /** What reconciliation does with a drifted line. */
    public enum Mode {
        /** Reports it ({@code DriftDetected} and the report); the master is untouched. */
        REPORT,
        /** Also sets it right with a {@code COUNT} at {@code asOf} ({@code ON_HAND} only). */
        CORRECT
    }

    public SnapshotPart {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(mode, "mode");
        completeFor = List.copyOf(completeFor);
        lines = List.copyOf(lines);
    }

    /** This part with other lines (the same lines under their canonical SKUs, say). */
    public SnapshotPart withLines(List<SnapshotLine> mapped) {
        return new SnapshotPart(snapshotId, asOf, measure, channel, mode, part, parts, completeFor, mapped);
    }

    /**
     * A digest of the whole part as sent: the same part again is harmless, another body under the
     * same {@code (snapshotId, part)} is a reused key.
     */
    public String fingerprint() {
        StringBuilder lineText = new StringBuilder();
        for (SnapshotLine l : lines) {
            lineText.append(Digests.fingerprint(l.sourceSku(), l.locationId(), l.quantity()));
        }
        return Digests.fingerprint(snapshotId, asOf.toEpochMilli(), measure, channel, mode, part, parts,
                String.join("\u0000", completeFor), Digests.sha256(lineText.toString()));
    }
}
