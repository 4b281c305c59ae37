package io.inventorysync.functions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Priming runs the hot paths offline, without any client or environment. */
class PrimingTest {

    @Test
    void beforeCheckpoint_shouldRunTheHotPathsWithoutNetworkOrSettings() throws Exception {
        // when
        Priming.INSTANCE.beforeCheckpoint(null);
        // then
        assertThat(Priming.prime()).isPositive();
    }
}
