package io.inventorysync.ingest;

import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Source;
import io.inventorysync.http.HttpReply;
import io.inventorysync.store.SourceRegistry;

import java.nio.charset.StandardCharsets;
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

    /** The source, if it exists and one of its current secrets signed the request. */
    public Optional<Source> authenticate(String sourceId, Map<String, String> headers, byte[] body) {
        if (!Ids.isSourceId(sourceId)) {
            return Optional.empty();
        }
        return sources.source(sourceId).filter(source -> SignatureCheck.isValid(secrets.secretsFor(source),
                new String(body, StandardCharsets.UTF_8), multiValued(headers)));
    }

    /** The first of {@code candidates} that signed the request (the storefronts allowed to hold stock). */
    public Optional<Source> authenticateAny(List<String> candidates, Map<String, String> headers, byte[] body) {
        for (String candidate : candidates) {
            Optional<Source> source = authenticate(candidate, headers, body);
            if (source.isPresent()) {
                return source;
            }
        }
        return Optional.empty();
    }

    /** How long a request id stays bound to its route: the signature's 5-minute window, both ways. */
    static final java.time.Duration REQUEST_ID_LIFETIME = java.time.Duration.ofMinutes(10);

    /**
     * Binds the request's {@code webhook-id} to {@code route} (see {@link io.inventorysync.store.InventoryStore#claimRequest}).
     *
     * @return a 401 when the signature was already used on another route, or empty
     */
    public static Optional<HttpReply> replayed(io.inventorysync.store.InventoryStore store, Source source,
                                               Map<String, String> headers, String route, java.time.Clock clock) {
        boolean fresh = store.claimRequest(source.sourceId(), headers.get("webhook-id"), route,
                clock.instant().plus(REQUEST_ID_LIFETIME));
        return fresh ? Optional.empty() : Optional.of(HttpReply.problem(401, "INVALID_SIGNATURE", "Invalid signature",
                "This webhook-id was already used on another route: sign each request afresh."));
    }

    /** Why authentication failed: an unknown source (404) or a bad signature (401). */
    public HttpReply failure(String sourceId, Map<String, String> headers) {
        if (sourceId != null && (!Ids.isSourceId(sourceId) || sources.source(sourceId).isEmpty())) {
            return HttpReply.problem(404, "UNKNOWN_SOURCE", "Unknown source",
                    "No source is registered as " + sourceId + ".");
        }
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
