package io.inventorysync.store;

import java.util.List;

/** What storing one part of a snapshot came to. */
public sealed interface PartReceipt {

    /**
     * The part is stored (now, or already with the same body: {@code repeat}).
     *
     * @param state the snapshot after it
     */
    record Stored(SnapshotState state, boolean repeat) implements PartReceipt {
    }

    /** Another body was already stored under this {@code (snapshotId, part)}; nothing changed. */
    record KeyReused() implements PartReceipt {
    }

    /** The part disagrees with the snapshot's first part on these fields; nothing changed. */
    record Mismatch(List<String> fields) implements PartReceipt {
        public Mismatch {
            fields = List.copyOf(fields);
        }
    }
}
