package io.inventorysync.store;

import io.inventorysync.domain.SnapshotLine;
import io.inventorysync.domain.SnapshotPart;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots as they arrive and as reconciliation works through them: parts stored durably and
 * idempotently per {@code (snapshotId, part)}, a cursor that moves with its counters in one write,
 * and drift records written once.
 */
public interface Snapshots {

    /**
     * Stores one part (its lines as mapped to canonical SKUs; the fingerprint is of the part as sent)
     * with the snapshot's header, all or nothing. The part that completes the snapshot moves it to
     * {@code RECONCILING}.
     *
     * @param threshold the drift threshold, kept from the first part on
     */
    PartReceipt receive(String sourceId, SnapshotPart mapped, String fingerprint, long threshold, Instant now);

    Optional<SnapshotState> state(String sourceId, String snapshotId);

    /** The lines of one part, in the order sent. */
    List<SnapshotLine> lines(String sourceId, String snapshotId, int part);

    /**
     * Takes the reconciliation of a {@code RECONCILING} snapshot for {@code owner} until {@code until},
     * unless someone else holds it.
     *
     * @return the snapshot as leased, or empty when it is not reconciling or another owner holds it
     */
    Optional<SnapshotState> lease(String sourceId, String snapshotId, String owner, Instant now, Instant until);

    /**
     * Moves the cursor from where {@code from} had it to {@code (part, line)} and adds {@code done}
     * to the counters, only while {@code owner} holds the lease and the cursor is still there.
     *
     * @return the snapshot as it is after the move (the write's own answer: no read needed), or empty when
     *         the lease was lost or the cursor moved (nothing changed)
     */
    Optional<SnapshotState> advance(SnapshotState from, String owner, int part, int line, SnapshotState.Counters done,
                                    Instant until);

    /**
     * As {@link #advance(SnapshotState, String, int, int, SnapshotState.Counters, Instant)}, in the phantom
     * pass: also moves {@code walkAfter} (the last SKU done at the location walked; {@code null} at
     * the start of a location), only if it is still where {@code from} had it.
     */
    Optional<SnapshotState> advance(SnapshotState from, String owner, int part, int line, String walkAfter,
                                    SnapshotState.Counters done, Instant until);

    /** Gives the lease up (a run that stops for time), so the run that continues can take it at once. */
    void release(SnapshotState state, String owner);

    /** Writes a drift record unless one exists for its {@code (part, line)}; answers the one that is stored. */
    DriftRecord recordDrift(String sourceId, String snapshotId, DriftRecord drift);

    /**
     * Writes the drift record of phantom stock (a SKU at a {@code completeFor} location the snapshot
     * lacks: {@code part} is the phantom pass, {@code line} the location's index), keyed by its SKU,
     * unless one exists; answers the one that is stored.
     */
    DriftRecord recordPhantom(String sourceId, String snapshotId, DriftRecord drift);

    /**
     * The phantom drift records of location index {@code line} of the phantom pass {@code part} whose
     * SKU is from {@code fromSku} to {@code toSku}, both included (SKU order as {@link StockReads#skusAt}).
     */
    List<DriftRecord> phantoms(String sourceId, String snapshotId, int part, int line, String fromSku, String toSku);

    /** The drift records of lines {@code fromLine} to {@code toLine} (exclusive) of one part. */
    List<DriftRecord> drifts(String sourceId, String snapshotId, int part, int fromLine, int toLine);

    /**
     * Every drift record of a snapshot, in no particular order, without its event detail
     * ({@link DriftRecord#detail()} is {@code null}): what the report is built from.
     */
    java.util.stream.Stream<DriftRecord> allDrifts(String sourceId, String snapshotId);

    /** Ends reconciliation: status {@code DONE}, the report's drift lines, the time (only while {@code owner} leases it). */
    boolean finish(SnapshotState from, String owner, List<DriftRecord> top, Instant now);
}
