package io.inventorysync.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a channel's number follows its pool's stock levels, and which of two computations is the
 * newer one.
 *
 * <p>Two computations of one {@code (channel, sku)} may run at once (the stream consumer and a
 * recompute after a deploy, or two retries). Each remembers the version of every level it read
 * (its basis) and the pool it used. Under the same pool, a computation may replace the stored one only if its basis is at least as new at
 * every location and newer at one; if each has a newer level somewhere, neither wins and the
 * caller reads again (its next read sees both). So the stored number never goes back to an older
 * state, and after the last change the last computation's basis is the newest one: it converges.
 * A computation under another pool (a deploy changed the channel's locations or buffers)
 * replaces the stored one whatever the versions: the recompute after the deploy relies on it.
 */
public final class ChannelAvailabilityRules {
    private ChannelAvailabilityRules() {
    }

    /** The channel's number from the SKU's levels (any locations; those outside the pool are ignored). */
    public static List<ChannelAvailability.LocationShare> shares(AvailabilityPool pool, List<StockLevel> levels) {
        List<ChannelAvailability.LocationShare> shares = new ArrayList<>();
        for (StockLevel level : levels) {
            if (pool.contains(level.locationId())) {
                long share = Math.max(0, level.available() - pool.safetyStock(level.locationId()));
                shares.add(new ChannelAvailability.LocationShare(level.locationId(), share, level.version()));
            }
        }
        shares.sort(Comparator.comparing(ChannelAvailability.LocationShare::locationId));
        return shares;
    }

    /** {@code Σ max(0, available(sku, loc) - safetyStock(loc))} over the pool's locations. */
    public static long available(AvailabilityPool pool, List<StockLevel> levels) {
        return shares(pool, levels).stream().mapToLong(ChannelAvailability.LocationShare::available).sum();
    }

    /** What to do with a fresh computation, given the stored one. */
    public sealed interface Decision {
        /** Store {@code next}: its basis is newer. {@code numberChanged} says whether channels hear of it. */
        record Store(ChannelAvailability next, boolean numberChanged) implements Decision {
        }

        /** The stored computation is as new as this one, or newer: nothing to write. */
        record Keep() implements Decision {
        }

        /** Each has a newer level somewhere: read again. */
        record ReadAgain() implements Decision {
        }
    }

    /**
     * Decides between the {@code stored} computation (or {@code null}: none yet, which is
     * {@code available 0, version 0}) and one made now from {@code levels}.
     */
    public static Decision decide(ChannelAvailability stored, String channel, String sku, AvailabilityPool pool,
                                  List<StockLevel> levels, Instant now) {
        List<ChannelAvailability.LocationShare> shares = shares(pool, levels);
        long available = shares.stream().mapToLong(ChannelAvailability.LocationShare::available).sum();
        ChannelAvailability before = stored == null ? ChannelAvailability.none(channel, sku) : stored;
        boolean samePool = pool.digest().equals(before.poolDigest());
        switch (samePool ? compare(basis(shares), basis(before.locations())) : Order.NEWER) {
            case OLDER_OR_SAME:
                return new Decision.Keep();
            case NEITHER:
                return new Decision.ReadAgain();
            default:
                break;
        }
        boolean changed = available != before.available();
        // previous belongs to the version: it moves with it, and a write that keeps the number keeps both.
        return new Decision.Store(new ChannelAvailability(channel, sku, available,
                changed ? new ChannelAvailability.Previous(before.available(), before.version()) : before.previous(),
                changed ? before.version() + 1 : before.version(), shares, now, pool.digest()), changed);
    }

    /**
     * Whether {@code stored} was computed under {@code pool} from levels at least as new as
     * {@code versions} (location to level version) at every location of the pool named there. A
     * computation started for those versions is then done: the stored number already counts them,
     * and a later one can only replace it with a newer basis. This is what ends a race without
     * waiting for it to stop.
     */
    public static boolean covers(ChannelAvailability stored, AvailabilityPool pool, Map<String, Long> versions) {
        if (stored == null || !pool.digest().equals(stored.poolDigest())) {
            return false;
        }
        Map<String, Long> basis = basis(stored.locations());
        return versions.entrySet().stream()
                .filter(e -> pool.contains(e.getKey()))
                .allMatch(e -> basis.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private enum Order { NEWER, OLDER_OR_SAME, NEITHER }

    private static Map<String, Long> basis(List<ChannelAvailability.LocationShare> shares) {
        Map<String, Long> basis = new HashMap<>();
        shares.forEach(s -> basis.put(s.locationId(), s.levelVersion()));
        return basis;
    }

    /**
     * Compares two bases of one pool location by location; a location missing from one counts as
     * version 0 there (level records are never deleted, so under one pool a basis only gains
     * locations).
     */
    private static Order compare(Map<String, Long> mine, Map<String, Long> stored) {
        boolean newer = false;
        boolean older = false;
        for (Map.Entry<String, Long> e : mine.entrySet()) {
            long theirs = stored.getOrDefault(e.getKey(), 0L);
            newer |= e.getValue() > theirs;
            older |= e.getValue() < theirs;
        }
        for (Map.Entry<String, Long> e : stored.entrySet()) {
            if (!mine.containsKey(e.getKey()) && e.getValue() > 0) {
                older = true;
            }
        }
        if (newer && older) {
            return Order.NEITHER;
        }
        return newer ? Order.NEWER : Order.OLDER_OR_SAME;
    }
}
