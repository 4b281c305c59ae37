package io.inventorysync.adapters;

import io.inventorysync.domain.SnapshotRules;

import java.time.Instant;

/**
 * Where a shop's own number that differs from what this product pushed there is reported (contract
 * v1.1, "Vendor adapters": the echo rule, and the connector still stale after its tries). Deployed,
 * {@link PublishedDriftReports} writes it once as a drift record, which the outbox publishes as
 * {@code DriftDetected} with measure {@code CHANNEL_AVAILABLE}, as reconciliation does.
 */
public interface DriftReports {

    /**
     * One observed difference beyond the threshold ({@link SnapshotRules#drifts}: a difference within it cannot be made).
     *
     * @param id            derived from what was observed (the vendor's object, or the push), so the same
     *                      observation reported again (a vendor's retry, a redelivered message) is raised once
     * @param reportedBy    the source whose delivery showed it, or the channel whose connector found it
     * @param channel       the channel whose number was pushed there
     * @param measure       {@code CHANNEL_AVAILABLE}
     * @param reported      the shop's number
     * @param master        what this product pushed there last (the echo), or wants there (the connector)
     * @param masterVersion the channel availability version of {@code master}
     * @param threshold     the difference tolerated without drift
     */
    record Drift(String id, String reportedBy, String channel, String sku, String measure, long reported, long master,
                 long masterVersion, long threshold, Instant observedAt) {
        /** A difference within its threshold (0 included) is no drift: never one to publish. */
        public Drift {
            if (!SnapshotRules.drifts(reported, master, threshold)) {
                throw new IllegalArgumentException("no drift: " + reported + " against " + master + " within "
                        + threshold);
            }
        }

        public long difference() {
            return reported - master;
        }
    }

    /** @return true when this report raised it; false when the same observation was already reported */
    boolean report(Drift drift);
}
