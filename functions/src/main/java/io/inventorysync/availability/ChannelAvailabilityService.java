package io.inventorysync.availability;

import io.inventorysync.domain.AvailabilityPool;
import io.inventorysync.domain.ChannelAvailability;
import io.inventorysync.domain.ChannelAvailabilityRules;
import io.inventorysync.domain.Ids;
import io.inventorysync.store.ChannelAvailabilities;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.store.StoreException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps each channel's number of a SKU in step with the SKU's levels in the channel's pool. One
 * consistent query of the SKU's partition reads the levels and every channel's stored number;
 * each channel whose pool is concerned is decided by {@link ChannelAvailabilityRules} and stored
 * with a conditional write. It never publishes: the stored record's stream record does.
 */
public final class ChannelAvailabilityService {
    private final Map<String, AvailabilityPool> pools;
    private final ChannelAvailabilities store;
    private final Clock clock;
    private final int maxReads;
    private final JitteredBackoff backoff = new JitteredBackoff(Duration.ofMillis(5), Duration.ofMillis(200));

    /** What one computation did. */
    public record Outcome(int reads, int writes, int numbersChanged) {
        static final Outcome NOTHING = new Outcome(0, 0, 0);
    }

    public ChannelAvailabilityService(Map<String, AvailabilityPool> pools, ChannelAvailabilities store, Clock clock,
                                      int maxReads) {
        this.pools = Map.copyOf(pools);
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxReads = maxReads;
    }

    /** Whether any channel has a pool at all (when none does, the outbox reads nothing). */
    public boolean hasPools() {
        return !pools.isEmpty();
    }

    /** Whether a change at {@code locationId} can move some channel's number. */
    public boolean concerns(String locationId) {
        return pools.values().stream().anyMatch(p -> p.contains(locationId));
    }

    /** {@code GET /v1/channels/{channel}/availability/{sku}}. */
    public AvailabilityResult read(String channel, String sku) {
        if (!pools.containsKey(channel)) {
            return new AvailabilityResult.ChannelNotFound(channel);
        }
        if (!Ids.isId(sku)) {
            return new AvailabilityResult.Found(ChannelAvailability.none(channel, sku));
        }
        return new AvailabilityResult.Found(store.channelAvailability(channel, sku));
    }

    /** Recomputes the channels whose pools hold any of {@code locationIds} (the locations whose levels changed). */
    public Outcome levelsChanged(String sku, Collection<String> locationIds) {
        List<String> channels = new ArrayList<>();
        pools.forEach((name, pool) -> {
            if (locationIds.stream().anyMatch(pool::contains)) {
                channels.add(name);
            }
        });
        return compute(sku, channels, locationIds);
    }

    /** Recomputes every channel's number of {@code sku} (after a change of the configuration). */
    public Outcome recompute(String sku) {
        return compute(sku, new ArrayList<>(pools.keySet()), null);
    }

    /**
     * @param changed the locations whose change this computation is for, or {@code null} for all:
     *                once a stored number counts their levels as this computation first read them,
     *                it is done, even if it lost the race to store
     */
    private Outcome compute(String sku, List<String> channels, Collection<String> changed) {
        if (channels.isEmpty()) {
            return Outcome.NOTHING;
        }
        Map<String, Boolean> pending = new LinkedHashMap<>();
        channels.forEach(c -> pending.put(c, Boolean.TRUE));
        int reads = 0;
        int writes = 0;
        int numbersChanged = 0;
        Map<String, Long> needed = null;
        while (!pending.isEmpty()) {
            // Only a race brings us here again: let the other computation finish before reading.
            if (reads > 0 && !backoff.pause(reads)) {
                throw new StoreException("channel availability of " + sku + ": interrupted", true, null);
            }
            if (reads == maxReads) {
                throw new StoreException("channel availability of " + sku + ": still contended after " + reads
                        + " reads (channels " + pending.keySet() + ")", true, null);
            }
            ChannelAvailabilities.SkuPartition partition = store.read(sku);
            reads++;
            if (needed == null) {
                needed = new java.util.HashMap<>();
                for (var level : partition.levels()) {
                    if (changed == null || changed.contains(level.locationId())) {
                        needed.put(level.locationId(), level.version());
                    }
                }
            }
            for (String channel : List.copyOf(pending.keySet())) {
                AvailabilityPool pool = pools.get(channel);
                ChannelAvailabilities.Stored stored = partition.channels().get(channel);
                if (reads > 1 && stored != null && ChannelAvailabilityRules.covers(stored.value(), pool, needed)) {
                    pending.remove(channel);
                    continue;
                }
                if (stored == null && partition.levels().stream().noneMatch(l -> pool.contains(l.locationId()))) {
                    pending.remove(channel);
                    continue;
                }
                ChannelAvailabilityRules.Decision decision = ChannelAvailabilityRules.decide(
                        stored == null ? null : stored.value(), channel, sku, pool, partition.levels(), clock.instant());
                switch (decision) {
                    case ChannelAvailabilityRules.Decision.Keep keep -> pending.remove(channel);
                    case ChannelAvailabilityRules.Decision.ReadAgain again -> { }
                    case ChannelAvailabilityRules.Decision.Store store -> {
                        if (this.store.replace(stored, store.next())) {
                            writes++;
                            numbersChanged += store.numberChanged() ? 1 : 0;
                            pending.remove(channel);
                        }
                    }
                }
            }
        }
        return new Outcome(reads, writes, numbersChanged);
    }
}
