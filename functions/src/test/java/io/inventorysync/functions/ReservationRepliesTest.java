package io.inventorysync.functions;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.HoldRules;
import io.inventorysync.domain.HoldStep;
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
    private static final Reservation TWO_LINES = new Reservation("chk-2", "shop-web", "store-12",
            List.of(new ReservationLine("BLU-SHIRT-M", 3), new ReservationLine("RED-SOCK", 1)), ReservationStatus.ACTIVE,
            T0, T0.plusSeconds(900), null, "f");
    private static final Reservation DEFERRED = TWO_LINES.commit(Fulfilment.DEFERRED, T0.plusSeconds(60));
    private static final Reservation PARTLY_FULFILLED = ((HoldRules.Fulfil.Fulfils) HoldRules.fulfil(DEFERRED,
            new FulfilmentRequest("ful-1", List.of(new ReservationLine("BLU-SHIRT-M", 2))), T0.plusSeconds(120)))
            .transition().hold();
    private static final Reservation CANCELLED = PARTLY_FULFILLED.cancel(T0.plusSeconds(180));

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
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.NotActive(COMMITTED,
                HoldStep.RELEASE)), 409, "RESERVATION_NOT_ACTIVE");
        assertThat(body.path("detail").asText())
                .isEqualTo("Reservation chk-1 is COMMITTED; it can no longer be committed or released.");
        assertThat(body.path("reservation").path("status").asText()).isEqualTo("COMMITTED");
    }

    @Test
    void of_shouldAnswer409SayingWhatCanBeFulfilled_whenAFulfilOrCancelFindsNoOpenCommitment() {
        for (HoldStep step : List.of(HoldStep.FULFIL, HoldStep.CANCEL)) {
            var body = assertProblem(ReservationReplies.of(new ReservationOutcome.NotActive(CANCELLED, step)), 409,
                    "RESERVATION_NOT_ACTIVE");
            assertThat(body.path("detail").asText()).as(step.name()).isEqualTo("Reservation chk-2 is CANCELLED; only "
                    + "a deferred commitment with units remaining can be fulfilled or cancelled.");
            assertThat(body.path("reservation").path("lines").get(0).path("fulfilled").asLong()).isEqualTo(2);
        }
    }

    @Test
    void of_shouldAnswer200WithFulfilledAndRemainingPerLine_whenFulfilled() {
        // when
        var first = assertJson(ReservationReplies.of(new ReservationOutcome.Fulfilled(PARTLY_FULFILLED, false)), 200);
        var repeated = assertJson(ReservationReplies.of(new ReservationOutcome.Fulfilled(PARTLY_FULFILLED, true)), 200);

        // then
        assertThat(first.path("status").asText()).isEqualTo("COMMITTED");
        assertThat(first.path("fulfilment").asText()).isEqualTo("DEFERRED");
        assertThat(first.path("lines").get(0).toString())
                .isEqualTo("{\"sku\":\"BLU-SHIRT-M\",\"quantity\":3,\"fulfilled\":2,\"remaining\":1}");
        assertThat(first.path("lines").get(1).toString())
                .isEqualTo("{\"sku\":\"RED-SOCK\",\"quantity\":1,\"fulfilled\":0,\"remaining\":1}");
        assertThat(repeated).isEqualTo(first);
    }

    @Test
    void of_shouldShowWhatEachLineStillTakesFromAvailable_whateverTheStatus() {
        // given: (hold, fulfilled and remaining of its first line)
        record Row(Reservation hold, String fulfilment, long fulfilled, long remaining) {
        }
        List<Row> rows = List.of(
                new Row(TWO_LINES, null, 0, 3),
                new Row(TWO_LINES.finish(ReservationStatus.COMMITTED, T0), "IMMEDIATE", 3, 0),
                new Row(TWO_LINES.finish(ReservationStatus.RELEASED, T0), null, 0, 0),
                new Row(TWO_LINES.finish(ReservationStatus.EXPIRED, T0), null, 0, 0),
                new Row(DEFERRED, "DEFERRED", 0, 3),
                new Row(PARTLY_FULFILLED, "DEFERRED", 2, 1),
                new Row(CANCELLED, "DEFERRED", 2, 0));
        for (Row row : rows) {
            // when
            var body = assertJson(ReservationReplies.of(new ReservationOutcome.Found(row.hold())), 200);

            // then
            String status = row.hold().status().name();
            assertThat(body.path("fulfilment").isMissingNode() ? null : body.path("fulfilment").asText()).as(status)
                    .isEqualTo(row.fulfilment());
            assertThat(body.path("lines").get(0).path("quantity").asLong()).as(status).isEqualTo(3);
            assertThat(body.path("lines").get(0).path("fulfilled").asLong()).as(status).isEqualTo(row.fulfilled());
            assertThat(body.path("lines").get(0).path("remaining").asLong()).as(status).isEqualTo(row.remaining());
        }
    }

    @Test
    void of_shouldAnswer409WithEveryOverLineAndTheHold_whenAFulfilmentAsksForMoreThanRemains() {
        // when
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.OverFulfilment(PARTLY_FULFILLED, List.of(
                new HoldRules.Fulfil.Shortfall("BLU-SHIRT-M", 2, 1), new HoldRules.Fulfil.Shortfall("GRN-CAP", 1, 0)))),
                409, "OVER_FULFILMENT");

        // then
        assertThat(body.path("detail").asText())
                .isEqualTo("2 line(s) ask for more than remains of reservation chk-2; nothing changed.");
        assertThat(body.path("lines").get(0).path("sku").asText()).isEqualTo("BLU-SHIRT-M");
        assertThat(body.path("lines").get(0).path("requested").asLong()).isEqualTo(2);
        assertThat(body.path("lines").get(0).path("remaining").asLong()).isEqualTo(1);
        assertThat(body.path("lines").get(1).path("remaining").asLong()).isZero();
        assertThat(body.path("reservation").path("status").asText()).isEqualTo("COMMITTED");
        assertThat(body.has("problems")).isFalse();
    }

    @Test
    void of_shouldAnswer409WithTheHold_whenAFulfilmentIdIsReusedWithAnotherBody() {
        // when
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.FulfilmentKeyReused(PARTLY_FULFILLED,
                "ful-1")), 409, "IDEMPOTENCY_KEY_REUSED");

        // then
        assertThat(body.path("detail").asText()).isEqualTo("Fulfilment ful-1 of reservation chk-2 was made with a "
                + "different body; nothing changed. Use a new fulfilmentId for another fulfilment.");
        assertThat(body.path("reservation").path("lines").get(0).path("fulfilled").asLong()).isEqualTo(2);
    }

    @Test
    void of_shouldAnswer404_whenTheCallerHasNoSuchHold() {
        var body = assertProblem(ReservationReplies.of(new ReservationOutcome.NotFound("chk-9")), 404,
                "RESERVATION_NOT_FOUND");
        assertThat(body.path("detail").asText()).isEqualTo("No reservation chk-9 of this storefront.");
    }
}
