package io.inventorysync.functions;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.http.HttpReply;

/** The HTTP answer to a signed request refused before its content was read, on every signed route. */
final class SignedRequestReplies {
    private SignedRequestReplies() {
    }

    /** @param mediaTypeAdvice the 415's detail, as each route family has always worded it */
    static HttpReply of(SignedJsonRequest.Refused refused, String mediaTypeAdvice) {
        return switch (refused) {
            case SourceAuthenticator.Refused notAuthenticated -> of(notAuthenticated);
            case SignedJsonRequest.UnsupportedMediaType unsupported -> HttpReply.problem(415, unsupported.code(),
                    "Unsupported media type", mediaTypeAdvice);
            case SignedJsonRequest.InvalidJson invalid -> HttpReply.problem(400, invalid.code(), "Invalid JSON",
                    "The body is not valid JSON.");
        };
    }

    static HttpReply of(SourceAuthenticator.Refused refused) {
        return switch (refused.reason()) {
            case UNKNOWN_SOURCE -> HttpReply.problem(404, refused.code(), "Unknown source",
                    "No source is registered as " + refused.sourceId() + ".");
            case UNSIGNED -> invalidSignature(refused, "Sign the request: webhook-id, webhook-timestamp and "
                    + "webhook-signature headers (Standard Webhooks).");
            case BAD_SIGNATURE -> invalidSignature(refused, "The webhook-signature does not verify with the "
                    + "source's secret, or webhook-timestamp is more than 300 s from now.");
            case REQUEST_ID_REUSED -> invalidSignature(refused,
                    "This webhook-id was already used on another route: sign each request afresh.");
        };
    }

    private static HttpReply invalidSignature(SourceAuthenticator.Refused refused, String detail) {
        return HttpReply.problem(401, refused.code(), "Invalid signature", detail);
    }
}
