package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.testing.MutableClock;
import io.inventorysync.testing.Signer;
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
    private volatile boolean down;
    private final SecretsManagerClient client = new SecretsManagerClient() {
        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            calls.incrementAndGet();
            if (down) {
                throw software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException.builder()
                        .statusCode(500).message("unavailable").build();
            }
            if (stored.get() == null) {
                throw software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException.builder()
                        .statusCode(400).message("no such secret").build();
            }
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

    @Test
    void secretsFor_shouldAnswerAVendorsGivenKey_whenItHasNoWhsecPrefix() {
        // given: the admin route kept a Shopify app secret beside a contract key
        stored.set("whsec_old 4f1c0ffee2b7a9d3e5");
        SecretsManagerSigningSecrets secrets = new SecretsManagerSigningSecrets(client, Duration.ofMinutes(5),
                new MutableClock(Instant.parse("2026-11-22T10:00:00Z")));
        // when / then: both verify; an empty secret verifies nothing
        assertThat(secrets.secretsFor(SOURCE)).containsExactly("whsec_old", "4f1c0ffee2b7a9d3e5");
        assertThat(SecretsManagerSigningSecrets.parse("  ")).isEmpty();
    }

    private static final Source SOURCE = new Source("pos-acme", "inventory-sync/sources/pos-acme", Map.of(),
            Source.UnknownSkuPolicy.PASS_THROUGH);

    @Test
    void secretsFor_shouldKeepVerifyingWithTheKeysReadBefore_whenSecretsManagerFailsAfterTheTtl() {
        // given
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        SecretsManagerSigningSecrets secrets = new SecretsManagerSigningSecrets(client, Duration.ofMinutes(5), clock);
        secrets.secretsFor(SOURCE);
        // when: the cache has expired and Secrets Manager fails
        down = true;
        clock.advance(Duration.ofMinutes(6));
        // then: the keys read before still verify; a source never read fails as the store being unavailable
        assertThat(secrets.secretsFor(SOURCE)).containsExactly("whsec_old");
        Source other = new Source("pos-other", "inventory-sync/sources/pos-other", Map.of(),
                Source.UnknownSkuPolicy.PASS_THROUGH);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> secrets.secretsFor(other))
                .isInstanceOfSatisfying(io.inventorysync.store.StoreException.class, e -> {
                    // retryable: the routes answer 503 STORE_UNAVAILABLE; the source named, never the secret
                    // (nor the SDK's text, which names it), not even as a cause a logged stack trace would print
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("source pos-other").contains("HTTP 500")
                            .doesNotContain("unavailable").doesNotContain("inventory-sync/sources");
                    assertThat(e.getCause()).isNull();
                });
        // and once it answers again, a rotation is picked up
        down = false;
        stored.set("whsec_new");
        assertThat(secrets.secretsFor(SOURCE)).containsExactly("whsec_new");
    }

    @Test
    void secretsFor_shouldCacheNoKeyBriefly_soUnkeyedSourcesDoNotCostACallEach() {
        // given: a source whose secret does not exist yet
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        SecretsManagerSigningSecrets secrets = new SecretsManagerSigningSecrets(client, Duration.ofMinutes(5), clock);
        stored.set(null);
        // when: many requests within the short negative TTL
        for (int i = 0; i < 50; i++) {
            assertThat(secrets.secretsFor(SOURCE)).isEmpty();
        }
        // then: one call; and once the key is put in, it is used within that TTL
        assertThat(calls).hasValue(1);
        stored.set("whsec_first");
        clock.advance(SecretsManagerSigningSecrets.NO_SECRET_TTL.plusSeconds(1));
        assertThat(secrets.secretsFor(SOURCE)).containsExactly("whsec_first");
        assertThat(calls).hasValue(2);
    }

    @Test
    void authenticate_shouldStopVerifyingARevokedKey_withinTheTtl_althoughItsVerifierWasBuilt() {
        // given: requests signed with the old key verified (its verifier is built and kept)
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        String old = Signer.newSecret();
        String replacement = Signer.newSecret();
        stored.set(old);
        InMemorySourceRegistry sources = new InMemorySourceRegistry();
        sources.register(SOURCE);
        SourceAuthenticator authenticator = new SourceAuthenticator(sources,
                new SecretsManagerSigningSecrets(client, Duration.ofMinutes(5), clock));
        String body = "{\"eventId\":\"e-1\"}";
        assertThat(authenticator.authenticate("pos-acme", Signer.headers(old, body), bytes(body)))
                .isInstanceOf(SourceAuthenticator.Authenticated.class);
        // when: the old key is revoked (a key issued instead of it) and the secret cache's TTL passes
        stored.set(replacement);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        // then: the old key verifies nothing, the new one does
        assertThat(authenticator.authenticate("pos-acme", Signer.headers(old, body), bytes(body)))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, "pos-acme"));
        assertThat(authenticator.authenticate("pos-acme", Signer.headers(replacement, body), bytes(body)))
                .isEqualTo(new SourceAuthenticator.Authenticated(SOURCE));
    }

    private static byte[] bytes(String body) {
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
