package io.inventorysync.reservations;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.HoldRef;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.store.FulfilResult;
import io.inventorysync.store.HoldResult;
import io.inventorysync.store.Holds;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.ReservationResult;
import io.inventorysync.store.StoreException;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sweep's workers on the reference store: which thread expires what (none started for no due
 * hold or one), every due hold settled exactly once, the deadline, a failing expire, a failing read.
 */
class HoldExpirySweepTest {
    private static final String SKU = "BLU-SHIRT-M";
    private static final String WEB = "web-dc";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T06:00:00Z"));
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final Recording holds = new Recording(store);
    /** The container's one executor, as the sweeper function gives it (it reads the index's shards too). */
    private final java.util.concurrent.ThreadPoolExecutor workers = HoldExpirySweep.workers(7);

    @org.junit.jupiter.api.AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    private void due(int count) {
        store.apply(Events.one("rcv-" + count, ChangeType.RECEIPT, clock.instant(), WEB, SKU, 1_000));
        for (int i = 0; i < count; i++) {
            store.reserve(Events.hold("h-" + i, WEB, 60, Events.held(SKU, 1)));
        }
        store.reserve(Events.hold("later", WEB, 900, Events.held(SKU, 1)));
        clock.advance(Duration.ofSeconds(61));
    }

    private HoldExpirySweep.Result sweep(int threads, long... remaining) {
        AtomicInteger asked = new AtomicInteger();
        return new HoldExpirySweep(holds, clock, threads, workers).run(() -> remaining.length == 0 ? Long.MAX_VALUE
                : remaining[Math.min(asked.getAndIncrement(), remaining.length - 1)], Telemetry.discarded());
    }

    @Test
    void noDueHold_expiresNothing_onNoThreadButTheCallers() {
        due(0);
        HoldExpirySweep.Result result = sweep(4);
        assertThat(result).isEqualTo(new HoldExpirySweep.Result(0, 0, 0, true));
        assertThat(holds.expiredOn).isEmpty();
        assertThat(store.reservation(Events.ref("later")).orElseThrow().status()).isEqualTo(ReservationStatus.ACTIVE);
    }

