package io.inventorysync.functions;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SourceAuthenticator;
import org.junit.jupiter.api.Test;

import static io.inventorysync.functions.RepliesAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class SignedRequestRepliesTest {

    @Test
    void of_shouldAnswer404UnknownSource_whenNoSourceHasTheId() {
        var body = assertProblem(SignedRequestReplies.of(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNKNOWN_SOURCE, "pos-x")), 404, "UNKNOWN_SOURCE");
        assertThat(body.path("detail").asText()).isEqualTo("No source is registered as pos-x.");
    }

    @Test
    void of_shouldAnswer401InvalidSignature_forEverySignatureProblem() {
        for (SourceAuthenticator.Reason reason : new SourceAuthenticator.Reason[] {SourceAuthenticator.Reason.UNSIGNED,
                SourceAuthenticator.Reason.BAD_SIGNATURE, SourceAuthenticator.Reason.REQUEST_ID_REUSED}) {
            var body = assertProblem(SignedRequestReplies.of(new SourceAuthenticator.Refused(reason, "pos-acme")),
                    401, "INVALID_SIGNATURE");
            assertThat(body.path("title").asText()).isEqualTo("Invalid signature");
        }
    }

    @Test
    void of_shouldAnswer415WithTheRoutesAdvice_whenTheMediaTypeIsNotJson() {
        var body = assertProblem(SignedRequestReplies.of(new SignedJsonRequest.UnsupportedMediaType("text/plain"),
                "Send application/json."), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(body.path("detail").asText()).isEqualTo("Send application/json.");
    }

    @Test
    void of_shouldAnswer400InvalidJson_whenTheBodyDoesNotParse() {
        assertProblem(SignedRequestReplies.of(new SignedJsonRequest.InvalidJson(), "unused"), 400, "INVALID_JSON");
    }
}
