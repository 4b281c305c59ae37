package io.inventorysync.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where each vendor source's pull of changes stands (Square's {@code BatchRetrieveInventoryChanges}):
 * saved only once a page's events are accepted, so a crash between pages resumes at the page
 * that was not yet accepted.
 */
public interface PullPositions {

    /**
     * @param since     changes after this time are pulled (a new query starts here)
     * @param cursor    the vendor's cursor within the current query; {@code null} when it is done
     * @param highWater the latest change time seen in the current query: the next query's start
     */
    record PullPosition(Instant since, String cursor, Instant highWater) {
    }

    Optional<PullPosition> pullPosition(String sourceId);

    void savePullPosition(String sourceId, PullPosition position);

    /** Every source that has a pull position: what the schedule pulls for. */
    List<String> pulledSources();
}
