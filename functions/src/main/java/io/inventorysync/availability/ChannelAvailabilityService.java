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
 * query of the SKU's partition reads the levels and every channel's stored number (eventually
 * consistent first when the stream says which level versions it must show, consistent otherwise);
 * each channel whose pool is concerned is decided by {@link ChannelAvailabilityRules} and stored
 * with a conditional write. It never publishes: the stored record's stream record does.
 */
public final class ChannelAvailabilityService {
    private final Map<String, AvailabilityPool> pools;
    private final ChannelAvailabilities store;
    private final Clock clock;
    private final int maxReads;
    private final boolean eventualFirstRead;
    private final JitteredBackoff backoff = new JitteredBackoff(Duration.ofMillis(5), Duration.ofMillis(200));

    /** What one computation did. */
    public record Outcome(int reads, int writes, int numbersChanged) {
        static final Outcome NOTHING = new Outcome(0, 0, 0);
    }

    public ChannelAvailabilityService(Map<String, AvailabilityPool> pools, ChannelAvailabilities store, Clock clock,
                                      int maxReads) {
        this(pools, store, clock, maxReads, true);
    }

    /**
     * @param eventualFirstRead whether a computation told the versions of its changes starts with an
     *                          eventually consistent read ({@code true} when deployed; {@code false}
     *                          reads consistently every time, the benchmark's baseline)
     */
    public ChannelAvailabilityService(Map<String, AvailabilityPool> pools, ChannelAvailabilities store, Clock clock,
                                      int maxReads, boolean eventualFirstRead) {
        this.eventualFirstRead = eventualFirstRead;
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

    /**
     * Recomputes the channels whose pools hold any of {@code locationIds} (the locations whose levels
     * changed), from one consistent read. For callers that do not know the changes' versions.
     */
    public Outcome levelsChanged(String sku, Collection<String> locationIds) {
        return compute(sku, concerned(locationIds), locationIds, null);
    }

    /**
     * Recomputes the channels whose pools hold any of the locations in {@code changedVersions}, each
     * with the version of its level this computation is for (the stream's new image). Those versions
     * say what the read must show, so the first read may be eventually consistent (half the read
     * units): when it shows an older level at one of them (a stale view), it is read again at once,
     * consistently. It is done once the stored number counts every one of them.
     */
    public Outcome levelsChanged(String sku, Map<String, Long> changedVersions) {
        return compute(sku, concerned(changedVersions.keySet()), changedVersions.keySet(), Map.copyOf(changedVersions));
    }

    /** Recomputes every channel's number of {@code sku} (after a change of the configuration). */
    public Outcome recompute(String sku) {
        return compute(sku, new ArrayList<>(pools.keySet()), null, null);
    }

    private List<String> concerned(Collection<String> locationIds) {
        List<String> channels = new ArrayList<>();
        pools.forEach((name, pool) -> {
            if (locationIds.stream().anyMatch(pool::contains)) {
                channels.add(name);
            }
        });
        return channels;
    }

    /**
     * @param changed the locations whose change this computation is for, or {@code null} for all:
     *                once a stored number counts their levels (at {@code versions}, or as this
     *                computation first read them), it is done, even if it lost the race to store
     * @param versions the versions of {@code changed} this computation is for, or {@code null}: then
     *                 they are taken from the first read, which must be consistent
     */
    private Outcome compute(String sku, List<String> channels, Collection<String> changed, Map<String, Long> versions) {
        if (channels.isEmpty()) {
            return Outcome.NOTHING;
        }
        Map<String, Boolean> pending = new LinkedHashMap<>();
        channels.forEach(c -> pending.put(c, Boolean.TRUE));
        int reads = 0;
        int races = 0;
        int writes = 0;
        int numbersChanged = 0;
        Map<String, Long> needed = versions;
        boolean consistent = versions == null || !eventualFirstRead;
        boolean raced = false;
        while (!pending.isEmpty()) {
            // Only a race brings us here again: let the other computation finish before reading.
            if (raced && !backoff.pause(++races)) {
                throw new StoreException("channel availability of " + sku + ": interrupted", true, null);
            }
            if (reads == maxReads) {
                throw new StoreException("channel availability of " + sku + ": still contended after " + reads
                        + " reads (channels " + pending.keySet() + ")", true, null);
            }
            ChannelAvailabilities.SkuPartition partition = store.read(sku, consistent);
            reads++;
            if (!consistent && behind(partition, needed)) {
                // A stale view (older than the change we are told of): read again at once, consistently.
                consistent = true;
                raced = false;
                continue;
            }
            // After the first read, every read is consistent: a race's next read must see the winner.
            consistent = true;
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
                if (stored != null && ChannelAvailabilityRules.covers(stored.value(), pool, needed)) {
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
            raced = !pending.isEmpty();
        }
        return new Outcome(reads, writes, numbersChanged);
    }

    /** Whether {@code partition} shows an older level than {@code needed} at some location (or none). */
    private static boolean behind(ChannelAvailabilities.SkuPartition partition, Map<String, Long> needed) {
        Map<String, Long> read = new java.util.HashMap<>();
        partition.levels().forEach(l -> read.put(l.locationId(), l.version()));
        return needed.entrySet().stream().anyMatch(e -> read.getOrDefault(e.getKey(), 0L) < e.getValue());
    }
}
