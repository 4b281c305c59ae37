package io.inventorysync.domain;

import java.util.List;

/**
 * What a source may put in a snapshot, and how much difference it tolerates: where source scopes
 * (contract v1.1, "Sources have scopes") meet reconciliation.
 *
 * @param driftThreshold a line drifts when {@code |reported - master|} exceeds it (default 1)
 * @param scope          the source's scope, or {@code null} for every location and type (a policy
 *                       built from a threshold alone)
 */
public record SnapshotPolicy(long driftThreshold, SourceScope scope) {
    /** The contract's default threshold. */
    public static final long DEFAULT_DRIFT_THRESHOLD = Source.DEFAULT_DRIFT_THRESHOLD;

    public SnapshotPolicy {
        if (driftThreshold < 0) {
            throw new IllegalArgumentException("driftThreshold must not be negative");
        }
    }

    /** A policy with {@code driftThreshold} and every location in scope. */
    public SnapshotPolicy(long driftThreshold) {
        this(driftThreshold, null);
    }

    /** The policy of {@code source}: its scope ({@link SourceScope}) and its {@code driftThreshold}. */
    public static SnapshotPolicy of(Source source) {
        return new SnapshotPolicy(source.driftThreshold(), SourceScope.of(source));
    }

    /**
     * Each path of {@code part} outside the source's scope ({@code 403 OUT_OF_SCOPE}): its lines'
     * locations, {@code completeFor}, and {@code mode} when a {@code CORRECT} may not write counts.
     * Empty: in scope.
     */
    public List<Problem> outOfScope(SnapshotPart part) {
        return scope == null ? List.of() : scope.outOfScope(part);
    }
}
