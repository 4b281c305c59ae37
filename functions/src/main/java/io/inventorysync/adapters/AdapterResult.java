package io.inventorysync.adapters;

import io.inventorysync.ingest.IngestResult;

import java.util.List;

/** What became of a vendor's delivery to an adapter route. */
public sealed interface AdapterResult {

    /**
     * The delivery was read and every action it asked for carried out (or recorded as rejected).
     *
     * @param topic    the vendor's topic or notification type
     * @param outcomes one per event or observation, in order
     */
    record Handled(String topic, List<Outcome> outcomes) implements AdapterResult {
        public Handled {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * What became of one event id of the delivery.
     *
     * @param status {@code QUEUED}, {@code REJECTED}, {@code COMMITTED}, {@code FULFILLED}, {@code CANCELLED},
     *               {@code ECHO}, {@code DRIFT}, {@code WITHIN_THRESHOLD}, {@code NOT_PUSHED} or {@code IGNORED}
     * @param reason a stable code for {@code REJECTED}, why for {@code IGNORED}; otherwise {@code null}
     */
    record Outcome(String eventId, String status, String reason) {
    }

    /** Refused by the shared ingest path (size, rules, SKUs, a reused event id, the queue): nothing changed. */
    record Refused(IngestResult.Refused refused) implements AdapterResult {
    }

    /** No source has this id. */
    record UnknownSource(String sourceId) implements AdapterResult {
    }

    /** The source is not configured for this vendor's adapter. */
    record NotThisVendor(String sourceId, String vendor) implements AdapterResult {
    }

    /** The vendor's signature header is missing or no secret of the source verifies it. */
    record BadSignature(String header) implements AdapterResult {
    }

    /** The body is not JSON. */
    record InvalidJson() implements AdapterResult {
    }
}
