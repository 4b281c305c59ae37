package io.inventorysync.store;

import io.inventorysync.testing.MutableClock;

/** The store contract against the in-memory reference store. */
class InMemoryInventoryStoreTest extends InventoryStoreContract {
    @Override
    InventoryStore newStore(MutableClock clock) {
        return new InMemoryInventoryStore(clock);
    }
}
