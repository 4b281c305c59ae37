package io.inventorysync.functions;

import io.inventorysync.admin.SinceCountRepairCommand;
import io.inventorysync.admin.StockIndexBackfillCommand;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Outcome;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.SinceCountRepair;
import io.inventorysync.store.StockIndexBackfill;
import io.inventorysync.store.StoreException;
import io.inventorysync.store.internal.Items;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.inventorysync.testing.Events.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator's repair of a record a hold step left stuck before the hold-step fix (its {@code sinceCount}
 * counting an entry that sits before {@code lastCountAt}, so its counts fail retryably), on DynamoDB Local:
 * found, reported, fixed only when asked, a later count applies; a healthy record untouched; a movement
 * racing the fix makes it skip.
 */
class SinceCountRepairCommandIT {
    private static final DynamoDbClient DYNAMO = LocalDynamoDb.client();
    private static final String STORE = "store-1";
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(t0);
    private final String table = LocalDynamoDb.createTable(DYNAMO);
    private final DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(DYNAMO).tableName(table)
            .clock(clock).indexCatchUp(Duration.ZERO).build();
    private final SinceCountRepair repair = new SinceCountRepair(store, clock, Duration.ofSeconds(60));
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    /** A record counted at t0-30s with one sale after the count; stuck adds what a pre-fix hold step left. */
    private void record(String sku, boolean stuck) {
        store.apply(one(sku + "-r", ChangeType.RECEIPT, t0.minusSeconds(60), STORE, sku, 10));
        store.apply(one(sku + "-c", ChangeType.COUNT, t0.minusSeconds(30), STORE, sku, 8));
        store.apply(one(sku + "-s", ChangeType.SALE, t0.minusSeconds(10), STORE, sku, 1));
        if (stuck) {
            // The step's sinceCount + 1 whose ledger entry was stamped before lastCountAt (out of the proof's range).
            DYNAMO.updateItem(r -> r.tableName(table).key(Items.stockKey(sku, STORE))
                    .updateExpression("SET sinceCount = sinceCount + :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        }
    }

    private Map<String, AttributeValue> item(String sku) {
        return DYNAMO.getItem(r -> r.tableName(table).consistentRead(true).key(Items.stockKey(sku, STORE))).item();
    }

    @Test
    void aStuckRecord_shouldBeReported_thenFixedOnlyWithApply_andALaterCountApplies_whileAHealthyOneIsUntouched() {
        // given: a stuck record (its count fails retryably) and a healthy one at the same location
        record("STUCK", true);
        record("HEALTHY", false);
        assertThatThrownBy(() -> store.apply(one("STUCK-c2", ChangeType.COUNT, t0.minusSeconds(5), STORE, "STUCK", 5)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isTrue());
        Map<String, AttributeValue> healthyBefore = item("HEALTHY");
        clock.advance(Duration.ofMinutes(2));

        // when: checked over the whole location, without --apply
        SinceCountRepairCommand.Summary report = SinceCountRepairCommand.runLocation(repair, STORE, 1, false, out);

        // then: the stuck one reported (2 counted, 1 shown), nothing written
        assertThat(report.checked()).isEqualTo(2);
        assertThat(report.differing()).isEqualTo(1);
        assertThat(report.healthy()).isEqualTo(1);
        assertThat(report.fixed()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("differs: STUCK at store-1: sinceCount 2, the ledger index shows 1").doesNotContain("HEALTHY at");
        assertThat(item("STUCK").get("sinceCount").n()).isEqualTo("2");

        // when: with --apply
        SinceCountRepairCommand.Summary fixed = SinceCountRepairCommand.runLocation(repair, STORE, 1000, true, out);

        // then: fixed to what the index shows, nothing else changed; the healthy record untouched
        assertThat(fixed.fixed()).isEqualTo(1);
        assertThat(fixed.leftOver()).isZero();
        Map<String, AttributeValue> stuckAfter = item("STUCK");
        assertThat(stuckAfter.get("sinceCount").n()).isEqualTo("1");
        assertThat(stuckAfter.get("version").n()).as("a repair is no change").isEqualTo("3");
        assertThat(item("HEALTHY")).isEqualTo(healthyBefore);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("fixed: STUCK at store-1: sinceCount 2 -> 1");

        // and: the count the record refused now applies (5, nothing after its time)
        assertThat(store.apply(one("STUCK-c2", ChangeType.COUNT, t0.minusSeconds(5), STORE, "STUCK", 5)).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(store.level("STUCK", STORE).orElseThrow().onHand()).isEqualTo(5);
        // and a second run finds nothing to do
        assertThat(SinceCountRepairCommand.run(repair, List.<String[]>of(new String[]{"STUCK", STORE}), true, out).differing())
                .isZero();
    }

    @Test
    void aMovementRacingTheFix_shouldMakeItSkip_notOverwrite_andARecordChangedJustNowIsNotJudged() {
        // given: a stuck record, read and found differing
        record("RACED", true);
        clock.advance(Duration.ofMinutes(2));
        SinceCountRepair.Finding found = repair.check("RACED", STORE);
        assertThat(found.verdict()).isEqualTo(SinceCountRepair.Verdict.DIFFERS);

        // when: a sale applies between the read and the fix
        store.apply(one("RACED-s2", ChangeType.SALE, clock.instant().minusSeconds(1), STORE, "RACED", 1));
        SinceCountRepair.Finding raced = repair.fix(found);

        // then: skipped, the record as the sale left it (stuck value 2, plus the sale)
        assertThat(raced.verdict()).isEqualTo(SinceCountRepair.Verdict.CHANGED);
        assertThat(item("RACED").get("sinceCount").n()).isEqualTo("3");

        // when: run again at once: the record changed within the settle time, so it is not judged
        SinceCountRepairCommand.Summary settling = SinceCountRepairCommand.run(repair,
                List.<String[]>of(new String[]{"RACED", STORE}, new String[]{"NEVER", STORE}), true, out);
        assertThat(settling.settling()).isEqualTo(1);
        assertThat(settling.notFound()).isEqualTo(1);
        assertThat(settling.leftOver()).isEqualTo(1);
        assertThat(item("RACED").get("sinceCount").n()).isEqualTo("3");

        // when: later, again
        clock.advance(Duration.ofMinutes(2));
        SinceCountRepairCommand.Summary later = SinceCountRepairCommand.run(repair,
                List.<String[]>of(new String[]{"RACED", STORE}), true, out);

        // then: fixed to the two entries the index shows since the count
        assertThat(later.fixed()).isEqualTo(1);
        assertThat(item("RACED").get("sinceCount").n()).isEqualTo("2");
    }

    /** Records as written before the {@code StockByLocation} index existed: their index keys removed. */
    private void withoutIndexKeys(String... skus) {
        for (String sku : skus) {
            DYNAMO.updateItem(r -> r.tableName(table).key(Items.stockKey(sku, STORE)).updateExpression("REMOVE "
                    + InventoryTable.STOCK_BY_LOCATION_PK + ", " + InventoryTable.STOCK_BY_LOCATION_SK));
        }
    }

    @Test
    void recordsWrittenBeforeTheIndex_shouldMakeTheWalkRefuse_untilTheBackfillWalkedTheWholeTable_thenBeWalked() {
        // given: three records at the location, two of them (one stuck) as written before the index; the index
        // ACTIVE (DynamoDB Local's answer): the silent case, the deploy's step 10 skipped
        record("OLD-STUCK", true);
        record("OLD-FINE", false);
        record("NEW", false);
        withoutIndexKeys("OLD-STUCK", "OLD-FINE");
        clock.advance(Duration.ofMinutes(2));
        StockIndexBackfill backfill = new StockIndexBackfill(DYNAMO, table);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

        // when: the walk before the backfill
        int walkedBefore = SinceCountRepairCommand.location(backfill, repair, STORE, 2, true, out, err);

        // then: refused (no whole walk recorded), saying what to run; nothing walked, the stuck record as it was
        assertThat(walkedBefore).isEqualTo(SinceCountRepairCommand.INDEX_NOT_READY);
        assertThat(errors.toString(StandardCharsets.UTF_8)).startsWith("refused: no whole walk of StockIndexBackfillCommand")
                .contains("then the same with --check", "had the index from the start");
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(item("OLD-STUCK").get("sinceCount").n()).isEqualTo("2");

        // when: the check, in pages of two items (the ledger and receipts around them)
        StockIndexBackfillCommand.Summary check = StockIndexBackfillCommand.run(backfill, null, 2, true, out);

        // then: both old records named and counted, exit status 1, nothing written: no mark either
        assertThat(check.lacking()).isEqualTo(2);
        assertThat(check.updated()).isZero();
        assertThat(StockIndexBackfillCommand.exitStatus(check, true)).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("without index keys: OLD-STUCK@store-1",
                "without index keys: OLD-FINE@store-1", "done: ", "2 stock records without index keys")
                .doesNotContain("recorded:", "go on with --from");
        assertThat(item("OLD-STUCK")).doesNotContainKey(InventoryTable.STOCK_BY_LOCATION_PK);
        assertThat(backfill.whole()).isEmpty();

        // when: a backfill from a position (the rest of an interrupted run), and a check from one
        String position = backfill.check(null, 2).next();
        assertThat(position).isNotNull();
        printed.reset();
        StockIndexBackfillCommand.Summary partial = StockIndexBackfillCommand.run(backfill, position, 2, false, out);

        // then: a partial walk records no mark (it says nothing of what is before its start), and says so;
        // a check from a position is refused (its verdict is on the whole table): usage error, exit status 2
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("not the whole table: no mark recorded")
                .doesNotContain("recorded:");
        assertThat(backfill.whole()).isEmpty();
        assertThatThrownBy(() -> StockIndexBackfillCommand.run(backfill, position, 2, true, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no --from");
        assertThatThrownBy(() -> StockIndexBackfillCommand.options("--table", table, "--check", "--from", position))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no --from");
        assertThat(StockIndexBackfillCommand.options("--table", table, "--from", position).from()).isEqualTo(position);
        errors.reset();
        assertThat(SinceCountRepairCommand.location(backfill, repair, STORE, 2, false, out, err))
                .isEqualTo(SinceCountRepairCommand.INDEX_NOT_READY);

        // when: the backfill from the start
        printed.reset();
        Instant beforeBackfill = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StockIndexBackfillCommand.Summary filled = StockIndexBackfillCommand.run(backfill, null, 2, false, out);
        String reported = printed.toString(StandardCharsets.UTF_8);

        // then: the two given their keys between the two runs (reported), the whole walk recorded
        assertThat(partial.updated() + filled.updated()).isEqualTo(2);
        assertThat(reported).contains(filled.updated() + " stock records given index keys", "recorded: the whole table walked");
        assertThat(backfill.whole()).hasValueSatisfying(w -> {
            assertThat(w.by()).isEqualTo("backfill");
            assertThat(w.itemsRead()).isEqualTo(filled.scanned());
            assertThat(w.at()).isAfterOrEqualTo(beforeBackfill);
        });
        assertThat(item("OLD-STUCK").get(InventoryTable.STOCK_BY_LOCATION_PK).s()).isEqualTo("STOCKAT#" + STORE);
        // and: the mark as stored carries no index key, and is neither published nor relayed as its stream image
        Map<String, AttributeValue> mark = DYNAMO.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                InventoryTable.PK, AttributeValue.fromS(InventoryTable.STOCK_INDEX_MARK_PK),
                InventoryTable.SK, AttributeValue.fromS(InventoryTable.STOCK_INDEX_MARK_SK)))).item();
        assertThat(mark).containsKeys("walkedAt", "itemsRead").doesNotContainKeys(InventoryTable.LEDGER_BY_RECORD_PK,
                InventoryTable.ACTIVE_HOLDS_PK, InventoryTable.STOCK_BY_LOCATION_PK);
        assertThat(io.inventorysync.store.StreamImages.typeOf(mark)).isEqualTo(io.inventorysync.store.ItemType.MARKER)
                .matches(t -> !t.isPublished());
        assertThat(io.inventorysync.outbox.ChangeEvents.of(null, mark)).isEmpty();
        assertThat(io.inventorysync.store.StreamImages.newlyHeld(Map.of(), mark)).isEmpty();
        // and: the mark is in no index and no stock record to the check (which finds none lacking)
        StockIndexBackfillCommand.Summary after = StockIndexBackfillCommand.run(backfill, null, 2, true, out);
        assertThat(after.lacking()).isZero();
        assertThat(StockIndexBackfillCommand.exitStatus(after, true)).isZero();

        // when: the walk again
        printed.reset();
        int walkedAfter = SinceCountRepairCommand.location(backfill, repair, STORE, 2, false, out, err);

        // then: all three walked (the mark is no record of the location), the stuck one found
        assertThat(walkedAfter).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("lists every stock record since",
                "walked 3 records at store-1", "differs: OLD-STUCK at store-1");
    }

    @Test
    void aTableWithTheIndexFromTheStart_shouldNeedOneCleanCheck_beforeALocationWalk() {
        // given: a record written with its keys (the index there from the start), never backfilled
        record("STUCK", true);
        clock.advance(Duration.ofMinutes(2));
        StockIndexBackfill backfill = new StockIndexBackfill(DYNAMO, table);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

        // when: walked at once: refused, nothing written
        assertThat(SinceCountRepairCommand.location(backfill, repair, STORE, 100, true, out, err))
                .isEqualTo(SinceCountRepairCommand.INDEX_NOT_READY);
        assertThat(item("STUCK").get("sinceCount").n()).isEqualTo("2");

        // when: one check, finding nothing lacking
        StockIndexBackfillCommand.Summary check = StockIndexBackfillCommand.run(backfill, null, 100, true, out);

        // then: exit status 0, the mark written by the check
        assertThat(check.lacking()).isZero();
        assertThat(StockIndexBackfillCommand.exitStatus(check, true)).isZero();
        assertThat(backfill.whole()).hasValueSatisfying(w -> assertThat(w.by()).isEqualTo("check"));

        // when: walked again: walked and fixed
        printed.reset();
        assertThat(SinceCountRepairCommand.location(backfill, repair, STORE, 100, true, out, err)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("walked 1 records at store-1", "fixed: STUCK at store-1");
        assertThat(item("STUCK").get("sinceCount").n()).isEqualTo("1");
    }

    /** Answers {@code DescribeTable} with the {@code StockByLocation} index as {@link #state} says (absent when null). */
    private static final class IndexStateAnswer implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        volatile String state = "ACTIVE";
        volatile boolean backfilling;

        @Override
        public software.amazon.awssdk.core.SdkResponse modifyResponse(software.amazon.awssdk.core.interceptor.Context.ModifyResponse context,
                                                                      software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (context.response() instanceof software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse r) {
                var indexes = r.table().globalSecondaryIndexes().stream()
                        .filter(i -> state != null || !InventoryTable.STOCK_BY_LOCATION_INDEX.equals(i.indexName()))
                        .map(i -> InventoryTable.STOCK_BY_LOCATION_INDEX.equals(i.indexName())
                                ? i.toBuilder().indexStatus(state).backfilling(backfilling).build() : i)
                        .toList();
                return r.toBuilder().table(r.table().toBuilder().globalSecondaryIndexes(indexes).build()).build();
            }
            return context.response();
        }
    }

    @Test
    void aLocationWalk_shouldBeRefused_whileTheIndexIsNotActive_writingNothing() {
        // given: a stuck record, and the index as DescribeTable shows it while a deploy adds it
        record("STUCK", true);
        clock.advance(Duration.ofMinutes(2));
        IndexStateAnswer answer = new IndexStateAnswer();
        StockIndexBackfill backfill = new StockIndexBackfill(LocalDynamoDb.clientWithoutSdkRetries(answer), table);
        // the whole walk recorded (a clean check): only the index's state refuses below
        assertThat(StockIndexBackfillCommand.exitStatus(StockIndexBackfillCommand.run(backfill, null, 100, true, out), true)).isZero();
        printed.reset();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

        for (String[] state : List.of(new String[]{"CREATING", "false"}, new String[]{"CREATING", "true"},
                new String[]{null, "false"})) {
            answer.state = state[0];
            answer.backfilling = Boolean.parseBoolean(state[1]);
            errors.reset();

            // when: asked to fix the location
            int status = SinceCountRepairCommand.location(backfill, repair, STORE, 100, true, out, err);

            // then: refused with its own exit status and a clear message; nothing walked, nothing written
            assertThat(status).isEqualTo(SinceCountRepairCommand.INDEX_NOT_READY).isEqualTo(3);
            assertThat(errors.toString(StandardCharsets.UTF_8)).startsWith("refused: the StockByLocation index is "
                    + (state[0] == null ? "absent" : state[0]) + (answer.backfilling ? " (backfilling)" : "") + ", not ACTIVE");
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(item("STUCK").get("sinceCount").n()).isEqualTo("2");
        }

        // when: the index is ACTIVE (DynamoDB Local's own answer)
        answer.state = "ACTIVE";
        answer.backfilling = false;
        int status = SinceCountRepairCommand.location(backfill, repair, STORE, 100, true, out, err);

        // then: walked and fixed
        assertThat(status).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("walked 1 records at store-1", "fixed: STUCK at store-1");
        assertThat(item("STUCK").get("sinceCount").n()).isEqualTo("1");
    }
}
