package io.inventorysync.adapters;

import io.inventorysync.http.Json;
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
        Map<String, Object> master = new LinkedHashMap<>();
        master.put("onHand", d.master());
        master.put("available", Math.max(0, d.master()));
        master.put("version", d.masterVersion());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("schemaVersion", "1");
        detail.put("sku", d.sku());
        detail.put("locationId", "channel:" + d.channel());
        detail.put("channel", d.channel());
        detail.put("reportedBy", d.reportedBy());
        detail.put("reported", d.reported());
        detail.put("master", master);
        detail.put("difference", d.difference());
        detail.put("threshold", d.threshold());
        detail.put("recentLedger", List.of());
        detail.put("detectedAt", clock.instant().toString());
        detail.put("observedAt", d.observedAt().toString());
        detail.put("measure", d.measure());
        detail.put("corrected", false);
        detail.put("driftId", d.id());
        return Json.write(detail);
    }
}
