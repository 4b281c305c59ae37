package io.inventorysync.domain;

import java.util.List;

/**
 * What a source may put in a snapshot, and how much difference it tolerates: the one seam where
 * source scopes (contract v1.1, "Sources have scopes") meet reconciliation.
 *
 * @param driftThreshold a line drifts when {@code |reported - master|} exceeds it (default 1)
 */
public record SnapshotPolicy(long driftThreshold) {
    /** The contract's default threshold. */
    public static final long DEFAULT_DRIFT_THRESHOLD = 1;

    public SnapshotPolicy {
        if (driftThreshold < 0) {
            throw new IllegalArgumentException("driftThreshold must not be negative");
        }
    }

    /**
     * The policy of {@code source}: every location in scope and the default threshold until sources
     * carry {@code locations} and {@code driftThreshold}.
     */
    public static SnapshotPolicy of(Source source) {
        // wire: SourceScope (use the source's driftThreshold here)
        return new SnapshotPolicy(DEFAULT_DRIFT_THRESHOLD);
    }

    /**
     * Each path of {@code part} outside the source's scope ({@code 403 OUT_OF_SCOPE}): its lines'
     * locations and {@code completeFor}. Empty: in scope.
     */
    public List<Problem> outOfScope(SnapshotPart part) {
        // wire: SourceScope (lines[i].locationId and completeFor[i] against the source's locations)
        return List.of();
    }
}
