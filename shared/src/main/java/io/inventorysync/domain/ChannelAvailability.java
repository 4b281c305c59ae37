package io.inventorysync.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one channel may sell of one SKU, as stored per {@code (channel, sku)} and answered by
 * {@code GET /v1/channels/{channel}/availability/{sku}}.
 *
 * @param available  {@code Σ over the pool's locations of max(0, available(sku, loc) - safetyStock(loc))}
 * @param previous   the number before the change that made {@code version}: {@code {available 0, version 0}} at
 *                   version 1; {@code null} at version 0 (no number before it), and for a record stored before
 *                   {@code previous} was kept (until its next change)
 * @param version    rises by exactly one per change of {@code available}; 0 while it was never above 0
 * @param locations  each pool location that has a record of the SKU, ordered by id, with what it contributes
 * @param computedAt when the number was last computed, or {@code null} for a SKU never seen
 * @param poolDigest the {@link AvailabilityPool#digest()} it was computed under, or {@code null} for a SKU never seen
 */
public record ChannelAvailability(String channel, String sku, long available, Previous previous, long version,
                                  List<LocationShare> locations, Instant computedAt, String poolDigest) {

    public ChannelAvailability {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sku, "sku");
        locations = List.copyOf(locations);
    }

    /** The number before a change, as the event's and the route's {@code previous}. */
    public record Previous(long available, long version) {
    }

    /**
     * One location's part of the channel's number.
     *
     * @param available    {@code max(0, available(sku, loc) - safetyStock(loc))}
     * @param levelVersion the version of the stock level this part was computed from
     */
    public record LocationShare(String locationId, long available, long levelVersion) {
    }

    /** The answer for a SKU the channel never had a number for: {@code available 0, version 0}. */
    public static ChannelAvailability none(String channel, String sku) {
        return new ChannelAvailability(channel, sku, 0, null, 0, List.of(), null, null);
    }
}
