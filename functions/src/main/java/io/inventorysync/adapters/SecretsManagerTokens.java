package io.inventorysync.adapters;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Vendor access tokens kept in Secrets Manager (the secret's string is the token), read by name
 * and cached for {@code ttl}, so a rotated token is picked up without a deployment.
 */
public final class SecretsManagerTokens implements Function<String, String> {
    private record Cached(String token, Instant until) {
    }

    private final SecretsManagerClient secretsManager;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretsManagerTokens(SecretsManagerClient secretsManager, Duration ttl, Clock clock) {
        this.secretsManager = secretsManager;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String apply(String secretName) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretName);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.token();
        }
        String token;
        try {
            token = secretsManager.getSecretValue(r -> r.secretId(secretName)).secretString();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // The SDK's error code, not its text (which names the secret): VaultFailures.
            throw io.inventorysync.auth.VaultFailures.unavailable("vendor token not read", e);
        }
        cache.put(secretName, new Cached(token, now.plus(ttl)));
        return token;
    }
}
