package io.inventorysync.store;

import java.time.Instant;

/** Signed request ids, each bound to the route it was first used on. */
public interface RequestClaims {

    /**
     * Binds a signed request's id ({@code webhook-id}) to the route it was first used on, until
     * {@code expiresAt}. A signature covers only id, timestamp and body; this stops a captured
     * request being replayed on another route within its validity (a sender's retry on the same
     * route is still fine).
     *
     * @return false when the id was already used on another route
     */
    boolean claimRequest(String sourceId, String requestId, String route, Instant expiresAt);
}
