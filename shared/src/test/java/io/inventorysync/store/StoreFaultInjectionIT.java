package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.testing.FaultInjector;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.inventorysync.testing.Events.held;
import static io.inventorysync.testing.Events.hold;
import static io.inventorysync.testing.Events.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Throttling, transaction conflicts and lost responses injected into a share of calls. The
 * store retries what is transient, and the ledger makes a retry of an applied write harmless:
 * the final state is exact and nothing is applied twice.
 */
class StoreFaultInjectionIT {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final TransientFailures FAST = new TransientFailures(12, Duration.ofMillis(1), Duration.ofMillis(8));

    @Test
    void apply_shouldEndExact_whenCallsAreThrottledConflictedAndResponsesLost() {
        // given: 25% of calls refused before the server, 10% of applied transactions lose their response
        FaultInjector faults = new FaultInjector(42, 0.25, 0.10);
        DynamoDbClient faulty = LocalDynamoDb.clientWithoutSdkRetries(faults);
        String table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        MutableClock clock = new MutableClock(T0);
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(faulty).tableName(table).clock(clock)
                .transientFailures(FAST).build();
        InventoryStore reference = new InMemoryInventoryStore(clock);
        List<Movement> movements = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ChangeType type = i % 3 == 0 ? ChangeType.RECEIPT : ChangeType.SALE;
            movements.add(one("f-" + i, type, T0.plusSeconds(i), "store-" + (i % 2), "SKU-" + (i % 5), 1 + i % 4));
        }
        // when: every movement delivered twice, as SQS may
        for (Movement m : movements) {
            ApplyResult first = store.apply(m);
            ApplyResult second = store.apply(m);
            // A lost response is retried and recognised as this call's own write: still APPLIED.
            assertThat(first).isEqualTo(reference.apply(m));
            assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
        }
        // and holds placed and settled through the same faults
        store.apply(one("stock-web", ChangeType.RECEIPT, T0, "web-dc", "SKU-0", 100));
        reference.apply(one("stock-web", ChangeType.RECEIPT, T0, "web-dc", "SKU-0", 100));
        for (int i = 0; i < 30; i++) {
            var request = hold("h-" + i, "web-dc", 900, held("SKU-0", 1 + i % 3));
            assertThat(store.reserve(request)).isInstanceOf(ReservationResult.Held.class);
            reference.reserve(request);
            HoldResult settled = i % 2 == 0 ? store.commit(io.inventorysync.testing.Events.ref("h-" + i)) : store.release(io.inventorysync.testing.Events.ref("h-" + i));
            assertThat(settled).isInstanceOf(HoldResult.Settled.class);
            if (i % 2 == 0) {
                reference.commit(io.inventorysync.testing.Events.ref("h-" + i));
            } else {
                reference.release(io.inventorysync.testing.Events.ref("h-" + i));
            }
        }

