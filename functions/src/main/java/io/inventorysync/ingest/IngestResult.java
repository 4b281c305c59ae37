package io.inventorysync.ingest;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.domain.Problem;

import java.util.List;

/** What became of a {@code POST /v1/sources/{sourceId}/events}: all of it accepted, or none of it. */
public sealed interface IngestResult {

    /**
     * Every event's receipt is recorded with the event in the queue outbox: its movements are queued,
     * or will be by the relay.
     */
    record Accepted(List<String> eventIds) implements IngestResult {
        public Accepted {
            eventIds = List.copyOf(eventIds);
        }
    }

    /** Nothing was recorded or queued; {@code code} is the problem code. */
    sealed interface Refused extends IngestResult {
        String code();
    }

    /** The body is over {@code limit} bytes. */
    record TooLarge(int bytes, int limit) implements Refused {
        @Override
        public String code() {
            return "PAYLOAD_TOO_LARGE";
        }
    }

    /** Refused before the events were read: unknown source, bad signature, not JSON. */
    record RequestRefused(SignedJsonRequest.Refused refusal) implements Refused {
        @Override
        public String code() {
            return refusal.code();
        }
    }

    /** The events break rules of the contract; every problem found. */
    record InvalidEvents(List<Problem> problems) implements Refused {
        public InvalidEvents {
            problems = List.copyOf(problems);
        }

        @Override
        public String code() {
            return "INVALID_EVENT";
        }
    }

    /** A SKU is not in the alias map of a source that rejects unknown SKUs; every mapping problem found. */
    record UnknownSkus(List<Problem> problems) implements Refused {
        public UnknownSkus {
            problems = List.copyOf(problems);
        }

        @Override
        public String code() {
            return "UNKNOWN_SKU";
        }
    }

    /** These event ids were accepted before with a different body. */
    record EventIdsReused(List<String> eventIds) implements Refused {
        public EventIdsReused {
            eventIds = List.copyOf(eventIds);
        }

        @Override
        public String code() {
            return "IDEMPOTENCY_KEY_REUSED";
        }
    }

    /** Events touch locations or types outside the source's scope (v1.1); every one named by its path. */
    record OutOfScope(List<Problem> problems) implements Refused {
        public OutOfScope {
            problems = List.copyOf(problems);
        }

        @Override
        public String code() {
            return "OUT_OF_SCOPE";
        }
    }
}
