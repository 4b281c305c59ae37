package io.inventorysync.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What a source may touch ({@link SourceScope}): every location and type out of scope, named by its path. */
class SourceScopeTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Source V1 = new Source("pos-1", "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
    private static final Source STORE_1 = V1.withLocations(List.of("store-1*"));

    private static InventoryEvent event(ChangeType type, String locationId, String to, String from) {
        return new InventoryEvent("e-1", type, T0, locationId, List.of(new EventLine("A", 1)), null, null, to, from,
                type == ChangeType.ADJUSTMENT ? "why" : null);
    }

    @Test
    void outOfScope_shouldFindNothing_forAV1SourceWhoseScopeIsEverything() {
        assertThat(SourceScope.of(V1).outOfScope(List.of(event(ChangeType.COUNT, "web-dc", null, null),
                event(ChangeType.TRANSFER_OUT, "store-9", "anywhere", null)), true)).isEmpty();
        assertThat(V1.canReserve()).isFalse();
        assertThat(V1.eventTypes()).isEqualTo(Source.ALL_EVENT_TYPES).doesNotContain(ChangeType.RESERVATION_CREATED);
        assertThat(V1.driftThreshold()).isEqualTo(1);
    }

    @Test
    void coversLocation_shouldMatchIdsExactly_andPrefixesByTheirStem() {
        SourceScope scope = SourceScope.of(V1.withLocations(List.of("store-1*", "web-dc")));
        assertThat(scope.coversLocation("store-1")).isTrue();
        assertThat(scope.coversLocation("store-12")).isTrue();
        assertThat(scope.coversLocation("store-2")).isFalse();
        assertThat(scope.coversLocation("web-dc")).isTrue();
        assertThat(scope.coversLocation("web-dc2")).isFalse();
        assertThat(scope.coversLocation("WEB-DC")).isFalse();
    }

    @Test
    void outOfScope_shouldNameEveryPath_inABatch() {
        // given: a till scoped to store-1* that may post sales and counts only
        SourceScope scope = SourceScope.of(STORE_1.withEventTypes(Set.of(ChangeType.SALE, ChangeType.COUNT)));
        List<InventoryEvent> events = List.of(
                event(ChangeType.SALE, "store-1", null, null),
                event(ChangeType.COUNT, "web-dc", null, null),
                event(ChangeType.RECEIPT, "store-1", null, null),
                event(ChangeType.TRANSFER_OUT, "store-2", "store-3", null));
        // when
        List<Problem> problems = scope.outOfScope(events, true);
        // then
        assertThat(problems).extracting(Problem::path).containsExactly(
                "events[1].locationId", "events[2].type", "events[3].type", "events[3].locationId",
                "events[3].toLocationId");
    }

    @Test
    void outOfScope_shouldCheckBothEndsOfADeparture_andOnlyTheArrivalsOwnEnd() {
        SourceScope scope = SourceScope.of(STORE_1);
        // a departure writes the destination's inTransit: both ends
        assertThat(scope.outOfScope(event(ChangeType.TRANSFER_OUT, "store-1", "store-2", null), ""))
                .extracting(Problem::path).containsExactly("toLocationId");
        // an arrival (or a closed transfer) only names where units came from
        assertThat(scope.outOfScope(event(ChangeType.TRANSFER_IN, "store-1", null, "web-dc"), "")).isEmpty();
        assertThat(scope.outOfScope(event(ChangeType.TRANSFER_CLOSE, "store-1", null, "web-dc"), "")).isEmpty();
        assertThat(scope.outOfScope(event(ChangeType.TRANSFER_IN, "store-2", null, "store-1"), ""))
                .extracting(Problem::path).containsExactly("locationId");
    }

    @Test
    void outOfScope_ofAHold_shouldNeedCanReserve_andItsLocationInScope() {
        ReservationRequest atWeb = new ReservationRequest("chk-1", "pos-1", "web-dc", 900,
                List.of(new ReservationLine("A", 1)));
        assertThat(SourceScope.of(STORE_1).outOfScope(atWeb)).extracting(Problem::path, p -> p.message().contains("canReserve"))
                .containsExactly(tuple("", true), tuple("locationId", false));
        assertThat(SourceScope.of(V1.withCanReserve(true)).outOfScope(atWeb)).isEmpty();
        assertThat(SourceScope.of(V1.withCanReserve(true)).reservingRefused()).isEmpty();
        assertThat(SourceScope.of(V1).reservingRefused()).hasSize(1);
    }

    @Test
    void holdStepRefused_shouldStopSellingOutsideTheScopeNow_butAlwaysLetTheOwnerGiveBack() {
        // given: a web shop's hold at web-dc, placed while its scope was everything
        Reservation atWeb = Reservation.activate(new ReservationRequest("chk-1", "shop", "web-dc", 900,
                List.of(new ReservationLine("A", 1))), T0);
        Source shop = new Source("shop", "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(true);
        Source narrowed = shop.withLocations(List.of("store-*"));
        Source withdrawn = shop.withCanReserve(false);
        Optional<Reservation> hold = Optional.of(atWeb);

        // then: as placed, every step goes
        for (HoldStep step : HoldStep.values()) {
            assertThat(SourceScope.of(shop).holdStepRefused(hold, step)).as(step.name()).isEmpty();
        }
        // narrowed: commit and fulfil would move stock outside the scope; release and cancel give it back
        assertThat(SourceScope.of(narrowed).holdStepRefused(hold, HoldStep.COMMIT)).extracting(Problem::path)
                .containsExactly("locationId");
        assertThat(SourceScope.of(narrowed).holdStepRefused(hold, HoldStep.FULFIL)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("web-dc").contains("fulfil"));
        assertThat(SourceScope.of(narrowed).holdStepRefused(hold, HoldStep.RELEASE)).isEmpty();
        assertThat(SourceScope.of(narrowed).holdStepRefused(hold, HoldStep.CANCEL)).isEmpty();
        // canReserve withdrawn: the same, and the refusal says why
        assertThat(SourceScope.of(withdrawn).holdStepRefused(hold, HoldStep.COMMIT)).extracting(Problem::path,
                p -> p.message().contains("canReserve")).containsExactly(tuple("", true));
        assertThat(SourceScope.of(withdrawn.withLocations(List.of("store-*"))).holdStepRefused(hold, HoldStep.FULFIL))
                .hasSize(2);
        assertThat(SourceScope.of(withdrawn).holdStepRefused(hold, HoldStep.RELEASE)).isEmpty();
        assertThat(SourceScope.of(withdrawn).holdStepRefused(hold, HoldStep.CANCEL)).isEmpty();
        // no such hold: a source that may not reserve is told so; a storefront is refused nothing (404)
        for (HoldStep step : HoldStep.values()) {
            assertThat(SourceScope.of(withdrawn).holdStepRefused(Optional.empty(), step)).hasSize(1);
            assertThat(SourceScope.of(narrowed).holdStepRefused(Optional.empty(), step)).isEmpty();
        }
    }

    @Test
    void holdStepRefused_shouldLetARepeatOfAStepAlreadyDoneThrough_butCheckEveryStepThatWouldChangeSomething() {
        // given: the shop's hold at web-dc committed deferred and partly fulfilled under f-1, then the
        // shop narrowed to its stores and no longer a storefront
        Reservation committed = Reservation.activate(new ReservationRequest("chk-1", "shop", "web-dc", 900,
                List.of(new ReservationLine("A", 2))), T0).commit(Fulfilment.DEFERRED, T0);
        Reservation fulfilled = committed.fulfilled(List.of(committed.lines().getFirst().fulfil(1)), "f-1", "fp", T0);
        Source narrowed = new Source("shop", "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH)
                .withLocations(List.of("store-*"));
        SourceScope scope = SourceScope.of(narrowed);
        Optional<Reservation> hold = Optional.of(fulfilled);

        // then: the commit and the fulfilment f-1 were done: their repeats change nothing and go through
        assertThat(HoldRules.commitDone(fulfilled)).isTrue();
        assertThat(HoldRules.fulfilmentDone(fulfilled, "f-1")).isTrue();
        assertThat(scope.holdStepRefused(hold, HoldStep.COMMIT, HoldRules.commitDone(fulfilled))).isEmpty();
        assertThat(scope.holdStepRefused(hold, HoldStep.FULFIL, HoldRules.fulfilmentDone(fulfilled, "f-1"))).isEmpty();
        // a new fulfilment would move stock at web-dc: refused, for the location and for canReserve
        assertThat(HoldRules.fulfilmentDone(fulfilled, "f-2")).isFalse();
        assertThat(scope.holdStepRefused(hold, HoldStep.FULFIL, HoldRules.fulfilmentDone(fulfilled, "f-2")))
                .extracting(Problem::path).containsExactly("", "locationId");
        // an active hold was never committed: its commit is checked
        Reservation active = Reservation.activate(new ReservationRequest("chk-2", "shop", "web-dc", 900,
                List.of(new ReservationLine("A", 1))), T0);
        assertThat(HoldRules.commitDone(active)).isFalse();
        assertThat(scope.holdStepRefused(Optional.of(active), HoldStep.COMMIT, false)).hasSize(2);
        // no such hold is never a repeat: a source that may not reserve is told so
        assertThat(scope.holdStepRefused(Optional.empty(), HoldStep.COMMIT, true)).hasSize(1);
    }

    @Test
    void holdReadRefused_shouldLetTheOwnerReadItsHoldWhateverItsScopeNow_andTellANonStorefrontItMayNotReserve() {
        // given
        Reservation atWeb = Reservation.activate(new ReservationRequest("chk-1", "shop", "web-dc", 900,
                List.of(new ReservationLine("A", 1))), T0);
        Source shop = new Source("shop", "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(true);
        // then: its own hold, as placed, narrowed, or no longer a storefront
        for (Source source : List.of(shop, shop.withLocations(List.of("store-*")), shop.withCanReserve(false)
                .withLocations(List.of("store-*")))) {
            assertThat(SourceScope.of(source).holdReadRefused(Optional.of(atWeb))).isEmpty();
            assertThat(SourceScope.of(source).holdReadRefused(Optional.of(atWeb.finish(ReservationStatus.EXPIRED, T0))))
                    .isEmpty();
        }
        // no such hold: a storefront is refused nothing (404); a source that may not reserve is told so (403)
        assertThat(SourceScope.of(shop.withLocations(List.of("store-*"))).holdReadRefused(Optional.empty())).isEmpty();
        assertThat(SourceScope.of(shop.withCanReserve(false)).holdReadRefused(Optional.empty()))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("canReserve"));
    }
}
