package io.inventorysync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.channels.OutboundSchemas;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.SnapshotPolicy;
import io.inventorysync.domain.Source;
import io.inventorysync.http.Json;
import io.inventorysync.outbox.ChangeEvents;
import io.inventorysync.outbox.OutboundEvent;
import io.inventorysync.store.ApplyResult;
import io.inventorysync.store.DriftRecord;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSnapshots;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.LedgerEntry;
import io.inventorysync.store.LedgerPage;
import io.inventorysync.store.MasterAsOf;
import io.inventorysync.store.MovementLedger;
import io.inventorysync.store.RecordKey;
import io.inventorysync.store.SnapshotState;
import io.inventorysync.store.StockReads;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reconciliation end to end on DynamoDB Local: the snapshot route's service (signed parts, stored
 * durably), the reconcile request, the reconciler (compare, drift records the outbox publishes,
 * corrections as counts through the movement ledger) and the report.
 */
class ReconciliationIT {
    private static final DynamoDbClient DYNAMO = LocalDynamoDb.client();
    private static final String WMS = "wms-main";
    private static final String STORE = "store-12";

    private final Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    private final Instant asOf = clock.instant().minus(Duration.ofHours(1));
    private final String secret = Signer.newSecret();
    private final List<String[]> requested = new ArrayList<>();
    private final InMemorySourceRegistry sources = new InMemorySourceRegistry();
    private String table;
    private DynamoDbInventoryStore store;
    private DynamoDbSnapshots snapshots;
    private SnapshotService service;

    @BeforeEach
    void setUp() {
        table = LocalDynamoDb.createTable(DYNAMO);
        store = DynamoDbInventoryStore.builder().dynamoDbClient(DYNAMO).tableName(table).clock(clock).build();
        snapshots = new DynamoDbSnapshots(DYNAMO, table);
        sources.register(new Source(WMS, "secret/" + WMS, Map.of("W-4471", "BLU-SHIRT-M"), Source.UnknownSkuPolicy.PASS_THROUGH));
        // The deployed policy: the registered source's scope and driftThreshold.
        service = new SnapshotService(sources, s -> List.of(secret), store, snapshots,
                (src, id) -> requested.add(new String[] {src, id}), SnapshotPolicy::of, java.util.Set.of("web"), clock);
    }

    /** Registers the WMS again with {@code locations}, {@code eventTypes} and {@code driftThreshold}. */
    private void wms(List<String> locations, java.util.Set<ChangeType> eventTypes, long driftThreshold) {
        sources.register(new Source(WMS, "secret/" + WMS, Map.of("W-4471", "BLU-SHIRT-M"),
                Source.UnknownSkuPolicy.PASS_THROUGH, locations, eventTypes, false, driftThreshold));
    }

    // ------------------------------------------------------------------ drift

