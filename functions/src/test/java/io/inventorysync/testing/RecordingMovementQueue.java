package io.inventorysync.testing;

import io.inventorysync.domain.Movement;
import io.inventorysync.movements.MovementQueue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The movements queue port in memory: keeps what was sent, or sends nothing while {@link #failing}. */
public final class RecordingMovementQueue implements MovementQueue {
    public final List<Movement> sent = new ArrayList<>();
    public boolean failing;

    @Override
    public synchronized List<Movement> send(List<Movement> movements, Instant deadline) {
        if (failing) {
            return List.copyOf(movements);
        }
        sent.addAll(movements);
        return List.of();
    }
}