    @Test
    void oneDueHold_isExpiredOnTheCallingThread() {
        due(1);
        HoldExpirySweep.Result result = sweep(4);
        assertThat(result).isEqualTo(new HoldExpirySweep.Result(1, 0, 0, true));
        assertThat(holds.expiredOn).containsOnlyKeys(Events.ref("h-0"));
        assertThat(holds.expiredOn.get(Events.ref("h-0"))).isSameAs(Thread.currentThread());
        assertThat(store.reservation(Events.ref("h-0")).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(store.reservation(Events.ref("later")).orElseThrow().status()).isEqualTo(ReservationStatus.ACTIVE);
    }

    @Test
    void aBacklog_isSharedByTheWorkers_andEachHoldIsExpiredExactlyOnce() {
        due(40);
        // The first hold is expired alone (no worker is started before a second one is due); after it,
        // two expiries must be under way at once before either finishes: only a second worker can do that.
        CountDownLatch together = new CountDownLatch(2);
        AtomicInteger seen = new AtomicInteger();
        holds.beforeExpire = ref -> {
            if (seen.getAndIncrement() == 0) {
                return true;
            }
            together.countDown();
            try {
                return together.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
        HoldExpirySweep.Result result = sweep(4);
        assertThat(together.getCount()).isZero();
        assertThat(result).isEqualTo(new HoldExpirySweep.Result(40, 0, 0, true));
        assertThat(holds.calls.values()).allMatch(n -> n.get() == 1);
        assertThat(holds.calls).hasSize(40);
        assertThat(Set.copyOf(holds.expiredOn.values())).hasSizeGreaterThan(1).contains(Thread.currentThread());
        // the workers beside the calling thread are the container's executor's: no pool of the run's own
        assertThat(holds.expiredOn.values()).allMatch(t -> t == Thread.currentThread() || t.getName().equals("hold-sweep"));
        assertThat(store.level(SKU, WEB).orElseThrow().reserved()).isEqualTo(1);
        // and the next run finds nothing
        assertThat(sweep(4)).isEqualTo(new HoldExpirySweep.Result(0, 0, 0, true));
    }

    @Test
    void oneThread_expiresTheBacklogOnTheCallingThread() {
        due(5);
        assertThat(sweep(1)).isEqualTo(new HoldExpirySweep.Result(5, 0, 0, true));
        assertThat(Set.copyOf(holds.expiredOn.values())).containsExactly(Thread.currentThread());
    }

    @Test
    void theDeadline_stopsTheRunWithHoldsLeft_andTheNextRunContinues() {
        due(10);
        // time for 3 holds, then none
        HoldExpirySweep.Result first = sweep(4, 100, 100, 100, 0);
        assertThat(first).isEqualTo(new HoldExpirySweep.Result(3, 0, 0, false));
        HoldExpirySweep.Result second = sweep(4);
        assertThat(second).isEqualTo(new HoldExpirySweep.Result(7, 0, 0, true));
        assertThat(holds.calls).hasSize(10);
        assertThat(holds.calls.values()).allMatch(n -> n.get() == 1);
    }

    @Test
    void theDeadlineBeforeTheFirstHold_expiresNothing_butNothingDueIsStillDrained() {
        due(2);
        assertThat(sweep(4, 0)).isEqualTo(new HoldExpirySweep.Result(0, 0, 0, false));
        assertThat(holds.calls).isEmpty();
        HoldExpirySweep.Result later = sweep(4);
        assertThat(later.expired()).isEqualTo(2);
        assertThat(sweep(4, 0)).isEqualTo(new HoldExpirySweep.Result(0, 0, 0, true));
    }

    @Test
    void aFailingExpire_isCountedAndLeftForTheNextRun_theOthersGoOn() {
        due(6);
        holds.failing = Events.ref("h-2");
        HoldExpirySweep.Result first = sweep(4);
        assertThat(first).isEqualTo(new HoldExpirySweep.Result(5, 0, 1, true));
        assertThat(store.reservation(Events.ref("h-2")).orElseThrow().status()).isEqualTo(ReservationStatus.ACTIVE);
        holds.failing = null;
        assertThat(sweep(4)).isEqualTo(new HoldExpirySweep.Result(1, 0, 0, true));
        assertThat(store.reservation(Events.ref("h-2")).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void aFailingSingleExpire_onTheCallingThread_isCountedNotThrown() {
        due(1);
        holds.failing = Events.ref("h-0");
        assertThat(sweep(4)).isEqualTo(new HoldExpirySweep.Result(0, 0, 1, true));
    }

    @Test
    void aHoldTheIndexStillListsButThatWasCommitted_isCountedAsAlreadySettled() {
        due(3);
        // the index is eventually consistent: it may still list a hold committed a moment ago
        store.reserve(Events.hold("gone", WEB, 900, Events.held(SKU, 1)));
        store.commit(Events.ref("gone"));
        holds.alsoListed = Events.ref("gone");
        assertThat(sweep(4)).isEqualTo(new HoldExpirySweep.Result(3, 1, 0, true));
        assertThat(store.reservation(Events.ref("gone")).orElseThrow().status()).isEqualTo(ReservationStatus.COMMITTED);
    }

    @Test
    void aReadThatFails_failsTheRun() {
        due(3);
        holds.dueHoldsFail = true;
        assertThatThrownBy(() -> sweep(4)).isInstanceOf(IllegalStateException.class).hasMessage("sweep failed")
                .hasCauseInstanceOf(StoreException.class);
    }

    @Test
    void aPageThatFailsWhileWorkersExpire_failsTheRun_andNoWorkerGoesOnAfterItReturned() {
        // given: 40 due holds; the index's page after the first 12 cannot be read. A worker is in the
        // middle of an expiry when the calling thread meets the failure: it finishes only after that.
        due(40);
        holds.failAfter = 12;
        CountDownLatch helperIn = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        holds.beforeExpire = ref -> {
            try {
                if (Thread.currentThread().getName().equals("hold-sweep")) {
                    helperIn.countDown();
                    return holds.readFailed.await(10, TimeUnit.SECONDS);
                }
                return seen.getAndIncrement() == 0 || helperIn.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
        // when
        assertThatThrownBy(() -> sweep(4)).isInstanceOf(IllegalStateException.class).hasMessage("sweep failed")
                .hasCauseInstanceOf(StoreException.class);
        // then: when the run returned, every expiry it started had ended, each hold handed out once
        long started = holds.calls.values().stream().mapToLong(AtomicLong::get).sum();
        assertThat(holds.ended.get()).isEqualTo(started).isEqualTo(12);
        assertThat(holds.expiredOn.values()).anyMatch(t -> t.getName().equals("hold-sweep"));
        // and nothing of it runs on afterwards
        workers.shutdown();
        try {
            assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(holds.calls.values().stream().mapToLong(AtomicLong::get).sum()).isEqualTo(12);
        assertThat(holds.calls.values()).allMatch(n -> n.get() == 1);
        // and the next run expires the rest, each once
        holds.failAfter = -1;
        holds.beforeExpire = ref -> true;
        assertThat(new HoldExpirySweep(holds, clock, 4).run(() -> Long.MAX_VALUE, Telemetry.discarded()))
                .isEqualTo(new HoldExpirySweep.Result(28, 0, 0, true));
        assertThat(holds.calls).hasSize(40);
        assertThat(holds.calls.values()).allMatch(n -> n.get() == 1);
    }

    /** The reference store, recording on which thread each hold was expired; failures on demand. */
    private static final class Recording implements Holds {
        private final Holds store;
        final Map<HoldRef, Thread> expiredOn = new ConcurrentHashMap<>();
        final Map<HoldRef, AtomicLong> calls = new ConcurrentHashMap<>();
        volatile Predicate<HoldRef> beforeExpire = ref -> true;
        volatile HoldRef failing;
        volatile boolean dueHoldsFail;
        volatile HoldRef alsoListed;
        volatile int failAfter = -1;
        final CountDownLatch readFailed = new CountDownLatch(1);
        final AtomicInteger ended = new AtomicInteger();

        Recording(Holds store) {
            this.store = store;
        }

        @Override
        public HoldResult expire(HoldRef hold) {
            calls.computeIfAbsent(hold, h -> new AtomicLong()).incrementAndGet();
            if (!beforeExpire.test(hold)) {
                throw new IllegalStateException("the test's condition was not met");
            }
            if (hold.equals(failing)) {
                throw new StoreException("expire " + hold + ": throttled", true, null);
            }
            expiredOn.put(hold, Thread.currentThread());
            try {
                return store.expire(hold);
            } finally {
                ended.incrementAndGet();
            }
        }

        @Override
        public Stream<HoldRef> dueHolds(Instant now) {
            if (alsoListed != null) {
                return Stream.concat(store.dueHolds(now), Stream.of(alsoListed));
            }
            if (failAfter >= 0) {
                // the first holds read, the page after them does not
                return Stream.concat(store.dueHolds(now).limit(failAfter), Stream.generate(() -> {
                    readFailed.countDown();
                    throw new StoreException("read due holds: throttled", true, null);
                }));
            }
            if (!dueHoldsFail) {
                return store.dueHolds(now);
            }
            // the first hold reads, the next page does not
            return Stream.concat(store.dueHolds(now).limit(1), Stream.generate(() -> {
                throw new StoreException("read due holds: throttled", true, null);
            }));
        }

        @Override
        public ReservationResult reserve(ReservationRequest request) {
            return store.reserve(request);
        }

        @Override
        public HoldResult commit(HoldRef hold, Fulfilment mode) {
            return store.commit(hold, mode);
        }

        @Override
        public FulfilResult fulfil(HoldRef hold, FulfilmentRequest request) {
            return store.fulfil(hold, request);
        }

        @Override
        public HoldResult cancel(HoldRef hold) {
            return store.cancel(hold);
        }

        @Override
        public HoldResult release(HoldRef hold) {
            return store.release(hold);
        }

        @Override
        public Optional<Reservation> reservation(HoldRef hold) {
            return store.reservation(hold);
        }
    }

    @Test
    void sweepsBuiltWithoutAnExecutor_shouldShareOne_notMakeAPoolEach() {
        // given: two sweeps as tests and tools build them, and one as the deployed sweeper does
        var pool = HoldExpirySweep.workers(1);
        try {
            HoldExpirySweep a = new HoldExpirySweep(new InMemoryInventoryStore(clock), clock, 4);
            HoldExpirySweep b = new HoldExpirySweep(new InMemoryInventoryStore(clock), clock, 2);
            HoldExpirySweep deployed = new HoldExpirySweep(new InMemoryInventoryStore(clock), clock, 4, pool);
            // then
            assertThat(a.workers()).isSameAs(b.workers());
            assertThat(deployed.workers()).isSameAs(pool);
        } finally {
            pool.shutdown();
        }
    }
}
