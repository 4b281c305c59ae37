package io.inventorysync.reservations;

import io.inventorysync.store.HoldResult;
import io.inventorysync.store.Holds;
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
 * Releases holds past {@code expiresAt}. Reads the due holds, soonest first, from the store (no
 * scan), shared by {@code threads} workers, and expires each with a conditional transaction
 * (only if still active and due), so a sweep racing a commit or a release settles the hold once.
 * Work per run is bounded by a deadline; the index itself is the continuation: an expired hold
 * leaves it, so the next run starts where this one stopped.
 */
public final class HoldExpirySweep {
    private static final Logger LOG = LogManager.getLogger(HoldExpirySweep.class);

    private final Holds store;
    private final Clock clock;
    private final int threads;

    /** What one run did. {@code drained} is false when the deadline stopped it with holds left. */
    public record Result(int expired, int alreadySettled, int failed, boolean drained) {
    }

    public HoldExpirySweep(Holds store, Clock clock, int threads) {
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
        Iterator<io.inventorysync.domain.HoldRef> due = store.dueHolds(now).iterator();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        boolean drained = true;
        try {
            List<Future<Boolean>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> sweep(due, remainingMillis, expired, settled, failed)));
            }
            for (Future<Boolean> worker : workers) {
                drained &= worker.get();
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

    /**
     * One worker: takes the next due hold from the shared iterator and expires it, until none is
     * left or the deadline comes.
     *
     * @return true when no due hold is left
     */
    private boolean sweep(Iterator<io.inventorysync.domain.HoldRef> due, LongSupplier remainingMillis, AtomicInteger expired,
                          AtomicInteger settled, AtomicInteger failed) {
        while (true) {
            io.inventorysync.domain.HoldRef id;
            synchronized (due) {
                if (!due.hasNext()) {
                    return true;
                }
                if (remainingMillis.getAsLong() <= 0) {
                    return false;
                }
                id = due.next();
            }
            try {
                if (store.expire(id) instanceof HoldResult.Settled) {
                    expired.incrementAndGet();
                } else {
                    // Committed or released meanwhile: nothing left to do.
                    settled.incrementAndGet();
                }
            } catch (RuntimeException e) {
                // Left in the index: the next run tries again; the other holds go on.
                LOG.warn("hold {} not expired this run: {}", id, e.getMessage());
                failed.incrementAndGet();
            }
        }
    }
}
