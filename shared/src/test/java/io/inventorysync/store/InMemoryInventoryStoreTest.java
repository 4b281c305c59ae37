package io.inventorysync.store;

import io.inventorysync.testing.MutableClock;

import java.util.List;

/** The store contract against the in-memory reference store. */
class InMemoryInventoryStoreTest extends InventoryStoreContract {
    @Override
    InventoryStore newStore(MutableClock clock) {
        return new InMemoryInventoryStore(clock);
    }

    @Override
    List<HeldEvent> relayed() {
        return ((InMemoryInventoryStore) store).takeNewlyHeld();
    }
}
