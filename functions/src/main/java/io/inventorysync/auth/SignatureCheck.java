package io.inventorysync.auth;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Standard Webhooks verification, by the scheme's official Java library: HMAC-SHA256 over
 * {@code id.timestamp.body}, compared in constant time, timestamps within 5 minutes, several
 * space-separated signatures accepted. Tries every current secret of the source (key rotation).
 *
 * <p>A verifier (the decoded key) is built once per secret value and kept, at most
 * {@link #MAX_VERIFIERS} of them, least recently used first out. Only the secrets a request is
 * checked against are looked up, so a revoked secret stops verifying as soon as
 * {@link SigningSecrets} stops answering it (within the secret cache's TTL), whatever is kept here.
 * Built once per container, with the {@link SourceAuthenticator}.
 */
public final class SignatureCheck {
    /** Verifiers kept: a few keys per source (rotation) for every source a container verifies. */
    static final int MAX_VERIFIERS = 256;

    private final int maxVerifiers;
    private final Map<String, Optional<Webhook>> verifiers;

    public SignatureCheck() {
        this(MAX_VERIFIERS);
    }

    SignatureCheck(int maxVerifiers) {
        this.maxVerifiers = maxVerifiers;
        this.verifiers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<Webhook>> eldest) {
                return size() > SignatureCheck.this.maxVerifiers;
            }
        };
    }

    /** True when any of {@code secrets} produced one of the request's signatures. */
    public boolean isValid(List<String> secrets, String body, Map<String, List<String>> headers) {
        for (String secret : secrets) {
            Optional<Webhook> verifier = verifier(secret);
            if (verifier.isEmpty()) {
                continue;
            }
            try {
                verifier.get().verify(body, headers);
                return true;
            } catch (WebhookVerificationException | IllegalArgumentException e) {
                // Not this secret: try the next.
            }
        }
        return false;
    }

    /** How many verifiers are kept (for tests). */
    synchronized int kept() {
        return verifiers.size();
    }

    /** The verifier of {@code secret}; empty for a value that is not a key (it verifies nothing). */
    private synchronized Optional<Webhook> verifier(String secret) {
        return verifiers.computeIfAbsent(secret, SignatureCheck::build);
    }

    private static Optional<Webhook> build(String secret) {
        try {
            return Optional.of(new Webhook(secret));
        } catch (EmptyWebhookSecretException | IllegalArgumentException e) {
            // A malformed key (or a vendor's key beside the source's own): it verifies no request.
            return Optional.empty();
        }
    }
}
