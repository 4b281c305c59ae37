package io.inventorysync.reconcile;

import io.inventorysync.store.DriftRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The report keeps the 1,000 largest differences, largest first, whatever the order they are read in. */
class ReconcilerReportTest {

    @Test
    void top_shouldKeepTheThousandLargestDifferences_largestFirst_tiesByPartAndLine() {
        List<DriftRecord> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long difference = (i % 2 == 0 ? 1 : -1) * (long) (i / 3);
            all.add(new DriftRecord(1 + i / 1000, i % 1000, "S-" + i, "dc-1", difference, 0, false, null));
        }
        Collections.shuffle(all, new Random(3));
        List<DriftRecord> top = Reconciler.top(all.stream());
        assertThat(top).hasSize(Reconciler.REPORT_LINES);
        assertThat(top).isSortedAccordingTo(Reconciler.REPORT_ORDER);
        long smallestKept = Math.abs(top.getLast().difference());
        assertThat(all).filteredOn(d -> Math.abs(d.difference()) > smallestKept).allMatch(top::contains);
        assertThat(Math.abs(top.getFirst().difference())).isEqualTo(4_999 / 3);
        assertThat(Reconciler.top(all.subList(0, 3).stream())).hasSize(3);
    }
}
