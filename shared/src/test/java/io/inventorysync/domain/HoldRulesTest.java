package io.inventorysync.domain;

import io.inventorysync.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static io.inventorysync.testing.Events.held;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Unit tests of the contract's hold rules ({@link HoldRules}): what placing, committing,
 * releasing and expiring a hold, and a sale consuming one, do to the hold and to stock. Both
 * stores persist these decisions; the contract suite checks that they do.
 */
class HoldRulesTest {
    private static final String WEB = "web-dc";
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final int TTL = 900;
    private static final Instant BEFORE_EXPIRY = T0.plusSeconds(TTL - 1);
    private static final Instant AT_EXPIRY = T0.plusSeconds(TTL);

    private static Reservation active(ReservationLine... lines) {
        return HoldRules.place(Events.hold("chk-1", WEB, TTL, lines), T0).hold();
    }

    @Test
    void place_shouldReserveEveryLine_andStartActiveUntilTtl() {
        // when
        HoldRules.Transition placed = HoldRules.place(Events.hold("chk-1", WEB, TTL, held("A", 2), held("B", 3)), T0);
        // then
        assertThat(placed.hold().status()).isEqualTo(ReservationStatus.ACTIVE);
        assertThat(placed.hold().expiresAt()).isEqualTo(AT_EXPIRY);
        assertThat(placed.lines()).extracting(HoldRules.LineChange::lineNo, l -> l.line().sku(), HoldRules.LineChange::change)
                .containsExactly(tuple(0, "A", StockChange.reserved(2)), tuple(1, "B", StockChange.reserved(3)));
        assertThat(placed.cause(T0).type()).isEqualTo(ChangeType.RESERVATION_CREATED);
        assertThat(placed.cause(T0).eventId()).isEqualTo("chk-1");
    }

    @Test
    void fits_shouldNeedAvailableAtLeastTheQuantity() {
        assertThat(HoldRules.fits(held("A", 3), 3)).isTrue();
        assertThat(HoldRules.fits(held("A", 3), 2)).isFalse();
        assertThat(HoldRules.fits(held("A", 1), 0)).isFalse();
    }

