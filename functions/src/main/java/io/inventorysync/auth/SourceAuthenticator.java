package io.inventorysync.auth;

import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Source;
import io.inventorysync.store.SourceRegistry;
import io.inventorysync.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells which registered source signed a request (Standard Webhooks, over the raw body), for every
 * route that a source calls: ingest, event status, reservations.
 */
public final class SourceAuthenticator {
    private final SourceRegistry sources;
    private final SigningSecrets secrets;
    private final SignatureCheck signatures = new SignatureCheck();

    public SourceAuthenticator(SourceRegistry sources, SigningSecrets secrets) {
        this.sources = sources;
        this.secrets = secrets;
    }

    /** Who signed a request: a registered source, or why the request is refused. */
    public sealed interface Authentication {
    }

    public record Authenticated(Source source) implements Authentication {
    }

    /** The request is refused; {@code sourceId} is the one it claimed (empty when it named none). */
    public record Refused(Reason reason, String sourceId) implements Authentication, SignedJsonRequest.Refused {
        @Override
        public String code() {
            return reason == Reason.UNKNOWN_SOURCE ? "UNKNOWN_SOURCE" : "INVALID_SIGNATURE";
        }
    }

    public enum Reason {
        /** No source is registered under the id the request names. */
        UNKNOWN_SOURCE,
        /** A Standard Webhooks header is missing. */
        UNSIGNED,
        /** No current secret of the source verifies the signature, or its timestamp is out of the window. */
        BAD_SIGNATURE,
        /** The signature is valid, but its {@code webhook-id} was used on another route ({@link ReplayGuard}). */
        REQUEST_ID_REUSED
    }

    /** The source, if it exists and one of its current secrets signed the request. */
    public Authentication authenticate(String sourceId, Map<String, String> headers, byte[] body) {
        Optional<Source> source = Ids.isSourceId(sourceId) ? sources.source(sourceId) : Optional.empty();
        if (source.isEmpty()) {
            return new Refused(Reason.UNKNOWN_SOURCE, sourceId);
        }
        return signedBy(source.get(), headers, body) ? new Authenticated(source.get())
                : new Refused(badSignature(headers), sourceId);
    }

    /**
     * The first of {@code candidates} (the storefronts) that signed the request; when none did, the
     * first of {@code fresher} (read when the request verifies with none: a storefront just added).
     * The list may be up to a minute old, so the signer's configuration is read again once it is
     * found: its scope is decided by what it is now (a narrowed scope or a withdrawn
     * {@code canReserve} counts from the next request), as for a request that names its source.
     * A storefront whose keys cannot be read now ({@link SigningSecrets} failing) is passed over; if
     * no other signed the request, that failure is thrown ({@code 503}), not a bad signature.
     */
    public Authentication authenticateAny(List<Source> candidates, Supplier<List<Source>> fresher,
                                          Map<String, String> headers, byte[] body) {
        StoreException unread = null;
        for (Source candidate : candidates) {
            try {
                if (signedBy(candidate, headers, body)) {
                    return now(candidate);
                }
            } catch (StoreException e) {
                unread = e;
            }
        }
        for (Source candidate : fresher.get()) {
            try {
                if (!candidates.contains(candidate) && signedBy(candidate, headers, body)) {
                    return now(candidate);
                }
            } catch (StoreException e) {
                unread = e;
            }
        }
        if (unread != null) {
            // A storefront whose keys could not be read may be the signer: not a bad signature, but a
            // store that is unavailable now (503, retry), once every readable storefront was tried.
            throw unread;
        }
        return new Refused(badSignature(headers), "");
    }

    /** The signer as the registry has it now; a source removed since the list was read is unknown. */
    private Authentication now(Source signer) {
        return sources.source(signer.sourceId()).<Authentication>map(Authenticated::new)
                .orElseGet(() -> new Refused(Reason.UNKNOWN_SOURCE, signer.sourceId()));
    }

    private boolean signedBy(Source source, Map<String, String> headers, byte[] body) {
        return signatures.isValid(secrets.secretsFor(source), new String(body, StandardCharsets.UTF_8),
                multiValued(headers));
    }

    private static Reason badSignature(Map<String, String> headers) {
        boolean headersPresent = headers.containsKey("webhook-id") && headers.containsKey("webhook-timestamp")
                && headers.containsKey("webhook-signature");
        return headersPresent ? Reason.BAD_SIGNATURE : Reason.UNSIGNED;
    }

    private static Map<String, List<String>> multiValued(Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }
}
