package io.inventorysync.functions;

import io.inventorysync.domain.Problem;
import io.inventorysync.domain.SnapshotPart;
import io.inventorysync.reconcile.SnapshotResult;
import io.inventorysync.store.DriftRecord;
import io.inventorysync.store.SnapshotState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.inventorysync.functions.RepliesAssertions.assertJson;
import static io.inventorysync.functions.RepliesAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotRepliesTest {
    private static final Instant AS_OF = Instant.parse("2026-11-29T02:00:00Z");

    private static SnapshotState state(SnapshotState.Status status, List<DriftRecord> drift) {
        return new SnapshotState("wms", "n-1", AS_OF, SnapshotPart.Measure.ON_HAND, null, SnapshotPart.Mode.CORRECT, 3,
                Set.of(1, 3), List.of(), 1, status, 1, 0, null, new SnapshotState.Counters(10, 1, 1, 2),
                status == SnapshotState.Status.DONE ? AS_OF.plusSeconds(3600) : null, drift);
    }

    @Test
    void of_shouldAnswer202WithPartsReceived_whenAPartIsStored() {
        var body = assertJson(SnapshotReplies.of(new SnapshotResult.Accepted(state(SnapshotState.Status.RECEIVING, List.of()))), 202);
        assertThat(body.fieldNames()).toIterable().containsExactly("snapshotId", "status", "partsReceived", "parts");
        assertThat(body.path("partsReceived").asInt()).isEqualTo(2);
        assertThat(body.path("status").asText()).isEqualTo("RECEIVING");
    }

    @Test
    void of_shouldAnswerTheReport_withEveryContractMember() {
        DriftRecord d = new DriftRecord(1, 4, "BLU", "dc-1", 3, 9, true, "{}");
        var body = assertJson(SnapshotReplies.of(new SnapshotResult.Report(state(SnapshotState.Status.DONE, List.of(d)))), 200);
        assertThat(body.fieldNames()).toIterable().contains("snapshotId", "status", "asOf", "measure", "mode", "parts",
                "partsReceived", "linesCompared", "linesDrifted", "linesCorrected", "drift", "completedAt");
        assertThat(body.path("drift").get(0).path("difference").asLong()).isEqualTo(-6);
        assertThat(body.path("drift").get(0).path("corrected").asBoolean()).isTrue();
        assertThat(body.path("completedAt").asText()).isEqualTo("2026-11-29T03:00:00Z");
    }

    @Test
    void of_shouldAnswerEachRefusalWithItsStatusAndCode() {
        assertProblem(SnapshotReplies.of(new SnapshotResult.InvalidSnapshot(List.of(new Problem("asOf", "is required")))),
                400, "INVALID_SNAPSHOT");
        assertProblem(SnapshotReplies.of(new SnapshotResult.OutOfScope(List.of(new Problem("lines[0].locationId", "x")))),
                403, "OUT_OF_SCOPE");
        assertProblem(SnapshotReplies.of(new SnapshotResult.KeyReused("n-1", 2)), 409, "IDEMPOTENCY_KEY_REUSED");
        assertThat(assertProblem(SnapshotReplies.of(new SnapshotResult.Mismatch("n-1", List.of("asOf"))), 409,
                "SNAPSHOT_MISMATCH").path("fields").get(0).asText()).isEqualTo("asOf");
        assertProblem(SnapshotReplies.of(new SnapshotResult.TooLarge(2_000_000, 1_048_576)), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(SnapshotReplies.of(new SnapshotResult.NotFound("wms", "n-9")), 404, "SNAPSHOT_NOT_FOUND");
        assertProblem(SnapshotReplies.of(new SnapshotResult.QueueUnavailable()), 503, "QUEUE_UNAVAILABLE");
        assertProblem(SnapshotReplies.of(new SnapshotResult.ChannelNotFound("marketplace")), 404, "CHANNEL_NOT_FOUND");
    }
}
