package io.inventorysync.functions;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.Problem;
import io.inventorysync.ingest.EventStatusResult;
import io.inventorysync.ingest.IngestResult;
import io.inventorysync.store.EventStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.inventorysync.functions.RepliesAssertions.assertJson;
import static io.inventorysync.functions.RepliesAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class IngestRepliesTest {
    private static final List<Problem> PROBLEMS = List.of(new Problem("lines[0].quantity", "must be a positive integer"),
            new Problem("lines[1].sku", "is required"));

    @Test
    void of_shouldAnswer202WithEveryEventQueued_whenAccepted() {
        var body = assertJson(IngestReplies.of(new IngestResult.Accepted(List.of("e-1", "e-2"))), 202);
        assertThat(body.path("accepted")).hasSize(2);
        assertThat(body.path("accepted").get(1).path("eventId").asText()).isEqualTo("e-2");
        assertThat(body.path("accepted").get(1).path("status").asText()).isEqualTo("QUEUED");
    }

    @Test
    void of_shouldAnswer413_whenTooLarge() {
        var body = assertProblem(IngestReplies.of(new IngestResult.TooLarge(262145, 262144)), 413, "PAYLOAD_TOO_LARGE");
        assertThat(body.path("detail").asText()).isEqualTo("The body is 262145 bytes; the limit is 262144.");
    }

    @Test
    void of_shouldAnswerTheSignedRequestProblem_whenRefusedBeforeReading() {
        assertProblem(IngestReplies.of(new IngestResult.RequestRefused(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, "pos-acme"))), 401, "INVALID_SIGNATURE");
        var body = assertProblem(IngestReplies.of(new IngestResult.RequestRefused(
                new SignedJsonRequest.UnsupportedMediaType("text/plain"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(body.path("detail").asText()).isEqualTo("Send the body as application/json.");
        assertProblem(IngestReplies.of(new IngestResult.RequestRefused(new SignedJsonRequest.InvalidJson())), 400,
                "INVALID_JSON");
    }

    @Test
    void of_shouldAnswer400InvalidEventListingEveryProblem_whenEventsAreInvalid() {
        var body = assertProblem(IngestReplies.of(new IngestResult.InvalidEvents(PROBLEMS)), 400, "INVALID_EVENT");
        assertThat(body.path("detail").asText())
                .isEqualTo("lines[0].quantity must be a positive integer (and 1 more problems)");
        assertThat(body.path("problems")).hasSize(2);
        assertThat(body.path("problems").get(1).path("path").asText()).isEqualTo("lines[1].sku");
    }

    @Test
    void of_shouldAnswer400UnknownSku_whenASkuIsNotInTheAliasMap() {
        var body = assertProblem(IngestReplies.of(new IngestResult.UnknownSkus(PROBLEMS.subList(1, 2))), 400,
                "UNKNOWN_SKU");
        assertThat(body.path("detail").asText()).isEqualTo("lines[1].sku is required");
    }

    @Test
    void of_shouldAnswer409_whenAnEventIdIsReused() {
        var body = assertProblem(IngestReplies.of(new IngestResult.EventIdsReused(List.of("e-1", "e-2"))), 409,
                "IDEMPOTENCY_KEY_REUSED");
        assertThat(body.path("detail").asText())
                .isEqualTo("Already accepted with a different body: e-1, e-2. Use a new eventId for a new event.");
    }

    @Test
    void of_shouldAnswer200WithEveryLine_whenTheEventIsFound() {
        EventStatus status = new EventStatus("pos-acme", "e-1", EventStatus.Status.APPLIED, List.of(
                new EventStatus.Line("1", "BLU-SHIRT-M", "SKU-4471", "store-12", Outcome.APPLIED, null)));

        var body = assertJson(IngestReplies.of(new EventStatusResult.Found(status)), 200);

        assertThat(body.path("status").asText()).isEqualTo("APPLIED");
        assertThat(body.path("lines").get(0).path("sourceSku").asText()).isEqualTo("SKU-4471");
        assertThat(body.path("lines").get(0).has("reason")).isFalse();
        assertThat(body.has("reason")).as("no event-level reason unless the relay refused it").isFalse();
    }

    @Test
    void of_shouldAnswerRejectedWithTheRelaysReason_whenTheRelayRefusedTheEvent() {
        EventStatus status = new EventStatus("pos-acme", "e-2", EventStatus.Status.REJECTED, List.of(), "REFUSED_BY_QUEUE");

        var body = assertJson(IngestReplies.of(new EventStatusResult.Found(status)), 200);

        assertThat(body.path("status").asText()).isEqualTo("REJECTED");
        assertThat(body.path("reason").asText()).isEqualTo("REFUSED_BY_QUEUE");
        assertThat(body.path("lines").isArray()).isTrue();
        assertThat(body.path("lines")).isEmpty();
    }

    @Test
    void of_shouldAnswer404_whenTheEventIsNotFound() {
        var body = assertProblem(IngestReplies.of(new EventStatusResult.NotFound("pos-acme", "e-9")), 404,
                "EVENT_NOT_FOUND");
        assertThat(body.path("detail").asText()).isEqualTo("No event e-9 was accepted from pos-acme.");
    }

    @Test
    void of_shouldAnswer401_whenTheStatusRequestIsNotAuthenticated() {
        assertProblem(IngestReplies.of(new EventStatusResult.NotAuthenticated(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.REQUEST_ID_REUSED, "pos-acme"))), 401,
                "INVALID_SIGNATURE");
    }
}
