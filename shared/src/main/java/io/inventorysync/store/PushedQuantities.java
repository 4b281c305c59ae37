package io.inventorysync.store;

import java.util.Optional;

/**
 * The last number a channel connector pushed to a shop for a SKU: the compare-and-set base of the
 * next push, and what the shop's own echo of it is compared with.
 */
public interface PushedQuantities {

    /**
     * @param version           the channel availability version this number came from
     * @param shopDomain        the shop it was pushed to
     * @param inventoryItemId   the shop's numeric inventory item id
     * @param shopLocationId    the shop's numeric location id
     */
    record Pushed(String channel, String sku, long quantity, long version, String shopDomain,
                  String inventoryItemId, String shopLocationId) {
    }

    Optional<Pushed> lastPushed(String channel, String sku);

    /** What was last pushed to {@code shopDomain} for an item at a location, whichever channel pushed it. */
    Optional<Pushed> lastPushedTo(String shopDomain, String inventoryItemId, String shopLocationId);

    /** Records a push; an older version than the one recorded is ignored (versions only rise). */
    void recordPushed(Pushed pushed);
}
