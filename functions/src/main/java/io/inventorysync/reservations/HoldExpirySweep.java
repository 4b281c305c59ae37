package io.inventorysync.reservations;

import io.inventorysync.domain.HoldRef;
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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Releases holds past {@code expiresAt}. Reads the due holds, soonest first, from the store (no
 * scan), shared by {@code threads} workers, and expires each with a conditional transaction
 * (only if still active and due), so a sweep racing a commit or a release settles the hold once.
 * Work per run is bounded by a deadline; the index itself is the continuation: an expired hold
 * leaves it, so the next run starts where this one stopped.
 *
 * <p>The calling thread is the first worker: a run with no due hold, or with one, hands nothing to
 * another thread; the other {@code threads - 1} workers are handed to {@code workers} only when a
 * second hold is due (a backlog). {@code workers} is the container's one executor, the same that reads
 * the due-hold index's shards together ({@code DynamoDbInventoryStore.Builder#shardReads}): no pool per
 * run. A run returns only once every worker it started has stopped: when one fails (a page of the index
 * that cannot be read), the others take no further hold.
 */
public final class HoldExpirySweep {
    private static final Logger LOG = LogManager.getLogger(HoldExpirySweep.class);

    private final Holds store;
    private final Clock clock;
    private final int threads;
    private final Executor workers;

    /** What one run did. {@code drained} is false when the deadline stopped it with holds left. */
    public record Result(int expired, int alreadySettled, int failed, boolean drained) {
        // The record's text written out: the generated toString bootstraps java.lang.runtime.ObjectMethods
        // on first use, tens of ms in a fresh JVM, which the sweeper paid at its first event's log line
        // (README, issue 16, "Eighth round"). The same text as the generated one.
        @Override
        public String toString() {
            return "Result[expired=" + expired + ", alreadySettled=" + alreadySettled + ", failed=" + failed
                    + ", drained=" + drained + "]";
        }
    }

    /**
     * With the executor every sweep made this way shares (for tests and tools; the deployed sweeper passes the
     * container's own): daemon threads made as workers are needed and reused, ended after a minute idle, so
     * building many sweeps leaves no pool behind each. Made on first use: the deployed path never builds it.
     */
    public HoldExpirySweep(Holds store, Clock clock, int threads) {
        this(store, clock, threads, SharedWorkers.POOL);
    }

    /** Where this sweep's workers beyond the calling thread run. */
    Executor workers() {
        return workers;
    }

    /** The executor of sweeps built without one (initialization on demand: only when such a sweep is built). */
    private static final class SharedWorkers {
        static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hold-sweep-shared");
            t.setDaemon(true);
            return t;
        });
    }

    /** @param workers where the workers beyond the calling thread run: the container's executor */
    public HoldExpirySweep(Holds store, Clock clock, int threads, Executor workers) {
        this.store = store;
        this.clock = clock;
        this.threads = Math.max(1, threads);
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * A container's executor for the sweep: {@code size} daemon threads, started as work arrives and
     * stopped after five minutes idle. One serves both the workers and the shard reads: a run reads the
     * shards' first pages before it starts a worker, so the two never wait on each other.
     */
    public static ThreadPoolExecutor workers(int size) {
        var pool = new ThreadPoolExecutor(size, size, 5, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "hold-sweep");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** @param remainingMillis how long the run may still take (Lambda's remaining time, less a margin) */
    public Result run(LongSupplier remainingMillis, Telemetry telemetry) {
        Instant now = clock.instant();
        Counts counts = new Counts();
        Due due = new Due(store.dueHolds(now).iterator(), remainingMillis);
        try {
            HoldRef first = due.next();
            if (first != null) {
                expire(first, counts);
                if (threads > 1 && due.more()) {
                    withHelpers(due, counts);
                } else {
                    drain(due, counts);
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("sweep failed", e);
        }
        telemetry.count("HoldsExpired", counts.expired.get());
        telemetry.count("HoldsSweepFailed", counts.failed.get());
        Result result = new Result(counts.expired.get(), counts.settled.get(), counts.failed.get(),
                !due.stoppedByDeadline() && !counts.interrupted);
        LOG.info("hold sweep: {}", result);
        return result;
    }

    /**
     * A backlog: {@code threads - 1} more workers share the due holds with the calling thread. The first
     * failure (the calling thread's or a worker's) stops the others taking holds; the run waits for
     * them, so nothing of it goes on after it returned, and then fails as the calling thread would.
     */
    private void withHelpers(Due due, Counts counts) {
        List<CompletableFuture<Void>> helpers = new ArrayList<>(threads - 1);
        for (int i = 1; i < threads; i++) {
            helpers.add(CompletableFuture.runAsync(() -> drainOrStop(due, counts), workers));
        }
        Throwable failure = null;
        try {
            drainOrStop(due, counts);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (CompletableFuture<Void> helper : helpers) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                counts.interrupted = true;
                due.stop();
                try {
                    helper.join();
                } catch (CompletionException failed) {
                    failure = failure == null ? failed.getCause() : failure;
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            }
        }
        // run() reports it as the calling thread's own failure would be
        switch (failure) {
            case null -> { }
            case RuntimeException r -> throw r;
            case Error error -> throw error;
            default -> throw new IllegalStateException(failure);
        }
    }

    /** One worker of several: as {@link #drain}, and when it fails, the others take no further hold. */
    private void drainOrStop(Due due, Counts counts) {
        try {
            drain(due, counts);
        } catch (RuntimeException | Error e) {
            due.stop();
            throw e;
        }
    }

    /** One worker: takes the next due hold and expires it, until none is left or the deadline comes. */
    private void drain(Due due, Counts counts) {
        for (HoldRef id = due.next(); id != null; id = due.next()) {
            expire(id, counts);
        }
    }

    private void expire(HoldRef id, Counts counts) {
        try {
            if (store.expire(id) instanceof HoldResult.Settled) {
                counts.expired.incrementAndGet();
            } else {
                // Committed or released meanwhile: nothing left to do.
                counts.settled.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // Left in the index: the next run tries again; the other holds go on.
            LOG.warn("hold {} not expired this run: {}", id, e.getMessage());
            counts.failed.incrementAndGet();
        }
    }

    private static final class Counts {
        final AtomicInteger expired = new AtomicInteger();
        final AtomicInteger settled = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        volatile boolean interrupted;
    }

    /** The due holds, shared by the workers; each is handed out once. */
    private static final class Due {
        private final Iterator<HoldRef> holds;
        private final LongSupplier remainingMillis;
        private boolean stoppedByDeadline;
        private volatile boolean stopped;

        Due(Iterator<HoldRef> holds, LongSupplier remainingMillis) {
            this.holds = holds;
            this.remainingMillis = remainingMillis;
        }

        /** The next due hold, or {@code null} when none is left or the deadline has come. */
        synchronized HoldRef next() {
            if (stopped || !holds.hasNext()) {
                return null;
            }
            if (remainingMillis.getAsLong() <= 0) {
                stoppedByDeadline = true;
                return null;
            }
            return holds.next();
        }

        /** Whether another hold is due (reads the next page when this one is used up). */
        synchronized boolean more() {
            return holds.hasNext();
        }

        /** Another worker failed: no one takes a further hold this run (not waiting for a page being read). */
        void stop() {
            stopped = true;
        }

        synchronized boolean stoppedByDeadline() {
            return stoppedByDeadline;
        }
    }
}
