package io.inventorysync.channels;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventorysync.domain.AvailabilityPool;

import java.util.List;
import java.util.Objects;

/**
 * A subscriber to the outbound events: which of them it gets and where they go. Channels come
 * from {@link ChannelsConfig#load}, which has validated every rule below.
 *
 * @param name        {@code [a-z0-9-]{1,40}}, unique; names the stack's rule, queue and dead-letter queue
 * @param detailTypes the detail-types it receives, a non-empty subset of {@link ChannelsConfig#DETAIL_TYPES}
 * @param locationIds only events of these locations; empty for every location
 * @param skuPrefixes only events whose {@code detail.sku} starts with one of these (case-sensitive);
 *                    empty for every SKU. Never combined with {@code ReservationExpired}, see
 *                    {@link #eventPattern()}.
 * @param availability the pool its own number is computed from ({@code ChannelAvailabilityChanged}),
 *                     or {@code null} when it has none; {@code detailTypes} may then be empty
 */
public record Channel(String name, List<String> detailTypes, List<String> locationIds, List<String> skuPrefixes,
                      Target target, RetryPolicy retry, AvailabilityPool availability) {

    public Channel {
        Objects.requireNonNull(name, "name");
        if (detailTypes.isEmpty() && availability == null) {
            throw new IllegalArgumentException("channel " + name + " receives nothing");
        }
        detailTypes = List.copyOf(detailTypes);
        locationIds = List.copyOf(locationIds);
        skuPrefixes = List.copyOf(skuPrefixes);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(retry, "retry");
    }

    /** A channel without a pool of its own. */
    public Channel(String name, List<String> detailTypes, List<String> locationIds, List<String> skuPrefixes,
                   Target target, RetryPolicy retry) {
        this(name, detailTypes, locationIds, skuPrefixes, target, retry, null);
    }

    /**
     * The patterns of this channel's rules: {@link #eventPattern()} when it has detail-types,
     * then {@link #availabilityPattern()} when it has a pool. Every rule has the same target.
     */
    public List<String> eventPatterns() {
        List<String> patterns = new java.util.ArrayList<>(2);
        if (!detailTypes.isEmpty()) {
            patterns.add(eventPattern());
        }
        availabilityPattern().ifPresent(patterns::add);
        return patterns;
    }

    /**
     * The pattern of the rule that brings the channel its own number:
     * {@code {"source":["inventory"],"detail-type":["ChannelAvailabilityChanged"],"detail":{"channel":[name]}}}.
     * No location or SKU filter applies: the number already is the channel's own.
     */
    public java.util.Optional<String> availabilityPattern() {
        if (availability == null) {
            return java.util.Optional.empty();
        }
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        pattern.putArray("source").add(ChannelsConfig.SOURCE);
        pattern.putArray("detail-type").add(ChannelsConfig.CHANNEL_AVAILABILITY_CHANGED);
        pattern.putObject("detail").putArray("channel").add(name);
        return java.util.Optional.of(pattern.toString());
    }

    /**
     * The EventBridge event pattern of this channel's rule, as JSON:
     * {@code {"source":["inventory"],"detail-type":[...]}}, plus {@code "detail":{"locationId":[...]}}
     * when locations are given and {@code "detail":{"sku":[{"prefix":...},...]}} when SKU prefixes
     * are given (both filters must hold when both are given).
     *
     * <p>Why a channel with SKU prefixes may not receive {@code ReservationExpired}: that detail
     * has no {@code sku}, only one per line ({@code lines[].sku}), so {@code detail.sku} never
     * matches it and the channel would silently get none. A matching pattern does exist,
     * {@code "detail":{"$or":[{"sku":[..]},{"lines":{"sku":[..]}}]}} (event-ruler matches it),
     * but it was not chosen: a hold of one matching and one other SKU would be delivered whole,
     * other SKU included, so "only my SKUs" would stop being true for that one type and the
     * channel would have to filter lines itself. Nothing is lost by refusing: the effect of an
     * expiry on each SKU arrives as an {@code InventoryLevelChanged} with {@code cause.type}
     * {@code RESERVATION_EXPIRED}, filtered by SKU like every other change. {@link ChannelsConfig}
     * therefore refuses the combination, naming the channel.
     */
    public String eventPattern() {
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        pattern.putArray("source").add(ChannelsConfig.SOURCE);
        ArrayNode types = pattern.putArray("detail-type");
        detailTypes.forEach(types::add);
        if (!locationIds.isEmpty() || !skuPrefixes.isEmpty()) {
            ObjectNode detail = pattern.putObject("detail");
            if (!locationIds.isEmpty()) {
                ArrayNode locations = detail.putArray("locationId");
                locationIds.forEach(locations::add);
            }
            if (!skuPrefixes.isEmpty()) {
                ArrayNode skus = detail.putArray("sku");
                skuPrefixes.forEach(prefix -> skus.addObject().put("prefix", prefix));
            }
        }
        return pattern.toString();
    }
}
