package io.inventorysync.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The formula of contract v1.1 and which of two computations of one (channel, sku) is newer. */
class ChannelAvailabilityRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    /** The contract's example: web-dc and every store, 1 held back everywhere but 3 at store-12. */
    private static final AvailabilityPool POOL =
            new AvailabilityPool(List.of("web-dc", "store-*"), 1, Map.of("store-12", 3L));

    @Test
    void available_shouldSumEachPoolLocationAfterItsBuffer_whenTheContractsExampleIsGiven() {
        // given: web-dc 7 available, store-12 5, store-14 2 (1 reserved of 3), outlet-1 outside the pool
        List<StockLevel> levels = List.of(level("web-dc", 7, 0, 0, 1), level("store-12", 5, 0, 0, 1),
                level("store-14", 3, 1, 0, 1), level("outlet-1", 50, 0, 0, 1));

        // when
        List<ChannelAvailability.LocationShare> shares = ChannelAvailabilityRules.shares(POOL, levels);

        // then: (7-1) + (5-3) + (2-1) = 9; outlet-1 is not in the pool
        assertThat(ChannelAvailabilityRules.available(POOL, levels)).isEqualTo(9);
        assertThat(shares).extracting(ChannelAvailability.LocationShare::locationId)
                .containsExactly("store-12", "store-14", "web-dc");
        assertThat(shares).extracting(ChannelAvailability.LocationShare::available).containsExactly(2L, 1L, 6L);
    }

    @Test
    void available_shouldNeverGoBelowZero_whenABufferIsLargerThanWhatIsThere() {
        // given: store-12 holds back 3 and has 2; web-dc holds back 1 and has 1
        List<StockLevel> levels = List.of(level("store-12", 2, 0, 0, 1), level("web-dc", 1, 0, 0, 1));

        // then: neither takes anything from the other
        assertThat(ChannelAvailabilityRules.available(POOL, levels)).isZero();
        assertThat(ChannelAvailabilityRules.available(POOL,
                List.of(level("store-12", 2, 0, 0, 1), level("web-dc", 5, 0, 0, 1)))).isEqualTo(4);
    }

    @Test
    void available_shouldCountAnOversoldLocationAsZero_whenItsOnHandIsNegative() {
        // given: store-14 sold 6 more than it had; web-dc has 4
        List<StockLevel> levels = List.of(level("store-14", -6, 0, 0, 3), level("web-dc", 4, 0, 0, 1));

        // then: 0 + (4-1), the oversold store does not eat web-dc's units
        assertThat(ChannelAvailabilityRules.available(POOL, levels)).isEqualTo(3);
    }

    @Test
    void available_shouldLeaveCommittedAndReservedOut_whenUnitsAreHeldOrOrdered() {
        // given: web-dc 10 on hand, 2 reserved, 3 committed
        List<StockLevel> levels = List.of(level("web-dc", 10, 2, 3, 4));

        // then: 10 - 2 - 3 - 1
        assertThat(ChannelAvailabilityRules.available(POOL, levels)).isEqualTo(4);
    }

    @Test
    void decide_shouldStoreVersionOne_whenTheFirstNumberIsAboveZero() {
        // when
        var decision = ChannelAvailabilityRules.decide(null, "web", "BLU", POOL, List.of(level("web-dc", 5, 0, 0, 1)), T0);

        // then
        assertThat(decision).isInstanceOfSatisfying(ChannelAvailabilityRules.Decision.Store.class, s -> {
            assertThat(s.numberChanged()).isTrue();
            assertThat(s.next().available()).isEqualTo(4);
            assertThat(s.next().version()).isEqualTo(1);
            assertThat(s.next().previous()).isEqualTo(new ChannelAvailability.Previous(0, 0));
            assertThat(s.next().poolDigest()).isEqualTo(POOL.digest());
        });
    }

    @Test
    void decide_shouldKeepVersionZeroAndStaySilent_whenTheFirstNumberIsZero() {
        // when: 1 unit, held back
        var decision = ChannelAvailabilityRules.decide(null, "web", "BLU", POOL, List.of(level("web-dc", 1, 0, 0, 1)), T0);

        // then: the basis is worth storing, but the number did not change from "never seen" (0, version 0)
        assertThat(decision).isInstanceOfSatisfying(ChannelAvailabilityRules.Decision.Store.class, s -> {
            assertThat(s.numberChanged()).isFalse();
            assertThat(s.next().version()).isZero();
            assertThat(s.next().previous()).isNull();
        });
    }

    @Test
    void decide_shouldStoreTheBasisButKeepTheVersion_whenLevelsMovedAndTheNumberDidNot() {
        // given: 4 from web-dc v1
        ChannelAvailability stored = stored(List.of(level("web-dc", 5, 0, 0, 1)));

        // when: web-dc v2 moved units between damaged and on hand elsewhere... same available
        var decision = ChannelAvailabilityRules.decide(stored, "web", "BLU", POOL, List.of(level("web-dc", 5, 0, 0, 2)), T0);

        // then
        assertThat(decision).isInstanceOfSatisfying(ChannelAvailabilityRules.Decision.Store.class, s -> {
            assertThat(s.numberChanged()).isFalse();
            assertThat(s.next().version()).isEqualTo(stored.version());
            assertThat(s.next().previous()).isEqualTo(stored.previous()).isNotNull();
            assertThat(s.next().locations().getFirst().levelVersion()).isEqualTo(2);
        });
    }

    @Test
    void decide_shouldKeepTheStoredOne_whenThisComputationReadOlderLevels() {
        // given: stored from web-dc v5, store-12 v3
        ChannelAvailability stored = stored(List.of(level("web-dc", 9, 0, 0, 5), level("store-12", 9, 0, 0, 3)));

        // when: a late computation read web-dc v4 (and the same store-12)
        var late = ChannelAvailabilityRules.decide(stored, "web", "BLU", POOL,
                List.of(level("web-dc", 2, 0, 0, 4), level("store-12", 9, 0, 0, 3)), T0);
        var same = ChannelAvailabilityRules.decide(stored, "web", "BLU", POOL,
                List.of(level("web-dc", 9, 0, 0, 5), level("store-12", 9, 0, 0, 3)), T0);
        var missingLocation = ChannelAvailabilityRules.decide(stored, "web", "BLU", POOL,
                List.of(level("web-dc", 9, 0, 0, 5)), T0);

        // then: never backwards
        assertThat(late).isInstanceOf(ChannelAvailabilityRules.Decision.Keep.class);
        assertThat(same).isInstanceOf(ChannelAvailabilityRules.Decision.Keep.class);
        assertThat(missingLocation).isInstanceOf(ChannelAvailabilityRules.Decision.Keep.class);
    }

    @Test
    void decide_shouldReadAgain_whenEachComputationHasANewerLevelSomewhere() {
        // given: stored from web-dc v5, store-12 v3
        ChannelAvailability stored = stored(List.of(level("web-dc", 9, 0, 0, 5), level("store-12", 9, 0, 0, 3)));

        // when: this one read web-dc v4 but store-12 v4
        var decision = ChannelAvailabilityRules.decide(stored, "web", "BLU", POOL,
                List.of(level("web-dc", 2, 0, 0, 4), level("store-12", 8, 0, 0, 4)), T0);

        // then
        assertThat(decision).isInstanceOf(ChannelAvailabilityRules.Decision.ReadAgain.class);
    }

    @Test
    void decide_shouldReplaceWhateverTheVersions_whenThePoolChanged() {
        // given: stored under the pool, from web-dc v5
        ChannelAvailability stored = stored(List.of(level("web-dc", 9, 0, 0, 5)));
        AvailabilityPool larger = new AvailabilityPool(List.of("web-dc", "store-*"), 2, Map.of("store-12", 3L));

        // when: the same levels under a larger buffer
        var decision = ChannelAvailabilityRules.decide(stored, "web", "BLU", larger, List.of(level("web-dc", 9, 0, 0, 5)), T0);

        // then: 9 - 2 = 7, one version later
        assertThat(decision).isInstanceOfSatisfying(ChannelAvailabilityRules.Decision.Store.class, s -> {
            assertThat(s.numberChanged()).isTrue();
            assertThat(s.next().available()).isEqualTo(7);
            assertThat(s.next().version()).isEqualTo(stored.version() + 1);
            assertThat(s.next().poolDigest()).isEqualTo(larger.digest()).isNotEqualTo(POOL.digest());
        });
    }

    @Test
    void covers_shouldEndAComputation_onlyWhenTheStoredNumberCountsItsLevelsUnderThePool() {
        // given: stored from web-dc v5, store-12 v3
        ChannelAvailability stored = stored(List.of(level("web-dc", 9, 0, 0, 5), level("store-12", 9, 0, 0, 3)));

        // then: a computation for web-dc v5 (or older) is done; for web-dc v6 or store-14 v1 it is not
        assertThat(ChannelAvailabilityRules.covers(stored, POOL, Map.of("web-dc", 5L))).isTrue();
        assertThat(ChannelAvailabilityRules.covers(stored, POOL, Map.of("web-dc", 4L, "store-12", 3L))).isTrue();
        assertThat(ChannelAvailabilityRules.covers(stored, POOL, Map.of("web-dc", 6L))).isFalse();
        assertThat(ChannelAvailabilityRules.covers(stored, POOL, Map.of("store-14", 1L))).isFalse();
        // a location outside the pool never holds it back; another pool never covers
        assertThat(ChannelAvailabilityRules.covers(stored, POOL, Map.of("outlet-1", 9L))).isTrue();
        assertThat(ChannelAvailabilityRules.covers(stored,
                new AvailabilityPool(List.of("web-dc"), 0, Map.of()), Map.of("web-dc", 1L))).isFalse();
    }

    @Test
    void digest_shouldIgnoreOrder_whenTheSamePoolIsWrittenDifferently() {
        AvailabilityPool reordered = new AvailabilityPool(List.of("store-*", "web-dc"), 1, Map.of("store-12", 3L));
        assertThat(reordered.digest()).isEqualTo(POOL.digest());
        assertThat(new AvailabilityPool(List.of("store-*", "web-dc"), 1, Map.of("store-12", 4L)).digest())
                .isNotEqualTo(POOL.digest());
    }

    private static ChannelAvailability stored(List<StockLevel> levels) {
        var decision = (ChannelAvailabilityRules.Decision.Store) ChannelAvailabilityRules.decide(
                null, "web", "BLU", POOL, levels, T0);
        return decision.next();
    }

    private static StockLevel level(String locationId, long onHand, long reserved, long committed, long version) {
        return new StockLevel("BLU", locationId, onHand, reserved, 0, 0, version, null, T0, null, committed, 0);
    }
}
