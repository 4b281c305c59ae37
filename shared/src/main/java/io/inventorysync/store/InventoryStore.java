package io.inventorysync.store;

/**
 * The master stock records, their ledger and the checkout holds: every port of the store in one,
 * as its two implementations provide it. Code above the store depends on the narrow port it
 * needs ({@link MovementLedger}, {@link EventReceipts}, {@link RequestClaims},
 * {@link Holds}, {@link StockReads}). Every write is all or nothing, and applying the same movement again
 * changes nothing.
 */
public interface InventoryStore extends MovementLedger, EventReceipts, RequestClaims, Holds, StockReads {
}
