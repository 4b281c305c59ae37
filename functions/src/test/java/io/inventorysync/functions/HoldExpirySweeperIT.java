package io.inventorysync.functions;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.reservations.HoldExpirySweep;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.HoldResult;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The hold-expiry sweeper on DynamoDB Local, with a clock the test moves (no sleeping). */
class HoldExpirySweeperIT {
    private static final String SKU = "BLU-SHIRT-M";
    private static final String WEB = "web-dc";

    private static final ExecutorService SHARD_READS = Executors.newFixedThreadPool(7, r -> {
        Thread t = new Thread(r, "test-shard-read");
        t.setDaemon(true);
        return t;
    });

    private MutableClock clock;
    private InventoryStore store;
    private HoldExpirySweeperFunction sweeper;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        var dynamo = LocalDynamoDb.client();
        // As the function's container builds it: the shards' first pages read together on other threads.
        store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(LocalDynamoDb.createTable(dynamo))
                .clock(clock).shardReads(SHARD_READS).build();
        sweeper = new HoldExpirySweeperFunction(new HoldExpirySweep(store, clock, 4));
        store.apply(Events.one("rcv", ChangeType.RECEIPT, clock.instant(), WEB, SKU, 100));
    }

    @Test
    void sweep_shouldReleaseEveryDueHoldExactlyOnce_andNeverACommittedOne() {
        // given: 30 holds of 1 unit for 60 s, 10 for 900 s; 5 of the short ones committed
        for (int i = 0; i < 40; i++) {
            store.reserve(Events.hold("h-" + i, WEB, i < 30 ? 60 : 900, Events.held(SKU, 1)));
        }
        for (int i = 0; i < 5; i++) {
            store.commit(io.inventorysync.testing.Events.ref("h-" + i));
        }
        // when
        HoldExpirySweep.Result early = sweeper.handleRequest(null, null).holds();
        clock.advance(Duration.ofSeconds(60));
        HoldExpirySweep.Result first = sweeper.handleRequest(null, null).holds();
        HoldExpirySweep.Result second = sweeper.handleRequest(null, null).holds();
        // then
        assertThat(early.expired()).isZero();
        assertThat(first.expired()).isEqualTo(25);
        assertThat(first.drained()).isTrue();
        assertThat(second.expired()).isZero();
        StockLevel level = store.level(SKU, WEB).orElseThrow();
        assertThat(level.reserved()).isEqualTo(10);
        assertThat(level.onHand()).isEqualTo(95);
        assertThat(level.available()).isEqualTo(85);
        for (int i = 0; i < 5; i++) {
            assertThat(store.reservation(io.inventorysync.testing.Events.ref("h-" + i)).orElseThrow().status()).isEqualTo(ReservationStatus.COMMITTED);
        }
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("h-29")).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("h-30")).orElseThrow().status()).isEqualTo(ReservationStatus.ACTIVE);
    }

    @Test
    void sweep_shouldStopAtItsDeadline_andTheNextRunContinues() {
        // given: 50 due holds, and a run allowed to expire about 20 of them
        for (int i = 0; i < 50; i++) {
            store.reserve(Events.hold("b-" + i, WEB, 60, Events.held(SKU, 1)));
        }
        clock.advance(Duration.ofSeconds(61));
        HoldExpirySweep sweep = new HoldExpirySweep(store, clock, 1);
        AtomicLong budget = new AtomicLong(20);
        // when
        HoldExpirySweep.Result bounded = sweep.run(budget::getAndDecrement, Telemetry.start("test"));
        HoldExpirySweep.Result rest = sweep.run(() -> Long.MAX_VALUE, Telemetry.start("test"));
        // then
        assertThat(bounded.drained()).isFalse();
        assertThat(bounded.expired()).isBetween(1, 20);
        assertThat(bounded.expired() + rest.expired()).isEqualTo(50);
        assertThat(rest.drained()).isTrue();
        assertThat(store.level(SKU, WEB).orElseThrow().reserved()).isZero();
    }

    @Test
    void sweep_shouldSettleEachHoldOnce_whenRacingCommitsAndReleases() throws Exception {
        // given: 30 due holds
        for (int i = 0; i < 30; i++) {
            store.reserve(Events.hold("r-" + i, WEB, 60, Events.held(SKU, 2)));
        }
        clock.advance(Duration.ofSeconds(60));
        // when: a sweep runs while the storefront commits or releases each hold (too late)
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        work.add(pool.submit(() -> {
            start.await();
            return sweeper.handleRequest(null, null);
        }));
        for (int t = 0; t < 3; t++) {
            int offset = t;
            work.add(pool.submit(() -> {
                start.await();
                List<HoldResult> results = new ArrayList<>();
                for (int i = offset; i < 30; i += 3) {
                    results.add(i % 2 == 0 ? store.commit(io.inventorysync.testing.Events.ref("r-" + i)) : store.release(io.inventorysync.testing.Events.ref("r-" + i)));
                }
                return results;
            }));
        }
        start.countDown();
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        // then: past expiry every hold ends EXPIRED, each released once
        StockLevel level = store.level(SKU, WEB).orElseThrow();
        assertThat(level.reserved()).isZero();
        assertThat(level.onHand()).isEqualTo(100);
        assertThat(level.version()).isEqualTo(1 + 30 + 30);
        for (int i = 0; i < 30; i++) {
            assertThat(store.reservation(io.inventorysync.testing.Events.ref("r-" + i)).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        }
    }
}
