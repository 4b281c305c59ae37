package io.inventorysync.store;

import java.util.Optional;

/**
 * Which vendor orders committed which holds: a Shopify fulfilment or cancellation names only its
 * order, so the adapter remembers the hold an order committed.
 */
public interface OrderHolds {

    /** Remembers that {@code orderId} of {@code sourceId} committed {@code reservationId}; a repeat is harmless. */
    void linkOrder(String sourceId, String orderId, String reservationId);

    /** The hold the order committed, if it committed one. */
    Optional<String> holdOfOrder(String sourceId, String orderId);
}
