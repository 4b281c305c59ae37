package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import io.inventorysync.http.Json;

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
        Source source;
        switch (signer) {
            case SourceAuthenticator.Authenticated ok -> source = ok.source();
            case SourceAuthenticator.Refused refused -> {
                return refused;
            }
        }
        String contentType = headers.getOrDefault("content-type", "");
        if (!Json.isJson(contentType)) {
            return new UnsupportedMediaType(contentType);
        }
        try {
            return new Read(source, Json.MAPPER.readValue(body, Object.class));
        } catch (IOException e) {
            return new InvalidJson();
        }
    }
}
