package io.inventorysync.reservations;

import io.inventorysync.store.HoldResult;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Releases holds past {@code expiresAt}. Reads due holds from the sparse, sharded active-holds
 * index (no scan), one page per shard at a time, and expires each with a conditional transaction
 * (only if still active and due), so a sweep racing a commit or a release settles the hold once.
 * Work per run is bounded by a deadline; the index itself is the continuation: an expired hold
 * leaves it, so the next run starts where this one stopped.
 */
public final class HoldExpirySweep {
    private static final Logger LOG = LogManager.getLogger(HoldExpirySweep.class);

    private final InventoryStore store;
    private final Clock clock;
    private final int threads;

    /** What one run did. {@code drained} is false when the deadline stopped it with holds left. */
    public record Result(int expired, int alreadySettled, int failed, boolean drained) {
    }

    public HoldExpirySweep(InventoryStore store, Clock clock, int threads) {
        this.store = store;
        this.clock = clock;
        this.threads = threads;
    }

    /** @param remainingMillis how long the run may still take (Lambda's remaining time, less a margin) */
    public Result run(LongSupplier remainingMillis, Telemetry telemetry) {
        Instant now = clock.instant();
        AtomicInteger expired = new AtomicInteger();
        AtomicInteger settled = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        boolean drained = true;
        try {
            List<Future<Boolean>> shards = new ArrayList<>();
            for (int shard = 0; shard < InventoryTable.ACTIVE_HOLD_SHARDS; shard++) {
                int s = shard;
                shards.add(pool.submit(() -> sweepShard(s, now, remainingMillis, expired, settled, failed)));
            }
            for (Future<Boolean> shard : shards) {
                drained &= shard.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("sweep failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        telemetry.count("HoldsExpired", expired.get());
        telemetry.count("HoldsSweepFailed", failed.get());
        Result result = new Result(expired.get(), settled.get(), failed.get(), drained);
        LOG.info("hold sweep: {}", result);
        return result;
    }

    /** @return true when the shard has no due hold left */
    private boolean sweepShard(int shard, Instant now, LongSupplier remainingMillis, AtomicInteger expired,
                               AtomicInteger settled, AtomicInteger failed) {
        Iterator<String> due = store.dueHolds(shard, now).iterator();
        while (due.hasNext()) {
            if (remainingMillis.getAsLong() <= 0) {
                return false;
            }
            String id = due.next();
            try {
                if (store.expire(id) instanceof HoldResult.Settled) {
                    expired.incrementAndGet();
                } else {
                    // Committed or released meanwhile: nothing left to do.
                    settled.incrementAndGet();
                }
            } catch (RuntimeException e) {
                // Left in the index: the next run tries again; the other holds and shards go on.
                LOG.warn("hold {} not expired this run: {}", id, e.getMessage());
                failed.incrementAndGet();
            }
        }
        return true;
    }
}
