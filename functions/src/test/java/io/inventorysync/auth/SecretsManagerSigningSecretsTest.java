package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-container secret cache. Secrets Manager has no local engine on Maven Central, so the
 * client here answers from memory and counts calls: this tests the cache, not the service.
 */
class SecretsManagerSigningSecretsTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<String> stored = new AtomicReference<>("whsec_old");
    private final SecretsManagerClient client = new SecretsManagerClient() {
        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            calls.incrementAndGet();
            return GetSecretValueResponse.builder().name(request.secretId()).secretString(stored.get()).build();
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {
        }
    };

    @Test
    void secretsFor_shouldReadOncePerTtl_andPickUpARotationAfterIt() {
        // given
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        SecretsManagerSigningSecrets secrets = new SecretsManagerSigningSecrets(client, Duration.ofMinutes(5), clock);
        Source source = new Source("pos-acme", "inventory-sync/sources/pos-acme", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        // when
        var first = secrets.secretsFor(source);
        stored.set("whsec_old whsec_new");
        clock.advance(Duration.ofMinutes(4));
        var cached = secrets.secretsFor(source);
        clock.advance(Duration.ofMinutes(2));
        var refreshed = secrets.secretsFor(source);
        // then
        assertThat(first).containsExactly("whsec_old");
        assertThat(cached).containsExactly("whsec_old");
        assertThat(refreshed).containsExactly("whsec_old", "whsec_new");
        assertThat(calls).hasValue(2);
    }
}