        // then
        faults.enabled(false);
        assertThat(faults.injected()).isGreaterThan(50);
        for (int s = 0; s < 5; s++) {
            String sku = "SKU-" + s;
            assertThat(store.levels(sku)).extracting(StockLevel::locationId, StockLevel::onHand, StockLevel::reserved,
                            StockLevel::version)
                    .isEqualTo(reference.levels(sku).stream().map(l -> tuple(
                            l.locationId(), l.onHand(), l.reserved(), l.version())).toList());
        }
        for (Movement m : movements) {
            assertThat(store.eventLedger(m.key().sourceId(), m.key().eventId()))
                    .extracting(LedgerEntry::lineKey, LedgerEntry::outcome, LedgerEntry::change)
                    .isEqualTo(reference.eventLedger(m.key().sourceId(), m.key().eventId()).stream()
                            .map(e -> tuple(e.lineKey(), e.outcome(), e.change())).toList());
        }
        for (int i = 0; i < 30; i++) {
            assertThat(store.reservation(io.inventorysync.testing.Events.ref("h-" + i)).map(r -> r.status()))
                    .isEqualTo(reference.reservation(io.inventorysync.testing.Events.ref("h-" + i)).map(r -> r.status()));
        }
    }

    @Test
    void dueHolds_shouldReadEveryDueHold_whenHalfTheQueriesAreThrottled() {
        // given: 120 due holds over the index's shards, read through a client that
        // throttles half of all calls
        String table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        MutableClock clock = new MutableClock(T0);
        InventoryStore setUp = DynamoDbInventoryStore.builder().dynamoDbClient(LocalDynamoDb.client()).tableName(table)
                .clock(clock).build();
        setUp.apply(one("stock", ChangeType.RECEIPT, T0, "web-dc", "SKU-0", 1_000));
        for (int i = 0; i < 120; i++) {
            setUp.reserve(hold("due-" + i, "web-dc", 60, held("SKU-0", 1)));
        }
        clock.advance(Duration.ofMinutes(2));
        FaultInjector faults = new FaultInjector(11, 0.5, 0);
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(faults))
                .tableName(table).clock(clock).transientFailures(FAST).build();
        // when
        List<io.inventorysync.domain.HoldRef> due = store.dueHolds(clock.instant()).toList();
        // then: one throttled page does not end the read
        assertThat(faults.injected()).isGreaterThan(5);
        assertThat(due).hasSize(120).doesNotHaveDuplicates();
    }

    @Test
    void dueHolds_readingTheShardsTogether_shouldComeSoonestFirst_whenHalfTheQueriesAreThrottled() {
        // given: 24 due holds over the index's shards, each created later with a shorter life (expiry order
        // is neither creation nor id order), read with the shards' first pages together on other threads
        String table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        MutableClock clock = new MutableClock(T0);
        InventoryStore setUp = DynamoDbInventoryStore.builder().dynamoDbClient(LocalDynamoDb.client()).tableName(table)
                .clock(clock).build();
        setUp.apply(one("stock", ChangeType.RECEIPT, T0, "web-dc", "SKU-0", 1_000));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            setUp.reserve(hold("soon-" + i, "web-dc", 900 - 10 * i, held("SKU-0", 1)));
            clock.advance(Duration.ofSeconds(1));
            expected.addFirst("soon-" + i);
        }
        clock.advance(Duration.ofMinutes(15));
        FaultInjector faults = new FaultInjector(13, 0.5, 0);
        java.util.Set<String> readOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(7);
        try {
            InventoryStore store = DynamoDbInventoryStore.builder()
                    .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(faults)).tableName(table).clock(clock)
                    .transientFailures(FAST).shardReads(task -> pool.execute(() -> {
                        readOn.add(Thread.currentThread().getName());
                        task.run();
                    })).build();
            // when
            List<String> due = store.dueHolds(clock.instant()).map(io.inventorysync.domain.HoldRef::reservationId).toList();
            // then
            assertThat(faults.injected()).isGreaterThan(3);
            assertThat(due).containsExactlyElementsOf(expected);
            assertThat(readOn).isNotEmpty().doesNotContain(Thread.currentThread().getName());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dueHolds_readingTheShardsTogether_shouldSurfaceAReadThatOutlastsRetries() {
        // given: every call throttled, the shards' pages read on other threads
        String table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(7);
        try {
            InventoryStore store = DynamoDbInventoryStore.builder()
                    .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(new FaultInjector(7, 1.0, 0)))
                    .tableName(table).clock(new MutableClock(T0)).shardReads(pool)
                    .transientFailures(new TransientFailures(3, Duration.ofMillis(1), Duration.ofMillis(2))).build();
            // when / then: the first shard's read (the calling thread's) fails as it always did
            assertThatThrownBy(() -> store.dueHolds(T0)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.isRetryable()).isTrue());
            // and a failure on another thread (every query after the first shard's) surfaces the same way
            FaultInjector later = new FaultInjector(7, 1.0, 0);
            later.enabled(false);
            java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
            InventoryStore second = DynamoDbInventoryStore.builder()
                    .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(later, new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                        @Override
                        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                            if (queries.incrementAndGet() == 2) {
                                later.enabled(true);
                            }
                        }
                    }))
                    .tableName(table).clock(new MutableClock(T0)).shardReads(pool)
                    .transientFailures(new TransientFailures(3, Duration.ofMillis(1), Duration.ofMillis(2))).build();
            assertThatThrownBy(() -> second.dueHolds(T0)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.isRetryable()).isTrue());
            assertThat(queries.get()).isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dueHolds_whenOneShardsReadFails_shouldCancelTheOthersRetries_andCallNothingAfterItFailed() {
        // given: every query of the active-holds index throttled (the reads retry), and one shard's
        // query refused outright (a read that fails at once, not retried)
        String table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
        var refuseOneShard = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                           software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (!(context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest query)) {
                    return;
                }
                queries.incrementAndGet();
                if (returned.get()) {
                    late.incrementAndGet();
                }
                boolean refused = query.expressionAttributeValues().values().stream()
                        .anyMatch(v -> "HOLDS#3".equals(v.s()));
                var details = software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().serviceName("DynamoDb")
                        .errorCode(refused ? "ValidationException" : "ProvisionedThroughputExceededException")
                        .errorMessage("injected").build();
                throw refused
                        ? software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder().statusCode(400)
                                .message("injected: refused").awsErrorDetails(details).build()
                        : software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException.builder()
                                .statusCode(400).message("injected: throttled").awsErrorDetails(details).build();
            }
        };
        java.util.concurrent.ThreadPoolExecutor pool = (java.util.concurrent.ThreadPoolExecutor)
                java.util.concurrent.Executors.newFixedThreadPool(7);
        try {
            // 40 attempts each, 10 to 20 ms apart: about 0.6 s of retries per shard if nothing stopped them
            InventoryStore store = DynamoDbInventoryStore.builder()
                    .dynamoDbClient(LocalDynamoDb.clientWithoutSdkRetries(refuseOneShard)).tableName(table)
                    .clock(new MutableClock(T0)).shardReads(pool)
                    .transientFailures(new TransientFailures(40, Duration.ofMillis(10), Duration.ofMillis(20))).build();
            // when
            assertThatThrownBy(() -> store.dueHolds(T0)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.isRetryable()).isFalse());
            returned.set(true);
            // then: the refusal is what the call reports; the other shards' retries were cancelled, and
            // none of them calls DynamoDB once the call has failed
            pool.shutdown();
            assertThat(pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(late.get()).isZero();
            assertThat(queries.get()).isLessThan(8 * 40 / 2);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void apply_shouldSurfaceRetryableFailure_whenThrottlingOutlastsRetries() {
        // given: every call throttled
        DynamoDbClient throttled = LocalDynamoDb.clientWithoutSdkRetries(new FaultInjector(7, 1.0, 0));
        String table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(throttled).tableName(table)
                .clock(new MutableClock(T0)).transientFailures(new TransientFailures(3, Duration.ofMillis(1),
                        Duration.ofMillis(2))).build();
        // when / then
        assertThatThrownBy(() -> store.apply(one("t-1", ChangeType.RECEIPT, T0, "store-1", "SKU", 1)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void apply_shouldSurfacePermanentFailure_whenTableDoesNotExist() {
        // given
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(LocalDynamoDb.client())
                .tableName("no-such-table").clock(new MutableClock(T0)).build();
        // when / then
        assertThatThrownBy(() -> store.apply(one("t-2", ChangeType.RECEIPT, T0, "store-1", "SKU", 1)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.isRetryable()).isFalse());
    }
}
