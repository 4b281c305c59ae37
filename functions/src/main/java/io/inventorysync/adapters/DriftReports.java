package io.inventorysync.adapters;

import java.time.Instant;

/**
 * Where a vendor's own number that differs from what this product pushed is reported: the port
 * through which reconciliation (issue 14) publishes {@code DriftDetected}.
 */
public interface DriftReports {

    /**
     * A line whose reported number differs from the master's beyond the source's threshold.
     *
     * @param measure  {@code CHANNEL_AVAILABLE} for a shop's number of a channel's availability
     * @param reported what the vendor says
     * @param master   what this product pushed there last
     */
    record Drift(String sourceId, String channel, String sku, String measure, long reported, long master,
                 Instant observedAt) {
        public long difference() {
            return reported - master;
        }
    }

    void report(Drift drift);
}
