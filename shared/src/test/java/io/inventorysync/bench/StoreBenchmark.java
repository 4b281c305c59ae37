package io.inventorysync.bench;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Movements per second through {@link DynamoDbInventoryStore#apply} against DynamoDB Local,
 * compared in the same run with the floor: the very same transactions, built beforehand and
 * issued directly with the SDK. Rounds alternate between the two so that drift in the machine
 * affects both alike; the median round counts. Also reads back the write request units each
 * movement consumed ({@code ReturnConsumedCapacity}).
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
        DynamoDbClient dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        DoubleAdder tableUnits = new DoubleAdder();
        DoubleAdder indexUnits = new DoubleAdder();
        DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table)
                .capacityListener(consumed -> consumed.forEach(c -> {
                    tableUnits.add(c.table() == null ? 0 : c.table().capacityUnits());
                    if (c.globalSecondaryIndexes() != null) {
                        c.globalSecondaryIndexes().values().forEach(i -> indexUnits.add(i.capacityUnits()));
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
        System.exit(0);
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
