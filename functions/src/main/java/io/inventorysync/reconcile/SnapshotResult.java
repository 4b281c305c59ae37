package io.inventorysync.reconcile;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.domain.Problem;
import io.inventorysync.store.SnapshotState;

import java.util.List;

/** What became of a snapshot request: a part taken, the report, or why not. */
public sealed interface SnapshotResult {

    /** The part is stored (or was already, with the same body): {@code 202}. */
    record Accepted(SnapshotState state) implements SnapshotResult {
    }

    /** The snapshot as it stands, with its report once {@code DONE}: {@code 200}. */
    record Report(SnapshotState state) implements SnapshotResult {
    }

    /** Nothing was stored; {@code code} is the problem code. */
    sealed interface Refused extends SnapshotResult {
        String code();
    }

    record TooLarge(int bytes, int limit) implements Refused {
        @Override
        public String code() {
            return "PAYLOAD_TOO_LARGE";
        }
    }

    /** Refused before the body was read: unknown source, bad signature, not JSON. */
    record RequestRefused(SignedJsonRequest.Refused refusal) implements Refused {
        @Override
        public String code() {
            return refusal.code();
        }
    }

    record InvalidSnapshot(List<Problem> problems) implements Refused {
        public InvalidSnapshot {
            problems = List.copyOf(problems);
        }

        @Override
        public String code() {
            return "INVALID_SNAPSHOT";
        }
    }

    record OutOfScope(List<Problem> problems) implements Refused {
        public OutOfScope {
            problems = List.copyOf(problems);
        }

        @Override
        public String code() {
            return "OUT_OF_SCOPE";
        }
    }

    /** A {@code CHANNEL_AVAILABLE} snapshot of a channel without an availability pool: {@code 404}. */
    record ChannelNotFound(String channel) implements Refused {
        @Override
        public String code() {
            return "CHANNEL_NOT_FOUND";
        }
    }

    /** Another body was already sent under this {@code (snapshotId, part)}. */
    record KeyReused(String snapshotId, int part) implements Refused {
        @Override
        public String code() {
            return "IDEMPOTENCY_KEY_REUSED";
        }
    }

    /** The part disagrees with the snapshot's first part on {@code fields}. */
    record Mismatch(String snapshotId, List<String> fields) implements Refused {
        public Mismatch {
            fields = List.copyOf(fields);
        }

        @Override
        public String code() {
            return "SNAPSHOT_MISMATCH";
        }
    }

    /** The part is stored, but the reconcile request could not be queued: retry the same part. */
    record QueueUnavailable() implements Refused {
        @Override
        public String code() {
            return "QUEUE_UNAVAILABLE";
        }
    }

    record NotFound(String sourceId, String snapshotId) implements Refused {
        @Override
        public String code() {
            return "SNAPSHOT_NOT_FOUND";
        }
    }
}
