package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import io.inventorysync.http.JsonText;

import java.io.IOException;
import java.util.Map;

/**
 * The front of every signed route that takes a JSON body, in the contract's order: who signed it
 * (unknown source, bad signature), then the media type, then the JSON itself. Nothing in the body
 * is looked at before the signature is known good.
 */
public final class SignedJsonRequest {
    private SignedJsonRequest() {
    }

    public sealed interface Result {
    }

    /** Signed by {@code source}; {@code json} is the parsed body (maps, lists, strings, numbers). */
    public record Read(Source source, Object json) implements Result {
    }

    /** Why the request was refused before its content was looked at; {@code code} is the problem code. */
    public sealed interface Refused extends Result
            permits SourceAuthenticator.Refused, UnsupportedMediaType, InvalidJson {
        String code();
    }

    /** The {@code content-type} does not name JSON. */
    public record UnsupportedMediaType(String contentType) implements Refused {
        @Override
        public String code() {
            return "UNSUPPORTED_MEDIA_TYPE";
        }
    }

    /** The body does not parse as JSON. */
    public record InvalidJson() implements Refused {
        @Override
        public String code() {
            return "INVALID_JSON";
        }
    }

    /**
     * @param signer who signed the request, as {@link SourceAuthenticator} (and, where the route
     *               needs it, {@link ReplayGuard}) found; header names in lower case
     */
    public static Result read(SourceAuthenticator.Authentication signer, Map<String, String> headers, byte[] body) {
        return switch (signer) {
            case SourceAuthenticator.Authenticated ok -> content(ok.source(), headers, body);
            case SourceAuthenticator.Refused refused -> refused;
        };
    }

    /**
     * As {@link #read}, for a route whose JSON body is optional: without a body ({@link #isBlank}) it
     * is {@code Read} with {@code null} JSON and its content type is not looked at.
     */
    public static Result readOptional(SourceAuthenticator.Authentication signer, Map<String, String> headers,
                                      byte[] body) {
        if (!isBlank(body)) {
            return read(signer, headers, body);
        }
        return switch (signer) {
            case SourceAuthenticator.Authenticated ok -> new Read(ok.source(), null);
            case SourceAuthenticator.Refused refused -> refused;
        };
    }

    /**
     * The media type, then the JSON, of a request whose sender is already known: the tail of
     * {@link #read}, and all of it on the admin routes (API Gateway checks their IAM signature;
     * {@code source} is {@code null} there).
     */
    public static Result content(Source source, Map<String, String> headers, byte[] body) {
        String contentType = headers.getOrDefault("content-type", "");
        if (!JsonText.isJson(contentType)) {
            return new UnsupportedMediaType(contentType);
        }
        try {
            return new Read(source, JsonText.readTree(body));
        } catch (IOException e) {
            return new InvalidJson();
        }
    }

    /**
     * The one rule for "no body" on a route whose JSON body is optional (the reservation commit, the
     * admin {@code POST .../secrets}): empty, or JSON's own whitespace only (space, tab, CR, LF;
     * RFC 8259). Any other character, Unicode white space such as U+2003 included, is a body, and as
     * a body it is not JSON ({@code 400 INVALID_JSON}).
     */
    public static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
