package io.inventorysync.auth;

import io.inventorysync.store.RequestClaims;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Binds a signed request's {@code webhook-id} to the route it was first used on: a signature
 * covers id, timestamp and body only, not the route, so without this a captured request could be
 * replayed on another route within its 5-minute window. A sender's retry on the same route is fine.
 */
public final class ReplayGuard {
    /** How long a request id stays bound to its route: the signature's 5-minute window, both ways. */
    static final Duration REQUEST_ID_LIFETIME = Duration.ofMinutes(10);

    private final RequestClaims store;
    private final Clock clock;

    public ReplayGuard(RequestClaims store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * {@code authentication} as it is when the request's id is new or was used on {@code route}
     * before; refused ({@link SourceAuthenticator.Reason#REQUEST_ID_REUSED}) when it was used on
     * another route. A refused authentication is returned as it is.
     */
    public SourceAuthenticator.Authentication bind(SourceAuthenticator.Authentication authentication,
                                                   Map<String, String> headers, String route) {
        if (!(authentication instanceof SourceAuthenticator.Authenticated ok)) {
            return authentication;
        }
        String sourceId = ok.source().sourceId();
        boolean fresh = store.claimRequest(sourceId, headers.get("webhook-id"), route,
                clock.instant().plus(REQUEST_ID_LIFETIME));
        return fresh ? ok : new SourceAuthenticator.Refused(SourceAuthenticator.Reason.REQUEST_ID_REUSED, sourceId);
    }
}
