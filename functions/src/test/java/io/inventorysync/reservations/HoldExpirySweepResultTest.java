package io.inventorysync.reservations;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's {@link HoldExpirySweep.Result} writes its toString out (cold start, README issue 16,
 * eighth round; it is the sweeper's log line): the generated record's text, checked against a record of
 * the same components whose toString is generated.
 */
class HoldExpirySweepResultTest {
    private record Generated(int expired, int alreadySettled, int failed, boolean drained) {
    }

    @Test
    void toString_shouldBeTheRecordsText() {
        int[][] values = {{0, 0, 0}, {3, 1, 2}, {Integer.MAX_VALUE, -1, Integer.MIN_VALUE}};
        for (int[] v : values) {
            for (boolean drained : new boolean[] {true, false}) {
                assertThat(new HoldExpirySweep.Result(v[0], v[1], v[2], drained).toString())
                        .isEqualTo(new Generated(v[0], v[1], v[2], drained).toString().replace("Generated[", "Result["));
            }
        }
        assertThat(new HoldExpirySweep.Result(1, 2, 3, true)).isEqualTo(new HoldExpirySweep.Result(1, 2, 3, true));
    }

    /** A component added to the record would be left out of the written-out text: the twin must have the same ones. */
    @Test
    void components_shouldBeTheTwinsOnes() {
        assertThat(describe(HoldExpirySweep.Result.class.getRecordComponents()))
                .isEqualTo(describe(Generated.class.getRecordComponents()));
    }

    private static String describe(RecordComponent[] components) {
        return Arrays.stream(components).map(c -> c.getType().getName() + " " + c.getName()).toList().toString();
    }
}
