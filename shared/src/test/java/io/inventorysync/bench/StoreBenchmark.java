package io.inventorysync.bench;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Movements per second through {@link DynamoDbInventoryStore#apply} against DynamoDB Local,
 * compared in the same run with the floor: the very same transactions, built beforehand and
 * issued directly with the SDK. Rounds alternate between the two so that drift in the machine
 * affects both alike; the median round counts. Also reads back the write request units each
 * movement consumed ({@code ReturnConsumedCapacity}). Then counts: the units and latency of a count
 * with {@code bench.countEntries} ledger entries after its time, beside plain movements.
 *
 * <p>Run: {@code mvn -B -q -pl shared test-compile exec:exec@bench} (optional {@code -Dbench.movements=N}).
 */
public final class StoreBenchmark {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private StoreBenchmark() {
    }

    public static void main(String[] args) {
        int perRound = Integer.getInteger("bench.movements", 2_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int countEntries = Integer.getInteger("bench.countEntries", 1_000);
        int counts = Integer.getInteger("bench.counts", 50);
        // Capacity by what is measured: plain movements, or counts (and the movements timed beside them).
        AtomicReference<Units> phase = new AtomicReference<>(new Units());
        Units plain = phase.get();
        DynamoDbClient dynamo = LocalDynamoDb.clientWithoutSdkRetries(new ReadUnits(phase));
        String table = LocalDynamoDb.createTable(dynamo);
        DoubleAdder tableUnits = plain.table;
        DoubleAdder indexUnits = plain.index;
        DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table)
                .capacityListener(consumed -> consumed.forEach(c -> {
                    phase.get().table.add(c.table() == null ? 0 : c.table().capacityUnits());
                    if (c.globalSecondaryIndexes() != null) {
                        c.globalSecondaryIndexes().values().forEach(i -> phase.get().index.add(i.capacityUnits()));
                    }
                })).build();

        // Warm-up: JIT, connection pool, DynamoDB Local's own caches.
        runApply(store, movements("warm", perRound / 2));
        runRaw(dynamo, rawTransactions(store, movements("warm-raw", perRound / 2)));

        double[] applyRates = new double[rounds];
        double[] rawRates = new double[rounds];
        tableUnits.reset();
        indexUnits.reset();
        for (int r = 0; r < rounds; r++) {
            List<TransactWriteItemsRequest> raw = rawTransactions(store, movements("raw-" + r, perRound));
            List<Movement> applied = movements("apply-" + r, perRound);
            rawRates[r] = perRound / seconds(() -> runRaw(dynamo, raw));
            applyRates[r] = perRound / seconds(() -> runApply(store, applied));
        }
        double measured = (double) perRound * rounds;
        double tablePerMovement = tableUnits.sum() / measured;
        double indexPerMovement = indexUnits.sum() / measured;

        double apply = median(applyRates);
        double floor = median(rawRates);
        System.out.printf("%nStore benchmark: %d rounds x %d single-line movements, DynamoDB Local %s, JDK %s, %d cores%n",
                rounds, perRound, "in-process server over HTTP", Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf("| raw TransactWriteItems (floor), movements/s | %.0f |%n", floor);
        System.out.printf("| store.apply, movements/s | %.0f |%n", apply);
        System.out.printf("| ratio apply / floor (target >= 0.80) | %.2f |%n", apply / floor);
        System.out.printf("| write request units per movement, table (ledger + stock) | %.2f |%n", tablePerMovement);
        System.out.printf("| write request units per movement, audit-trail index | %.2f |%n", indexPerMovement);
        System.out.printf("| write request units per movement, total (target <= 5) | %.2f |%n",
                tablePerMovement + indexPerMovement);
        System.out.printf("| rounds apply / raw, movements/s | %s / %s |%n", Arrays.toString(round(applyRates)),
                Arrays.toString(round(rawRates)));

        counts(store, phase, countEntries, counts);
        System.exit(0);
    }

    /**
     * Counts on a record with {@code entriesAfter} ledger entries at or after the count's time (each
     * count is at the same instant, so each sums them all), timed one by one next to plain
     * movements on other records, alternating so that drift in the machine affects both alike.
     */
    private static void counts(DynamoDbInventoryStore store, AtomicReference<Units> phase, int entriesAfter, int counts) {
        Instant t = T0.plusSeconds(86_400);
        String sku = "COUNTED";
        String location = "store-c";
        store.apply(Events.one("count-base", ChangeType.COUNT, t, location, sku, 5_000));
        for (int i = 0; i < entriesAfter; i++) {
            store.apply(Events.one("after-" + i, ChangeType.SALE, t.plusMillis(i), location, sku, 1));
        }
        List<Movement> moves = movements("timed", counts * 10);
        for (int i = 0; i < 5; i++) {
            store.apply(Events.one("count-warm-" + i, ChangeType.COUNT, t, location, sku, 5_000));
        }
        Units ofCounts = new Units();
        Units ofMoves = new Units();
        long[] countNanos = new long[counts];
        long[] moveNanos = new long[moves.size()];
        for (int i = 0; i < counts; i++) {
            phase.set(ofCounts);
            Movement count = Events.one("count-" + i, ChangeType.COUNT, t, location, sku, 5_000);
            long start = System.nanoTime();
            if (store.apply(count).outcome() != Outcome.APPLIED) {
                throw new IllegalStateException("benchmark count not applied: " + count.key());
            }
            countNanos[i] = System.nanoTime() - start;
            phase.set(ofMoves);
            for (int j = i * 10; j < i * 10 + 10; j++) {
                start = System.nanoTime();
                store.apply(moves.get(j));
                moveNanos[j] = System.nanoTime() - start;
            }
        }
        System.out.printf("%nCounts: %d counts, each with %d ledger entries at or after its time, timed beside %d "
                + "single-line movements on other records%n", counts, entriesAfter, moves.size());
        System.out.println("| measure | single-line movement | count |");
        System.out.println("|---|---|---|");
        System.out.printf("| write request units, table | %.2f | %.2f |%n", ofMoves.table.sum() / moves.size(),
                ofCounts.table.sum() / counts);
        System.out.printf("| write request units, audit-trail index | %.2f | %.2f |%n",
                ofMoves.index.sum() / moves.size(), ofCounts.index.sum() / counts);
        System.out.printf("| read request units (record + ledger index) | %.2f | %.2f |%n",
                ofMoves.read.sum() / moves.size(), ofCounts.read.sum() / counts);
        System.out.printf("| latency p50, ms | %.1f | %.1f |%n", percentile(moveNanos, 50), percentile(countNanos, 50));
        System.out.printf("| latency p99, ms | %.1f | %.1f |%n", percentile(moveNanos, 99), percentile(countNanos, 99));
    }

    /** Capacity consumed in one phase of the benchmark. */
    private static final class Units {
        final DoubleAdder table = new DoubleAdder();
        final DoubleAdder index = new DoubleAdder();
        final DoubleAdder read = new DoubleAdder();
    }

    /** Asks reads for their consumed capacity (the store asks only for its writes') and adds it up by phase. */
    private static final class ReadUnits implements ExecutionInterceptor {
        private final AtomicReference<Units> phase;

        ReadUnits(AtomicReference<Units> phase) {
            this.phase = phase;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            return switch (context.request()) {
                case QueryRequest q -> q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
                case GetItemRequest g -> g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
                default -> context.request();
            };
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            ConsumedCapacity consumed = switch (context.response()) {
                case QueryResponse q -> q.consumedCapacity();
                case GetItemResponse g -> g.consumedCapacity();
                default -> null;
            };
            if (consumed != null && consumed.capacityUnits() != null) {
                phase.get().read.add(consumed.capacityUnits());
            }
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static List<Movement> movements(String prefix, int count) {
        List<Movement> movements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ChangeType type = i % 4 == 0 ? ChangeType.RECEIPT : ChangeType.SALE;
            movements.add(Events.one(prefix + "-" + i, type, T0.plusMillis(i), "store-" + (i % 5), "SKU-" + (i % 200),
                    1 + i % 3));
        }
        return movements;
    }

    /** The transactions {@code apply} issues for these movements, built before the clock starts. */
    private static List<TransactWriteItemsRequest> rawTransactions(DynamoDbInventoryStore store, List<Movement> movements) {
        return movements.stream().map(store::transactionOf).toList();
    }

    private static void runApply(InventoryStore store, List<Movement> movements) {
        for (Movement m : movements) {
            if (store.apply(m).outcome() != Outcome.APPLIED) {
                throw new IllegalStateException("benchmark movement not applied: " + m.key());
            }
        }
    }

    private static void runRaw(DynamoDbClient dynamo, List<TransactWriteItemsRequest> requests) {
        for (TransactWriteItemsRequest request : requests) {
            dynamo.transactWriteItems(request);
        }
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
