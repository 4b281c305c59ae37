package io.inventorysync.store;

/**
 * One drifted line of a snapshot, as the reconciler recorded it.
 *
 * @param part      the part it came from ({@code parts + 1} for phantom stock found through {@code completeFor})
 * @param line      its index in the part (phantom stock: its location's index in the sorted {@code completeFor})
 * @param locationId {@code null} for a {@code CHANNEL_AVAILABLE} line
 * @param corrected whether a count was applied to set it right
 * @param detail    the {@code DriftDetected} detail the outbox publishes when this record is first written
 */
public record DriftRecord(int part, int line, String sku, String locationId, long reported, long master,
                          boolean corrected, String detail) {
    public long difference() {
        return reported - master;
    }
}
