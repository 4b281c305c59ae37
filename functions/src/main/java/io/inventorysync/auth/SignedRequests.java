package io.inventorysync.auth;

import io.inventorysync.store.RequestClaims;
import io.inventorysync.store.SourceRegistry;

import java.time.Clock;
import java.util.Map;

/**
 * The signed-request chain of every route a source signs (ingest, event status, snapshots,
 * reservations), written once: who signed it ({@link SourceAuthenticator}), its {@code webhook-id}
 * bound to the route ({@link ReplayGuard}), then, for a route with a JSON body, the media type and
 * the JSON ({@link SignedJsonRequest}). Built once per container, with the service that uses it.
 */
public final class SignedRequests {
    private final SourceAuthenticator authenticator;
    private final ReplayGuard replayGuard;

    public SignedRequests(SourceAuthenticator authenticator, RequestClaims claims, Clock clock) {
        this.authenticator = authenticator;
        this.replayGuard = new ReplayGuard(claims, clock);
    }

    public SignedRequests(SourceRegistry sources, SigningSecrets secrets, RequestClaims claims, Clock clock) {
        this(new SourceAuthenticator(sources, secrets), claims, clock);
    }

    /**
     * Who signed a request that names {@code sourceId}, its request id bound to {@code route} (the
     * method and path as received); header names in lower case.
     */
    public SourceAuthenticator.Authentication signer(String sourceId, Map<String, String> headers, byte[] body,
                                                     String route) {
        return replayGuard.bind(authenticator.authenticate(sourceId, headers, body), headers, route);
    }

    /**
     * Who signed a storefront's request: the source it names ({@code named}, the trimmed value of its
     * source header), or, when it names none ({@code null}), the first of {@code storefronts} that signed it;
     * its request id bound to {@code route}.
     */
    public SourceAuthenticator.Authentication storefront(Storefronts storefronts, String named,
                                                         Map<String, String> headers, byte[] body, String route) {
        SourceAuthenticator.Authentication signer = named != null
                ? authenticator.authenticate(named.trim(), headers, body)
                : authenticator.authenticateAny(storefronts.current(), storefronts::fresher, headers, body);
        return replayGuard.bind(signer, headers, route);
    }

    /** A request naming {@code sourceId} with a JSON body: {@link #signer}, then the media type, then the JSON. */
    public SignedJsonRequest.Result readJson(String sourceId, Map<String, String> headers, byte[] body, String route) {
        return SignedJsonRequest.read(signer(sourceId, headers, body, route), headers, body);
    }
}
