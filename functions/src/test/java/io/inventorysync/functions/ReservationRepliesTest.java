package io.inventorysync.functions;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Reservation;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.reservations.ReservationOutcome;
import io.inventorysync.store.ReservationResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.inventorysync.functions.RepliesAssertions.assertJson;
import static io.inventorysync.functions.RepliesAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class ReservationRepliesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Reservation ACTIVE = new Reservation("chk-1", "shop-web", "web-dc",
            List.of(new ReservationLine("BLU-SHIRT-M", 2)), ReservationStatus.ACTIVE, T0, T0.plusSeconds(900), null, "f");
    private static final Reservation COMMITTED = ACTIVE.finish(ReservationStatus.COMMITTED, T0.plusSeconds(60));

    @Test
    void of_shouldAnswer201WithTheHold_whenHeld() {
        var body = assertJson(ReservationReplies.of(new ReservationOutcome.Held(ACTIVE, false)), 201);
        assertThat(body.path("reservationId").asText()).isEqualTo("chk-1");
        assertThat(body.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.path("expiresAt").asText()).isEqualTo("2026-11-22T10:15:00Z");
        assertThat(body.has("finishedAt")).isFalse();
    }

    @Test
    void of_shouldAnswer200WithTheHold_whenFoundOrSettled() {
        assertThat(assertJson(ReservationReplies.of(new ReservationOutcome.Found(ACTIVE)), 200)
                .path("status").asText()).isEqualTo("ACTIVE");
        assertThat(assertJson(ReservationReplies.of(new ReservationOutcome.Settled(COMMITTED)), 200)
                .path("finishedAt").asText()).isEqualTo("2026-11-22T10:01:00Z");
    }

    @Test
    void of_shouldAnswerTheSignedRequestProblem_whenRefusedBeforeReading() {
        assertProblem(ReservationReplies.of(new ReservationOutcome.RequestRefused(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNSIGNED, ""))), 401, "INVALID_SIGNATURE");
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.RequestRefused(
                new SignedJsonRequest.UnsupportedMediaType(""))), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(body.path("detail").asText()).isEqualTo("Send application/json.");
        assertProblem(ReservationReplies.of(new ReservationOutcome.RequestRefused(new SignedJsonRequest.InvalidJson())),
                400, "INVALID_JSON");
    }

    @Test
    void of_shouldAnswer400_whenTheReservationIsInvalid() {
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.Invalid(List.of(
                new Problem("ttlSeconds", "must be an integer from 60 to 86400")))), 400, "INVALID_RESERVATION");
        assertThat(body.path("detail").asText()).isEqualTo("ttlSeconds must be an integer from 60 to 86400");
        assertThat(body.path("problems")).hasSize(1);
    }

    @Test
    void of_shouldAnswer409WithEveryShortLine_whenStockIsInsufficient() {
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.InsufficientStock(List.of(
                new ReservationResult.Shortfall("BLU-SHIRT-M", 6, 5)))), 409, "INSUFFICIENT_STOCK");
        assertThat(body.path("lines").get(0).path("available").asLong()).isEqualTo(5);
        assertThat(body.has("problems")).isFalse();
    }

    @Test
    void of_shouldAnswer409_whenTheIdIsReused() {
        assertProblem(ReservationReplies.of(new ReservationOutcome.KeyReused("chk-1")), 409, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void of_shouldAnswer409WithTheHold_whenItIsNotActive() {
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.NotActive(COMMITTED)), 409,
                "RESERVATION_NOT_ACTIVE");
        assertThat(body.path("detail").asText())
                .isEqualTo("Reservation chk-1 is COMMITTED; it can no longer be committed or released.");
        assertThat(body.path("reservation").path("status").asText()).isEqualTo("COMMITTED");
    }

    @Test
    void of_shouldAnswer404_whenTheCallerHasNoSuchHold() {
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.NotFound("chk-9")), 404,
                "RESERVATION_NOT_FOUND");
        assertThat(body.path("detail").asText()).isEqualTo("No reservation chk-9 of this storefront.");
    }
}
