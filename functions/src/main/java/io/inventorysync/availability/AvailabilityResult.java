package io.inventorysync.availability;

import io.inventorysync.domain.ChannelAvailability;

/** What a read of a channel's number finds. */
public sealed interface AvailabilityResult {

    /** The stored number, or {@code available 0, version 0} for a SKU the channel never had one of. */
    record Found(ChannelAvailability availability) implements AvailabilityResult {
    }

    /** No channel of that name declares {@code availability}. */
    record ChannelNotFound(String channel) implements AvailabilityResult {
        public String code() {
            return "CHANNEL_NOT_FOUND";
        }
    }
}
