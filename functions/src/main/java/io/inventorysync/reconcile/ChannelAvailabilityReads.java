package io.inventorysync.reconcile;

import java.util.Optional;

/**
 * A channel's availability of a SKU now (contract v1.1, "Per-channel availability"), as reconciliation
 * of a {@code CHANNEL_AVAILABLE} snapshot reads it. A port: the per-channel availability records
 * provide it.
 */
public interface ChannelAvailabilityReads {

    /** The channel's number and its version; empty for a SKU never seen (compared as 0, version 0). */
    Optional<Availability> availableNow(String channel, String sku);

    record Availability(long available, long version) {
    }

    /** Until per-channel availability is wired: no channel has a number, so every SKU reads 0. */
    ChannelAvailabilityReads NONE = (channel, sku) -> Optional.empty();
}
