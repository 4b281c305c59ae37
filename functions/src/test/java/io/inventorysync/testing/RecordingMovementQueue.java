package io.inventorysync.testing;

import io.inventorysync.domain.Movement;
import io.inventorysync.movements.MovementQueue;

import java.util.ArrayList;
import java.util.List;

/** The movements queue port in memory: keeps what was sent, or fails every send while {@link #failing}. */
public final class RecordingMovementQueue implements MovementQueue {
    public final List<Movement> sent = new ArrayList<>();
    public boolean failing;

    @Override
    public synchronized void send(List<Movement> movements) {
        if (failing) {
            throw new QueueUnavailableException("queue down (test)", null);
        }
        sent.addAll(movements);
    }
}