    @Test
    void settle_shouldTakeTheUnits_whenCommitted() {
        // when
        HoldRules.Settlement s = HoldRules.settle(active(held("A", 2), held("B", 1)), ReservationStatus.COMMITTED,
                BEFORE_EXPIRY);
        // then
        HoldRules.Settlement.Ends ends = (HoldRules.Settlement.Ends) s;
        assertThat(ends.asRequested()).isTrue();
        assertThat(ends.transition().hold().status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(ends.transition().hold().finishedAt()).isEqualTo(BEFORE_EXPIRY);
        assertThat(ends.transition().lines()).extracting(HoldRules.LineChange::change)
                .containsExactly(new StockChange(-2, null, -2, 0, 0), new StockChange(-1, null, -1, 0, 0));
        assertThat(ends.transition().cause(BEFORE_EXPIRY).type()).isEqualTo(ChangeType.RESERVATION_COMMITTED);
    }

    @ParameterizedTest
    @EnumSource(value = ReservationStatus.class, names = {"RELEASED", "EXPIRED"})
    void settle_shouldGiveTheUnitsBack_whenReleasedOrExpired(ReservationStatus target) {
        // given: an expiry needs the hold to be due
        Instant now = target == ReservationStatus.EXPIRED ? AT_EXPIRY : BEFORE_EXPIRY;
        // when
        HoldRules.Settlement s = HoldRules.settle(active(held("A", 2)), target, now);
        // then
        HoldRules.Settlement.Ends ends = (HoldRules.Settlement.Ends) s;
        assertThat(ends.asRequested()).isTrue();
        assertThat(ends.transition().hold().status()).isEqualTo(target);
        assertThat(ends.transition().lines()).extracting(HoldRules.LineChange::change)
                .containsExactly(StockChange.reserved(-2));
    }

    @ParameterizedTest
    @EnumSource(value = ReservationStatus.class, names = {"COMMITTED", "RELEASED"})
    void settle_shouldExpireInstead_whenCommitOrReleaseComesAtOrAfterExpiry(ReservationStatus target) {
        // when
        HoldRules.Settlement s = HoldRules.settle(active(held("A", 2)), target, AT_EXPIRY);
        // then: the units go back, and the caller learns the hold is no longer active
        HoldRules.Settlement.Ends ends = (HoldRules.Settlement.Ends) s;
        assertThat(ends.asRequested()).isFalse();
        assertThat(ends.transition().hold().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(ends.transition().lines()).extracting(HoldRules.LineChange::change)
                .containsExactly(StockChange.reserved(-2));
    }

    @Test
    void settle_shouldLeaveTheHold_whenExpiryIsNotDue() {
        Reservation hold = active(held("A", 2));
        assertThat(HoldRules.settle(hold, ReservationStatus.EXPIRED, BEFORE_EXPIRY))
                .isEqualTo(new HoldRules.Settlement.NotDue(hold));
    }

    @ParameterizedTest
    @EnumSource(value = ReservationStatus.class, names = {"COMMITTED", "RELEASED", "EXPIRED"})
    void settle_shouldBeIdempotent_whenTheHoldIsAlreadyInTheTargetStatus(ReservationStatus target) {
        Reservation finished = active(held("A", 2)).finish(target, BEFORE_EXPIRY);
        assertThat(HoldRules.settle(finished, target, AT_EXPIRY.plusSeconds(60)))
                .isEqualTo(new HoldRules.Settlement.AlreadySettled(finished));
    }

    @Test
    void settle_shouldRefuse_whenTheHoldEndedOtherwise() {
        Reservation released = active(held("A", 2)).finish(ReservationStatus.RELEASED, BEFORE_EXPIRY);
        for (ReservationStatus target : List.of(ReservationStatus.COMMITTED, ReservationStatus.EXPIRED)) {
            assertThat(HoldRules.settle(released, target, BEFORE_EXPIRY))
                    .isEqualTo(new HoldRules.Settlement.NotActive(released));
        }
    }

    @Test
    void consumption_shouldCommitTheHold_takeItsSkuWithTheSale_andGiveBackItsOtherLines() {
        // given
        Reservation hold = active(held("A", 2), held("B", 1), held("C", 4));
        Movement sale = Events.sale("till-1", T0.plusSeconds(5), WEB, "B", 1, "chk-1");
        // when: even after expiry, a sale at the till consumes a hold that is still active
        HoldRules.Consumption c = HoldRules.consumption(hold, sale, AT_EXPIRY.plusSeconds(30));
        // then
        assertThat(c.reason()).isEqualTo(OutcomeReason.RESERVATION_CONSUMED);
        assertThat(c.consumed()).isTrue();
        assertThat(c.ownLine()).isEqualTo(StockChange.reserved(-1));
        assertThat(c.transition().hold().status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(c.transition().lines()).extracting(HoldRules.LineChange::lineNo, HoldRules.LineChange::change)
                .containsExactly(tuple(0, StockChange.reserved(-2)), tuple(2, StockChange.reserved(-4)));
        // and the sale's own change takes the held units out of reserved
        assertThat(MovementRules.decide(sale, c, false, false))
                .isEqualTo(new MovementRules.Decision(Outcome.APPLIED, OutcomeReason.RESERVATION_CONSUMED,
                        new StockChange(-1, null, -1, 0, 0)));
    }

    @Test
    void consumption_shouldLeaveTheHold_whenItDoesNotHoldTheSalesSku() {
        Reservation hold = active(held("A", 2));
        Movement sale = Events.sale("till-1", T0, WEB, "Z", 1, "chk-1");
        assertThat(HoldRules.consumption(hold, sale, T0))
                .isEqualTo(new HoldRules.Consumption(OutcomeReason.RESERVATION_SKU_NOT_HELD, StockChange.NONE, null));
    }

    @Test
    void consumption_shouldLeaveTheHold_whenUnknownElsewhereOrNotActive() {
        Reservation hold = active(held("A", 2));
        Movement here = Events.sale("till-1", T0, WEB, "A", 1, "chk-1");
        Movement elsewhere = Events.sale("till-2", T0, "store-12", "A", 1, "chk-1");
        Reservation released = hold.finish(ReservationStatus.RELEASED, T0);

        assertThat(HoldRules.consumption((Reservation) null, here, T0))
                .isEqualTo(new HoldRules.Consumption(OutcomeReason.RESERVATION_UNKNOWN, StockChange.NONE, null));
        assertThat(HoldRules.consumption(hold, elsewhere, T0))
                .isEqualTo(new HoldRules.Consumption(OutcomeReason.RESERVATION_OTHER_LOCATION, StockChange.NONE, null));
        assertThat(HoldRules.consumption(released, here, T0))
                .isEqualTo(new HoldRules.Consumption(OutcomeReason.RESERVATION_NOT_ACTIVE, StockChange.NONE, null));
    }

    @Test
    void repeats_shouldTellTheSameRequestFromAnotherUnderTheSameId() {
        Reservation hold = active(held("A", 2), held("B", 1));
        assertThat(HoldRules.repeats(hold, Events.hold("chk-1", WEB, TTL, held("B", 1), held("A", 2)))).isTrue();
        assertThat(HoldRules.repeats(hold, Events.hold("chk-1", WEB, TTL, held("A", 3), held("B", 1)))).isFalse();
    }

    @Test
    void repeated_shouldBeDuplicateForTheSameMovement_andRefusedForAnother() {
        Movement m = Events.one("e-1", ChangeType.RECEIPT, T0, WEB, "A", 5);
        Movement other = Events.one("e-1", ChangeType.RECEIPT, T0, WEB, "A", 6);
        assertThat(MovementRules.repeated(m.fingerprint(), m))
                .isEqualTo(new MovementRules.Decision(Outcome.DUPLICATE, null, StockChange.NONE));
        assertThat(MovementRules.repeated(m.fingerprint(), other))
                .isEqualTo(new MovementRules.Decision(Outcome.REJECTED, OutcomeReason.IDEMPOTENCY_KEY_REUSED,
                        StockChange.NONE));
    }

    @Test
    void fingerprints_shouldDiffer_whenFreeTextCouldHaveMovedAFieldBoundary() {
        // given: a reference and a reason that, joined with a separator, read the same
        MovementKey key = MovementKey.of("pos", "e-1", 0);
        Movement a = new Movement(key, ChangeType.ADJUSTMENT, "A", "A", WEB, 1, null, T0, "x\u001fnull", null, null, null);
        Movement b = new Movement(key, ChangeType.ADJUSTMENT, "A", "A", WEB, 1, null, T0, "x", null, null,
                "null\u001fnull");
        // then
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(Digests.fingerprint("ab", "c")).isNotEqualTo(Digests.fingerprint("a", "bc"));
        assertThat(Digests.fingerprint("a", null)).isNotEqualTo(Digests.fingerprint("a", "-"));
        assertThat(Digests.fingerprint("a", null)).isNotEqualTo(Digests.fingerprint("a", "null"));
    }

    // ------------------------------------------------------------ v1.1: ids per storefront

    private static Reservation placedBy(String storefront, String location) {
        return HoldRules.place(new ReservationRequest("chk-1", storefront, location, TTL, List.of(held("A", 1))), T0).hold();
    }

    @Test
    void named_shouldFindTheOnlyHoldAtTheSalesLocation_amongStorefrontsSharingTheId() {
        // given: two storefronts used the id chk-1, at two locations
        Reservation atStore = placedBy("shop-a", "store-1");
        Reservation atWeb = placedBy("shop-b", WEB);
        Movement saleAtStore = Events.sale("till-1", T0, "store-1", "A", 1, "chk-1");
        // when / then: a v1 sale naming the id only finds the hold where it sells
        assertThat(HoldRules.named(saleAtStore, List.of(atWeb, atStore))).isEqualTo(new HoldRules.Named(atStore, null));
    }

    @Test
    void named_shouldTouchNoHold_whenTwoOtherStorefrontsHoldTheIdAtTheSalesLocation() {
        Movement sale = Events.sale("till-1", T0, WEB, "A", 1, "chk-1");
        HoldRules.Named named = HoldRules.named(sale, List.of(placedBy("shop-a", WEB), placedBy("shop-b", WEB)));
        assertThat(named).isEqualTo(new HoldRules.Named(null, OutcomeReason.RESERVATION_AMBIGUOUS));
        assertThat(HoldRules.consumption(named, sale, T0)).isEqualTo(
                new HoldRules.Consumption(OutcomeReason.RESERVATION_AMBIGUOUS, StockChange.NONE, null));
    }

    @Test
    void named_shouldPreferTheSellersOwnHold_whenItBothReservesAndSells() {
        Reservation own = placedBy(Events.SOURCE, WEB);
        Movement sale = Events.sale("till-1", T0, WEB, "A", 1, "chk-1");
        assertThat(HoldRules.named(sale, List.of(placedBy("shop-b", WEB), own))).isEqualTo(new HoldRules.Named(own, null));
    }

    @Test
    void named_shouldAnswerAHoldElsewhere_soTheSaleSaysOtherLocation_andUnknownWhenThereIsNone() {
        // given: store-2's till sells at store-2 naming a hold placed at store-1
        Reservation atStore1 = placedBy("shop-a", "store-1");
        Movement saleAtStore2 = Events.sale("till-2", T0, "store-2", "A", 1, "chk-1");
        // when
        HoldRules.Named named = HoldRules.named(saleAtStore2, List.of(atStore1));
        // then: the hold at store-1 is not consumed
        assertThat(HoldRules.consumption(named, saleAtStore2, T0)).isEqualTo(
                new HoldRules.Consumption(OutcomeReason.RESERVATION_OTHER_LOCATION, StockChange.NONE, null));
        assertThat(HoldRules.named(saleAtStore2, List.of())).isEqualTo(
                new HoldRules.Named(null, OutcomeReason.RESERVATION_UNKNOWN));
    }
}
