package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.OutcomeReason;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.inventorysync.testing.Events.held;
import static io.inventorysync.testing.Events.hold;
import static io.inventorysync.testing.Events.one;
import static org.assertj.core.api.Assertions.assertThat;

/** Many writers on one record at once: the conditions, not luck, keep the numbers exact. */
class StoreConcurrencyIT {
    private static final DynamoDbClient DYNAMO = LocalDynamoDb.client();
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SKU = "LAST-UNITS";
    private static final String WEB = "web-dc";

    private InventoryStore store;

    @BeforeEach
    void setUp() {
        store = DynamoDbInventoryStore.builder().dynamoDbClient(DYNAMO).tableName(LocalDynamoDb.createTable(DYNAMO))
                .clock(new MutableClock(T0)).build();
    }

    @Test
    void reserve_shouldLetExactlyFiveWin_when20ThreadsRaceForLastFiveUnits() throws Exception {
        // given
        store.apply(one("rcv", ChangeType.RECEIPT, T0, WEB, SKU, 5));
        // when
        List<ReservationResult> results = race(20, i -> store.reserve(hold("race-" + i, WEB, 900, held(SKU, 1))));
        // then
        assertThat(results).filteredOn(ReservationResult.Held.class::isInstance).hasSize(5);
        assertThat(results).filteredOn(ReservationResult.InsufficientStock.class::isInstance).hasSize(15);
        StockLevel level = store.level(SKU, WEB).orElseThrow();
        assertThat(level.reserved()).isEqualTo(5).isLessThanOrEqualTo(level.onHand());
        assertThat(level.available()).isZero();
        assertThat(level.version()).isEqualTo(6);
    }

    @Test
    void reserve_shouldNeverExceedOnHand_whenMultiUnitHoldsRace() throws Exception {
        // given
        store.apply(one("rcv", ChangeType.RECEIPT, T0, WEB, SKU, 5));
        // when: 20 shoppers ask for 2 units each; at most two can be served
        List<ReservationResult> results = race(20, i -> store.reserve(hold("pair-" + i, WEB, 900, held(SKU, 2))));
        // then
        assertThat(results).filteredOn(ReservationResult.Held.class::isInstance).hasSize(2);
        assertThat(store.level(SKU, WEB).orElseThrow().reserved()).isEqualTo(4);
    }

    @Test
    void apply_shouldEndWithExactOnHandAndVersion_whenSalesAndReceiptsHitOneSkuConcurrently() throws Exception {
        // given: 20 writers, each 10 movements, half sales of 1 and half receipts of 3
        int writers = 20;
        int perWriter = 10;
        // when
        List<List<Outcome>> outcomes = race(writers, w -> {
            List<Outcome> mine = new ArrayList<>();
            for (int i = 0; i < perWriter; i++) {
                boolean sale = (w + i) % 2 == 0;
                mine.add(store.apply(one("w" + w + "-" + i, sale ? ChangeType.SALE : ChangeType.RECEIPT, T0, WEB, SKU,
                        sale ? 1 : 3)).outcome());
            }
            return mine;
        });
        // then
        assertThat(outcomes).flatMap(l -> l).containsOnly(Outcome.APPLIED).hasSize(writers * perWriter);
        StockLevel level = store.level(SKU, WEB).orElseThrow();
        int movements = writers * perWriter;
        assertThat(level.onHand()).isEqualTo(movements / 2 * 3 - movements / 2);
        assertThat(level.version()).isEqualTo(movements);
        assertThat(store.ledger(SKU, WEB)).hasSize(movements);
    }

