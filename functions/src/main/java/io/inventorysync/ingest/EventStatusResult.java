package io.inventorysync.ingest;

import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.store.EventStatus;

/** What a {@code GET /v1/sources/{sourceId}/events/{eventId}} finds. */
public sealed interface EventStatusResult {

    record Found(EventStatus status) implements EventStatusResult {
    }

    /** The source never sent an event with this id (or the id is not an id). */
    record NotFound(String sourceId, String eventId) implements EventStatusResult {
        public String code() {
            return "EVENT_NOT_FOUND";
        }
    }

    record NotAuthenticated(SourceAuthenticator.Refused refusal) implements EventStatusResult {
    }
}
