package io.inventorysync.processor;

import io.inventorysync.movements.QueuedMovement;

/** Where a message that can never be applied is parked, with the reason, for a person to look at. */
public interface PoisonQueue {

    void park(QueuedMovement message, String reason);
}
