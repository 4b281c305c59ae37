package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.ReasonCode;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationValidator;
import io.inventorysync.domain.StockState;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.OutcomeReason;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.StockChange;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.inventorysync.testing.Events.SOURCE;
import static io.inventorysync.testing.Events.event;
import static io.inventorysync.testing.Events.held;
import static io.inventorysync.testing.Events.hold;
import static io.inventorysync.testing.Events.line;
import static io.inventorysync.testing.Events.one;
import static io.inventorysync.testing.Events.returned;
import static io.inventorysync.testing.Events.sale;
import static io.inventorysync.testing.Events.transferIn;
import static io.inventorysync.testing.Events.transferOut;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link InventoryStore} must do, run against the in-memory reference store and
 * against DynamoDB Local, so the two are known to agree on every rule of contract v1.
 */
abstract class InventoryStoreContract {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String SKU = "BLU-SHIRT-M";
    static final String STORE = "store-12";
    static final String WEB = "web-dc";

    MutableClock clock;
    InventoryStore store;

    abstract InventoryStore newStore(MutableClock clock);

    /** The held events the table's stream handed the ingest relay since the last call ({@link StreamImages#newlyHeld}). */
    abstract List<HeldEvent> relayed();

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0.plus(Duration.ofHours(1)));
        store = newStore(clock);
    }

    Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    StockLevel level(String sku, String location) {
        return store.level(sku, location).orElseThrow();
    }

    void receive(String sku, String location, long q) {
        assertThat(store.apply(one("rcv-" + sku + "-" + location + "-" + q, ChangeType.RECEIPT, at(0), location, sku, q))
                .outcome()).isEqualTo(Outcome.APPLIED);
    }

    // ------------------------------------------------------------ the SKUs at a location (completeFor)

    @Test
    void skusAt_shouldListEveryRecordAtTheLocationOnce_inSkuOrder_pageByPage() {
        // given: five records at the store (one sold out, one only ever sold: negative), two at the web DC
        for (String sku : List.of("D", "A", "C")) {
            receive(sku, STORE, 3);
        }
        store.apply(one("s-e", ChangeType.SALE, at(5), STORE, "E", 1));
        receive("B", STORE, 2);
        store.apply(one("s-b", ChangeType.SALE, at(5), STORE, "B", 2));
        receive("A", WEB, 1);
        receive("Z", WEB, 1);
        store.apply(one("s-a", ChangeType.SALE, at(6), STORE, "A", 1));
        // when: pages of two (the index behind the DynamoDB store is eventually consistent: read until stable)
        List<String> walked = new ArrayList<>();
        int pages = 0;
        String after = null;
        do {
            StockReads.SkuPage page = store.skusAt(STORE, after, 2);
            walked.addAll(page.skus());
            after = page.next();
            pages++;
        } while (after != null);
        // then: every record of the store, in order, none of the web DC's, none twice
        assertThat(walked).containsExactly("A", "B", "C", "D", "E");
        assertThat(pages).isBetween(3, 4);
        assertThat(store.skusAt(STORE, "C", 10).skus()).containsExactly("D", "E");
        assertThat(store.skusAt(STORE, "E", 10)).isEqualTo(new StockReads.SkuPage(List.of(), null));
        assertThat(store.skusAt("nowhere", null, 10).skus()).isEmpty();
    }

    // ------------------------------------------------------------ on hand as of a snapshot's time

    @Test
    void onHandAsOf_shouldTakeOutExactlyWhatHappenedAtOrAfterAsOf_inWhateverOrderItArrived() {
        // given: 10 received; a sale before asOf; after asOf a sale and (at exactly asOf) a receipt;
        // and a sale from before asOf that arrives last
        receive(SKU, STORE, 10);
        store.apply(one("s-10", ChangeType.SALE, at(10), STORE, SKU, 2));
        store.apply(one("s-20", ChangeType.SALE, at(20), STORE, SKU, 1));
        store.apply(one("r-15", ChangeType.RECEIPT, at(15), STORE, SKU, 5));
        store.apply(one("s-late", ChangeType.SALE, at(12), STORE, SKU, 3));
        // when
        List<MasterAsOf> answers = store.onHandAsOf(List.of(new RecordKey(SKU, STORE), new RecordKey(SKU, WEB)), at(15));
        // then: now 9; as of 15: 10 - 2 - 3 = 5 (the receipt at exactly 15 and the sale at 20 come after)
        assertThat(level(SKU, STORE).onHand()).isEqualTo(9);
        assertThat(answers.get(0).onHand()).isEqualTo(5L);
        assertThat(answers.get(0).level().version()).isEqualTo(5);
        assertThat(answers.get(1).neverSeen()).isTrue();
        assertThat(answers.get(1).onHand()).isZero();
    }

    @Test
    void onHandAsOf_shouldStartFromTheLatestCount_andBeMoot_whenACountIsNewerThanAsOf() {
        // given: a count at 10 after older movements, a sale after it
        receive(SKU, STORE, 10);
        store.apply(one("c-10", ChangeType.COUNT, at(10), STORE, SKU, 7));
        store.apply(one("s-12", ChangeType.SALE, at(12), STORE, SKU, 1));
        store.apply(one("s-05", ChangeType.SALE, at(5), STORE, SKU, 4));
        // when / then: as of 11 the count's 7 stands (the sale at 5 is in the count); as of 9 a newer count exists
        assertThat(store.onHandAsOf(List.of(new RecordKey(SKU, STORE)), at(11)).getFirst().onHand()).isEqualTo(7L);
        assertThat(store.onHandAsOf(List.of(new RecordKey(SKU, STORE)), at(10)).getFirst().onHand()).isEqualTo(7L);
        assertThat(store.onHandAsOf(List.of(new RecordKey(SKU, STORE)), at(9)).getFirst().countedAfter()).isTrue();
    }

    // ------------------------------------------------------------ the ledger, readable

    @Test
    void ledgerPage_shouldWalkNewestFirst_inPagesThatNeitherRepeatNorSkip() {
        // given: 7 entries, two of them at the same instant, one a hold step, one arriving late and older
        for (int i = 1; i <= 5; i++) {
            store.apply(one("rcv-" + i, ChangeType.RECEIPT, at(i), STORE, SKU, i));
        }
        store.apply(one("sale-same", ChangeType.SALE, at(5), STORE, SKU, 1));
        store.apply(one("late-old", ChangeType.ADJUSTMENT, at(-30), STORE, SKU, 2));
        store.apply(one("other-record", ChangeType.RECEIPT, at(3), WEB, SKU, 9));
        // when
        List<String> seen = new java.util.ArrayList<>();
        List<Integer> sizes = new java.util.ArrayList<>();
        String before = null;
        do {
            LedgerPage page = store.ledgerPage(SKU, STORE, 3, before);
            page.entries().forEach(e -> seen.add(e.eventId()));
            sizes.add(page.entries().size());
            assertThat(page.next() == null || LedgerPage.isPosition(page.next())).isTrue();
            before = page.next();
        } while (before != null);
        // then: every entry once, newest occurredAt first, and no empty last page
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().doesNotContain("other-record");
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder("rcv-5", "sale-same");
        assertThat(seen.subList(2, 7)).containsExactly("rcv-4", "rcv-3", "rcv-2", "rcv-1", "late-old");
    }

    @Test
    void ledgerPage_shouldBeEmptyWithoutNext_whenTheRecordHasNoEntries_orLimitCoversAll() {
        store.apply(one("rcv-1", ChangeType.RECEIPT, at(1), STORE, SKU, 1));
        assertThat(store.ledgerPage(SKU, WEB, 50, null)).isEqualTo(new LedgerPage(List.of(), null));
        LedgerPage all = store.ledgerPage(SKU, STORE, 1, null);
        assertThat(all.entries()).hasSize(1);
        assertThat(all.next()).isNull();
    }

    // ------------------------------------------------------------ movement types

    @Test
    void apply_shouldAddToOnHand_whenReceipt() {
        // when
        ApplyResult result = store.apply(one("r1", ChangeType.RECEIPT, at(1), STORE, SKU, 10));
        // then
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        StockLevel level = level(SKU, STORE);
        assertThat(level.onHand()).isEqualTo(10);
        assertThat(level.available()).isEqualTo(10);
        assertThat(level.version()).isEqualTo(1);
        assertThat(level.updatedAt()).isEqualTo(clock.instant());
        assertThat(level.lastCause()).isEqualTo(new StockLevel.Cause(ChangeType.RECEIPT, SOURCE, "r1", "ref/r1", at(1)));
        assertThat(store.ledger(SKU, STORE)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ChangeType.RECEIPT);
            assertThat(e.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(e.change()).isEqualTo(StockChange.onHand(10));
            assertThat(e.quantity()).isEqualTo(10);
            assertThat(e.occurredAt()).isEqualTo(at(1));
        });
    }

    @Test
    void apply_shouldGoNegativeAndNeverRefuse_whenSaleExceedsOnHand() {
        // given
        receive(SKU, STORE, 1);
        // when
        ApplyResult result = store.apply(one("s1", ChangeType.SALE, at(2), STORE, SKU, 3));
        // then
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(-2);
        assertThat(level(SKU, STORE).available()).isZero();
        assertThat(level(SKU, STORE).version()).isEqualTo(2);
    }

    @Test
    void apply_shouldKeepDamagedApart_whenReturnIsDamaged() {
        // given
        receive(SKU, STORE, 5);
        var e = event("ret-1", ChangeType.RETURN, at(3), STORE, returned(SKU, 2, ItemCondition.RESALABLE),
                returned("RED-SOCK", 1, ItemCondition.DAMAGED));
        // when
        Movements.of(SOURCE, e).forEach(store::apply);
        // then
        assertThat(level(SKU, STORE).onHand()).isEqualTo(7);
        assertThat(level("RED-SOCK", STORE).onHand()).isZero();
        assertThat(level("RED-SOCK", STORE).damaged()).isEqualTo(1);
        assertThat(level("RED-SOCK", STORE).available()).isZero();
    }

    @Test
    void apply_shouldAddSignedQuantity_whenAdjustment() {
        // given
        receive(SKU, STORE, 5);
        // when
        store.apply(one("adj-1", ChangeType.ADJUSTMENT, at(3), STORE, SKU, -2));
        // then
        assertThat(level(SKU, STORE).onHand()).isEqualTo(3);
        assertThat(store.ledger(SKU, STORE)).last().satisfies(e -> assertThat(e.reason()).isEqualTo("shrinkage"));
    }

    @Test
    void apply_shouldSetOnHandAbsolutely_whenCount() {
        // given
        receive(SKU, STORE, 5);
        store.reserve(hold("h1", STORE, 900, held(SKU, 2)));
        // when
        store.apply(one("cnt-1", ChangeType.COUNT, at(10), STORE, SKU, 3));
        // then
        StockLevel level = level(SKU, STORE);
        assertThat(level.onHand()).isEqualTo(3);
        assertThat(level.reserved()).isEqualTo(2);
        assertThat(level.available()).isEqualTo(1);
        assertThat(level.lastCountAt()).isEqualTo(at(10));
        assertThat(level.version()).isEqualTo(3);
    }

    @Test
    void apply_shouldRecordButNotApply_whenDeltaPredatesLatestCount() {
        // given
        receive(SKU, STORE, 5);
        store.apply(one("cnt-1", ChangeType.COUNT, at(10), STORE, SKU, 4));
        // when: a sale rung up before the count arrives late (offline POS)
        ApplyResult late = store.apply(one("s-late", ChangeType.SALE, at(9), STORE, SKU, 1));
        ApplyResult atCount = store.apply(one("s-at", ChangeType.SALE, at(10), STORE, SKU, 1));
        // then
        assertThat(late.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(atCount.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(3);
        assertThat(level(SKU, STORE).version()).isEqualTo(3);
        assertThat(store.eventLedger(SOURCE, "s-late")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
            assertThat(e.change()).isEqualTo(StockChange.NONE);
        });
    }

    @Test
    void apply_shouldSupersedeOlderCount_whenNewerCountApplied() {
        // given
        store.apply(one("cnt-new", ChangeType.COUNT, at(20), STORE, SKU, 8));
        // when
        ApplyResult older = store.apply(one("cnt-old", ChangeType.COUNT, at(15), STORE, SKU, 2));
        // then
        assertThat(older.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(8);
        assertThat(level(SKU, STORE).lastCountAt()).isEqualTo(at(20));
        assertThat(level(SKU, STORE).version()).isEqualTo(1);
    }

    // ------------------------------------------------------------ counts ordered by time (v1.1)

    @Test
    void apply_shouldKeepNewerSales_whenACountArrivesAfterThem() {
        // given: receipt 10 at 10:00, a sale of 2 at 10:10 applied
        receive(SKU, STORE, 10);
        store.apply(one("s-1010", ChangeType.SALE, at(10), STORE, SKU, 2));
        // when: a count of 10 made at 10:05 arrives late
        ApplyResult count = store.apply(one("cnt-1005", ChangeType.COUNT, at(5), STORE, SKU, 10));
        // then: the sale is on top of the count, not erased by it
        assertThat(count.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(8);
        assertThat(level(SKU, STORE).lastCountAt()).isEqualTo(at(5));
        assertThat(store.eventLedger(SOURCE, "s-1010")).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.APPLIED));
        assertThat(store.eventLedger(SOURCE, "cnt-1005")).singleElement()
                .satisfies(e -> assertThat(e.change()).isEqualTo(new StockChange(0, 8L, 0, 0, 0)));
        // and a sale from before the count that arrives now is in the count already
        assertThat(store.apply(one("s-1004", ChangeType.SALE, at(4), STORE, SKU, 1)).outcome())
                .isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(8);
    }

    @Test
    void apply_shouldCountAtTheTimeItWasReceived_whenTheTillClockRunsAhead() {
        // given: a till 4 minutes ahead stamps its count 11:02; the webhook received it at 10:58
        receive(SKU, STORE, 10);
        Movement ahead = one("cnt-ahead", ChangeType.COUNT, at(62), STORE, SKU, 10).withReceivedAt(at(58));
        // when
        assertThat(store.apply(ahead).outcome()).isEqualTo(Outcome.APPLIED);
        ApplyResult between = store.apply(one("s-1059", ChangeType.SALE, at(59), STORE, SKU, 3));
        ApplyResult before = store.apply(one("s-1057", ChangeType.SALE, at(57), STORE, SKU, 1));
        // then: the count is effective at 10:58, so another source's sale at 10:59 stays applied
        assertThat(level(SKU, STORE).lastCountAt()).isEqualTo(at(58));
        assertThat(between.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(before.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(7);
    }

    @Test
    void apply_shouldNeverCountLaterThanItIsApplied_whenTheStampIsAheadAndTheReceiptTimeUnknown() {
        // given: a count stamped 5 minutes ahead of the store's clock, without a receipt time
        receive(SKU, STORE, 10);
        store.apply(one("cnt-future", ChangeType.COUNT, clock.instant().plus(Duration.ofMinutes(5)), STORE, SKU, 6));
        // when: a sale rung up a minute later
        clock.advance(Duration.ofMinutes(1));
        ApplyResult sale = store.apply(one("s-next", ChangeType.SALE, clock.instant(), STORE, SKU, 1));
        // then
        assertThat(sale.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(5);
    }

    @Test
    void apply_shouldPutMovementsAtExactlyTheCountsTimeOnTop_andCountTwiceAtOneInstant() {
        // given
        receive(SKU, STORE, 10);
        store.apply(one("s-at", ChangeType.SALE, at(5), STORE, SKU, 3));
        // when: a count at the sale's instant, then a receipt at it, then a second count at it
        store.apply(one("cnt-a", ChangeType.COUNT, at(5), STORE, SKU, 7));
        assertThat(level(SKU, STORE).onHand()).isEqualTo(4);
        store.apply(one("r-at", ChangeType.RECEIPT, at(5), STORE, SKU, 2));
        ApplyResult again = store.apply(one("cnt-b", ChangeType.COUNT, at(5), STORE, SKU, 9));
        // then: both counts apply, each with everything at its instant on top
        assertThat(again.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(9 - 3 + 2);
    }

    @Test
    void apply_shouldSupersedeACountOlderThanTheLatestCountsEffectiveTime() {
        // given: the latest count stamped 10:30 but received at 10:20
        store.apply(one("cnt-late-stamp", ChangeType.COUNT, at(30), STORE, SKU, 8).withReceivedAt(at(20)));
        store.apply(one("s-1026", ChangeType.SALE, at(26), STORE, SKU, 1));
        // when
        ApplyResult newer = store.apply(one("cnt-1025", ChangeType.COUNT, at(25), STORE, SKU, 5));
        ApplyResult older = store.apply(one("cnt-1015", ChangeType.COUNT, at(15), STORE, SKU, 2));
        // then
        assertThat(newer.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(older.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(4);
        assertThat(level(SKU, STORE).lastCountAt()).isEqualTo(at(25));
    }

    @Test
    void apply_shouldPutHoldStepsThatMovedOnHandOnTop_whenACountArrivesAfterThem() {
        // given: 10 received; an immediate commit of 2 and a deferred commitment of 3, 1 fulfilled
        receive(SKU, WEB, 10);
        store.reserve(hold("now-1", WEB, 900, held(SKU, 2)));
        store.commit(io.inventorysync.testing.Events.ref("now-1"));
        clock.advance(Duration.ofMinutes(1));
        deferredCommitment("later-1", held(SKU, 3));
        store.fulfil(io.inventorysync.testing.Events.ref("later-1"), new FulfilmentRequest("f-1", List.of(held(SKU, 1))));
        // when: a count made before all of it arrives
        store.apply(one("cnt-web", ChangeType.COUNT, at(30), WEB, SKU, 10));
        // then
        StockLevel level = level(SKU, WEB);
        assertThat(level.onHand()).isEqualTo(10 - 2 - 1);
        assertThat(level.committed()).isEqualTo(2);
        assertThat(level.available()).isEqualTo(5);
        // and a second, later count still sees exactly what came after it
        store.apply(one("s-web", ChangeType.SALE, at(40), WEB, SKU, 1));
        store.apply(one("cnt-web-2", ChangeType.COUNT, at(35), WEB, SKU, 6));
        assertThat(level(SKU, WEB).onHand()).isEqualTo(6 - 1 - 2 - 1);
    }

    // ------------------------------------------------------------ a hold step on a clock behind the latest count's

    /**
     * Counts {@code sku} at {@code location} 5 minutes ahead of the store's clock (the webhook that
     * received it runs ahead of the function applying hold steps), then puts the clock back to 1 minute
     * after where it was: the next step's own time is 4 minutes before the record's latest count.
     */
    private Instant countAheadOfTheStepsClock(String id, String sku, String location, long q) {
        clock.advance(Duration.ofMinutes(5));
        Instant ahead = clock.instant();
        assertThat(store.apply(one(id, ChangeType.COUNT, ahead, location, sku, q).withReceivedAt(ahead)).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(level(sku, location).lastCountAt()).isEqualTo(ahead);
        clock.advance(Duration.ofMinutes(-4));
        return ahead;
    }

    /** The record's ledger entries of {@code type}, by the time they say they happened. */
    private List<Instant> stamps(String sku, String location, ChangeType type) {
        return store.ledger(sku, location).stream().filter(e -> e.type() == type).map(LedgerEntry::occurredAt).toList();
    }

    @Test
    void commit_stampedBeforeTheLatestCount_shouldBePutAtTheCount_andLaterCountsApply() {
        // given: 10 on hand, 2 held; a count of 10 taken at 11:05 by a clock ahead of the commit's
        receive(SKU, WEB, 10);
        store.reserve(hold("skew-1", WEB, 900, held(SKU, 2)));
        Instant countedAt = countAheadOfTheStepsClock("cnt-ahead", SKU, WEB, 10);
        // when: the commit, on a clock at 11:01, and the same commit again
        HoldResult first = store.commit(io.inventorysync.testing.Events.ref("skew-1"));
        HoldResult again = store.commit(io.inventorysync.testing.Events.ref("skew-1"));
        // then: the units left once, and the step is on top of the count it was applied after
        assertThat(first).isInstanceOf(HoldResult.Settled.class);
        assertThat(again).isInstanceOf(HoldResult.Settled.class);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(8);
        assertThat(level(SKU, WEB).reserved()).isZero();
        assertThat(stamps(SKU, WEB, ChangeType.RESERVATION_COMMITTED)).containsExactly(countedAt);
        // and a second count at the same instant keeps the commit on top; a later count applies
        // (on DynamoDB it proves from the ledger index that it has seen every entry since the latest count)
        clock.advance(Duration.ofMinutes(4));
        assertThat(store.apply(one("cnt-same", ChangeType.COUNT, countedAt, WEB, SKU, 10).withReceivedAt(countedAt))
                .outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(10 - 2);
        clock.advance(Duration.ofMinutes(5));
        ApplyResult later = store.apply(one("cnt-later", ChangeType.COUNT, clock.instant(), WEB, SKU, 7));
        assertThat(later.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(7);
        assertThat(level(SKU, WEB).available()).isEqualTo(7);
    }

    @Test
    void fulfil_stampedBeforeTheLatestCount_twice_shouldHandOverOnce_andLaterCountsApply() {
        // given: a deferred commitment of 3 out of 10; a count of 10 taken ahead of the fulfilment's clock
        receive(SKU, WEB, 10);
        deferredCommitment("skew-2", held(SKU, 3));
        Instant countedAt = countAheadOfTheStepsClock("cnt-ahead", SKU, WEB, 10);
        // when: 1 unit handed over on the late clock, and the same fulfilment delivered again
        FulfilmentRequest f = new FulfilmentRequest("f-skew", List.of(held(SKU, 1)));
        FulfilResult first = store.fulfil(io.inventorysync.testing.Events.ref("skew-2"), f);
        FulfilResult again = store.fulfil(io.inventorysync.testing.Events.ref("skew-2"), f);
        // then
        assertThat(first).isInstanceOf(FulfilResult.Fulfilled.class);
        assertThat(again).isInstanceOf(FulfilResult.Fulfilled.class);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(9);
        assertThat(level(SKU, WEB).committed()).isEqualTo(2);
        assertThat(stamps(SKU, WEB, ChangeType.RESERVATION_FULFILLED)).containsExactly(countedAt);
        // and a later count applies, keeping the 2 still committed
        clock.advance(Duration.ofMinutes(9));
        assertThat(store.apply(one("cnt-later", ChangeType.COUNT, clock.instant(), WEB, SKU, 6)).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(6);
        assertThat(level(SKU, WEB).committed()).isEqualTo(2);
        assertThat(level(SKU, WEB).available()).isEqualTo(4);
    }

    @Test
    void commitAndRelease_stampedBeforeTheLatestCount_shouldLeaveLaterCountsApplying() {
        // given: two holds of one SKU; a count taken ahead of the steps' clock
        receive(SKU, WEB, 10);
        store.reserve(hold("skew-c", WEB, 900, held(SKU, 2)));
        store.reserve(hold("skew-r", WEB, 900, held(SKU, 3)));
        Instant countedAt = countAheadOfTheStepsClock("cnt-ahead", SKU, WEB, 9);
        // when: one committed, the other released, both on the late clock
        store.commit(io.inventorysync.testing.Events.ref("skew-c"));
        store.release(io.inventorysync.testing.Events.ref("skew-r"));
        // then: a later count applies
        assertThat(level(SKU, WEB).onHand()).isEqualTo(7);
        assertThat(level(SKU, WEB).reserved()).isZero();
        clock.advance(Duration.ofMinutes(9));
        assertThat(store.apply(one("cnt-later", ChangeType.COUNT, clock.instant(), WEB, SKU, 5)).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(5);
        // and a release moves nothing on hand and keeps its own time; the commit is put at the count
        assertThat(stamps(SKU, WEB, ChangeType.RESERVATION_COMMITTED)).containsExactly(countedAt);
        assertThat(stamps(SKU, WEB, ChangeType.RESERVATION_RELEASED)).containsExactly(countedAt.minus(Duration.ofMinutes(4)));
    }

    @Test
    void commit_ofTheBiggestHold_stampedBeforeSeveralLinesLatestCounts_shouldFitOneTransaction() {
        // given: a hold of 49 lines; three of its records (first, middle, last) counted ahead of the
        // commit's clock, at three different times
        ReservationLine[] lines = biggestHold();
        store.reserve(hold("skew-max", WEB, 900, lines));
        List<String> counted = List.of("MAX-0", "MAX-24", "MAX-48");
        for (String sku : counted) {
            clock.advance(Duration.ofMinutes(1));
            store.apply(one("cnt-" + sku, ChangeType.COUNT, clock.instant(), WEB, sku, 5).withReceivedAt(clock.instant()));
        }
        Instant stepClock = clock.instant().minus(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(-10));
        // when: a transaction of 99 items, three of whose conditions fail on the first plan
        HoldResult committed = store.commit(io.inventorysync.testing.Events.ref("skew-max"));
        // then: every line left; each counted record's step at its own count, the others at the step's time
        assertThat(committed).isInstanceOf(HoldResult.Settled.class);
        for (int i = 0; i < lines.length; i++) {
            assertThat(level("MAX-" + i, WEB).onHand()).isEqualTo(4);
        }
        for (String sku : List.of("MAX-0", "MAX-1", "MAX-24", "MAX-47", "MAX-48")) {
            assertThat(stamps(sku, WEB, ChangeType.RESERVATION_COMMITTED)).containsExactly(
                    counted.contains(sku) ? level(sku, WEB).lastCountAt() : stepClock);
        }
        // and later counts of the counted records apply
        clock.advance(Duration.ofMinutes(20));
        for (String sku : counted) {
            assertThat(store.apply(one("cnt-later-" + sku, ChangeType.COUNT, clock.instant(), WEB, sku, 3)).outcome())
                    .isEqualTo(Outcome.APPLIED);
            assertThat(level(sku, WEB).onHand()).isEqualTo(3);
        }
    }

    @Test
    void apply_shouldMoveStockIntoTransitAndBack_whenTransferOutThenIn() {
        // given
        receive(SKU, STORE, 10);
        // when
        List<Movement> out = transferOut("tr-1", at(5), STORE, WEB, SKU, 4);
        out.forEach(store::apply);
        StockLevel webInTransit = level(SKU, WEB);
        store.apply(transferIn("tr-1-in", at(30), WEB, STORE, SKU, 4));
        // then
        assertThat(out).extracting(m -> m.key().lineKey()).containsExactly("0", "0-dest");
        assertThat(webInTransit.inTransit()).isEqualTo(4);
        assertThat(webInTransit.onHand()).isZero();
        assertThat(level(SKU, STORE).onHand()).isEqualTo(6);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(4);
        assertThat(level(SKU, WEB).inTransit()).isZero();
        assertThat(store.levels(SKU)).extracting(StockLevel::locationId).containsExactly(STORE, WEB);
        assertThat(store.eventLedger(SOURCE, "tr-1")).extracting(LedgerEntry::lineKey, LedgerEntry::locationId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0", STORE),
                        org.assertj.core.groups.Tuple.tuple("0-dest", WEB));
    }

    @Test
    void apply_shouldStillReceiveInTransit_whenTransferInPredatesCount() {
        // given
        transferOut("tr-2", at(1), WEB, STORE, SKU, 3).forEach(store::apply);
        store.apply(one("cnt", ChangeType.COUNT, at(20), STORE, SKU, 3));
        // when: the receipt was scanned before the count, which already includes the goods
        ApplyResult result = store.apply(transferIn("tr-2-in", at(10), STORE, WEB, SKU, 3));
        // then
        assertThat(result.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(3);
        assertThat(level(SKU, STORE).inTransit()).isZero();
    }

    // ------------------------------------------------------------ idempotency

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void apply_shouldGiveSameState_whenDeliveredManyTimes(int deliveries) {
        // given
        Movement receipt = one("r1", ChangeType.RECEIPT, at(1), STORE, SKU, 7);
        Movement sale = one("s1", ChangeType.SALE, at(2), STORE, SKU, 2);
        // when
        for (int i = 0; i < deliveries; i++) {
            ApplyResult r = store.apply(receipt);
            ApplyResult s = store.apply(sale);
            Outcome expected = i == 0 ? Outcome.APPLIED : Outcome.DUPLICATE;
            assertThat(r.outcome()).isEqualTo(expected);
            assertThat(s.outcome()).isEqualTo(expected);
        }
        // then
        assertThat(level(SKU, STORE).onHand()).isEqualTo(5);
        assertThat(level(SKU, STORE).version()).isEqualTo(2);
        assertThat(store.ledger(SKU, STORE)).hasSize(2);
    }

    @Test
    void apply_shouldRejectAndChangeNothing_whenKeyReusedWithOtherPayload() {
        // given
        store.apply(one("r1", ChangeType.RECEIPT, at(1), STORE, SKU, 7));
        // when
        ApplyResult reused = store.apply(one("r1", ChangeType.RECEIPT, at(1), STORE, SKU, 70));
        // then
        assertThat(reused.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reused.reason()).isEqualTo(OutcomeReason.IDEMPOTENCY_KEY_REUSED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(7);
        assertThat(store.eventLedger(SOURCE, "r1")).singleElement()
                .satisfies(e -> assertThat(e.quantity()).isEqualTo(7));
    }

    @Test
    void eventLedger_shouldListEveryLineInOrder_whenEventHasManyLines() {
        // given
        var lines = new io.inventorysync.domain.EventLine[12];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = line("SKU-" + i, i + 1);
        }
        // when
        Movements.of(SOURCE, event("big", ChangeType.RECEIPT, at(1), STORE, lines)).forEach(store::apply);
        // then
        assertThat(store.eventLedger(SOURCE, "big")).extracting(LedgerEntry::lineKey)
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
        assertThat(store.eventLedger(SOURCE, "unknown")).isEmpty();
        assertThat(store.level("SKU-11", STORE)).get().extracting(StockLevel::onHand).isEqualTo(12L);
        assertThat(store.level("SKU-11", "elsewhere")).isEmpty();
    }

    // ------------------------------------------------------------ reservations

    @Test
    void reserve_shouldHoldAllLines_whenEnoughAvailable() {
        // given
        receive(SKU, WEB, 5);
        receive("RED-SOCK", WEB, 2);
        // when
        ReservationResult result = store.reserve(hold("chk-1", WEB, 900, held(SKU, 2), held("RED-SOCK", 2)));
        // then
        assertThat(result).isInstanceOfSatisfying(ReservationResult.Held.class, h -> {
            assertThat(h.repeated()).isFalse();
            assertThat(h.reservation().status()).isEqualTo(ReservationStatus.ACTIVE);
            assertThat(h.reservation().expiresAt()).isEqualTo(clock.instant().plusSeconds(900));
        });
        assertThat(level(SKU, WEB).reserved()).isEqualTo(2);
        assertThat(level(SKU, WEB).available()).isEqualTo(3);
        assertThat(level("RED-SOCK", WEB).available()).isZero();
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("chk-1"))).get().extracting(Reservation::status).isEqualTo(ReservationStatus.ACTIVE);
    }

    @Test
    void reserve_shouldHoldNothingAndNameShortLines_whenAnyLineShort() {
        // given
        receive(SKU, WEB, 5);
        receive("RED-SOCK", WEB, 1);
        // when
        ReservationResult result = store.reserve(hold("chk-2", WEB, 900, held(SKU, 2), held("RED-SOCK", 2),
                held("NEVER-SEEN", 1)));
        // then
        assertThat(result).isInstanceOfSatisfying(ReservationResult.InsufficientStock.class, s ->
                assertThat(s.shortfalls()).containsExactlyInAnyOrder(
                        new ReservationResult.Shortfall("RED-SOCK", 2, 1),
                        new ReservationResult.Shortfall("NEVER-SEEN", 1, 0)));
        assertThat(level(SKU, WEB).reserved()).isZero();
        assertThat(level(SKU, WEB).version()).isEqualTo(1);
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("chk-2"))).isEmpty();
        assertThat(store.level("NEVER-SEEN", WEB)).isEmpty();
    }

    @Test
    void reserve_shouldReturnSameHold_whenRepeatedWithSameBody() {
        // given
        receive(SKU, WEB, 5);
        var request = hold("chk-3", WEB, 900, held(SKU, 2));
        Reservation first = ((ReservationResult.Held) store.reserve(request)).reservation();
        clock.advance(Duration.ofSeconds(30));
        // when
        ReservationResult again = store.reserve(request);
        ReservationResult other = store.reserve(hold("chk-3", WEB, 900, held(SKU, 3)));
        // then
        assertThat(again).isEqualTo(new ReservationResult.Held(first, true));
        assertThat(other).isInstanceOf(ReservationResult.KeyReused.class);
        assertThat(level(SKU, WEB).reserved()).isEqualTo(2);
    }

    @Test
    void commit_shouldTurnHoldIntoSale_andBeIdempotent() {
        // given
        receive(SKU, WEB, 5);
        store.reserve(hold("chk-4", WEB, 900, held(SKU, 2)));
        // when
        HoldResult first = store.commit(io.inventorysync.testing.Events.ref("chk-4"));
        HoldResult second = store.commit(io.inventorysync.testing.Events.ref("chk-4"));
        // then
        assertThat(first).isInstanceOfSatisfying(HoldResult.Settled.class,
                s -> assertThat(s.reservation().status()).isEqualTo(ReservationStatus.COMMITTED));
        assertThat(second).isEqualTo(first);
        StockLevel level = level(SKU, WEB);
        assertThat(level.onHand()).isEqualTo(3);
        assertThat(level.reserved()).isZero();
        assertThat(level.version()).isEqualTo(3);
        assertThat(level.lastCause().type()).isEqualTo(ChangeType.RESERVATION_COMMITTED);
        assertThat(store.ledger(SKU, WEB)).extracting(LedgerEntry::type).containsExactly(ChangeType.RECEIPT,
                ChangeType.RESERVATION_CREATED, ChangeType.RESERVATION_COMMITTED);
    }

    @Test
    void release_shouldGiveStockBack_andRefuseLaterCommit() {
        // given
        receive(SKU, WEB, 5);
        store.reserve(hold("chk-5", WEB, 900, held(SKU, 2)));
        // when
        HoldResult released = store.release(io.inventorysync.testing.Events.ref("chk-5"));
        HoldResult commitAfter = store.commit(io.inventorysync.testing.Events.ref("chk-5"));
        // then
        assertThat(released).isInstanceOf(HoldResult.Settled.class);
        assertThat(store.release(io.inventorysync.testing.Events.ref("chk-5"))).isInstanceOf(HoldResult.Settled.class);
        assertThat(commitAfter).isInstanceOfSatisfying(HoldResult.NotActive.class,
                n -> assertThat(n.reservation().status()).isEqualTo(ReservationStatus.RELEASED));
        assertThat(level(SKU, WEB).onHand()).isEqualTo(5);
        assertThat(level(SKU, WEB).reserved()).isZero();
        assertThat(store.commit(io.inventorysync.testing.Events.ref("nope"))).isEqualTo(new HoldResult.NotFound("nope"));
    }

    @Test
    void expire_shouldReleaseOnlyWhenDue_andCommitAfterExpiryIsRefused() {
        // given
        receive(SKU, WEB, 5);
        store.reserve(hold("chk-6", WEB, 60, held(SKU, 2)));
        // when
        HoldResult early = store.expire(io.inventorysync.testing.Events.ref("chk-6"));
        clock.advance(Duration.ofSeconds(60));
        HoldResult commitLate = store.commit(io.inventorysync.testing.Events.ref("chk-6"));
        HoldResult expiredAgain = store.expire(io.inventorysync.testing.Events.ref("chk-6"));
        // then
        assertThat(early).isInstanceOf(HoldResult.NotDue.class);
        assertThat(commitLate).isInstanceOfSatisfying(HoldResult.NotActive.class,
                n -> assertThat(n.reservation().status()).isEqualTo(ReservationStatus.EXPIRED));
        assertThat(expiredAgain).isInstanceOf(HoldResult.Settled.class);
        assertThat(level(SKU, WEB).reserved()).isZero();
        assertThat(level(SKU, WEB).onHand()).isEqualTo(5);
        assertThat(level(SKU, WEB).lastCause().type()).isEqualTo(ChangeType.RESERVATION_EXPIRED);
    }

    @Test
    void apply_shouldConsumeHold_whenSaleNamesActiveReservation() {
        // given
        receive(SKU, STORE, 5);
        receive("RED-SOCK", STORE, 5);
        store.reserve(hold("click-1", STORE, 900, held(SKU, 2), held("RED-SOCK", 1)));
        // when: the customer picks up and pays at the till, buying only the shirts
        ApplyResult result = store.apply(sale("till-1", at(30), STORE, SKU, 2, "click-1"));
        ApplyResult again = store.apply(sale("till-1", at(30), STORE, SKU, 2, "click-1"));
        // then
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(result.reason()).isEqualTo(OutcomeReason.RESERVATION_CONSUMED);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("click-1"))).get().extracting(Reservation::status)
                .isEqualTo(ReservationStatus.COMMITTED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(3);
        assertThat(level(SKU, STORE).reserved()).isZero();
        assertThat(level("RED-SOCK", STORE).onHand()).isEqualTo(5);
        assertThat(level("RED-SOCK", STORE).reserved()).isZero();
        assertThat(store.commit(io.inventorysync.testing.Events.ref("click-1"))).isInstanceOf(HoldResult.Settled.class);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(3);
    }

    @Test
    void apply_shouldSellFromFreeStock_whenReservationNotActiveOrUnknown() {
        // given
        receive(SKU, STORE, 5);
        store.reserve(hold("click-2", STORE, 900, held(SKU, 1)));
        store.release(io.inventorysync.testing.Events.ref("click-2"));
        // when
        ApplyResult released = store.apply(sale("till-2", at(30), STORE, SKU, 1, "click-2"));
        ApplyResult unknown = store.apply(sale("till-3", at(31), STORE, SKU, 1, "never"));
        // then
        assertThat(released.reason()).isEqualTo(OutcomeReason.RESERVATION_NOT_ACTIVE);
        assertThat(unknown.reason()).isEqualTo(OutcomeReason.RESERVATION_UNKNOWN);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(3);
        assertThat(level(SKU, STORE).reserved()).isZero();
    }

    @Test
    void apply_shouldLeaveTheHold_whenTheSaleIsOfASkuTheHoldDoesNotHold() {
        // given
        receive(SKU, STORE, 5);
        receive("RED-SOCK", STORE, 5);
        store.reserve(hold("click-3", STORE, 900, held(SKU, 2)));
        // when
        ApplyResult result = store.apply(sale("till-4", at(30), STORE, "RED-SOCK", 1, "click-3"));
        // then
        assertThat(result).isEqualTo(new ApplyResult(result.key(), Outcome.APPLIED, OutcomeReason.RESERVATION_SKU_NOT_HELD));
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("click-3")).orElseThrow().status()).isEqualTo(ReservationStatus.ACTIVE);
        assertThat(level(SKU, STORE).reserved()).isEqualTo(2);
        assertThat(level("RED-SOCK", STORE).onHand()).isEqualTo(4);
    }

    // ------------------------------------------------------------ v1.1: reservation ids per storefront

    private static io.inventorysync.domain.ReservationRequest holdOf(String storefront, String id, String location,
                                                                    long quantity) {
        return new io.inventorysync.domain.ReservationRequest(id, storefront, location, 900, List.of(held(SKU, quantity)));
    }

    @Test
    void reserve_shouldKeepTwoStorefrontsHolds_underTheSameIdApart() {
        // given
        receive(SKU, WEB, 10);
        // when: two storefronts use the same id, with different bodies
        ReservationResult first = store.reserve(holdOf("shop-a", "chk-1", WEB, 2));
        ReservationResult second = store.reserve(holdOf("shop-b", "chk-1", WEB, 3));
        HoldResult committed = store.commit(new io.inventorysync.domain.HoldRef("shop-a", "chk-1"));
        // then: neither is a reuse of the other's id; each lives its own life
        assertThat(first).isInstanceOf(ReservationResult.Held.class);
        assertThat(second).isInstanceOf(ReservationResult.Held.class);
        assertThat(committed).isInstanceOf(HoldResult.Settled.class);
        assertThat(store.reservation(new io.inventorysync.domain.HoldRef("shop-b", "chk-1")).orElseThrow().status())
                .isEqualTo(ReservationStatus.ACTIVE);
        assertThat(store.reservation(new io.inventorysync.domain.HoldRef("shop-c", "chk-1"))).isEmpty();
        assertThat(store.release(new io.inventorysync.domain.HoldRef("shop-c", "chk-1")))
                .isEqualTo(new HoldResult.NotFound("chk-1"));
        assertThat(level(SKU, WEB).onHand()).isEqualTo(8);
        assertThat(level(SKU, WEB).reserved()).isEqualTo(3);
    }

    @Test
    void apply_shouldNotConsumeAHoldAtAnotherStore_whenAnotherStoresTillNamesIt() {
        // given: a web order to pick up at store-1
        receive(SKU, "store-1", 5);
        receive(SKU, "store-2", 5);
        store.reserve(holdOf("shop-web", "pickup-1", "store-1", 2));
        // when: store-2's till sells at store-2 naming that hold
        ApplyResult result = store.apply(sale("till-2", at(30), "store-2", SKU, 2, "pickup-1"));
        // then: the sale applies alone; the hold at store-1 stays held
        assertThat(result).isEqualTo(new ApplyResult(result.key(), Outcome.APPLIED, OutcomeReason.RESERVATION_OTHER_LOCATION));
        assertThat(store.reservation(new io.inventorysync.domain.HoldRef("shop-web", "pickup-1")).orElseThrow().status())
                .isEqualTo(ReservationStatus.ACTIVE);
        assertThat(level(SKU, "store-1").reserved()).isEqualTo(2);
        assertThat(level(SKU, "store-1").onHand()).isEqualTo(5);
        assertThat(level(SKU, "store-2").onHand()).isEqualTo(3);
    }

    @Test
    void apply_shouldConsumeTheHoldAtTheSalesLocation_whenStorefrontsShareTheId() {
        // given: two storefronts' holds named pickup-1, at two stores
        receive(SKU, "store-1", 5);
        receive(SKU, "store-2", 5);
        store.reserve(holdOf("shop-a", "pickup-1", "store-1", 1));
        store.reserve(holdOf("shop-b", "pickup-1", "store-2", 2));
        // when: a v1 sale at store-2 names the id only
        ApplyResult result = store.apply(sale("till-2", at(30), "store-2", SKU, 2, "pickup-1"));
        // then: store-2's hold is consumed, store-1's is not
        assertThat(result.reason()).isEqualTo(OutcomeReason.RESERVATION_CONSUMED);
        assertThat(store.reservation(new io.inventorysync.domain.HoldRef("shop-b", "pickup-1")).orElseThrow().status())
                .isEqualTo(ReservationStatus.COMMITTED);
        assertThat(store.reservation(new io.inventorysync.domain.HoldRef("shop-a", "pickup-1")).orElseThrow().status())
                .isEqualTo(ReservationStatus.ACTIVE);
        assertThat(level(SKU, "store-2").reserved()).isZero();
        assertThat(level(SKU, "store-1").reserved()).isEqualTo(1);
    }

    @Test
    void apply_shouldTouchNoHold_whenTwoStorefrontsHoldTheIdAtTheSalesLocation() {
        // given
        receive(SKU, WEB, 10);
        store.reserve(holdOf("shop-a", "chk-7", WEB, 1));
        store.reserve(holdOf("shop-b", "chk-7", WEB, 2));
        // when
        ApplyResult result = store.apply(sale("till-9", at(30), WEB, SKU, 1, "chk-7"));
        // then
        assertThat(result).isEqualTo(new ApplyResult(result.key(), Outcome.APPLIED, OutcomeReason.RESERVATION_AMBIGUOUS));
        assertThat(level(SKU, WEB).reserved()).isEqualTo(3);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(9);
    }

    // ------------------------------------------------------------ every transaction at its maximum

    /** A hold of the most lines a hold may have (49), each SKU with 5 units received. */
    private ReservationLine[] biggestHold() {
        ReservationLine[] lines = new ReservationLine[ReservationValidator.MAX_LINES];
        for (int i = 0; i < lines.length; i++) {
            receive("MAX-" + i, WEB, 5);
            lines[i] = held("MAX-" + i, 1);
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMITTED", "RELEASED", "EXPIRED"})
    void reserveAndSettle_shouldFitOneTransaction_whenTheHoldHasTheMostLines(String target) {
        // given
        ReservationLine[] lines = biggestHold();
        // when
        assertThat(store.reserve(hold("max-1", WEB, 60, lines))).isInstanceOf(ReservationResult.Held.class);
        assertThat(level("MAX-48", WEB).reserved()).isEqualTo(1);
        if (target.equals("EXPIRED")) {
            clock.advance(Duration.ofSeconds(61));
        }
        HoldResult result = switch (ReservationStatus.valueOf(target)) {
            case COMMITTED -> store.commit(io.inventorysync.testing.Events.ref("max-1"));
            case RELEASED -> store.release(io.inventorysync.testing.Events.ref("max-1"));
            default -> store.expire(io.inventorysync.testing.Events.ref("max-1"));
        };
        // then
        assertThat(result).isInstanceOfSatisfying(HoldResult.Settled.class,
                r -> assertThat(r.reservation().status()).isEqualTo(ReservationStatus.valueOf(target)));
        for (int i = 0; i < lines.length; i++) {
            StockLevel level = level("MAX-" + i, WEB);
            assertThat(level.reserved()).isZero();
            assertThat(level.onHand()).isEqualTo(target.equals("COMMITTED") ? 4 : 5);
        }
    }

    @Test
    void sale_shouldFitOneTransaction_whenItConsumesTheBiggestHold_orNamesItForAnotherSku() {
        // given
        ReservationLine[] lines = biggestHold();
        receive("NOT-HELD", WEB, 5);
        store.reserve(hold("max-2", WEB, 900, lines));
        // when: a sale of a SKU outside the hold names it, then one of its own SKUs
        ApplyResult outside = store.apply(sale("till-out", at(30), WEB, "NOT-HELD", 1, "max-2"));
        ApplyResult inside = store.apply(sale("till-in", at(31), WEB, "MAX-0", 1, "max-2"));
        // then
        assertThat(outside.reason()).isEqualTo(OutcomeReason.RESERVATION_SKU_NOT_HELD);
        assertThat(inside).isEqualTo(new ApplyResult(inside.key(), Outcome.APPLIED, OutcomeReason.RESERVATION_CONSUMED));
        assertThat(level("MAX-0", WEB).onHand()).isEqualTo(4);
        for (int i = 0; i < lines.length; i++) {
            assertThat(level("MAX-" + i, WEB).reserved()).isZero();
        }
    }

    // ------------------------------------------------------------ receipts and event status

    /** An event of one line per movement, and its receipt under {@code fingerprint}. */
    OutboxEvent accepted(String eventId, String fingerprint, int lines) {
        EventLine[] all = new EventLine[lines];
        for (int i = 0; i < lines; i++) {
            all[i] = line("SKU-" + i, i + 1);
        }
        InventoryEvent e = event(eventId, ChangeType.RECEIPT, at(1), STORE, all);
        return new OutboxEvent(new EventReceipt(SOURCE, eventId, fingerprint, lines, clock.instant()), e);
    }

    @Test
    void recordReceipts_shouldRecordAllOrNone_whenOneConflicts() {
        // given
        OutboxEvent a = accepted("a", "fp-a", 1);
        OutboxEvent b = accepted("b", "fp-b", 2);
        assertThat(store.recordReceipts(List.of(a), "t1")).isEmpty();
        // when
        List<String> repeat = store.recordReceipts(List.of(a), "t2");
        List<String> conflict = store.recordReceipts(List.of(b, accepted("a", "fp-other", 1)), "t3");
        // then
        assertThat(repeat).isEmpty();
        assertThat(conflict).containsExactly("a");
        assertThat(store.receipt(SOURCE, "b")).isEmpty();
        assertThat(store.receipt(SOURCE, "a")).get().extracting(EventReceipt::fingerprint).isEqualTo("fp-a");
        // and of the refused request nothing is relayed: a, then a's repeat under its own token
        assertThat(relayed()).extracting(h -> h.event().receipt().eventId() + "@" + h.token())
                .containsExactly("a@t1", "a@t2");
    }

    @Test
    void recordReceipts_ofOneEvent_shouldConflictOnAnotherFingerprint_andChangeNothing() {
        // given: one event held under the first request's token (a one-event request: the cheapest write)
        assertThat(store.recordReceipts(List.of(accepted("a", "fp-a", 1)), "t1")).isEmpty();
        // when: the same event again (a lost answer), then a rival body under the same id, alone
        List<String> repeat = store.recordReceipts(List.of(accepted("a", "fp-a", 1)), "t2");
        List<String> rival = store.recordReceipts(List.of(accepted("a", "fp-other", 3)), "t3");
        // then: the repeat is relayed anew, the rival is refused and leaves the receipt as it was, relaying nothing
        assertThat(repeat).isEmpty();
        assertThat(rival).containsExactly("a");
        assertThat(store.receipt(SOURCE, "a")).get().satisfies(r -> {
            assertThat(r.fingerprint()).isEqualTo("fp-a");
            assertThat(r.movementCount()).isEqualTo(1);
        });
        assertThat(relayed()).extracting(HeldEvent::token).containsExactly("t1", "t2");
        assertThat(relayed()).isEmpty();
        assertThat(store.receipt(SOURCE, "a")).get().extracting(EventReceipt::movementCount).isEqualTo(1);
    }

    @Test
    void recordUnqueuedReceipts_ofOne_shouldConflictWithAHeldEvent_andLeaveItHeld() {
        // given
        assertThat(store.recordReceipts(List.of(accepted("a", "fp-a", 1)), "t1")).isEmpty();
        // when: a refused vendor event under the same id, alone
        List<String> conflicts = store.recordUnqueuedReceipts(List.of(new EventReceipt(SOURCE, "a", "rejected:X", 1,
                clock.instant())));
        // then
        assertThat(conflicts).containsExactly("a");
        assertThat(store.receipt(SOURCE, "a")).get().extracting(EventReceipt::fingerprint).isEqualTo("fp-a");
        assertThat(relayed()).extracting(HeldEvent::token).containsExactly("t1");
    }

    @Test
    void claimRequest_shouldBindAnIdToItsFirstRoute_andRefuseAnotherRoute_withoutRebinding() {
        Instant expires = clock.instant().plusSeconds(600);
        // when
        boolean first = store.claimRequest(SOURCE, "msg_1", "POST /v1/reservations", expires);
        boolean retry = store.claimRequest(SOURCE, "msg_1", "POST /v1/reservations", expires);
        boolean replayElsewhere = store.claimRequest(SOURCE, "msg_1", "POST /v1/reservations/x/commit", expires);
        boolean retryAfterRefusal = store.claimRequest(SOURCE, "msg_1", "POST /v1/reservations", expires);
        boolean otherSource = store.claimRequest("other-source", "msg_1", "POST /v1/reservations/x/commit", expires);
        // then
        assertThat(first).isTrue();
        assertThat(retry).isTrue();
        assertThat(replayElsewhere).isFalse();
        assertThat(retryAfterRefusal).isTrue();
        assertThat(otherSource).isTrue();
    }

    @Test
    void recordUnqueuedReceipts_shouldHoldNothing_andConflictOnAnotherFingerprint() {
        // given: a vendor event refused before it became movements, and one accepted the usual way
        EventReceipt refused = new EventReceipt(SOURCE, "v-1", "rejected:OUT_OF_SCOPE", 1, clock.instant());
        assertThat(store.recordReceipts(List.of(accepted("a", "fp-a", 1)), "t1")).isEmpty();
        // when
        List<String> first = store.recordUnqueuedReceipts(List.of(refused));
        List<String> repeat = store.recordUnqueuedReceipts(List.of(refused));
        List<String> conflicts = store.recordUnqueuedReceipts(List.of(
                new EventReceipt(SOURCE, "v-2", "rejected:X", 1, clock.instant()),
                new EventReceipt(SOURCE, "a", "rejected:X", 1, clock.instant())));
        store.recordRejected(MovementKey.of(SOURCE, "v-1", 0), null, null, "OUT_OF_SCOPE");
        // then: recorded once, all or none, never relayed; its status is the rejection
        assertThat(first).isEmpty();
        assertThat(repeat).isEmpty();
        assertThat(conflicts).containsExactly("a");
        assertThat(store.receipt(SOURCE, "v-2")).isEmpty();
        assertThat(store.receipt(SOURCE, "a")).get().extracting(EventReceipt::fingerprint).isEqualTo("fp-a");
        assertThat(relayed()).extracting(h -> h.event().receipt().eventId()).containsExactly("a");
        assertThat(store.eventStatus(SOURCE, "v-1")).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(EventStatus.Status.REJECTED);
            assertThat(s.lines()).extracting(EventStatus.Line::reason).containsExactly("OUT_OF_SCOPE");
        });
    }

    @Test
    void relayed_shouldGiveBackTheEventExactly_onceAWrite() {
        // given: an event with every member set, an alias, a condition, states and a reason code
        InventoryEvent full = new InventoryEvent("full-1", ChangeType.MOVE, at(1), STORE, List.of(
                new EventLine(SKU, "SKU-4471", 3, null, StockState.DAMAGED, StockState.ON_HAND),
                new EventLine("RED-SOCK", "RED-SOCK", 1, null, StockState.ON_HAND, StockState.QUARANTINE)),
                "ref \"quoted\" é ✓", null, null, null, "repaired; \\ back", ReasonCode.FOUND);
        InventoryEvent transfer = new InventoryEvent("tr-1", ChangeType.TRANSFER_OUT, at(2), STORE,
                List.of(new EventLine(SKU, 4)), "ref", null, WEB, null, null);
        InventoryEvent returned = new InventoryEvent("ret-1", ChangeType.RETURN, at(3), STORE,
                List.of(new EventLine(SKU, SKU, 1, ItemCondition.DAMAGED)), null, null, null, null, null);
        InventoryEvent sold = new InventoryEvent("sale-1", ChangeType.SALE, at(4), WEB,
                List.of(new EventLine(SKU, 1)), null, "chk-9f2", null, null, null);
        List<OutboxEvent> events = java.util.stream.Stream.of(full, transfer, returned, sold)
                .map(e -> new OutboxEvent(new EventReceipt(SOURCE, e.eventId(), "fp-" + e.eventId(),
                        Movements.of(SOURCE, e).size(), clock.instant()), e)).toList();
        store.recordReceipts(events, "tok");
        // when
        List<HeldEvent> relayed = relayed();
        store.recordReceipts(events, "tok");
        List<HeldEvent> sameTokenAgain = relayed();
        // then: each event exactly as accepted, its movements stamped with the time it was received
        assertThat(relayed).extracting(HeldEvent::event).containsExactlyInAnyOrderElementsOf(events);
        assertThat(relayed).extracting(HeldEvent::token).containsOnly("tok");
        assertThat(relayed.stream().flatMap(h -> h.event().movements().stream()))
                .allSatisfy(m -> assertThat(m.receivedAt()).isEqualTo(clock.instant()));
        assertThat(sameTokenAgain).as("a write that changes nothing is no new hold").isEmpty();
        assertThat(store.receipt(SOURCE, "full-1")).get().extracting(EventReceipt::fingerprint).isEqualTo("fp-full-1");
    }

    @Test
    void recordReceipts_aSendersRetry_shouldBeRelayedAgain_underItsOwnToken() {
        // given: a request relayed once (its answer lost)
        store.recordReceipts(List.of(accepted("a", "fp-a", 2)), "first");
        assertThat(relayed()).extracting(HeldEvent::token).containsExactly("first");
        // when: the sender retries it (after the relay lost its record, say)
        assertThat(store.recordReceipts(List.of(accepted("a", "fp-a", 2)), "repeat")).isEmpty();
        // then: relayed again, whole; the receipt is the same
        assertThat(relayed()).singleElement().satisfies(h -> {
            assertThat(h.token()).isEqualTo("repeat");
            assertThat(h.event().movements()).hasSize(2);
        });
        assertThat(store.receipt(SOURCE, "a")).get().extracting(EventReceipt::fingerprint).isEqualTo("fp-a");
    }

    @Test
    void eventStatus_shouldGoFromQueuedToApplied_asMovementsAreApplied() {
        // given
        var e = event("ev-s", ChangeType.RECEIPT, at(1), STORE, line(SKU, 1), line("RED-SOCK", 2));
        List<Movement> movements = Movements.of(SOURCE, e);
        store.recordReceipts(List.of(new OutboxEvent(new EventReceipt(SOURCE, "ev-s", "fp", movements.size(),
                clock.instant()), e)), "t");
        // when
        EventStatus queued = store.eventStatus(SOURCE, "ev-s").orElseThrow();
        store.apply(movements.get(0));
        EventStatus half = store.eventStatus(SOURCE, "ev-s").orElseThrow();
        store.apply(movements.get(1));
        EventStatus done = store.eventStatus(SOURCE, "ev-s").orElseThrow();
        // then
        assertThat(queued.status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(queued.lines()).isEmpty();
        assertThat(half.status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(done.status()).isEqualTo(EventStatus.Status.APPLIED);
        assertThat(done.lines()).extracting(EventStatus.Line::sku, EventStatus.Line::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SKU, Outcome.APPLIED),
                org.assertj.core.groups.Tuple.tuple("RED-SOCK", Outcome.APPLIED));
        assertThat(store.eventStatus(SOURCE, "never")).isEmpty();
    }

    @Test
    void recordRelayRefusal_shouldMakeTheStatusRejectedWithTheReason_once_andNeverOverAnAppliedEvent() {
        // given: a two-line event the relay can never send, and a one-line event already applied
        var refused = event("ev-r", ChangeType.RECEIPT, at(1), STORE, line(SKU, 1), line("RED-SOCK", 2));
        store.recordReceipts(List.of(new OutboxEvent(new EventReceipt(SOURCE, "ev-r", "fp", 2, clock.instant()), refused)), "t");
        var applied = event("ev-a", ChangeType.RECEIPT, at(1), STORE, line(SKU, 3));
        store.recordReceipts(List.of(new OutboxEvent(new EventReceipt(SOURCE, "ev-a", "fp", 1, clock.instant()), applied)), "t");
        store.apply(Movements.of(SOURCE, applied).getFirst());
        // when: the relay parks ev-r, then parks it again (delivered twice) with another code
        boolean first = store.recordRelayRefusal(SOURCE, "ev-r", "REFUSED_BY_QUEUE");
        boolean again = store.recordRelayRefusal(SOURCE, "ev-r", "UNREADABLE_HELD_EVENT");
        // then: refused (not QUEUED for ever), with the first code
        assertThat(first).isTrue();
        assertThat(again).as("recorded once").isFalse();
        assertThat(store.eventStatus(SOURCE, "ev-r")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.REJECTED);
            assertThat(st.reason()).isEqualTo("REFUSED_BY_QUEUE");
            assertThat(st.lines()).isEmpty();
        });
        // when: a late or repeated relay refuses the event already applied
        store.recordRelayRefusal(SOURCE, "ev-a", "REFUSED_BY_QUEUE");
        // then: its status stands, from its ledger
        assertThat(store.eventStatus(SOURCE, "ev-a")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.APPLIED);
            assertThat(st.reason()).isNull();
        });
        // and: no receipt is created for an event never accepted
        assertThat(store.recordRelayRefusal(SOURCE, "never", "REFUSED_BY_QUEUE")).isFalse();
        assertThat(store.receipt(SOURCE, "never")).isEmpty();
    }

    @Test
    void recordReceipts_aSendersRetryOfARefusedEvent_shouldKeepTheRefusal_andNotBeRelayedAgain() {
        // given: two events accepted, relayed, and refused by the relay (parked: permanent poison)
        store.recordReceipts(List.of(accepted("p1", "fp-p1", 2)), "first");
        store.recordReceipts(List.of(accepted("p2", "fp-p2", 1)), "first");
        relayed();
        assertThat(store.recordRelayRefusal(SOURCE, "p1", "REFUSED_BY_QUEUE")).isTrue();
        assertThat(store.recordRelayRefusal(SOURCE, "p2", "UNREADABLE_HELD_EVENT")).isTrue();

        // when: the sender retries p1 alone, then p2 in a request with a new event
        List<String> alone = store.recordReceipts(List.of(accepted("p1", "fp-p1", 2)), "retry-1");
        List<String> withNew = store.recordReceipts(List.of(accepted("p2", "fp-p2", 1), accepted("n1", "fp-n1", 1)), "retry-2");

        // then: both accepted as replays; the refusals stand; only the new event is relayed
        assertThat(alone).isEmpty();
        assertThat(withNew).isEmpty();
        assertThat(relayed()).extracting(h -> h.event().receipt().eventId()).containsExactly("n1");
        assertThat(store.eventStatus(SOURCE, "p1")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.REJECTED);
            assertThat(st.reason()).isEqualTo("REFUSED_BY_QUEUE");
        });
        assertThat(store.eventStatus(SOURCE, "p2")).get().extracting(EventStatus::reason).isEqualTo("UNREADABLE_HELD_EVENT");
        assertThat(store.eventStatus(SOURCE, "n1")).get().extracting(EventStatus::status).isEqualTo(EventStatus.Status.QUEUED);

        // and: a rival body under a refused id is still a conflict, and a request holding one records nothing
        assertThat(store.recordReceipts(List.of(accepted("p1", "fp-other", 1)), "rival")).containsExactly("p1");
        assertThat(store.recordReceipts(List.of(accepted("p2", "fp-p2", 1), accepted("p1", "fp-other", 1),
                accepted("n2", "fp-n2", 1)), "rival-2")).containsExactly("p1");
        assertThat(store.receipt(SOURCE, "n2")).isEmpty();
        assertThat(relayed()).isEmpty();
        assertThat(store.receipt(SOURCE, "p1")).get().extracting(EventReceipt::fingerprint).isEqualTo("fp-p1");
    }

    @Test
    void recordRelayRefusal_ofSomeLines_shouldReadThemRejected_andTheEventQueuedUntilTheOthersApply_neverBackwards() {
        // given: a three-line event SQS took in part: its middle line refused
        var e = event("ev-p", ChangeType.RECEIPT, at(1), STORE, line(SKU, 1), line("RED-SOCK", 2), line("GRN-HAT", 3));
        List<Movement> movements = Movements.of(SOURCE, e);
        store.recordReceipts(List.of(new OutboxEvent(new EventReceipt(SOURCE, "ev-p", "fp", 3, clock.instant()), e)), "t");
        // when
        boolean first = store.recordRelayRefusal(SOURCE, "ev-p", "REFUSED_BY_QUEUE", java.util.Set.of(1));
        boolean again = store.recordRelayRefusal(SOURCE, "ev-p", "REFUSED_BY_QUEUE", java.util.Set.of(1));
        EventStatus refused = store.eventStatus(SOURCE, "ev-p").orElseThrow();
        store.apply(movements.get(0));
        EventStatus half = store.eventStatus(SOURCE, "ev-p").orElseThrow();
        store.apply(movements.get(2));
        EventStatus done = store.eventStatus(SOURCE, "ev-p").orElseThrow();
        // then: the refused line is final at once; the event waits for the queued ones, then APPLIED
        assertThat(first).isTrue();
        assertThat(again).as("recorded once").isFalse();
        assertThat(refused.status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(refused.lines()).extracting(EventStatus.Line::sku, EventStatus.Line::outcome, EventStatus.Line::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RED-SOCK", Outcome.REJECTED, "REFUSED_BY_QUEUE"));
        assertThat(half.status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(done.status()).isEqualTo(EventStatus.Status.APPLIED);
        assertThat(done.reason()).isNull();
        assertThat(done.lines()).extracting(EventStatus.Line::sku, EventStatus.Line::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SKU, Outcome.APPLIED),
                org.assertj.core.groups.Tuple.tuple("RED-SOCK", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("GRN-HAT", Outcome.APPLIED));
        // and a sender's retry keeps the refused line (not rewritten, not relayed)
        relayed();
        assertThat(store.recordReceipts(List.of(new OutboxEvent(new EventReceipt(SOURCE, "ev-p", "fp", 3, clock.instant()), e)),
                "retry")).isEmpty();
        assertThat(relayed()).isEmpty();
        assertThat(store.eventStatus(SOURCE, "ev-p")).get().extracting(EventStatus::status).isEqualTo(EventStatus.Status.APPLIED);
    }

    @Test
    void recordRelayRefusal_ofAPartlyAppliedEvent_shouldReadAppliedWithTheReason_notQueued() {
        // given: one of two movements applied before the relay refused the rest
        var e = event("ev-h", ChangeType.RECEIPT, at(1), STORE, line(SKU, 1), line("RED-SOCK", 2));
        store.recordReceipts(List.of(new OutboxEvent(new EventReceipt(SOURCE, "ev-h", "fp", 2, clock.instant()), e)), "t");
        store.apply(Movements.of(SOURCE, e).getFirst());
        // when
        store.recordRelayRefusal(SOURCE, "ev-h", "REFUSED_BY_QUEUE");
        // then: done (one line applied, the other never will be), the reason says why it is short
        assertThat(store.eventStatus(SOURCE, "ev-h")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.APPLIED);
            assertThat(st.reason()).isEqualTo("REFUSED_BY_QUEUE");
            assertThat(st.lines()).singleElement().extracting(EventStatus.Line::sku).isEqualTo(SKU);
        });
    }

    @Test
    void recordRejected_shouldShowInStatus_andARedrivenMovementAppliesOnce() {
        // given
        Movement m = one("ev-p", ChangeType.SALE, at(1), STORE, SKU, 1);
        store.recordReceipts(List.of(new OutboxEvent(new EventReceipt(SOURCE, "ev-p", "fp", 1, clock.instant()),
                event("ev-p", ChangeType.SALE, at(1), STORE, line(SKU, 1)))), "t");
        // when
        store.recordRejected(m.key(), SKU, STORE, "UNREADABLE_MESSAGE");
        store.recordRejected(m.key(), SKU, STORE, "SECOND_REASON_IGNORED");
        // then
        assertThat(store.eventStatus(SOURCE, "ev-p")).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(EventStatus.Status.REJECTED);
            assertThat(s.lines()).singleElement().satisfies(l -> {
                assertThat(l.outcome()).isEqualTo(Outcome.REJECTED);
                assertThat(l.reason()).isEqualTo("UNREADABLE_MESSAGE");
            });
        });
        // when: the fault is fixed and the message redriven
        ApplyResult later = store.apply(m);
        assertThat(later).isEqualTo(new ApplyResult(m.key(), Outcome.APPLIED, null));
        assertThat(store.apply(m).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(-1);
        assertThat(store.eventStatus(SOURCE, "ev-p").orElseThrow().status()).isEqualTo(EventStatus.Status.APPLIED);
    }

    @Test
    void dueHolds_shouldListOnlyActiveHoldsPastExpiry_acrossShards() {
        // given
        receive(SKU, WEB, 100);
        for (int i = 0; i < 20; i++) {
            store.reserve(hold("due-" + i, WEB, i < 12 ? 60 : 600, held(SKU, 1)));
        }
        store.commit(io.inventorysync.testing.Events.ref("due-0"));
        clock.advance(Duration.ofSeconds(61));
        // when
        List<String> due = allDue();
        due.forEach(id -> store.expire(io.inventorysync.testing.Events.ref(id)));
        // then
        assertThat(due).hasSize(11).doesNotContain("due-0")
                .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(4))).isBetween(1, 11));
        assertThat(allDue()).isEmpty();
        assertThat(level(SKU, WEB).reserved()).isEqualTo(8);
    }

    @Test
    void dueHolds_shouldComeSoonestFirst_acrossTheWholeIndex() {
        // given: 24 holds spread over the index's shards, each created a second after the last,
        // with the later ones given shorter lives, so expiry order is neither creation nor id order
        receive(SKU, WEB, 100);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            store.reserve(hold("soon-" + i, WEB, 300 - 10 * i, held(SKU, 1)));
            clock.advance(Duration.ofSeconds(1));
        }
        for (int i = 23; i >= 0; i--) {
            expected.add("soon-" + i);
        }
        clock.advance(Duration.ofSeconds(300));
        // when
        List<String> due = allDue();
        // then
        assertThat(due).containsExactlyElementsOf(expected);
    }

    // ------------------------------------------------------------ v1.1: stock states

    private Movement stateMovement(String eventId, ChangeType type, String location, String sku, long q,
                                   StockState from, StockState to, ReasonCode code) {
        return Movements.of(SOURCE, new InventoryEvent(eventId, type, at(2), location,
                List.of(new EventLine(sku, sku, q, null, from, to)), null, null, null,
                type == ChangeType.TRANSFER_CLOSE ? STORE : null, null, code)).getFirst();
    }

    @Test
    void apply_shouldMoveUnitsBetweenStates_whenMove() {
        // given
        receive(SKU, STORE, 10);
        // when: 3 to quarantine, then 1 of them back to sale, 1 to damaged
        store.apply(stateMovement("mv-1", ChangeType.MOVE, STORE, SKU, 3, StockState.ON_HAND, StockState.QUARANTINE, null));
        store.apply(stateMovement("mv-2", ChangeType.MOVE, STORE, SKU, 1, StockState.QUARANTINE, StockState.ON_HAND, null));
        store.apply(stateMovement("mv-3", ChangeType.MOVE, STORE, SKU, 1, StockState.QUARANTINE, StockState.DAMAGED, null));
        // then
        StockLevel level = level(SKU, STORE);
        assertThat(level.onHand()).isEqualTo(8);
        assertThat(level.quarantine()).isEqualTo(1);
        assertThat(level.damaged()).isEqualTo(1);
        assertThat(level.available()).isEqualTo(8);
        assertThat(level.version()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DAMAGED", "QUARANTINE"})
    void apply_shouldRejectAndChangeNothing_whenTakingMoreThanThereIsFromDamagedOrQuarantine(String state) {
        // given: 2 units in the state
        receive(SKU, STORE, 10);
        StockState from = StockState.valueOf(state);
        store.apply(stateMovement("in", ChangeType.MOVE, STORE, SKU, 2, StockState.ON_HAND, from, null));
        StockLevel before = level(SKU, STORE);
        // when: 3 leave it, by a move and by a write-off
        ApplyResult moved = store.apply(stateMovement("mv", ChangeType.MOVE, STORE, SKU, 3, from, StockState.ON_HAND, null));
        ApplyResult written = store.apply(stateMovement("wo", ChangeType.WRITE_OFF, STORE, SKU, 3, from, null,
                ReasonCode.EXPIRED));
        // then
        OutcomeReason reason = from == StockState.DAMAGED ? OutcomeReason.INSUFFICIENT_DAMAGED
                : OutcomeReason.INSUFFICIENT_QUARANTINE;
        assertThat(moved).isEqualTo(new ApplyResult(moved.key(), Outcome.REJECTED, reason));
        assertThat(written).isEqualTo(new ApplyResult(written.key(), Outcome.REJECTED, reason));
        assertThat(level(SKU, STORE)).isEqualTo(before);
        assertThat(store.eventLedger(SOURCE, "wo")).singleElement()
                .satisfies(e -> assertThat(e.outcomeReason()).isEqualTo(reason.name()));
        // and exactly what there is may leave
        assertThat(store.apply(stateMovement("wo-2", ChangeType.WRITE_OFF, STORE, SKU, 2, from, null, ReasonCode.LOST))
                .outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, STORE).in(from)).isZero();
    }

    @Test
    void apply_shouldNeverRefuseTakingFromOnHand_whenWriteOffOutrunsTheBooks() {
        receive(SKU, STORE, 1);
        assertThat(store.apply(stateMovement("wo", ChangeType.WRITE_OFF, STORE, SKU, 3, StockState.ON_HAND, null,
                ReasonCode.THEFT)).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(-2);
    }

    @Test
    void apply_shouldQuarantineTheReturn_andCloseTheTransfer() {
        // given: 5 in transit to the store
        transferOut("t-1", at(1), WEB, STORE, SKU, 5).forEach(store::apply);
        // when: 3 arrive, the rest is declared lost; a return goes to inspection
        store.apply(transferIn("t-1-in", at(2), STORE, WEB, SKU, 3));
        store.apply(stateMovement("t-1-close", ChangeType.TRANSFER_CLOSE, STORE, SKU, 2, null, null, null));
        store.apply(Movements.of(SOURCE, event("ret-q", ChangeType.RETURN, at(3), STORE,
                returned(SKU, 1, ItemCondition.QUARANTINE))).getFirst());
        // then
        StockLevel level = level(SKU, STORE);
        assertThat(level.inTransit()).isZero();
        assertThat(level.onHand()).isEqualTo(3);
        assertThat(level.quarantine()).isEqualTo(1);
    }

    @Test
    void apply_shouldKeepTheStateEffect_whenAMoveIsOlderThanTheLatestCount() {
        // given: a count at minute 5
        receive(SKU, STORE, 10);
        store.apply(one("c", ChangeType.COUNT, at(5), STORE, SKU, 10));
        // when: a move from minute 2 (before the count) arrives late
        ApplyResult late = store.apply(stateMovement("mv", ChangeType.MOVE, STORE, SKU, 2, StockState.ON_HAND,
                StockState.DAMAGED, null));
        // then: the count already has the on-hand side; the damaged side still applies
        assertThat(late.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(level(SKU, STORE).onHand()).isEqualTo(10);
        assertThat(level(SKU, STORE).damaged()).isEqualTo(2);
    }

    // ------------------------------------------------------------ v1.1: order commitments

    private Reservation deferredCommitment(String id, ReservationLine... lines) {
        assertThat(store.reserve(hold(id, WEB, 900, lines))).isInstanceOf(ReservationResult.Held.class);
        HoldResult committed = store.commit(io.inventorysync.testing.Events.ref(id), Fulfilment.DEFERRED);
        assertThat(committed).isInstanceOf(HoldResult.Settled.class);
        return ((HoldResult.Settled) committed).reservation();
    }

    @Test
    void commit_shouldKeepUnitsOnHandAsCommitted_whenDeferred_andACountInBetweenKeepsThemCommitted() {
        // given
        receive(SKU, WEB, 10);
        // when
        Reservation commitment = deferredCommitment("ord-1", held(SKU, 3));
        store.apply(one("count", ChangeType.COUNT, clock.instant(), WEB, SKU, 10));
        // then
        assertThat(commitment.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(commitment.fulfilment()).isEqualTo(Fulfilment.DEFERRED);
        StockLevel level = level(SKU, WEB);
        assertThat(level.onHand()).isEqualTo(10);
        assertThat(level.reserved()).isZero();
        assertThat(level.committed()).isEqualTo(3);
        assertThat(level.available()).isEqualTo(7);
        // and a new hold sees only what is available
        assertThat(store.reserve(hold("chk-2", WEB, 900, held(SKU, 8))))
                .isInstanceOf(ReservationResult.InsufficientStock.class);
        assertThat(store.reserve(hold("chk-3", WEB, 900, held(SKU, 7)))).isInstanceOf(ReservationResult.Held.class);
        // and the sweeper never expires a commitment
        clock.advance(Duration.ofHours(2));
        assertThat(allDue()).containsExactly("chk-3");
        assertThat(store.expire(io.inventorysync.testing.Events.ref("ord-1"))).isInstanceOf(HoldResult.NotActive.class);
    }

    @Test
    void fulfil_shouldHandOverPartly_thenTheRest_andRepeatHarmlessly() {
        // given
        receive(SKU, WEB, 10);
        receive("RED-CAP", WEB, 4);
        deferredCommitment("ord-1", held(SKU, 3), held("RED-CAP", 2));
        // when: one unit of the shirt, then everything left
        FulfilResult first = store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-1", List.of(held(SKU, 1))));
        FulfilResult again = store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-1", List.of(held(SKU, 1))));
        FulfilResult rest = store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-2", null));
        // then
        assertThat(first).isInstanceOf(FulfilResult.Fulfilled.class);
        assertThat(((FulfilResult.Fulfilled) first).reservation().status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(again).isInstanceOf(FulfilResult.Fulfilled.class);
        assertThat(((FulfilResult.Fulfilled) again).repeated()).isTrue();
        Reservation done = ((FulfilResult.Fulfilled) rest).reservation();
        assertThat(done.status()).isEqualTo(ReservationStatus.FULFILLED);
        assertThat(done.lines()).extracting(ReservationLine::fulfilled).containsExactly(3L, 2L);
        assertThat(level(SKU, WEB)).satisfies(l -> {
            assertThat(l.onHand()).isEqualTo(7);
            assertThat(l.committed()).isZero();
        });
        assertThat(level("RED-CAP", WEB).onHand()).isEqualTo(2);
        // and the first fulfilment repeated after the end is still harmless
        assertThat(store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-1", List.of(held(SKU, 1)))))
                .isInstanceOf(FulfilResult.Fulfilled.class);
        assertThat(store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-3", null))).isInstanceOf(FulfilResult.NotActive.class);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(7);
    }

    @Test
    void fulfil_shouldRefuseAndChangeNothing_whenOverOrUnderAReusedId() {
        // given
        receive(SKU, WEB, 10);
        deferredCommitment("ord-1", held(SKU, 3));
        store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-1", List.of(held(SKU, 1))));
        StockLevel before = level(SKU, WEB);
        // when
        FulfilResult over = store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-2", List.of(held(SKU, 3))));
        FulfilResult unknownSku = store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-3", List.of(held("OTHER", 1))));
        FulfilResult reused = store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-1", List.of(held(SKU, 2))));
        FulfilResult missing = store.fulfil(io.inventorysync.testing.Events.ref("nope"), new FulfilmentRequest("f-1", null));
        // then
        assertThat(over).isInstanceOfSatisfying(FulfilResult.OverFulfilment.class, o -> assertThat(o.lines())
                .containsExactly(new HoldRules.Fulfil.Shortfall(SKU, 3, 2)));
        assertThat(unknownSku).isInstanceOf(FulfilResult.OverFulfilment.class);
        assertThat(reused).isInstanceOf(FulfilResult.KeyReused.class);
        assertThat(missing).isEqualTo(new FulfilResult.NotFound("nope"));
        assertThat(level(SKU, WEB)).isEqualTo(before);
    }

    @Test
    void cancel_shouldGiveBackWhatRemains_andFulfilAfterwardsIsNotActive() {
        // given
        receive(SKU, WEB, 10);
        deferredCommitment("ord-1", held(SKU, 3));
        store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-1", List.of(held(SKU, 1))));
        // when
        HoldResult cancelled = store.cancel(io.inventorysync.testing.Events.ref("ord-1"));
        HoldResult again = store.cancel(io.inventorysync.testing.Events.ref("ord-1"));
        // then
        assertThat(cancelled).isInstanceOfSatisfying(HoldResult.Settled.class,
                c -> assertThat(c.reservation().status()).isEqualTo(ReservationStatus.CANCELLED));
        assertThat(again).isInstanceOf(HoldResult.Settled.class);
        assertThat(level(SKU, WEB)).satisfies(l -> {
            assertThat(l.onHand()).isEqualTo(9);
            assertThat(l.committed()).isZero();
            assertThat(l.available()).isEqualTo(9);
        });
        assertThat(store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-2", null))).isInstanceOf(FulfilResult.NotActive.class);
        // and an active hold cannot be cancelled or fulfilled, only a commitment
        store.reserve(hold("chk-2", WEB, 900, held(SKU, 1)));
        assertThat(store.cancel(io.inventorysync.testing.Events.ref("chk-2"))).isInstanceOf(HoldResult.NotActive.class);
        assertThat(store.fulfil(io.inventorysync.testing.Events.ref("chk-2"), new FulfilmentRequest("f-1", null))).isInstanceOf(FulfilResult.NotActive.class);
        assertThat(store.cancel(io.inventorysync.testing.Events.ref("nope"))).isEqualTo(new HoldResult.NotFound("nope"));
    }

    @Test
    void sale_shouldFulfilADeferredCommitment_andTheUnitsLeaveOnce_whicheverComesFirst() {
        // given: two commitments of 2 shirts each
        receive(SKU, WEB, 10);
        deferredCommitment("ord-1", held(SKU, 2));
        deferredCommitment("ord-2", held(SKU, 2));
        // when: ord-1 is picked up at the till first and fulfilled afterwards; ord-2 the other way round
        ApplyResult pickUp = store.apply(sale("till-1", clock.instant(), WEB, SKU, 2, "ord-1"));
        FulfilResult lateFulfil = store.fulfil(io.inventorysync.testing.Events.ref("ord-1"), new FulfilmentRequest("f-1", null));
        store.fulfil(io.inventorysync.testing.Events.ref("ord-2"), new FulfilmentRequest("f-2", null));
        ApplyResult lateSale = store.apply(sale("till-2", clock.instant(), WEB, SKU, 2, "ord-2"));
        // then: 4 units left in all, not 6 or 8
        assertThat(pickUp.reason()).isEqualTo(OutcomeReason.RESERVATION_FULFILLED);
        assertThat(lateFulfil).isInstanceOf(FulfilResult.NotActive.class);
        assertThat(lateSale.reason()).isEqualTo(OutcomeReason.RESERVATION_FULFILLED);
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("ord-1")).orElseThrow().status()).isEqualTo(ReservationStatus.FULFILLED);
        assertThat(level(SKU, WEB)).satisfies(l -> {
            assertThat(l.onHand()).isEqualTo(6);
            assertThat(l.committed()).isZero();
            assertThat(l.available()).isEqualTo(6);
        });
        // and a redelivered sale changes nothing
        assertThat(store.apply(sale("till-1", clock.instant(), WEB, SKU, 2, "ord-1")).outcome())
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(level(SKU, WEB).onHand()).isEqualTo(6);
    }

    @Test
    void fulfilAndCancel_shouldFitOneTransaction_whenTheCommitmentHasTheMostLines() {
        // given: a deferred commitment of 49 lines, the most a hold may have
        ReservationLine[] lines = new ReservationLine[49];
        for (int i = 0; i < lines.length; i++) {
            receive("SKU-" + i, WEB, 5);
            lines[i] = held("SKU-" + i, 2);
        }
        deferredCommitment("big-1", lines);
        deferredCommitment("big-2", lines);
        // when: one fulfilled in one call, the other cancelled
        FulfilResult fulfilled = store.fulfil(io.inventorysync.testing.Events.ref("big-1"), new FulfilmentRequest("all", null));
        HoldResult cancelled = store.cancel(io.inventorysync.testing.Events.ref("big-2"));
        // then
        assertThat(fulfilled).isInstanceOfSatisfying(FulfilResult.Fulfilled.class,
                f -> assertThat(f.reservation().status()).isEqualTo(ReservationStatus.FULFILLED));
        assertThat(cancelled).isInstanceOf(HoldResult.Settled.class);
        for (int i = 0; i < lines.length; i++) {
            StockLevel level = level("SKU-" + i, WEB);
            assertThat(level.onHand()).isEqualTo(3);
            assertThat(level.committed()).isZero();
            assertThat(level.available()).isEqualTo(3);
        }
    }

    private List<String> allDue() {
        return store.dueHolds(clock.instant()).map(io.inventorysync.domain.HoldRef::reservationId).toList();
    }
}
