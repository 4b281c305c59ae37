package io.inventorysync.reconcile;

import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.store.ChannelAvailabilities;

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

    /** No channel has a number, so every SKU reads 0 (tests of {@code ON_HAND} snapshots). */
    ChannelAvailabilityReads NONE = (channel, sku) -> Optional.empty();

    /**
     * The stored per-channel numbers ({@code ChannelAvailabilities.channelAvailability}, strongly
     * consistent), as the read route answers them: a SKU never computed is 0 at version 0.
     */
    static ChannelAvailabilityReads of(ChannelAvailabilities records) {
        return (channel, sku) -> {
            ChannelAvailability stored = records.channelAvailability(channel, sku);
            return stored.version() == 0 ? Optional.empty()
                    : Optional.of(new Availability(stored.available(), stored.version()));
        };
    }
}
