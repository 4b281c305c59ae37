package io.inventorysync.store;

/**
 * Drift a vendor adapter or a channel connector observed (a shop's number that is not the one this
 * product pushed there): written once per observation, like a snapshot's drift record, so its
 * insertion is the one {@code DriftDetected} the outbox publishes (item type {@link ItemType#DRIFT}).
 */
public interface ObservedDrifts {

    /**
     * Writes the drift observed under {@code driftId} unless one is already recorded under it.
     *
     * @param driftId an id derived from what was observed (the vendor's object, or the push), so a
     *                retry of the same observation finds the record and publishes nothing more
     * @param detail  the {@code DriftDetected} detail the outbox publishes when the record is first written
     * @return true when this call wrote it; false when it was already recorded
     */
    boolean recordObservedDrift(String driftId, String detail);
}
