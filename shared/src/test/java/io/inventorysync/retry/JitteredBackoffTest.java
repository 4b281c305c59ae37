package io.inventorysync.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class JitteredBackoffTest {
    private final JitteredBackoff backoff = new JitteredBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void waitMillis_shouldStayWithinTheCeiling_whichDoublesUpToTheCap() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(3)).isEqualTo(400);
        assertThat(backoff.ceilingMillis(30)).isEqualTo(2_000);
        IntStream.rangeClosed(1, 1_000).forEach(i ->
                assertThat(backoff.waitMillis(1 + i % 8)).isBetween(0L, backoff.ceilingMillis(1 + i % 8)));
    }

    @Test
    void reseed_shouldGiveEqualWaitsForEqualSeeds_andFreshWaitsForFreshEntropy() {
        // given: the same state, as in every environment restored from one snapshot
        JitteredBackoff.reseed(7);
        List<Long> first = draws();
        JitteredBackoff.reseed(7);
        assertThat(draws()).isEqualTo(first);
        // when
        JitteredBackoff.reseed();
        // then
        assertThat(draws()).isNotEqualTo(first);
    }

    private List<Long> draws() {
        return IntStream.rangeClosed(1, 8).mapToObj(i -> backoff.waitMillis(5)).toList();
    }
}
