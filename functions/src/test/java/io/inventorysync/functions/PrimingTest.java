package io.inventorysync.functions;

import io.inventorysync.retry.JitteredBackoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Priming runs the hot paths offline, without any client or environment, and re-seeds after a restore. */
class PrimingTest {

    @Test
    void beforeCheckpoint_shouldRunTheHotPathsWithoutNetworkOrSettings() throws Exception {
        // when
        Priming.INSTANCE.beforeCheckpoint(null);
        // then
        assertThat(Priming.prime()).isPositive();
    }

    @Test
    void afterRestore_shouldReseedTheRetryJitter_soRestoredEnvironmentsDoNotRetryInLockstep() {
        // given: two environments restored from one snapshot start from the same random state
        JitteredBackoff backoff = new JitteredBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        JitteredBackoff.reseed(42);
        List<Long> withoutReseed = draws(backoff);
        JitteredBackoff.reseed(42);
        // when
        Priming.INSTANCE.afterRestore(null);
        // then
        assertThat(draws(backoff)).isNotEqualTo(withoutReseed);
    }

    private static List<Long> draws(JitteredBackoff backoff) {
        return IntStream.rangeClosed(1, 8).mapToObj(backoff::waitMillis).toList();
    }
}
