package io.inventorysync.bench;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.SnapshotLine;
import io.inventorysync.domain.SnapshotPart;
import io.inventorysync.reconcile.ChannelAvailabilityReads;
import io.inventorysync.reconcile.Reconciler;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSnapshots;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.ItemType;
import io.inventorysync.store.SnapshotState;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Reconciliation of one large snapshot on DynamoDB Local: lines per second and read and write units
 * per line, beside a full scan of the same records in the same run (the cheapest way to read every
 * record without the snapshot's keys), and the time projected for 1,000,000 lines.
 *
 * <pre>mvn -B -ntp -pl functions -am test-compile exec:exec@bench -Dexec.skip -Dexec.executable=true \
 *     -Dbench.main=io.inventorysync.bench.ReconcileBenchmark [-Dbench.lines=100000]</pre>
 *
 * <p>Every record was counted before {@code asOf} (the nightly case: nothing to read from the ledger
 * index), except 1 % that had a sale after {@code asOf} (their as-of value needs the index); 1 % of the
 * lines are reported 5 off (drift: a drift record each, and with it {@code DriftDetected}). Mode REPORT.
 * <p>The snapshot has {@code completeFor: [dc-1]}, where the master holds 1 % more records that it
 * lacks (phantom stock): the run is stopped after the last page of lines, then resumed for the walk,
 * so the lines and the walk are measured apart (SKUs walked per second, units per SKU). Last, the
 * index units of a movement on an existing record and of one creating a record.
 */
public final class ReconcileBenchmark {
    private static final String SOURCE = "wms-bench";
    private static final String LOCATION = "dc-1";

    public static void main(String[] args) {
        int lines = Integer.getInteger("bench.lines", 100_000);
        Meter meter = new Meter();
        DynamoDbClient dynamo = LocalDynamoDb.clientWithoutSdkRetries(meter);
        String table = LocalDynamoDb.createTable(dynamo);
        Clock clock = Clock.systemUTC();
        Instant asOf = clock.instant().minus(Duration.ofHours(1));
        DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table)
                .clock(clock).build();
        DynamoDbSnapshots snapshots = new DynamoDbSnapshots(dynamo, table);

        // Records, counted before asOf (seeded directly, 25 a call).
        long seedStart = System.nanoTime();
        List<WriteRequest> batch = new ArrayList<>(25);
        int phantoms = lines / 100;
        for (int i = 0; i < lines + phantoms; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(InventoryTable.PK, s("STOCK#" + sku(i)));
            item.put(InventoryTable.SK, s("LOC#" + LOCATION));
            item.put(InventoryTable.ITEM_TYPE, s(ItemType.STOCK.name()));
            item.put("sku", s(sku(i)));
            item.put("locationId", s(LOCATION));
            item.put(InventoryTable.STOCK_BY_LOCATION_PK, s(InventoryTable.stockAtLocation(LOCATION)));
            item.put(InventoryTable.STOCK_BY_LOCATION_SK, s(sku(i)));
            item.put("onHand", n(i % 50));
            item.put("free", n(i % 50));
            item.put("version", n(1));
            item.put("lastCountAt", n(asOf.minus(Duration.ofHours(20)).toEpochMilli()));
            if (i >= lines) {
                // Phantom stock: at dc-1 in the master, not in the snapshot.
                item.put("onHand", n(3));
                item.put("free", n(3));
            }
            item.put("sinceCount", n(0));
            item.put("updatedAt", s(asOf.minus(Duration.ofHours(20)).toString()));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == lines + phantoms - 1) {
                var request = BatchWriteItemRequest.builder().requestItems(Map.of(table, List.copyOf(batch))).build();
                var unprocessed = dynamo.batchWriteItem(request).unprocessedItems();
                while (unprocessed != null && !unprocessed.isEmpty()) {
                    var again = unprocessed;
                    unprocessed = dynamo.batchWriteItem(r -> r.requestItems(again)).unprocessedItems();
                }
                batch.clear();
            }
        }
        for (int i = 0; i < lines; i += 100) {
            store.apply(Events.one("late-sale-" + i, ChangeType.SALE, asOf.plus(Duration.ofMinutes(5)), LOCATION, sku(i), 1));
        }
        // The snapshot: what the WMS believes as of asOf; 1 % drifted.
        int parts = (lines + SnapshotPart.MAX_LINES - 1) / SnapshotPart.MAX_LINES;
        for (int p = 1; p <= parts; p++) {
            List<SnapshotLine> partLines = new ArrayList<>();
            for (int i = (p - 1) * SnapshotPart.MAX_LINES; i < Math.min(lines, p * SnapshotPart.MAX_LINES); i++) {
                long q = i % 50 + (i % 100 == 37 ? 5 : 0);
                partLines.add(new SnapshotLine(sku(i), sku(i), LOCATION, q));
            }
            SnapshotPart part = new SnapshotPart("bench-1", asOf, SnapshotPart.Measure.ON_HAND, null,
                    SnapshotPart.Mode.REPORT, p, parts, List.of(LOCATION), partLines);
            snapshots.receive(SOURCE, part, part.fingerprint(), 1, clock.instant());
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        // Reconcile the lines, metered: the run stops after the last page of lines (before the walk).
        meter.reset();
        long start = System.nanoTime();
        int linePages = 0;
        for (int p = 1; p <= parts; p++) {
            int size = Math.min(lines, p * SnapshotPart.MAX_LINES) - (p - 1) * SnapshotPart.MAX_LINES;
            linePages += (size + Reconciler.PAGE - 1) / Reconciler.PAGE;
        }
        int[] pagesDone = {0};
        int stopAfter = linePages;
        Reconciler.Result linesResult = new Reconciler(snapshots, store, ChannelAvailabilityReads.NONE, clock,
                Duration.ofHours(1)).run(SOURCE, "bench-1", () -> ++pagesDone[0] < stopAfter);
        double reconcileSeconds = (System.nanoTime() - start) / 1e9;
        double reconcileRru = meter.rru.sum();
        double reconcileWru = meter.wru.sum();
        SnapshotState afterLines = snapshots.state(SOURCE, "bench-1").orElseThrow();
        System.out.printf("reconciled %,d lines in %.1f s: %s, %s; %.3f RRU and %.3f WRU per line%n", lines,
                reconcileSeconds, linesResult, afterLines.counters(), reconcileRru / lines, reconcileWru / lines);

        // The completeFor walk of dc-1, metered: every record there, 1 % of them phantom stock.
        meter.reset();
        start = System.nanoTime();
        Reconciler.Result result = new Reconciler(snapshots, store, ChannelAvailabilityReads.NONE, clock,
                Duration.ofHours(1)).run(SOURCE, "bench-1", () -> true);
        double walkSeconds = (System.nanoTime() - start) / 1e9;
        double walkRru = meter.rru.sum();
        double walkWru = meter.wru.sum();
        SnapshotState report = snapshots.state(SOURCE, "bench-1").orElseThrow();
        int walked = lines + phantoms;
        SnapshotState.Counters walkCounters = new SnapshotState.Counters(
                report.counters().compared() - afterLines.counters().compared(),
                report.counters().drifted() - afterLines.counters().drifted(), 0,
                report.counters().skipped() - afterLines.counters().skipped());
        System.out.printf("walked %,d SKUs in %.1f s: %s, phantoms %s; %.4f RRU and %.4f WRU per SKU%n", walked,
                walkSeconds, result, walkCounters, walkRru / walked, walkWru / walked);

        // What a movement of an existing record and the creation of one cost the indexes (DynamoDB Local's report).
        String[] indexUnits = {"", ""};
        meter.indexes = indexUnits;
        store.apply(Events.one("bench-sale", ChangeType.SALE, clock.instant(), LOCATION, sku(1), 1));
        String movedUnits = indexUnits[0];
        indexUnits[0] = "";
        store.apply(Events.one("bench-new", ChangeType.RECEIPT, clock.instant(), LOCATION, "SKU-NEW", 1));
        String createdUnits = indexUnits[0];
        meter.indexes = null;

        // A full scan of the same table, metered: every record read, without the snapshot's keys.
        meter.reset();
        start = System.nanoTime();
        long stockItems = 0;
        long scanned = 0;
        Map<String, AttributeValue> next = null;
        do {
            // Pages of 1,000 items: a 1 MB page can outlast the client's read timeout on a loaded machine.
            ScanRequest scan = ScanRequest.builder().tableName(table).exclusiveStartKey(next).consistentRead(true)
                    .limit(1_000).build();
            ScanResponse page = scanRetrying(dynamo, scan);
            scanned += page.count();
            stockItems += page.items().stream().filter(i -> i.containsKey(InventoryTable.ITEM_TYPE)
                    && ItemType.STOCK.name().equals(i.get(InventoryTable.ITEM_TYPE).s())).count();
            next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (next != null);
        double scanSeconds = (System.nanoTime() - start) / 1e9;
        double scanRru = meter.rru.sum();

        double perSecond = lines / reconcileSeconds;
        System.out.printf("%nReconciliation of one %,d-line snapshot (%d parts), DynamoDB Local, JDK %s, %d cores%n",
                lines, parts, Runtime.version().feature(), Runtime.getRuntime().availableProcessors());
        System.out.printf("seeding (records, 1%% sales after asOf, parts): %.1f s; result %s; report %s%n", seedSeconds,
                result, report.counters());
        System.out.printf("| measure | reconcile (REPORT) | full scan of the table |%n|---|---|---|%n");
        System.out.printf("| items read | %,d lines | %,d items (%,d stock records) |%n", lines, scanned, stockItems);
        System.out.printf("| time | %.1f s | %.1f s |%n", reconcileSeconds, scanSeconds);
        System.out.printf("| lines (records) per second | %,.0f | %,.0f |%n", perSecond, stockItems / scanSeconds);
        System.out.printf("| read units per line | %.3f | %.3f |%n", reconcileRru / lines, scanRru / stockItems);
        System.out.printf("| write units per line | %.3f | 0 |%n", reconcileWru / lines);
        System.out.printf("projected for 1,000,000 lines at this rate: %.0f s (%.1f runs of 14 minutes, %.0f requeues)%n",
                1_000_000 / perSecond, 1_000_000 / perSecond / 840, Math.max(0, Math.ceil(1_000_000 / perSecond / 840) - 1));
        System.out.printf("%ncompleteFor walk of %s (%,d records, %,d of them phantom stock), after the lines above%n",
                LOCATION, walked, phantoms);
        System.out.printf("| measure | lines (above) | completeFor walk |%n|---|---|---|%n");
        System.out.printf("| items | %,d lines | %,d SKUs walked (%,d compared as 0, %,d drifted) |%n", lines, walked,
                walkCounters.compared(), walkCounters.drifted());
        System.out.printf("| time | %.1f s | %.1f s |%n", reconcileSeconds, walkSeconds);
        System.out.printf("| per second | %,.0f lines | %,.0f SKUs |%n", perSecond, walked / walkSeconds);
        System.out.printf("| read units | %.4f per line | %.4f per SKU walked |%n", reconcileRru / lines, walkRru / walked);
        System.out.printf("| write units | %.4f per line | %.4f per SKU walked |%n", reconcileWru / lines, walkWru / walked);
        System.out.printf("index units of a sale on an existing record: %s; of a receipt creating one: %s%n",
                movedUnits.isEmpty() ? "none" : movedUnits, createdUnits.isEmpty() ? "none" : createdUnits);
        System.exit(0);
    }

    private static ScanResponse scanRetrying(DynamoDbClient dynamo, ScanRequest scan) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dynamo.scan(scan);
            } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static String sku(int i) {
        return String.format("SKU-%07d", i);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    /** Read and write units of every call, from {@code ReturnConsumedCapacity=TOTAL}. */
    static final class Meter implements ExecutionInterceptor {
        final DoubleAdder rru = new DoubleAdder();
        final DoubleAdder wru = new DoubleAdder();
        /** When set, [0] collects the index units of transactions ("index=units ..."). */
        volatile String[] indexes;

        void reset() {
            rru.reset();
            wru.reset();
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            ReturnConsumedCapacity all = ReturnConsumedCapacity.INDEXES;
            return switch (context.request()) {
                case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(all).build();
                case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(all).build();
                case QueryRequest r -> r.toBuilder().returnConsumedCapacity(all).build();
                case ScanRequest r -> r.toBuilder().returnConsumedCapacity(all).build();
                case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(all).build();
                case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(all).build();
                case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(all).build();
                default -> context.request();
            };
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            switch (context.response()) {
                case GetItemResponse r -> add(rru, r.consumedCapacity());
                case BatchGetItemResponse r -> r.consumedCapacity().forEach(c -> add(rru, c));
                case QueryResponse r -> add(rru, r.consumedCapacity());
                case ScanResponse r -> add(rru, r.consumedCapacity());
                case PutItemResponse r -> add(wru, r.consumedCapacity());
                case UpdateItemResponse r -> add(wru, r.consumedCapacity());
                case TransactWriteItemsResponse r -> r.consumedCapacity().forEach(c -> {
                    add(wru, c);
                    String[] into = indexes;
                    if (into != null && c.hasGlobalSecondaryIndexes()) {
                        c.globalSecondaryIndexes().forEach((name, u) -> into[0] += name + "=" + u.capacityUnits() + " ");
                    }
                });
                default -> {
                }
            }
        }

        private static void add(DoubleAdder to, ConsumedCapacity c) {
            if (c != null && c.capacityUnits() != null) {
                to.add(c.capacityUnits());
            }
        }
    }
}