    @Test
    void commitAndRelease_shouldSettleHoldOnce_whenTheyRace() throws Exception {
        // given
        store.apply(one("rcv", ChangeType.RECEIPT, T0, WEB, SKU, 50));
        for (int i = 0; i < 10; i++) {
            store.reserve(hold("settle-" + i, WEB, 900, held(SKU, 2)));
        }
        // when: for every hold, a commit and a release race
        List<HoldResult> results = race(20, i -> i % 2 == 0
                ? store.commit(io.inventorysync.testing.Events.ref("settle-" + i / 2)) : store.release(io.inventorysync.testing.Events.ref("settle-" + i / 2)));
        // then: one of each pair wins, the other is told the hold is no longer active
        assertThat(results).filteredOn(HoldResult.Settled.class::isInstance).hasSize(10);
        assertThat(results).filteredOn(HoldResult.NotActive.class::isInstance).hasSize(10);
        long committed = results.stream().filter(r -> r instanceof HoldResult.Settled s
                && s.reservation().status() == io.inventorysync.domain.ReservationStatus.COMMITTED).count();
        StockLevel level = store.level(SKU, WEB).orElseThrow();
        assertThat(level.reserved()).isZero();
        assertThat(level.onHand()).isEqualTo(50 - 2 * committed);
        assertThat(level.version()).isEqualTo(1 + 10 + 10);
    }

    @Test
    void saleAndCommit_shouldSettleHoldOnce_whenTillSaleRacesOnlineCommit() throws Exception {
        // given: 10 click-and-collect holds of 2 units
        store.apply(one("rcv", ChangeType.RECEIPT, T0, WEB, SKU, 50));
        for (int i = 0; i < 10; i++) {
            store.reserve(hold("pick-" + i, WEB, 900, held(SKU, 2)));
        }
        // when: for every hold, the till rings the sale while the web shop commits it
        List<Object> results = race(20, i -> i % 2 == 0
                ? store.apply(io.inventorysync.testing.Events.sale("till-" + i, T0, WEB, SKU, 2, "pick-" + i / 2))
                : store.commit(io.inventorysync.testing.Events.ref("pick-" + i / 2)));
        // then: every hold ends committed exactly once; the till sales always apply (physical facts)
        for (int i = 0; i < 10; i++) {
            assertThat(store.reservation(io.inventorysync.testing.Events.ref("pick-" + i)).orElseThrow().status())
                    .isEqualTo(io.inventorysync.domain.ReservationStatus.COMMITTED);
        }
        long consumedByTill = results.stream().filter(r -> r instanceof ApplyResult a
                && a.reason() == OutcomeReason.RESERVATION_CONSUMED).count();
        long committedOnline = results.stream().filter(r -> r instanceof HoldResult.Settled).count();
        // Commit is idempotent: it answers "committed" whether it or the till got there first.
        assertThat(committedOnline).isEqualTo(10);
        StockLevel level = store.level(SKU, WEB).orElseThrow();
        // 10 till sales of 2 always apply; every online commit that won also sold 2 more.
        long onlineWins = 10 - consumedByTill;
        assertThat(level.reserved()).isZero();
        assertThat(level.onHand()).isEqualTo(50 - 20 - 2 * onlineWins);
        assertThat(level.version()).isEqualTo(1 + 10 + 10 + onlineWins);
    }

    @Test
    void apply_shouldKeepEverySale_whenCountsRaceNewerSalesOnOneRecord() throws Exception {
        // given
        store.apply(one("rcv", ChangeType.RECEIPT, T0.minusSeconds(3_600), WEB, SKU, 100));
        // when: 16 sales after 9:30 race two counts of 100 at 9:30 (a count retried as SQS would)
        race(18, i -> {
            if (i >= 16) {
                var count = one("cnt-" + i, ChangeType.COUNT, T0.minusSeconds(1_800), WEB, SKU, 100);
                for (int attempt = 0; ; attempt++) {
                    try {
                        return store.apply(count);
                    } catch (StoreException e) {
                        if (!e.isRetryable() || attempt == 10) {
                            throw e;
                        }
                    }
                }
            }
            return store.apply(one("s-" + i, ChangeType.SALE, T0.minusSeconds(600 - i), WEB, SKU, 1));
        });
        // then: whatever the order, every sale is on top of the counts
        assertThat(store.level(SKU, WEB).orElseThrow().onHand()).isEqualTo(100 - 16);
    }

    private static <T> List<T> race(int threads, ThrowingFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<T> task = () -> {
                    start.await();
                    return work.apply(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingFunction<T> {
        T apply(int i) throws Exception;
    }
}
