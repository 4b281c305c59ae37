package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import io.inventorysync.store.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing secrets kept in AWS Secrets Manager, one secret per source holding one or more
 * whitespace-separated {@code whsec_} keys. Cached per container for a bounded time, so a
 * rotation reaches every container within {@code ttl}. Secret values are never logged.
 */
public final class SecretsManagerSigningSecrets implements SigningSecrets {
    private final SecretsManagerClient client;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(List<String> secrets, Instant fetchedAt) {
    }

    public SecretsManagerSigningSecrets(SecretsManagerClient client, Duration ttl, Clock clock) {
        this.client = client;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * How long "this source has no key yet" is kept: short, so a source registered a moment ago
     * works within seconds, but long enough that requests naming such a source do not each cost a
     * Secrets Manager call.
     */
    static final Duration NO_SECRET_TTL = Duration.ofSeconds(10);

    /**
     * @throws StoreException (retryable) when Secrets Manager fails (throttling, an internal error, a
     *                        timeout) and no key of the source was read before: the signed routes answer
     *                        {@code 503 STORE_UNAVAILABLE}, as for any store that cannot be reached, and
     *                        the exception (and so the log) names the source and the SDK's error code,
     *                        never the secret's name or ARN, which the SDK's text carries
     */
    @Override
    public List<String> secretsFor(Source source) {
        Instant now = clock.instant();
        Cached cached = cache.get(source.secretRef());
        if (cached != null && cached.fetchedAt().plus(cached.secrets().isEmpty() ? min(ttl, NO_SECRET_TTL) : ttl)
                .isAfter(now)) {
            return cached.secrets();
        }
        List<String> secrets;
        try {
            String value = client.getSecretValue(r -> r.secretId(source.secretRef())).secretString();
            secrets = value == null ? List.of() : parse(value);
        } catch (ResourceNotFoundException e) {
            secrets = List.of();
        } catch (SdkException e) {
            if (cached != null && !cached.secrets().isEmpty()) {
                // Secrets Manager is down or throttling: the keys read before still verify (a rotation
                // is picked up once it answers again) rather than every sender getting a 5xx.
                return cached.secrets();
            }
            // The source id and the SDK's error code, never the secret's name or ARN (VaultFailures).
            throw VaultFailures.unavailable("signing keys of source " + source.sourceId() + " not read", e);
        }
        cache.put(source.secretRef(), new Cached(secrets, now));
        return secrets;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * {@code "whsec_a whsec_b"} → both keys; every space-separated value is a key, whatever its form:
     * a vendor's key given through {@code POST /v1/admin/sources/{sourceId}/secrets {"secret": ...}}
     * (a Shopify app's client secret, a Square signature key) has no {@code whsec_} prefix. A value that
     * is not a Standard Webhooks key simply verifies no contract request ({@code SignatureCheck} tries the next).
     */
    static List<String> parse(String value) {
        return Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
