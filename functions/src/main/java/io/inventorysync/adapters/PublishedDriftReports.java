package io.inventorysync.adapters;

import io.inventorysync.outbox.DriftDetectedDetail;
import io.inventorysync.store.ObservedDrifts;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes an observed drift the way reconciliation does: a drift record written once under the
 * observation's id, whose insertion the outbox (the table's stream) turns into one
 * {@code DriftDetected}. Nothing here calls EventBridge, and a retry of the same observation finds
 * the record and publishes nothing more.
 */
public final class PublishedDriftReports implements DriftReports {
    private static final Logger LOG = LogManager.getLogger(PublishedDriftReports.class);

    private final ObservedDrifts store;
    private final Clock clock;

    public PublishedDriftReports(ObservedDrifts store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public boolean report(Drift drift) {
        boolean raised = store.recordObservedDrift(drift.id(), detail(drift));
        LOG.warn("drift {}: reported by {} channel {} sku {} reported {} master {} difference {}{}", drift.id(),
                drift.reportedBy(), drift.channel(), drift.sku(), drift.reported(), drift.master(), drift.difference(),
                raised ? "" : " (already raised)");
        return raised;
    }

    /**
     * The {@code DriftDetected} detail: the v1 schema (its {@code locationId} names the channel, as
     * reconciliation's {@code CHANNEL_AVAILABLE} lines do; no ledger entries explain a channel's number),
     * plus v1.1's {@code measure} and {@code corrected}, the {@code channel} and the observation's id.
     */
    String detail(Drift d) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("observedAt", d.observedAt().toString());
        extra.put("driftId", d.id());
        return new DriftDetectedDetail(d.sku(), "channel:" + d.channel(), d.channel(), d.reportedBy(), d.reported(),
                d.master(), d.master(), d.masterVersion(), d.threshold(), List.of(), d.measure(), false)
                .json(clock.instant(), extra);
    }
}
