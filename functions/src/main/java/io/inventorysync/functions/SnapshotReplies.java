package io.inventorysync.functions;

import io.inventorysync.http.HttpReply;
import io.inventorysync.reconcile.SnapshotResult;
import io.inventorysync.store.DriftRecord;
import io.inventorysync.store.SnapshotState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP answers of the snapshot routes ({@code /v1/sources/{sourceId}/snapshots...}), one per result. */
final class SnapshotReplies {
    private SnapshotReplies() {
    }

    static HttpReply of(SnapshotResult result) {
        return switch (result) {
            case SnapshotResult.Accepted accepted -> HttpReply.json(202, receipt(accepted.state()));
            case SnapshotResult.Report report -> HttpReply.json(200, report(report.state()));
            case SnapshotResult.TooLarge tooLarge -> HttpReply.problem(413, tooLarge.code(), "Payload too large",
                    "The body is " + tooLarge.bytes() + " bytes; a snapshot part may have at most " + tooLarge.limit()
                            + " (1,000 lines).");
            case SnapshotResult.RequestRefused refused -> SignedRequestReplies.of(refused.refusal(),
                    "Send the snapshot part as application/json.");
            case SnapshotResult.InvalidSnapshot invalid -> HttpReply.problem(400, invalid.code(), "Invalid snapshot",
                    invalid.problems().getFirst().toString(), invalid.problems());
            case SnapshotResult.OutOfScope outOfScope -> HttpReply.problem(403, outOfScope.code(), "Out of scope",
                    outOfScope.problems().getFirst().toString(), outOfScope.problems());
            case SnapshotResult.ChannelNotFound notFound -> HttpReply.problem(404, notFound.code(), "Channel not found",
                    "No channel called " + notFound.channel() + " has an availability pool.",
                    List.of(new io.inventorysync.domain.Problem("channel", "no channel called " + notFound.channel()
                            + " has an availability pool")));
            case SnapshotResult.KeyReused reused -> HttpReply.problem(409, reused.code(), "Part already sent",
                    "Part " + reused.part() + " of snapshot " + reused.snapshotId()
                            + " was already sent with another body; send a new snapshotId.");
            case SnapshotResult.Mismatch mismatch -> HttpReply.problem(409, mismatch.code(), "Snapshot mismatch",
                    "Every part of snapshot " + mismatch.snapshotId() + " must repeat the first part's asOf, measure, "
                            + "mode, channel and parts; this one differs in " + String.join(", ", mismatch.fields()) + ".",
                    List.of(), Map.of("fields", mismatch.fields()));
            case SnapshotResult.QueueUnavailable unavailable -> HttpReply.problem(503, unavailable.code(),
                    "Try again later", "The part is stored but reconciliation could not be started; send the same part again.");
            case SnapshotResult.NotFound notFound -> HttpReply.problem(404, notFound.code(), "Snapshot not found",
                    "Source " + notFound.sourceId() + " has sent no snapshot " + notFound.snapshotId() + ".");
        };
    }

    private static Map<String, Object> receipt(SnapshotState s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("snapshotId", s.snapshotId());
        body.put("status", s.status().name());
        body.put("partsReceived", s.partsReceived().size());
        body.put("parts", s.parts());
        return body;
    }

    /** The report (contract v1.1): counters so far, and once DONE the drift lines, largest |difference| first. */
    private static Map<String, Object> report(SnapshotState s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("snapshotId", s.snapshotId());
        body.put("status", s.status().name());
        body.put("asOf", s.asOf().toString());
        body.put("measure", s.measure().name());
        if (s.channel() != null) {
            body.put("channel", s.channel());
        }
        body.put("mode", s.mode().name());
        body.put("parts", s.parts());
        body.put("partsReceived", s.partsReceived().size());
        body.put("linesCompared", s.counters().compared());
        body.put("linesDrifted", s.counters().drifted());
        body.put("linesCorrected", s.counters().corrected());
        body.put("linesSkipped", s.counters().skipped());
        body.put("driftThreshold", s.threshold());
        if (!s.completeFor().isEmpty()) {
            body.put("completeFor", s.completeFor());
        }
        body.put("drift", s.drift().stream().map(SnapshotReplies::drift).toList());
        body.put("completedAt", s.completedAt() == null ? null : s.completedAt().toString());
        return body;
    }

    private static Map<String, Object> drift(DriftRecord d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", d.sku());
        body.put("locationId", d.locationId());
        body.put("reported", d.reported());
        body.put("master", d.master());
        body.put("difference", d.difference());
        body.put("corrected", d.corrected());
        return body;
    }
}
