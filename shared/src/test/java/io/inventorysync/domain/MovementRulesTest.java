package io.inventorysync.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Unit tests of the contract's table of movement effects ({@link MovementRules}), the count
 * rule, and how a {@link StockLevel} takes a change. Movements are split from events with
 * {@link Movements#of}, as the ingest path does.
 */
class MovementRulesTest {

    private static final String SOURCE = "pos-acme";
    private static final String SKU = "BLU-SHIRT-M";
    private static final String HERE = "store-12";
    private static final String THERE = "store-7";
    private static final Instant COUNTED_AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant BEFORE_COUNT = COUNTED_AT.minusMillis(1);
    private static final Instant AFTER_COUNT = COUNTED_AT.plusSeconds(60);
    private static final Instant APPLIED_AT = Instant.parse("2026-11-22T12:00:00Z");

    // ---------------------------------------------------------------- changeOf: the contract table

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTable")
    void changeOf_shouldFollowTheContractTable_whenMovementIsOfAnyInboundType(String name, Movement movement,
                                                                             long held, StockChange expected,
                                                                             boolean touchesOnHand) {
        // when
        StockChange change = MovementRules.changeOf(movement, held);

        // then
        assertThat(change).isEqualTo(expected);
        assertThat(change.touchesOnHand()).isEqualTo(touchesOnHand);
        assertThat(change.isEmpty()).isFalse();
    }

    /** (case, movement, units the consumed hold held, the change, whether it moves onHand). */
    static Stream<Arguments> contractTable() {
        return Stream.of(
                arguments("SALE consuming no hold: onHand -= q",
                        single(ChangeType.SALE, 3, AFTER_COUNT), 0L, new StockChange(-3, null, 0, 0, 0), true),
                arguments("SALE consuming a hold: onHand -= q, reserved -= held",
                        saleConsumingHold(3), 2L, new StockChange(-3, null, -2, 0, 0), true),
                arguments("SALE of exactly the held quantity releases exactly the hold",
                        single(ChangeType.SALE, 4, AFTER_COUNT), 4L, new StockChange(-4, null, -4, 0, 0), true),
                arguments("RETURN resalable: onHand += q",
                        returned(ItemCondition.RESALABLE, 2), 0L, StockChange.onHand(2), true),
                arguments("RETURN resalable, spelled out: onHand += q",
                        returned(ItemCondition.RESALABLE, 2), 0L, new StockChange(2, null, 0, 0, 0), true),
                arguments("RETURN without condition set: onHand += q",
                        returned(null, 2), 0L, StockChange.onHand(2), true),
                arguments("RETURN damaged: damaged += q only",
                        returned(ItemCondition.DAMAGED, 2), 0L, new StockChange(0, null, 0, 2, 0), false),
                arguments("RECEIPT: onHand += q",
                        single(ChangeType.RECEIPT, 24, AFTER_COUNT), 0L, new StockChange(24, null, 0, 0, 0), true),
                arguments("ADJUSTMENT up: onHand += q",
                        single(ChangeType.ADJUSTMENT, 5, AFTER_COUNT), 0L, new StockChange(5, null, 0, 0, 0), true),
                arguments("ADJUSTMENT down: onHand += q, q negative",
                        single(ChangeType.ADJUSTMENT, -3, AFTER_COUNT), 0L, new StockChange(-3, null, 0, 0, 0),
                        true),
                arguments("COUNT: onHand = q",
                        single(ChangeType.COUNT, 17, AFTER_COUNT), 0L, new StockChange(0, 17L, 0, 0, 0), true),
                arguments("COUNT of zero: onHand = 0, still a change",
                        single(ChangeType.COUNT, 0, AFTER_COUNT), 0L, new StockChange(0, 0L, 0, 0, 0), true),
                arguments("TRANSFER_OUT here: onHand -= q",
                        transferOut(4, AFTER_COUNT).get(0), 0L, new StockChange(-4, null, 0, 0, 0), true),
                arguments("TRANSFER_OUT at the destination: inTransit += q",
                        transferOut(4, AFTER_COUNT).get(1), 0L, new StockChange(0, null, 0, 0, 4), false),
                arguments("TRANSFER_IN: inTransit -= q, onHand += q",
                        transferIn(4, AFTER_COUNT), 0L, new StockChange(4, null, 0, 0, -4), true));
    }

    @Test
    void of_shouldCarryTheReservationId_whenSaleConsumesAHold() {
        // when
        Movement sale = saleConsumingHold(3);

        // then
        assertThat(sale.reservationId()).isEqualTo("chk-9f2");
        assertThat(sale.quantity()).isEqualTo(3);
    }

    @Test
    void of_shouldSplitTransferOutIntoPrimaryAndDestinationLegs_whenOneLine() {
        // given
        InventoryEvent event = new InventoryEvent("xfer-1", ChangeType.TRANSFER_OUT, AFTER_COUNT, HERE,
                List.of(new EventLine(SKU, 4)), "truck-9", null, THERE, null, null);

        // when
        List<Movement> movements = Movements.of(SOURCE, event);

        // then
        assertThat(movements).hasSize(2);
        Movement primary = movements.get(0);
        Movement destination = movements.get(1);
        assertThat(primary.key()).isEqualTo(new MovementKey(SOURCE, "xfer-1", 0, MovementKey.Leg.PRIMARY));
        assertThat(primary.key().lineKey()).isEqualTo("0");
        assertThat(primary.key()).hasToString("pos-acme/xfer-1/0");
        assertThat(primary.isTransferDestination()).isFalse();
        assertThat(primary.locationId()).isEqualTo(HERE);
        assertThat(primary.counterpartLocationId()).isEqualTo(THERE);
        assertThat(destination.key()).isEqualTo(new MovementKey(SOURCE, "xfer-1", 0, MovementKey.Leg.DESTINATION));
        assertThat(destination.key().lineKey()).isEqualTo("0-dest");
        assertThat(destination.key()).hasToString("pos-acme/xfer-1/0-dest");
        assertThat(destination.isTransferDestination()).isTrue();
        assertThat(destination.locationId()).isEqualTo(THERE);
        assertThat(destination.counterpartLocationId()).isEqualTo(HERE);
        assertThat(destination.type()).isEqualTo(ChangeType.TRANSFER_OUT);
        assertThat(destination.quantity()).isEqualTo(4);
        assertThat(destination.occurredAt()).isEqualTo(AFTER_COUNT);
    }


    @Test
    void of_shouldInterleaveLegsPerLine_whenTransferOutHasSeveralLines() {
        // given
        InventoryEvent event = new InventoryEvent("xfer-2", ChangeType.TRANSFER_OUT, AFTER_COUNT, HERE,
                List.of(new EventLine("A", 1), new EventLine("B", 2)), null, null, THERE, null, null);

        // when
        List<Movement> movements = Movements.of(SOURCE, event);

        // then
        assertThat(movements)
                .extracting(m -> m.key().lineKey(), Movement::sku, Movement::locationId, Movement::quantity)
                .containsExactly(
                        tuple("0", "A", HERE, 1L),
                        tuple("0-dest", "A", THERE, 1L),
                        tuple("1", "B", HERE, 2L),
                        tuple("1-dest", "B", THERE, 2L));
    }


    @Test
    void of_shouldMakeOneMovementNamingTheOrigin_whenTransferIn() {
        // given
        InventoryEvent event = new InventoryEvent("xfer-in-1", ChangeType.TRANSFER_IN, AFTER_COUNT, HERE,
                List.of(new EventLine(SKU, 4)), null, null, null, THERE, null);

        // when
        List<Movement> movements = Movements.of(SOURCE, event);

        // then
        assertThat(movements).singleElement().satisfies(m -> {
            assertThat(m.key().lineKey()).isEqualTo("0");
            assertThat(m.counterpartLocationId()).isEqualTo(THERE);
            assertThat(m.isTransferDestination()).isFalse();
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ChangeType.class, names = {"SALE", "RETURN", "RECEIPT", "ADJUSTMENT", "COUNT", "TRANSFER_IN"})
    void of_shouldMakeOneMovementPerLine_whenTypeIsNotTransferOut(ChangeType type) {
        // given
        InventoryEvent event = new InventoryEvent("evt-1", type, AFTER_COUNT, HERE,
                List.of(new EventLine("A", 1), new EventLine("B", 2), new EventLine("C", 3)), "ref", null, null,
                type == ChangeType.TRANSFER_IN ? THERE : null, null);

        // when
        List<Movement> movements = Movements.of(SOURCE, event);

        // then
        assertThat(movements).extracting(m -> m.key().toString(), Movement::sku, Movement::locationId)
                .containsExactly(
                        tuple("pos-acme/evt-1/0", "A", HERE),
                        tuple("pos-acme/evt-1/1", "B", HERE),
                        tuple("pos-acme/evt-1/2", "C", HERE));
        assertThat(movements).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(type);
            assertThat(m.isTransferDestination()).isFalse();
            assertThat(m.reference()).isEqualTo("ref");
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ChangeType.class, names = "RESERVATION_.*", mode = EnumSource.Mode.MATCH_ALL)
    void movement_shouldBeRefused_whenTypeIsAReservationType(ChangeType type) {
        // when / then
        assertThatThrownBy(() -> new Movement(MovementKey.of(SOURCE, "e", 0), type, SKU, SKU, HERE, 1, null,
                AFTER_COUNT, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- decide: the count rule

    @ParameterizedTest(name = "{0}")
    @MethodSource("appliedWhole")
    void decide_shouldApplyWholeChange_whenNoCountCoversTheOnHandPart(String name, StockLevel level,
                                                                      Movement movement, long held,
                                                                      StockChange expected, boolean touchesOnHand) {
        // when
        MovementRules.Decision decision = MovementRules.decide(level, movement, held);

        // then
        assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(decision.change()).isEqualTo(expected).isEqualTo(MovementRules.changeOf(movement, held));
        assertThat(decision.change().touchesOnHand()).isEqualTo(touchesOnHand);
    }

    /** (case, record, movement, units held, the whole change, whether it moves onHand). */
    static Stream<Arguments> appliedWhole() {
        Stream<Arguments> exactlyAtCount = Stream.of(
                        single(ChangeType.SALE, 3, COUNTED_AT), single(ChangeType.RECEIPT, 3, COUNTED_AT),
                        single(ChangeType.ADJUSTMENT, 3, COUNTED_AT), transferIn(3, COUNTED_AT))
                .map(m -> arguments(m.type() + " at exactly the count's instant is on top of it",
                        level(10, 0, COUNTED_AT), m, 0L, MovementRules.changeOf(m, 0), true));
        return Stream.concat(exactlyAtCount, Stream.of(
                arguments("SALE when no count was ever applied",
                        level(10, 2, null), single(ChangeType.SALE, 3, BEFORE_COUNT), 2L,
                        new StockChange(-3, null, -2, 0, 0), true),
                arguments("SALE newer than the latest count",
                        level(10, 2, COUNTED_AT), single(ChangeType.SALE, 3, AFTER_COUNT), 2L,
                        new StockChange(-3, null, -2, 0, 0), true),
                arguments("RECEIPT 1 ms after the latest count",
                        level(10, 0, COUNTED_AT), single(ChangeType.RECEIPT, 3, COUNTED_AT.plusMillis(1)), 0L,
                        new StockChange(3, null, 0, 0, 0), true),
                arguments("older RETURN damaged: touches no onHand",
                        level(10, 0, COUNTED_AT), returned(ItemCondition.DAMAGED, 2, BEFORE_COUNT), 0L,
                        new StockChange(0, null, 0, 2, 0), false),
                arguments("older TRANSFER_OUT destination leg: touches no onHand",
                        level(10, 0, COUNTED_AT), transferOut(4, BEFORE_COUNT).get(1), 0L,
                        new StockChange(0, null, 0, 0, 4), false),
                arguments("COUNT at the same instant as the latest count",
                        level(10, 0, COUNTED_AT), single(ChangeType.COUNT, 12, COUNTED_AT), 0L,
                        new StockChange(0, 12L, 0, 0, 0), true),
                arguments("COUNT newer than the latest count",
                        level(10, 0, COUNTED_AT), single(ChangeType.COUNT, 0, AFTER_COUNT), 0L,
                        new StockChange(0, 0L, 0, 0, 0), true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supersededByCount")
    void decide_shouldDropOnHandPartAndKeepTheRest_whenOlderThanLatestCount(String name, StockLevel level,
                                                                           Movement movement, long held,
                                                                           StockChange kept) {
        // when
        MovementRules.Decision decision = MovementRules.decide(level, movement, held);

        // then
        assertThat(decision.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(decision.change()).isEqualTo(kept);
        assertThat(decision.change().touchesOnHand()).isFalse();
        assertThat(decision.change().isEmpty()).isEqualTo(kept.equals(StockChange.NONE));
    }

    /** (case, record, movement, units held, what is kept of the change). */
    static Stream<Arguments> supersededByCount() {
        StockLevel counted = level(10, 2, COUNTED_AT);
        return Stream.of(
                arguments("SALE without hold", counted, single(ChangeType.SALE, 3, BEFORE_COUNT), 0L,
                        StockChange.NONE),
                arguments("SALE consuming hold keeps the release", counted, single(ChangeType.SALE, 3, BEFORE_COUNT),
                        2L, new StockChange(0, null, -2, 0, 0)),
                arguments("RETURN resalable", counted, returned(ItemCondition.RESALABLE, 2, BEFORE_COUNT), 0L,
                        StockChange.NONE),
                arguments("RECEIPT", counted, single(ChangeType.RECEIPT, 5, BEFORE_COUNT), 0L, StockChange.NONE),
                arguments("ADJUSTMENT", counted, single(ChangeType.ADJUSTMENT, -5, BEFORE_COUNT), 0L,
                        StockChange.NONE),
                arguments("TRANSFER_OUT primary", counted, transferOut(4, BEFORE_COUNT).get(0), 0L,
                        StockChange.NONE),
                arguments("TRANSFER_IN keeps the inTransit part", counted, transferIn(4, BEFORE_COUNT), 0L,
                        new StockChange(0, null, 0, 0, -4)),
                arguments("RECEIPT a day before", counted,
                        single(ChangeType.RECEIPT, 5, COUNTED_AT.minusSeconds(86_400)), 0L, StockChange.NONE),
                arguments("COUNT older than the latest count leaves nothing", level(10, 0, COUNTED_AT),
                        single(ChangeType.COUNT, 40, BEFORE_COUNT), 0L, StockChange.NONE),
                arguments("COUNT of zero older than the latest count leaves nothing", level(10, 0, COUNTED_AT),
                        single(ChangeType.COUNT, 0, BEFORE_COUNT), 0L, StockChange.NONE));
    }

    // ---------------------------------------------------------------- counts ordered by time (v1.1)

    @Test
    void countTime_shouldBeTheEarliestOfStampReceiptAndApplication() {
        Movement count = single(ChangeType.COUNT, 5, AFTER_COUNT);
        assertThat(MovementRules.countTime(count, null)).isEqualTo(AFTER_COUNT);
        assertThat(MovementRules.countTime(count.withReceivedAt(COUNTED_AT), null)).isEqualTo(COUNTED_AT);
        assertThat(MovementRules.countTime(count.withReceivedAt(AFTER_COUNT.plusSeconds(1)), null)).isEqualTo(AFTER_COUNT);
        assertThat(MovementRules.countTime(count, COUNTED_AT)).isEqualTo(COUNTED_AT);
    }

    @Test
    void effectsAfter_shouldSumOnHandDeltasAtOrAfterTheCount_andNothingElse() {
        List<MovementRules.Applied> applied = List.of(
                new MovementRules.Applied(BEFORE_COUNT, StockChange.onHand(-5)),
                new MovementRules.Applied(COUNTED_AT, StockChange.onHand(-2)),
                new MovementRules.Applied(AFTER_COUNT, StockChange.onHand(3)),
                new MovementRules.Applied(AFTER_COUNT, new StockChange(0, 9L, 0, 0, 0)),
                new MovementRules.Applied(AFTER_COUNT, StockChange.reserved(4)),
                new MovementRules.Applied(AFTER_COUNT, StockChange.NONE));
        assertThat(MovementRules.effectsAfter(COUNTED_AT, applied)).isEqualTo(new MovementRules.EffectsAfter(1, 2));
    }

    @Test
    void decideCount_shouldSetOnHandToQuantityPlusEffectsAfter_orSupersede_whenOlderThanLatestCount() {
        MovementRules.Decision late = MovementRules.decideCount(level(10, 0, COUNTED_AT),
                single(ChangeType.COUNT, 10, AFTER_COUNT).withReceivedAt(COUNTED_AT), null, -2);
        assertThat(late.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(late.change()).isEqualTo(new StockChange(0, 8L, 0, 0, 0));
        assertThat(late.countedAt()).isEqualTo(COUNTED_AT);
        MovementRules.Decision older = MovementRules.decideCount(level(10, 0, COUNTED_AT),
                single(ChangeType.COUNT, 10, BEFORE_COUNT), null, -2);
        assertThat(older.outcome()).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(older.change()).isEqualTo(StockChange.NONE);
    }

    // ---------------------------------------------------------------- StockLevel.apply

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void apply_shouldBumpVersionByExactlyOne_whenAnyChangeIsApplied(String name, StockChange change) {
        // given
        StockLevel level = new StockLevel(SKU, HERE, 10, 2, 1, 3, 41, COUNTED_AT, COUNTED_AT, null);

        // when
        StockLevel after = level.apply(change, AFTER_COUNT, cause(ChangeType.RECEIPT), APPLIED_AT);

        // then
        assertThat(after.version()).isEqualTo(42);
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("onHand delta", StockChange.onHand(5)),
                arguments("negative onHand delta", StockChange.onHand(-50)),
                arguments("reserved only", StockChange.reserved(-2)),
                arguments("damaged only", new StockChange(0, null, 0, 2, 0)),
                arguments("inTransit only", new StockChange(0, null, 0, 0, 4)),
                arguments("transfer in", new StockChange(4, null, 0, 0, -4)),
                arguments("count", new StockChange(0, 7L, 0, 0, 0)),
                arguments("count to zero", new StockChange(0, 0L, 0, 0, 0)),
                arguments("superseded remainder", StockChange.NONE));
    }

    @Test
    void apply_shouldAddEveryDeltaAndKeepLastCountAt_whenChangeIsADelta() {
        // given
        StockLevel level = new StockLevel(SKU, HERE, 10, 2, 1, 3, 7, COUNTED_AT, COUNTED_AT, null);
        StockChange change = new StockChange(-3, null, -2, 1, 4);
        StockLevel.Cause cause = cause(ChangeType.SALE);

        // when
        StockLevel after = level.apply(change, AFTER_COUNT, cause, APPLIED_AT);

        // then
        assertThat(after).isEqualTo(new StockLevel(SKU, HERE, 7, 0, 2, 7, 8, COUNTED_AT, APPLIED_AT, cause));
    }

    @Test
    void apply_shouldLeaveLastCountAtNull_whenNoCountWasEverApplied() {
        // given
        StockLevel level = StockLevel.empty(SKU, HERE);

        // when
        StockLevel after = level.apply(StockChange.onHand(5), AFTER_COUNT, cause(ChangeType.RECEIPT), APPLIED_AT);

        // then
        assertThat(after.lastCountAt()).isNull();
        assertThat(after.onHand()).isEqualTo(5);
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.updatedAt()).isEqualTo(APPLIED_AT);
    }

    @Test
    void apply_shouldReplaceOnHandAndSetLastCountAt_whenChangeIsCount() {
        // given
        StockLevel level = new StockLevel(SKU, HERE, -4, 2, 1, 3, 9, null, COUNTED_AT, null);
        StockLevel.Cause cause = cause(ChangeType.COUNT);

        // when
        StockLevel after = level.apply(new StockChange(0, 12L, 0, 0, 0), AFTER_COUNT, cause, APPLIED_AT);

        // then
        assertThat(after).isEqualTo(new StockLevel(SKU, HERE, 12, 2, 1, 3, 10, AFTER_COUNT, APPLIED_AT, cause));
    }

    @Test
    void apply_shouldKeepLastCountAtAndOnHand_whenSupersededRemainderIsApplied() {
        // given
        StockLevel level = new StockLevel(SKU, HERE, 10, 2, 0, 0, 5, COUNTED_AT, COUNTED_AT, null);
        MovementRules.Decision decision = MovementRules.decide(level, single(ChangeType.SALE, 2, BEFORE_COUNT), 2);

        // when
        StockLevel after = level.apply(decision.change(), BEFORE_COUNT, cause(ChangeType.SALE), APPLIED_AT);

        // then
        assertThat(after.onHand()).isEqualTo(10);
        assertThat(after.reserved()).isZero();
        assertThat(after.lastCountAt()).isEqualTo(COUNTED_AT);
        assertThat(after.version()).isEqualTo(6);
    }

    @Test
    void apply_shouldCountOneVersionPerChange_whenSeveralChangesFollowEachOther() {
        // given
        StockLevel level = StockLevel.empty(SKU, HERE);

        // when
        StockLevel after = level
                .apply(StockChange.onHand(10), COUNTED_AT.minusSeconds(60), cause(ChangeType.RECEIPT), APPLIED_AT)
                .apply(StockChange.onHand(-3), COUNTED_AT.minusSeconds(30), cause(ChangeType.SALE), APPLIED_AT)
                .apply(new StockChange(0, 6L, 0, 0, 0), COUNTED_AT, cause(ChangeType.COUNT), APPLIED_AT)
                .apply(StockChange.onHand(-1), AFTER_COUNT, cause(ChangeType.SALE), APPLIED_AT);

        // then
        assertThat(after.version()).isEqualTo(4);
        assertThat(after.onHand()).isEqualTo(5);
        assertThat(after.lastCountAt()).isEqualTo(COUNTED_AT);
        assertThat(after.lastCause().type()).isEqualTo(ChangeType.SALE);
    }

    @Test
    void empty_shouldHaveEveryCounterZero_whenRecordWasNeverWritten() {
        // when
        StockLevel level = StockLevel.empty(SKU, HERE);

        // then
        assertThat(level).isEqualTo(new StockLevel(SKU, HERE, 0, 0, 0, 0, 0, null, null, null));
        assertThat(level.available()).isZero();
    }

    // ---------------------------------------------------------------- available

    @ParameterizedTest(name = "onHand={0} reserved={1} -> {2}")
    @CsvSource({
            "10, 3, 7",
            "5, 0, 5",
            "3, 3, 0",
            "3, 5, 0",
            "0, 0, 0",
            "-4, 0, 0",
            "-4, 2, 0",
            "0, 2, 0"
    })
    void available_shouldBeOnHandMinusReservedFlooredAtZero_whenLevelHasAnyCounters(long onHand, long reserved,
                                                                                    long expected) {
        // given
        StockLevel level = new StockLevel(SKU, HERE, onHand, reserved, 0, 0, 1, null, null, null);

        // when
        long available = level.available();

        // then
        assertThat(available).isEqualTo(expected);
    }

    @Test
    void available_shouldIgnoreDamagedAndInTransit_whenTheyAreNonZero() {
        // given
        StockLevel level = new StockLevel(SKU, HERE, 5, 1, 10, 20, 1, null, null, null);

        // when
        long available = level.available();

        // then
        assertThat(available).isEqualTo(4);
    }

    // ---------------------------------------------------------------- Movement.fingerprint

    @Test
    void fingerprint_shouldBeEqual_whenMovementsAreEqual() {
        // given
        Movement a = single(ChangeType.SALE, 3, AFTER_COUNT);
        Movement b = single(ChangeType.SALE, 3, AFTER_COUNT);

        // when
        String fa = a.fingerprint();
        String fb = b.fingerprint();

        // then
        assertThat(fa).isEqualTo(fb).matches("[0-9a-f]{64}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldChanged")
    void fingerprint_shouldDiffer_whenAnyDecidingFieldDiffers(String field, UnaryOperator<Movement> change) {
        // given
        Movement base = fullMovement();
        Movement other = change.apply(fullMovement());

        // when
        String baseFingerprint = base.fingerprint();
        String otherFingerprint = other.fingerprint();

        // then
        assertThat(otherFingerprint).as(field).isNotEqualTo(baseFingerprint);
    }

    static Stream<Arguments> oneFieldChanged() {
        return Stream.of(
                arguments("quantity", op(m -> copy(m, m.key(), m.sku(), m.sourceSku(), m.quantity() + 1,
                        m.condition(), m.occurredAt(), m.reference()))),
                arguments("occurredAt", op(m -> copy(m, m.key(), m.sku(), m.sourceSku(), m.quantity(),
                        m.condition(), m.occurredAt().plusMillis(1), m.reference()))),
                arguments("sku", op(m -> copy(m, m.key(), "BLU-SHIRT-L", m.sourceSku(), m.quantity(),
                        m.condition(), m.occurredAt(), m.reference()))),
                arguments("sourceSku", op(m -> copy(m, m.key(), m.sku(), "SKU-4471", m.quantity(),
                        m.condition(), m.occurredAt(), m.reference()))),
                arguments("condition", op(m -> copy(m, m.key(), m.sku(), m.sourceSku(), m.quantity(),
                        ItemCondition.DAMAGED, m.occurredAt(), m.reference()))),
                arguments("reference", op(m -> copy(m, m.key(), m.sku(), m.sourceSku(), m.quantity(),
                        m.condition(), m.occurredAt(), "pos-order/890"))),
                arguments("line number", op(m -> copy(m, MovementKey.of(SOURCE, "till-7-1", 1), m.sku(),
                        m.sourceSku(), m.quantity(), m.condition(), m.occurredAt(), m.reference()))),
                arguments("leg", op(m -> copy(m,
                        new MovementKey(SOURCE, "till-7-1", 0, MovementKey.Leg.DESTINATION), m.sku(),
                        m.sourceSku(), m.quantity(), m.condition(), m.occurredAt(), m.reference()))),
                arguments("type", op(m -> new Movement(m.key(), ChangeType.RECEIPT, m.sku(), m.sourceSku(),
                        m.locationId(), m.quantity(), m.condition(), m.occurredAt(), m.reference(), m.reservationId(),
                        m.counterpartLocationId(), m.reason()))),
                arguments("locationId", op(m -> new Movement(m.key(), m.type(), m.sku(), m.sourceSku(), THERE,
                        m.quantity(), m.condition(), m.occurredAt(), m.reference(), m.reservationId(),
                        m.counterpartLocationId(), m.reason()))),
                arguments("reservationId", op(m -> new Movement(m.key(), m.type(), m.sku(), m.sourceSku(),
                        m.locationId(), m.quantity(), m.condition(), m.occurredAt(), m.reference(), "chk-9f2",
                        m.counterpartLocationId(), m.reason()))),
                arguments("counterpartLocationId", op(m -> new Movement(m.key(), m.type(), m.sku(), m.sourceSku(),
                        m.locationId(), m.quantity(), m.condition(), m.occurredAt(), m.reference(),
                        m.reservationId(), THERE, m.reason()))),
                arguments("reason", op(m -> new Movement(m.key(), m.type(), m.sku(), m.sourceSku(),
                        m.locationId(), m.quantity(), m.condition(), m.occurredAt(), m.reference(),
                        m.reservationId(), m.counterpartLocationId(), "recount"))));
    }

    @Test
    void fingerprint_shouldDiffer_whenTransferLegsOfOneLineAreCompared() {
        // given
        List<Movement> legs = transferOut(4, AFTER_COUNT);

        // when
        String primary = legs.get(0).fingerprint();
        String destination = legs.get(1).fingerprint();

        // then
        assertThat(primary).isNotEqualTo(destination);
    }

    // ---------------------------------------------------------------- helpers

    /** The only movement of a one-line event of {@code type} at {@link #HERE}. */
    private static Movement single(ChangeType type, long quantity, Instant occurredAt) {
        InventoryEvent event = new InventoryEvent("till-7-1", type, occurredAt, HERE,
                List.of(new EventLine(SKU, quantity)), "pos-order/889", null, null, null,
                type == ChangeType.ADJUSTMENT ? "recount" : null);
        return Movements.of(SOURCE, event).getFirst();
    }

    /** The only movement of a one-line SALE at {@link #HERE} that consumes hold {@code chk-9f2}. */
    private static Movement saleConsumingHold(long quantity) {
        InventoryEvent event = new InventoryEvent("till-7-1", ChangeType.SALE, AFTER_COUNT, HERE,
                List.of(new EventLine(SKU, quantity)), null, "chk-9f2", null, null, null);
        return Movements.of(SOURCE, event).getFirst();
    }

    private static Movement returned(ItemCondition condition, long quantity) {
        return returned(condition, quantity, AFTER_COUNT);
    }

    private static Movement returned(ItemCondition condition, long quantity, Instant occurredAt) {
        InventoryEvent event = new InventoryEvent("ret-1", ChangeType.RETURN, occurredAt, HERE,
                List.of(new EventLine(SKU, SKU, quantity, condition)), null, null, null, null, null);
        return Movements.of(SOURCE, event).getFirst();
    }

    private static List<Movement> transferOut(long quantity, Instant occurredAt) {
        InventoryEvent event = new InventoryEvent("xfer-1", ChangeType.TRANSFER_OUT, occurredAt, HERE,
                List.of(new EventLine(SKU, quantity)), null, null, THERE, null, null);
        return Movements.of(SOURCE, event);
    }

    private static Movement transferIn(long quantity, Instant occurredAt) {
        InventoryEvent event = new InventoryEvent("xfer-in-1", ChangeType.TRANSFER_IN, occurredAt, HERE,
                List.of(new EventLine(SKU, quantity)), null, null, null, THERE, null);
        return Movements.of(SOURCE, event).getFirst();
    }

    private static StockLevel level(long onHand, long reserved, Instant lastCountAt) {
        return new StockLevel(SKU, HERE, onHand, reserved, 0, 0, 3, lastCountAt, lastCountAt, null);
    }

    private static StockLevel.Cause cause(ChangeType type) {
        return new StockLevel.Cause(type, SOURCE, "till-7-1", null, AFTER_COUNT);
    }

    private static Movement fullMovement() {
        return new Movement(MovementKey.of(SOURCE, "till-7-1", 0), ChangeType.RETURN, SKU, SKU, HERE, 3,
                ItemCondition.RESALABLE, Instant.parse("2026-11-22T10:15:00.123Z"), "pos-order/889", null, null,
                null);
    }

    private static Movement copy(Movement m, MovementKey key, String sku, String sourceSku, long quantity,
                                 ItemCondition condition, Instant occurredAt, String reference) {
        return new Movement(key, m.type(), sku, sourceSku, m.locationId(), quantity, condition, occurredAt, reference,
                m.reservationId(), m.counterpartLocationId(), m.reason());
    }

    private static UnaryOperator<Movement> op(UnaryOperator<Movement> op) {
        return op;
    }
}
