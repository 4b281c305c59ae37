package io.inventorysync.reconcile;

/** Where a snapshot waits to be reconciled once its last part is in (and where a long run continues). */
public interface ReconcileQueue {

    /** Asks for the snapshot to be reconciled (again: harmless, the reconciler resumes from its cursor). */
    void request(String sourceId, String snapshotId);

    /** The queue could not take the request; the sender's retry of the last part asks again. */
    final class QueueUnavailableException extends RuntimeException {
        public QueueUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
