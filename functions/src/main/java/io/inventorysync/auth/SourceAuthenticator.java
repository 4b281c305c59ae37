package io.inventorysync.auth;

import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Source;
import io.inventorysync.http.HttpReply;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.SourceRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells which registered source signed a request (Standard Webhooks, over the raw body), for every
 * route that a source calls: ingest, event status, reservations.
 */
public final class SourceAuthenticator {
    private final SourceRegistry sources;
    private final SigningSecrets secrets;

    public SourceAuthenticator(SourceRegistry sources, SigningSecrets secrets) {
        this.sources = sources;
        this.secrets = secrets;
    }

    /** Who signed a request: a registered source, or the reply that refuses the request. */
    public sealed interface Authentication {
    }

    public record Authenticated(Source source) implements Authentication {
    }

    public record Refused(HttpReply reply) implements Authentication {
    }

    /**
     * The source, if it exists and one of its current secrets signed the request; otherwise 404 for
     * an unknown source, 401 for a missing or bad signature.
     */
    public Authentication authenticate(String sourceId, Map<String, String> headers, byte[] body) {
        Optional<Source> source = Ids.isSourceId(sourceId) ? sources.source(sourceId) : Optional.empty();
        if (source.isEmpty()) {
            return new Refused(HttpReply.problem(404, "UNKNOWN_SOURCE", "Unknown source",
                    "No source is registered as " + sourceId + "."));
        }
        return signedBy(source.get(), headers, body) ? new Authenticated(source.get()) : new Refused(badSignature(headers));
    }

    /**
     * The first of {@code candidates} (the storefronts allowed to hold stock) that signed the
     * request, bound to {@code route} so its signature cannot be replayed on another one.
     */
    public Authentication authenticateAny(List<String> candidates, Map<String, String> headers, byte[] body,
                                          String route, InventoryStore store, Clock clock) {
        for (String candidate : candidates) {
            Optional<Source> source = sources.source(candidate);
            if (source.isPresent() && signedBy(source.get(), headers, body)) {
                return bindToRoute(source.get(), headers, route, store, clock);
            }
        }
        return new Refused(badSignature(headers));
    }

    /** {@link #authenticate}, and the request's signature bound to {@code route}. */
    public Authentication authenticate(String sourceId, Map<String, String> headers, byte[] body, String route,
                                       InventoryStore store, Clock clock) {
        Authentication result = authenticate(sourceId, headers, body);
        return result instanceof Authenticated ok ? bindToRoute(ok.source(), headers, route, store, clock) : result;
    }

    /** How long a request id stays bound to its route: the signature's 5-minute window, both ways. */
    static final Duration REQUEST_ID_LIFETIME = Duration.ofMinutes(10);

    /**
     * Binds the request's {@code webhook-id} to {@code route} ({@link InventoryStore#claimRequest}):
     * a signature covers id, timestamp and body only, not the route.
     */
    private static Authentication bindToRoute(Source source, Map<String, String> headers, String route,
                                              InventoryStore store, Clock clock) {
        boolean fresh = store.claimRequest(source.sourceId(), headers.get("webhook-id"), route,
                clock.instant().plus(REQUEST_ID_LIFETIME));
        return fresh ? new Authenticated(source) : new Refused(HttpReply.problem(401, "INVALID_SIGNATURE",
                "Invalid signature", "This webhook-id was already used on another route: sign each request afresh."));
    }

    private boolean signedBy(Source source, Map<String, String> headers, byte[] body) {
        return SignatureCheck.isValid(secrets.secretsFor(source), new String(body, StandardCharsets.UTF_8),
                multiValued(headers));
    }

    private static HttpReply badSignature(Map<String, String> headers) {
        boolean headersPresent = headers.containsKey("webhook-id") && headers.containsKey("webhook-timestamp")
                && headers.containsKey("webhook-signature");
        return HttpReply.problem(401, "INVALID_SIGNATURE", "Invalid signature", headersPresent
                ? "The webhook-signature does not verify with the source's secret, or webhook-timestamp is more than 300 s from now."
                : "Sign the request: webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks).");
    }

    private static Map<String, List<String>> multiValued(Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }
}