    @Test
    void reconcile_shouldFindDriftExactlyWhereSeeded_notInSalesAfterAsOf_norWithinTheThreshold() {
        // given: five records of 10; a sale after asOf at A (in flight: not drift); B reported 1 over
        // (within the threshold), C 3 short, E never seen by the master, D right
        for (String sku : List.of("A", "B", "C", "D")) {
            receive(sku, 10, asOf.minus(Duration.ofHours(2)));
        }
        sell("A", 2, asOf.plus(Duration.ofMinutes(30)));
        sell("D", 1, asOf.minus(Duration.ofMinutes(30)));
        String lines = line("A", 10) + "," + line("B", 11) + "," + line("C", 7) + "," + line("D", 9) + "," + line("E", 4);

        // when
        assertThat(post(part("nightly-1", "REPORT", 1, 1, lines))).isInstanceOf(SnapshotResult.Accepted.class);
        assertThat(reconcile("nightly-1")).isEqualTo(Reconciler.Result.DONE);

        // then
        SnapshotState report = snapshots.state(WMS, "nightly-1").orElseThrow();
        assertThat(report.status()).isEqualTo(SnapshotState.Status.DONE);
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(5, 2, 0, 0));
        assertThat(report.drift()).extracting(d -> d.sku() + ":" + d.reported() + "/" + d.master())
                .containsExactly("E:4/0", "C:7/10");
        assertThat(report.completedAt()).isEqualTo(clock.instant());
        // REPORT never touches the master
        assertThat(store.level("C", STORE).orElseThrow().onHand()).isEqualTo(10);
        assertThat(store.level("E", STORE)).isEmpty();
        // and the outbox publishes exactly the two drifted lines, valid against the DriftDetected schema
        List<OutboundEvent> published = published();
        assertThat(published).extracting(OutboundEvent::detailType).containsOnly(ChangeEvents.DRIFT_DETECTED).hasSize(2);
        for (OutboundEvent e : published) {
            assertThat(OutboundSchemas.problems(e.detailType(), e.detail())).isEmpty();
        }
        JsonNode c = published.stream().map(e -> json(e.detail())).filter(d -> d.path("sku").asText().equals("C"))
                .findFirst().orElseThrow();
        assertThat(c.path("difference").asLong()).isEqualTo(-3);
        assertThat(c.path("reportedBy").asText()).isEqualTo(WMS);
        assertThat(c.path("snapshotId").asText()).isEqualTo("nightly-1");
        assertThat(c.path("corrected").asBoolean()).isFalse();
        assertThat(c.path("recentLedger").get(0).path("type").asText()).isEqualTo("RECEIPT");
    }

    @Test
    void reconcile_shouldCompareAgainstTheReportedAlias_andSkipRecordsCountedAfterAsOf() {
        receive("BLU-SHIRT-M", 5, asOf.minus(Duration.ofHours(2)));
        receive("RED", 5, asOf.minus(Duration.ofHours(2)));
        store.apply(Events.one("count-red", ChangeType.COUNT, asOf.plus(Duration.ofMinutes(5)), STORE, "RED", 9));
        post(part("alias-1", "REPORT", 1, 1, line("W-4471", 2) + "," + line("RED", 1)));
        reconcile("alias-1");
        SnapshotState report = snapshots.state(WMS, "alias-1").orElseThrow();
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(1, 1, 0, 1));
        assertThat(report.drift()).extracting(DriftRecord::sku).containsExactly("BLU-SHIRT-M");
    }

    // ------------------------------------------------------------------ idempotency

    @Test
    void parts_shouldCompareAndCorrectOnce_whenAPartAndTheWholeSnapshotAreSentTwice() {
        // given
        receive("A", 10, asOf.minus(Duration.ofHours(2)));
        receive("B", 10, asOf.minus(Duration.ofHours(2)));
        String part1 = part("twice-1", "CORRECT", 1, 2, line("A", 6));
        String part2 = part("twice-1", "CORRECT", 2, 2, line("B", 10));

        // when: part 1 twice, then the whole snapshot again, reconciling after each arrival of the last part
        assertThat(post(part1)).isInstanceOfSatisfying(SnapshotResult.Accepted.class,
                a -> assertThat(a.state().status()).isEqualTo(SnapshotState.Status.RECEIVING));
        assertThat(post(part1)).isInstanceOf(SnapshotResult.Accepted.class);
        assertThat(requested).isEmpty();
        assertThat(post(part2)).isInstanceOfSatisfying(SnapshotResult.Accepted.class,
                a -> assertThat(a.state().status()).isEqualTo(SnapshotState.Status.RECONCILING));
        assertThat(reconcile("twice-1")).isEqualTo(Reconciler.Result.DONE);
        post(part1);
        post(part2);
        assertThat(reconcile("twice-1")).isEqualTo(Reconciler.Result.NOT_RECONCILING);

        // then
        assertThat(requested).hasSize(1);
        SnapshotState report = snapshots.state(WMS, "twice-1").orElseThrow();
        assertThat(report.partsReceived()).containsExactlyInAnyOrder(1, 2);
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(2, 1, 1, 0));
        StockLevel a = store.level("A", STORE).orElseThrow();
        assertThat(a.onHand()).isEqualTo(6);
        assertThat(a.version()).isEqualTo(2);
        assertThat(store.ledger("A", STORE)).extracting(LedgerEntry::type).containsExactly(ChangeType.RECEIPT, ChangeType.COUNT);
        assertThat(published()).hasSize(1);
    }

    /**
     * The calls the snapshot store makes, counted on DynamoDB Local: the part of a one-part snapshot is
     * a transaction and the move to RECONCILING (whose answer is the state: no read of the header); a
     * repeat of it reads the header; the reconciler's cursor write answers the state it reads next.
     */
    @Test
    void oneStoreCallPerStep_aOnePartSnapshot_andAReconcileThatReadsNoStateBack() {
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        DynamoDbClient counted = LocalDynamoDb.clientWithoutSdkRetries(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        });
        DynamoDbSnapshots countedSnapshots = new DynamoDbSnapshots(counted, table);
        SnapshotService countedService = new SnapshotService(sources, s -> List.of(secret), store, countedSnapshots,
                (src, id) -> requested.add(new String[] {src, id}), SnapshotPolicy::of, java.util.Set.of("web"), clock);
        receive("A", 10, asOf.minus(Duration.ofHours(2)));
        receive("B", 10, asOf.minus(Duration.ofHours(2)));
        String only = part("one-1", "REPORT", 1, 1, line("A", 6) + "," + line("B", 10));
        java.util.function.Function<String, SnapshotResult> postCounted = body -> countedService.receive(
                new SnapshotService.Request(WMS, Signer.headers(secret, body), body.getBytes(StandardCharsets.UTF_8),
                        "POST /v1/sources/" + WMS + "/snapshots"));

        // the one part: stored, complete, reconciling, without a read
        assertThat(postCounted.apply(only)).isInstanceOfSatisfying(SnapshotResult.Accepted.class, a -> {
            assertThat(a.state().status()).isEqualTo(SnapshotState.Status.RECONCILING);
            assertThat(a.state().partsReceived()).containsExactly(1);
            assertThat(a.state().counters()).isEqualTo(SnapshotState.Counters.ZERO);
        });
        assertThat(calls).containsExactly("TransactWriteItems", "UpdateItem");
        assertThat(requested).hasSize(1);

        // sent again: a repeat, read, still reconciling, asked again
        calls.clear();
        assertThat(postCounted.apply(only)).isInstanceOfSatisfying(SnapshotResult.Accepted.class,
                a -> assertThat(a.state().status()).isEqualTo(SnapshotState.Status.RECONCILING));
        assertThat(calls).containsExactly("TransactWriteItems", "GetItem");
        assertThat(requested).hasSize(2);

        // reconciled: the lease and the cursor answer the state; the only GetItem is the part's lines
        calls.clear();
        assertThat(new Reconciler(countedSnapshots, store, ChannelAvailabilityReads.NONE, clock, Duration.ofMinutes(15))
                .run(WMS, "one-1", () -> true)).isEqualTo(Reconciler.Result.DONE);
        assertThat(calls).containsExactly("UpdateItem", "GetItem", "Query", "PutItem", "UpdateItem", "Query", "UpdateItem");
        SnapshotState report = snapshots.state(WMS, "one-1").orElseThrow();
        assertThat(report.status()).isEqualTo(SnapshotState.Status.DONE);
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(2, 1, 0, 0));
        assertThat(report.drift()).extracting(DriftRecord::sku).containsExactly("A");

        // a two-part snapshot: the first part reads the header (RECEIVING), the last reads it and moves it once
        calls.clear();
        assertThat(postCounted.apply(part("two-1", "REPORT", 2, 2, line("B", 10)))).isInstanceOfSatisfying(
                SnapshotResult.Accepted.class, a -> assertThat(a.state().status()).isEqualTo(SnapshotState.Status.RECEIVING));
        assertThat(calls).containsExactly("TransactWriteItems", "GetItem");
        calls.clear();
        assertThat(postCounted.apply(part("two-1", "REPORT", 1, 2, line("A", 6)))).isInstanceOfSatisfying(
                SnapshotResult.Accepted.class, a -> {
                    assertThat(a.state().status()).isEqualTo(SnapshotState.Status.RECONCILING);
                    assertThat(a.state().partsReceived()).containsExactlyInAnyOrder(1, 2);
                });
        assertThat(calls).containsExactly("TransactWriteItems", "GetItem", "UpdateItem");
        assertThat(snapshots.state(WMS, "two-1").orElseThrow().status()).isEqualTo(SnapshotState.Status.RECONCILING);
    }

    @Test
    void parts_shouldRefuse409_whenAPartComesWithAnotherBody_orDisagreesOnTheHeader() {
        post(part("conflict-1", "REPORT", 1, 2, line("A", 1)));
        assertThat(post(part("conflict-1", "REPORT", 1, 2, line("A", 2))))
                .isEqualTo(new SnapshotResult.KeyReused("conflict-1", 1));
        assertThat(post(part("conflict-1", "REPORT", 2, 3, line("B", 2))))
                .isEqualTo(new SnapshotResult.Mismatch("conflict-1", List.of("parts")));
        assertThat(post(part("conflict-1", "REPORT", 2, 2, line("B", 2)).replace(asOf.toString(),
                asOf.minusSeconds(1).toString()))).isEqualTo(new SnapshotResult.Mismatch("conflict-1", List.of("asOf")));
        assertThat(post(part("conflict-1", "CORRECT", 2, 2, line("B", 2))))
                .isEqualTo(new SnapshotResult.Mismatch("conflict-1", List.of("mode")));
        // nothing of the refused parts was kept
        assertThat(snapshots.state(WMS, "conflict-1").orElseThrow().partsReceived()).containsExactly(1);
        assertThat(snapshots.lines(WMS, "conflict-1", 1)).extracting(l -> l.quantity()).containsExactly(1L);
    }

    @Test
    void parts_shouldListEveryProblem_whenTheSnapshotIsInvalid() {
        String body = "{\"snapshotId\":\"bad 1\",\"asOf\":\"yesterday\",\"measure\":\"CHANNEL_AVAILABLE\","
                + "\"mode\":\"CORRECT\",\"part\":3,\"parts\":2,\"lines\":[{\"sku\":\"A\",\"locationId\":\"x\",\"quantity\":-1},"
                + "{\"sku\":\"B\",\"quantity\":1.5}]}";
        assertThat(post(body)).isInstanceOfSatisfying(SnapshotResult.InvalidSnapshot.class, invalid ->
                assertThat(invalid.problems()).extracting(p -> p.path()).contains("snapshotId", "asOf", "channel",
                        "mode", "part", "lines[0].locationId", "lines[0].quantity", "lines[1].quantity"));
        assertThat(snapshots.state(WMS, "bad 1")).isEmpty();
    }

    @Test
    void parts_shouldStoreAThousandLinesOfTheLongestIds_underTheItemLimit() {
        // given: 1,000 lines, each id 128 characters of little redundancy
        java.util.Random random = new java.util.Random(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/+-";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            StringBuilder sku = new StringBuilder("S");
            StringBuilder loc = new StringBuilder("L");
            for (int c = 1; c < 128; c++) {
                sku.append(alphabet.charAt(random.nextInt(alphabet.length())));
                loc.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(sku).append("\",\"locationId\":\"").append(loc)
                    .append("\",\"quantity\":").append(-1_000_000_000L + i).append('}');
        }
        // when / then
        assertThat(post("{\"snapshotId\":\"max-1\",\"asOf\":\"" + asOf + "\",\"measure\":\"ON_HAND\",\"mode\":\"REPORT\","
                + "\"part\":1,\"parts\":1000,\"lines\":[" + lines + "]}")).isInstanceOf(SnapshotResult.Accepted.class);
        assertThat(snapshots.lines(WMS, "max-1", 1)).hasSize(1_000);
    }

    // ------------------------------------------------------------------ scopes and threshold

    @Test
    void parts_shouldRefuse403NamingEachPath_whenALineOrCompleteForIsOutsideTheSourcesLocations() {
        // given: a WMS scoped to the stores
        wms(List.of("store-*"), Source.ALL_EVENT_TYPES, 1);
        String body = "{\"snapshotId\":\"scope-1\",\"asOf\":\"" + asOf + "\",\"measure\":\"ON_HAND\",\"mode\":\"CORRECT\","
                + "\"part\":1,\"parts\":1,\"completeFor\":[\"store-12\",\"dc-1\"],\"lines\":[" + line("A", 3) + ","
                + "{\"sku\":\"B\",\"locationId\":\"dc-2\",\"quantity\":4}," + line("C", 5) + ","
                + "{\"sku\":\"D\",\"locationId\":\"stor\",\"quantity\":1}]}";
        // when / then: every path out of scope, and nothing stored or queued
        assertThat(post(body)).isInstanceOfSatisfying(SnapshotResult.OutOfScope.class, refused ->
                assertThat(refused.problems()).extracting(p -> p.path())
                        .containsExactlyInAnyOrder("completeFor[1]", "lines[1].locationId", "lines[3].locationId"));
        assertThat(snapshots.state(WMS, "scope-1")).isEmpty();
        assertThat(requested).isEmpty();
        // the same part in scope is accepted
        assertThat(post(part("scope-2", "CORRECT", 1, 1, line("A", 3)))).isInstanceOf(SnapshotResult.Accepted.class);
    }

    @Test
    void parts_shouldRefuse403_whenACorrectionWouldWriteCountsTheSourceMayNotPost() {
        wms(Source.ALL_LOCATIONS, java.util.Set.of(ChangeType.SALE, ChangeType.RECEIPT), 1);
        assertThat(post(part("types-1", "CORRECT", 1, 1, line("A", 3)))).isInstanceOfSatisfying(
                SnapshotResult.OutOfScope.class, refused -> assertThat(refused.problems()).extracting(p -> p.path())
                        .containsExactly("mode"));
        assertThat(snapshots.state(WMS, "types-1")).isEmpty();
        // a report writes nothing to the master: allowed
        assertThat(post(part("types-2", "REPORT", 1, 1, line("A", 3)))).isInstanceOf(SnapshotResult.Accepted.class);
    }

    @Test
    void reconcile_shouldUseTheSourcesDriftThreshold() {
        // given: a source tolerating 5 units; A is 5 off (within), B 6 off (drift)
        wms(Source.ALL_LOCATIONS, Source.ALL_EVENT_TYPES, 5);
        receive("A", 10, asOf.minus(Duration.ofHours(2)));
        receive("B", 10, asOf.minus(Duration.ofHours(2)));
        post(part("threshold-5", "REPORT", 1, 1, line("A", 15) + "," + line("B", 4)));
        reconcile("threshold-5");
        SnapshotState report = snapshots.state(WMS, "threshold-5").orElseThrow();
        assertThat(report.drift()).extracting(d -> d.sku() + ":" + d.reported() + "/" + d.master()).containsExactly("B:4/10");
    }

    // ------------------------------------------------------------------ corrections

    @Test
    void correct_shouldEqualTheSnapshot_onAnEmptyTableWithZeroThreshold_theGoLiveImport() {
        wms(Source.ALL_LOCATIONS, Source.ALL_EVENT_TYPES, 0);
        List<String> lines = new ArrayList<>();
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            long q = i % 7 == 0 ? 1 : i % 5;   // a few 0s, many 1s: a zero threshold must still set each
            lines.add(line("SKU-" + i, q));
            expected.put("SKU-" + i, q);
        }
        post(part("go-live", "CORRECT", 1, 1, String.join(",", lines)));
        assertThat(reconcile("go-live")).isEqualTo(Reconciler.Result.DONE);
        expected.forEach((sku, q) -> assertThat(store.level(sku, STORE).map(StockLevel::onHand).orElse(0L))
                .as(sku).isEqualTo(q));
        SnapshotState report = snapshots.state(WMS, "go-live").orElseThrow();
        long nonZero = expected.values().stream().filter(q -> q != 0).count();
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(150, nonZero, nonZero, 0));
    }

    @Test
    void correct_shouldSetTheRecordAtAsOf_keepingSalesAppliedAfterIt() {
        receive("A", 10, asOf.minus(Duration.ofHours(2)));
        sell("A", 2, asOf.plus(Duration.ofMinutes(10)));
        post(part("keep-1", "CORRECT", 1, 1, line("A", 5)));
        reconcile("keep-1");
        // as of asOf the shelf held 5; the sale after it stays on top
        assertThat(store.level("A", STORE).orElseThrow().onHand()).isEqualTo(3);
        LedgerEntry count = store.ledgerPage("A", STORE, 50, null).entries().stream()
                .filter(e -> e.type() == ChangeType.COUNT).findFirst().orElseThrow();
        assertThat(count.reference()).isEqualTo("snapshot/keep-1");
        assertThat(count.occurredAt()).isEqualTo(asOf);
    }

    // ------------------------------------------------------------------ crash and resume

    @Test
    void reconcile_shouldResumeToTheSameReport_whenItFailsHalfWay() {
        // given: 150 records (two pages of lines), every one drifted, corrected; the store fails on the
        // 120th correction, in the middle of the second page
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            receive("SKU-" + i, 10, asOf.minus(Duration.ofHours(2)));
            lines.add(line("SKU-" + i, i % 3));
        }
        post(part("crash-1", "CORRECT", 1, 1, String.join(",", lines)));
        FailingLedger failing = new FailingLedger(store, 120);
        Reconciler crashing = new Reconciler(snapshots, failing, ChannelAvailabilityReads.NONE, clock, Duration.ZERO);

        // when: it fails mid-page, and runs again
        assertThatThrownBy(() -> crashing.run(WMS, "crash-1", () -> true)).hasMessageContaining("injected");
        SnapshotState halfWay = snapshots.state(WMS, "crash-1").orElseThrow();
        // the dead run's lease lapses (here at once), and the queue delivers the request again
        assertThat(new Reconciler(snapshots, store, ChannelAvailabilityReads.NONE, Clock.offset(clock, Duration.ofSeconds(1)),
                Duration.ofMinutes(15)).run(WMS, "crash-1", () -> true)).isEqualTo(Reconciler.Result.DONE);

        // then: the cursor had kept the first page; the rest was done once
        assertThat(halfWay.cursorLine()).isEqualTo(100);
        assertThat(halfWay.counters().compared()).isEqualTo(100);
        SnapshotState report = snapshots.state(WMS, "crash-1").orElseThrow();
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(150, 150, 150, 0));
        assertThat(published()).hasSize(150);
        for (int i = 0; i < 150; i++) {
            assertThat(store.level("SKU-" + i, STORE).orElseThrow().onHand()).isEqualTo(i % 3);
            assertThat(store.ledger("SKU-" + i, STORE)).filteredOn(e -> e.type() == ChangeType.COUNT).hasSize(1);
        }
        // and the same report as a run that never failed, on the same data
        ReconciliationIT clean = new ReconciliationIT();
        clean.setUp();
        for (int i = 0; i < 150; i++) {
            clean.receive("SKU-" + i, 10, asOf.minus(Duration.ofHours(2)));
        }
        clean.post(clean.part("crash-1", "CORRECT", 1, 1, String.join(",", lines)).replace(clean.asOf.toString(), asOf.toString()));
        clean.reconcile("crash-1");
        SnapshotState cleanReport = clean.snapshots.state(WMS, "crash-1").orElseThrow();
        assertThat(report.drift()).isEqualTo(cleanReport.drift());
        assertThat(report.counters()).isEqualTo(cleanReport.counters());
    }

    @Test
    void reconcile_shouldStopAndContinue_whenTimeRunsShort_andLeaveABusySnapshotToItsHolder() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            lines.add(line("SKU-" + i, 1));
        }
        post(part("long-1", "REPORT", 1, 1, String.join(",", lines)));
        Reconciler reconciler = new Reconciler(snapshots, store, ChannelAvailabilityReads.NONE, clock, Duration.ofMinutes(15));
        // another run holds the lease
        assertThat(snapshots.lease(WMS, "long-1", "someone-else", clock.instant(), clock.instant().plusSeconds(60))).isPresent();
        assertThat(reconciler.run(WMS, "long-1", () -> true)).isEqualTo(Reconciler.Result.BUSY);
        // once it has lapsed, a run with little time does one page at a time
        Reconciler later = new Reconciler(snapshots, store, ChannelAvailabilityReads.NONE,
                Clock.offset(clock, Duration.ofMinutes(2)), Duration.ofMinutes(15));
        assertThat(later.run(WMS, "long-1", () -> false)).isEqualTo(Reconciler.Result.CONTINUE);
        assertThat(snapshots.state(WMS, "long-1").orElseThrow().cursorLine()).isEqualTo(100);
        assertThat(later.run(WMS, "long-1", () -> false)).isEqualTo(Reconciler.Result.CONTINUE);
        assertThat(later.run(WMS, "long-1", () -> false)).isEqualTo(Reconciler.Result.DONE);
        assertThat(snapshots.state(WMS, "long-1").orElseThrow().counters().compared()).isEqualTo(250);
    }

    // ------------------------------------------------------------------ completeFor: phantom stock

    private static final String DC = "dc-1";

    @Test
    void completeFor_shouldFindPhantomStock_andSetItToZero_whenTheGoLiveImportCoversAStoreWithStaleStock() {
        // given: the go-live import (CORRECT, threshold 0) covering store-12 entirely. The master has, at
        // store-12: A 10 (reported, right), B 5 (stale: the WMS has none), C sold out before asOf (0),
        // D 2 (reported in the other part); at dc-1, not covered: X 7 and B 4
        wms(Source.ALL_LOCATIONS, Source.ALL_EVENT_TYPES, 0);
        Instant before = asOf.minus(Duration.ofHours(2));
        put("A", STORE, 10, before);
        put("B", STORE, 5, before);
        put("C", STORE, 3, before);
        sell("C", 3, asOf.minus(Duration.ofMinutes(10)));
        put("D", STORE, 2, before);
        put("X", DC, 7, before);
        put("B", DC, 4, before);
        List<String> complete = List.of(STORE);
        assertThat(post(part("golive-2", "CORRECT", 1, 2, complete, line("A", 10) + "," + line("N", 4))))
                .isInstanceOf(SnapshotResult.Accepted.class);
        assertThat(post(part("golive-2", "CORRECT", 2, 2, complete, line("D", 2)))).isInstanceOf(SnapshotResult.Accepted.class);
        FailingLedger watched = new FailingLedger(store, 0);

        // when
        assertThat(new Reconciler(snapshots, watched, ChannelAvailabilityReads.NONE, clock, Duration.ofMinutes(15))
                .run(WMS, "golive-2", () -> true)).isEqualTo(Reconciler.Result.DONE);

        // then: B is phantom stock, set to 0 at asOf; the new SKU N is set to 4; nothing else moved
        assertThat(store.level("B", STORE).orElseThrow().onHand()).isZero();
        assertThat(store.level("N", STORE).orElseThrow().onHand()).isEqualTo(4);
        assertThat(store.level("A", STORE).orElseThrow().onHand()).isEqualTo(10);
        assertThat(store.level("C", STORE).orElseThrow().onHand()).isZero();
        assertThat(store.level("D", STORE).orElseThrow().onHand()).isEqualTo(2);
        assertThat(store.level("B", DC).orElseThrow().onHand()).isEqualTo(4);
        assertThat(store.level("X", DC).orElseThrow().onHand()).isEqualTo(7);
        // only the completeFor location was walked
        assertThat(watched.walked).isNotEmpty().containsOnly(STORE);
        SnapshotState report = snapshots.state(WMS, "golive-2").orElseThrow();
        // lines A, N, D; phantoms B (drift) and C (0: not drift); A, C, D are right
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(5, 2, 2, 0));
        assertThat(report.drift()).extracting(d -> d.sku() + "@" + d.locationId() + ":" + d.reported() + "/" + d.master()
                + (d.corrected() ? " corrected" : "")).containsExactly("B@store-12:0/5 corrected", "N@store-12:4/0 corrected");
        // the count that set B right names the snapshot, at asOf
        LedgerEntry count = store.ledgerPage("B", STORE, 50, null).entries().stream()
                .filter(e -> e.type() == ChangeType.COUNT).findFirst().orElseThrow();
        assertThat(count.reference()).isEqualTo("snapshot/golive-2");
        assertThat(count.occurredAt()).isEqualTo(asOf);
        assertThat(count.quantity()).isZero();
        // one DriftDetected each, valid against the schema
        List<OutboundEvent> published = published();
        assertThat(published).hasSize(2);
        for (OutboundEvent e : published) {
            assertThat(OutboundSchemas.problems(e.detailType(), e.detail())).isEmpty();
        }
        JsonNode b = published.stream().map(e -> json(e.detail())).filter(d -> d.path("sku").asText().equals("B"))
                .findFirst().orElseThrow();
        assertThat(b.path("locationId").asText()).isEqualTo(STORE);
        assertThat(b.path("reported").asLong()).isZero();
        assertThat(b.path("difference").asLong()).isEqualTo(-5);
        assertThat(b.path("corrected").asBoolean()).isTrue();
        // and a second delivery of the request does nothing
        assertThat(reconcile("golive-2")).isEqualTo(Reconciler.Result.NOT_RECONCILING);
        assertThat(store.ledger("B", STORE)).filteredOn(e -> e.type() == ChangeType.COUNT).hasSize(1);
    }

    @Test
    void completeFor_shouldCompareAsOfAsOf_withinTheThreshold_andSkipRecordsCountedAfterAsOf() {
        // given: threshold 1, a REPORT covering store-12, which reports Q only. At store-12 the master has:
        // P1 1 (within the threshold), P2 2 (phantom), P3 received after asOf (0 as of asOf), P4 sold out
        // before asOf and sold 2 more after it (0 as of asOf, -2 now), P5 counted after asOf
        Instant before = asOf.minus(Duration.ofHours(2));
        put("Q", STORE, 1, before);
        put("P1", STORE, 1, before);
        put("P2", STORE, 2, before);
        put("P3", STORE, 5, asOf.plus(Duration.ofMinutes(10)));
        put("P4", STORE, 3, before);
        sell("P4", 3, asOf.minus(Duration.ofMinutes(20)));
        sell("P4", 2, asOf.plus(Duration.ofMinutes(20)));
        put("P5", STORE, 4, before);
        store.apply(Events.one("count-p5", ChangeType.COUNT, asOf.plus(Duration.ofMinutes(5)), STORE, "P5", 4));
        post(part("phantom-report", "REPORT", 1, 1, List.of(STORE), line("Q", 1)));

        // when
        assertThat(reconcile("phantom-report")).isEqualTo(Reconciler.Result.DONE);

        // then: only P2 drifts; REPORT changes nothing
        SnapshotState report = snapshots.state(WMS, "phantom-report").orElseThrow();
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(5, 1, 0, 1));
        assertThat(report.drift()).extracting(d -> d.sku() + ":" + d.reported() + "/" + d.master() + ":" + d.corrected())
                .containsExactly("P2:0/2:false");
        assertThat(store.level("P2", STORE).orElseThrow().onHand()).isEqualTo(2);
        assertThat(store.level("P4", STORE).orElseThrow().onHand()).isEqualTo(-2);
        assertThat(published()).hasSize(1);
    }

    @Test
    void completeFor_shouldResumeToTheSameReport_whenTheWalkFailsHalfWay_acrossPagesOfTheIndex() {
        // given: 20 records at store-12; the snapshot (2 parts, CORRECT) reports the even ones right and
        // lacks the 10 odd ones; the walk reads 5 SKUs a page; the 7th correction (S-13) fails, in page 3 of the walk
        List<String> even = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sku = String.format("S-%02d", i);
            put(sku, STORE, 5, asOf.minus(Duration.ofHours(2)));
            if (i % 2 == 0) {
                even.add(line(sku, 5));
            }
        }
        List<String> complete = List.of(STORE);
        String part1 = part("walk-crash", "CORRECT", 1, 2, complete, String.join(",", even.subList(0, 5)));
        String part2 = part("walk-crash", "CORRECT", 2, 2, complete, String.join(",", even.subList(5, 10)));
        post(part1);
        post(part2);
        FailingLedger failing = new FailingLedger(store, 7);

        // when: it dies mid-walk, and the request is delivered again after the lease lapsed
        assertThatThrownBy(() -> new Reconciler(snapshots, failing, ChannelAvailabilityReads.NONE, clock, Duration.ZERO, 5)
                .run(WMS, "walk-crash", () -> true)).hasMessageContaining("injected");
        SnapshotState halfWay = snapshots.state(WMS, "walk-crash").orElseThrow();
        assertThat(new Reconciler(snapshots, store, ChannelAvailabilityReads.NONE, Clock.offset(clock, Duration.ofSeconds(1)),
                Duration.ofMinutes(15), 5).run(WMS, "walk-crash", () -> true)).isEqualTo(Reconciler.Result.DONE);

        // then: the cursor had kept two pages of the walk; each phantom was compared, published and set once
        assertThat(halfWay.cursorPart()).isEqualTo(3);
        assertThat(halfWay.cursorLine()).isZero();
        assertThat(halfWay.walkAfter()).isEqualTo("S-09");
        assertThat(halfWay.counters()).isEqualTo(new SnapshotState.Counters(10 + 5, 5, 5, 0));
        SnapshotState report = snapshots.state(WMS, "walk-crash").orElseThrow();
        assertThat(report.counters()).isEqualTo(new SnapshotState.Counters(20, 10, 10, 0));
        assertThat(report.walkAfter()).isNull();
        assertThat(published()).hasSize(10);
        for (int i = 0; i < 20; i++) {
            String sku = String.format("S-%02d", i);
            assertThat(store.level(sku, STORE).orElseThrow().onHand()).as(sku).isEqualTo(i % 2 == 0 ? 5 : 0);
            assertThat(store.ledger(sku, STORE)).filteredOn(e -> e.type() == ChangeType.COUNT).hasSize(i % 2);
        }
        // and the same report as a run that never failed, on the same data
        ReconciliationIT clean = new ReconciliationIT();
        clean.setUp();
        for (int i = 0; i < 20; i++) {
            clean.put(String.format("S-%02d", i), STORE, 5, asOf.minus(Duration.ofHours(2)));
        }
        clean.post(part1.replace(asOf.toString(), clean.asOf.toString()));
        clean.post(part2.replace(asOf.toString(), clean.asOf.toString()));
        assertThat(new Reconciler(clean.snapshots, clean.store, ChannelAvailabilityReads.NONE, clean.clock,
                Duration.ofMinutes(15), 1_000).run(WMS, "walk-crash", () -> true)).isEqualTo(Reconciler.Result.DONE);
        SnapshotState cleanReport = clean.snapshots.state(WMS, "walk-crash").orElseThrow();
        assertThat(report.drift()).isEqualTo(cleanReport.drift());
        assertThat(report.counters()).isEqualTo(cleanReport.counters());
    }

    @Test
    void completeFor_shouldBeRefused400_withChannelAvailable() {
        SnapshotResult result = post("{\"snapshotId\":\"ch-complete\",\"asOf\":\"" + asOf + "\","
                + "\"measure\":\"CHANNEL_AVAILABLE\",\"channel\":\"web\",\"mode\":\"REPORT\",\"part\":1,\"parts\":1,"
                + "\"completeFor\":[\"store-12\"],\"lines\":[{\"sku\":\"A\",\"quantity\":8}]}");
        assertThat(result).isInstanceOfSatisfying(SnapshotResult.InvalidSnapshot.class, invalid ->
                assertThat(invalid.problems()).extracting(p -> p.path()).containsExactly("completeFor"));
        assertThat(snapshots.state(WMS, "ch-complete")).isEmpty();
    }

    // ------------------------------------------------------------------ channel availability

    @Test
    void channelAvailable_shouldCompareWithTheChannelsNumber() {
        Map<String, ChannelAvailabilityReads.Availability> web = Map.of(
                "A", new ChannelAvailabilityReads.Availability(5, 3), "B", new ChannelAvailabilityReads.Availability(2, 1));
        ChannelAvailabilityReads channels = (channel, sku) -> "web".equals(channel)
                ? Optional.ofNullable(web.get(sku)) : Optional.empty();
        post("{\"snapshotId\":\"ch-1\",\"asOf\":\"" + asOf + "\",\"measure\":\"CHANNEL_AVAILABLE\",\"channel\":\"web\","
                + "\"mode\":\"REPORT\",\"part\":1,\"parts\":1,\"lines\":[{\"sku\":\"A\",\"quantity\":5},"
                + "{\"sku\":\"B\",\"quantity\":9},{\"sku\":\"C\",\"quantity\":1}]}");
        new Reconciler(snapshots, store, channels, clock, Duration.ofMinutes(1)).run(WMS, "ch-1", () -> true);
        SnapshotState report = snapshots.state(WMS, "ch-1").orElseThrow();
        assertThat(report.drift()).extracting(d -> d.sku() + ":" + d.reported() + "/" + d.master()).containsExactly("B:9/2");
        JsonNode event = json(published().getFirst().detail());
        assertThat(event.path("measure").asText()).isEqualTo("CHANNEL_AVAILABLE");
        assertThat(event.path("channel").asText()).isEqualTo("web");
        assertThat(event.path("master").path("version").asLong()).isEqualTo(1);
        assertThat(OutboundSchemas.problems(ChangeEvents.DRIFT_DETECTED, published().getFirst().detail())).isEmpty();
    }

    @Test
    void channelAvailable_shouldCompareWithTheStoredChannelNumber_onDynamoDbLocal() {
        // given: the web channel's pool is store-12 with a safety stock of 2; A has 10 there, B 4, C none.
        // The number is computed and stored as the stream consumer does (the per-channel records).
        var records = new io.inventorysync.store.DynamoDbChannelAvailabilities(DYNAMO, table);
        var pools = Map.of("web", new io.inventorysync.domain.AvailabilityPool(List.of(STORE), 2, Map.of()));
        var computed = new io.inventorysync.availability.ChannelAvailabilityService(pools, records, clock, 10);
        receive("A", 10, asOf.minus(Duration.ofHours(2)));
        receive("B", 4, asOf.minus(Duration.ofHours(2)));
        computed.levelsChanged("A", List.of(STORE));
        computed.levelsChanged("B", List.of(STORE));
        assertThat(records.channelAvailability("web", "A").available()).isEqualTo(8);
        // when: the channel reports A 8 (right), B 9 (master 2), C 3 (never computed: 0)
        assertThat(post("{\"snapshotId\":\"ch-ddb\",\"asOf\":\"" + asOf + "\",\"measure\":\"CHANNEL_AVAILABLE\","
                + "\"channel\":\"web\",\"mode\":\"REPORT\",\"part\":1,\"parts\":1,\"lines\":[{\"sku\":\"A\",\"quantity\":8},"
                + "{\"sku\":\"B\",\"quantity\":9},{\"sku\":\"C\",\"quantity\":3}]}")).isInstanceOf(SnapshotResult.Accepted.class);
        new Reconciler(snapshots, store, ChannelAvailabilityReads.of(records), clock, Duration.ofMinutes(1))
                .run(WMS, "ch-ddb", () -> true);
        // then
        SnapshotState report = snapshots.state(WMS, "ch-ddb").orElseThrow();
        assertThat(report.drift()).extracting(d -> d.sku() + ":" + d.reported() + "/" + d.master())
                .containsExactly("B:9/2", "C:3/0");
    }

    @Test
    void channelAvailable_shouldRefuse404_forAChannelWithoutAPool_storingNothing() {
        SnapshotResult result = post("{\"snapshotId\":\"ch-none\",\"asOf\":\"" + asOf + "\",\"measure\":\"CHANNEL_AVAILABLE\","
                + "\"channel\":\"marketplace\",\"mode\":\"REPORT\",\"part\":1,\"parts\":1,\"lines\":[{\"sku\":\"A\",\"quantity\":8}]}");
        assertThat(result).isInstanceOfSatisfying(SnapshotResult.ChannelNotFound.class,
                notFound -> assertThat(notFound.code()).isEqualTo("CHANNEL_NOT_FOUND"));
        assertThat(snapshots.state(WMS, "ch-none")).isEmpty();
        assertThat(requested).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** A movement ledger that fails once, on its {@code failOn}-th apply (a crash half-way; 0: never). */
    private static final class FailingLedger implements StockReads, MovementLedger {
        private final DynamoDbInventoryStore store;
        private final AtomicInteger applies = new AtomicInteger();
        private final int failOn;
        /** The location of each page of the index read (the completeFor walk). */
        private final List<String> walked = new ArrayList<>();

        FailingLedger(DynamoDbInventoryStore store, int failOn) {
            this.store = store;
            this.failOn = failOn;
        }

        @Override
        public ApplyResult apply(Movement movement) {
            if (applies.incrementAndGet() == failOn) {
                throw new IllegalStateException("injected: the function died here");
            }
            return store.apply(movement);
        }

        @Override
        public void recordRejected(MovementKey key, String sku, String locationId, String reason) {
            store.recordRejected(key, sku, locationId, reason);
        }

        @Override
        public Optional<StockLevel> level(String sku, String locationId) {
            return store.level(sku, locationId);
        }

        @Override
        public List<StockLevel> levels(String sku) {
            return store.levels(sku);
        }

        @Override
        public List<LedgerEntry> ledger(String sku, String locationId) {
            return store.ledger(sku, locationId);
        }

        @Override
        public LedgerPage ledgerPage(String sku, String locationId, int limit, String before) {
            return store.ledgerPage(sku, locationId, limit, before);
        }

        @Override
        public List<MasterAsOf> onHandAsOf(List<RecordKey> records, Instant at) {
            return store.onHandAsOf(records, at);
        }

        @Override
        public SkuPage skusAt(String locationId, String after, int limit) {
            walked.add(locationId);
            return store.skusAt(locationId, after, limit);
        }
    }

    Reconciler.Result reconcile(String snapshotId) {
        return new Reconciler(snapshots, store, ChannelAvailabilityReads.NONE, clock, Duration.ofMinutes(15))
                .run(WMS, snapshotId, () -> true);
    }

    SnapshotResult post(String body) {
        Map<String, String> headers = Signer.headers(secret, body);
        return service.receive(new SnapshotService.Request(WMS, headers, body.getBytes(StandardCharsets.UTF_8),
                "POST /v1/sources/" + WMS + "/snapshots"));
    }

    String part(String snapshotId, String mode, int part, int parts, String lines) {
        return "{\"snapshotId\":\"" + snapshotId + "\",\"asOf\":\"" + asOf + "\",\"measure\":\"ON_HAND\",\"mode\":\""
                + mode + "\",\"part\":" + part + ",\"parts\":" + parts + ",\"lines\":[" + lines + "]}";
    }

    String part(String snapshotId, String mode, int part, int parts, List<String> completeFor, String lines) {
        String complete = completeFor.stream().map(l -> "\"" + l + "\"").collect(java.util.stream.Collectors.joining(","));
        return part(snapshotId, mode, part, parts, lines).replace("\"lines\":[", "\"completeFor\":[" + complete + "],\"lines\":[");
    }

    /** Receives {@code q} of {@code sku} at {@code locationId} (the record's first movement). */
    void put(String sku, String locationId, long q, Instant at) {
        assertThat(store.apply(Events.one("rcv-" + sku + "@" + locationId, ChangeType.RECEIPT, at, locationId, sku, q))
                .outcome()).isEqualTo(Outcome.APPLIED);
    }

    static String line(String sku, long quantity) {
        return "{\"sku\":\"" + sku + "\",\"locationId\":\"" + STORE + "\",\"quantity\":" + quantity + "}";
    }

    void receive(String sku, long q, Instant at) {
        assertThat(store.apply(Events.one("rcv-" + sku, ChangeType.RECEIPT, at, STORE, sku, q)).outcome())
                .isEqualTo(Outcome.APPLIED);
    }

    void sell(String sku, long q, Instant at) {
        store.apply(Events.one("sale-" + sku + "-" + at.toEpochMilli(), ChangeType.SALE, at, STORE, sku, q));
    }

    /** What the outbox publishes for every drift item in the table: each written once, as an insert. */
    List<OutboundEvent> published() {
        List<OutboundEvent> events = new ArrayList<>();
        DYNAMO.scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
            AttributeValue type = item.get(InventoryTable.ITEM_TYPE);
            if (type != null && "DRIFT".equals(type.s())) {
                events.addAll(ChangeEvents.of(Map.of(), item));
            }
        });
        return events;
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
