package io.inventorysync.outbox;

import io.inventorysync.http.JsonText;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code DriftDetected} detail, written in one place for every producer of drift (the
 * reconciler's lines and phantom stock, the vendor adapters' echo, the Shopify connector): the v1
 * schema plus v1.1's {@code measure} and {@code corrected}. A producer adds its own members
 * ({@code snapshotId} and {@code asOf}; {@code observedAt} and {@code driftId}) through {@code extra}.
 * The detail is stored on the drift record; the outbox publishes it as it is.
 *
 * @param locationId   the location, or {@code channel:{name}} for a channel's number
 * @param channel      the channel whose number drifted, or null for a location's stock
 * @param reported     what the reporter counted
 * @param masterOnHand what the master holds (a channel's number for {@code CHANNEL_AVAILABLE})
 * @param recentLedger the record's latest ledger entries (empty for a channel's number)
 */
public record DriftDetectedDetail(String sku, String locationId, String channel, String reportedBy, long reported,
                                  long masterOnHand, long masterAvailable, long masterVersion, long threshold,
                                  List<Map<String, Object>> recentLedger, String measure, boolean corrected) {

    /** @return the detail as JSON: the common members, then {@code extra}, then measure and corrected */
    public String json(Instant detectedAt, Map<String, Object> extra) {
        Map<String, Object> master = new LinkedHashMap<>();
        master.put("onHand", masterOnHand);
        master.put("available", Math.max(0, masterAvailable));
        master.put("version", masterVersion);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("schemaVersion", "1");
        detail.put("sku", sku);
        detail.put("locationId", locationId);
        if (channel != null) {
            detail.put("channel", channel);
        }
        detail.put("reportedBy", reportedBy);
        detail.put("reported", reported);
        detail.put("master", master);
        detail.put("difference", reported - masterOnHand);
        detail.put("threshold", threshold);
        detail.put("recentLedger", recentLedger);
        detail.put("detectedAt", detectedAt.toString());
        detail.putAll(extra);
        detail.put("measure", measure);
        detail.put("corrected", corrected);
        return JsonText.write(detail);
    }
}
