package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SourceAuthenticator}: Standard Webhooks signatures of registered sources. */
class SourceAuthenticatorTest {
    private static final String BODY = "{\"eventId\":\"e-1\"}";

    private final InMemorySourceRegistry sources = new InMemorySourceRegistry();
    private final Map<String, List<String>> secrets = new HashMap<>();
    private final SourceAuthenticator authenticator = new SourceAuthenticator(sources,
            s -> secrets.getOrDefault(s.sourceId(), List.of()));

    @BeforeEach
    void setUp() {
        register("pos-acme", Signer.newSecret());
        register("shop-web", Signer.newSecret());
    }

    @Test
    void authenticate_shouldAnswerTheSource_whenEitherOfTwoRotatingSecretsSigned() {
        // given
        String next = Signer.newSecret();
        secrets.put("pos-acme", List.of(secrets.get("pos-acme").getFirst(), next));

        // when
        SourceAuthenticator.Authentication result = authenticator.authenticate("pos-acme",
                Signer.headers(next, BODY), bytes(BODY));

        // then
        assertThat(result).isInstanceOfSatisfying(SourceAuthenticator.Authenticated.class,
                ok -> assertThat(ok.source().sourceId()).isEqualTo("pos-acme"));
    }

    @Test
    void authenticateAny_shouldFindTheSigner_pastAStorefrontWhoseKeysCannotBeRead_andElseFailAsUnavailable() {
        // given: two storefronts; the keys of the first in the list cannot be read now
        Source broken = new Source("shop-a", Settings.SOURCE_SECRET_PREFIX + "shop-a", Map.of(),
                Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(true);
        Source shop = sources.source("shop-web").orElseThrow();
        io.inventorysync.store.StoreException vaultDown = new io.inventorysync.store.StoreException("vault down", true, null);
        SourceAuthenticator partly = new SourceAuthenticator(sources, s -> {
            if (s.sourceId().equals("shop-a")) {
                throw vaultDown;
            }
            return secrets.getOrDefault(s.sourceId(), List.of());
        });
        // when / then: the other storefront signed: found
        assertThat(partly.authenticateAny(List.of(broken, shop), List::of, Signer.headers(secret("shop-web"), BODY),
                bytes(BODY))).isEqualTo(new SourceAuthenticator.Authenticated(shop));
        // when / then: none that could be read signed: the store is unavailable, not a bad signature
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> partly.authenticateAny(List.of(broken, shop),
                List::of, Signer.headers(Signer.newSecret(), BODY), bytes(BODY))).isSameAs(vaultDown);
    }

    @Test
    void authenticate_shouldRefuseAsUnknownSource_whenNoSourceHasTheId() {
        assertThat(authenticator.authenticate("pos-nobody", Signer.headers(secret("pos-acme"), BODY), bytes(BODY)))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNKNOWN_SOURCE, "pos-nobody"));
    }

    @Test
    void authenticate_shouldRefuseAsUnknownSource_whenTheIdIsNotASourceId() {
        assertThat(authenticator.authenticate("POS ACME", Signer.headers(secret("pos-acme"), BODY), bytes(BODY)))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNKNOWN_SOURCE, "POS ACME"));
    }

    @Test
    void authenticate_shouldRefuseWithBadSignature_whenAnotherSourceSigned() {
        assertThat(authenticator.authenticate("pos-acme", Signer.headers(secret("shop-web"), BODY), bytes(BODY)))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, "pos-acme"));
    }

    @Test
    void authenticate_shouldRefuseWithBadSignature_whenTheBodyWasChangedAfterSigning() {
        assertThat(authenticator.authenticate("pos-acme", Signer.headers(secret("pos-acme"), BODY),
                bytes(BODY.replace("e-1", "e-2"))))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, "pos-acme"));
    }

    @Test
    void authenticate_shouldRefuseWithBadSignature_whenTheTimestampIsOverFiveMinutesOld() {
        Map<String, String> headers = Signer.headers(secret("pos-acme"), BODY, Instant.now().minusSeconds(301));

        assertThat(authenticator.authenticate("pos-acme", headers, bytes(BODY)))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, "pos-acme"));
    }

    @Test
    void authenticate_shouldRefuseAsUnsigned_whenAHeaderIsMissing() {
        // given
        Map<String, String> headers = new HashMap<>(Signer.headers(secret("pos-acme"), BODY));
        headers.remove("webhook-timestamp");

        // when
        SourceAuthenticator.Authentication result = authenticator.authenticate("pos-acme", headers, bytes(BODY));

        // then
        assertThat(result).isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNSIGNED, "pos-acme"));
        assertThat(((SourceAuthenticator.Refused) result).code()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void authenticateAny_shouldAnswerTheCandidateThatSigned() {
        assertThat(authenticator.authenticateAny(List.of(source("pos-acme"), source("shop-web")), List::of,
                Signer.headers(secret("shop-web"), BODY), bytes(BODY)))
                .isInstanceOfSatisfying(SourceAuthenticator.Authenticated.class,
                        ok -> assertThat(ok.source().sourceId()).isEqualTo("shop-web"));
    }

    @Test
    void authenticateAny_shouldRefuse_whenASourceThatIsNotACandidateSigned() {
        assertThat(authenticator.authenticateAny(List.of(source("shop-web")), List::of,
                Signer.headers(secret("pos-acme"), BODY), bytes(BODY)))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, ""));
    }

    @Test
    void authenticateAny_shouldTryTheFresherList_whenNoKnownCandidateSigned() {
        // given: a storefront added after the candidates were read
        var late = source("pos-acme");
        // when
        var result = authenticator.authenticateAny(List.of(source("shop-web")), () -> List.of(source("shop-web"), late),
                Signer.headers(secret("pos-acme"), BODY), bytes(BODY));
        // then
        assertThat(result).isEqualTo(new SourceAuthenticator.Authenticated(late));
    }

    @Test
    void authenticateAny_shouldAnswerTheSignersConfigurationNow_notTheListsCopy() {
        // given: the list of storefronts was read, then shop-web was narrowed, and pos-acme removed
        List<Source> listed = List.of(source("shop-web").withCanReserve(true), source("pos-acme").withCanReserve(true));
        sources.register(source("shop-web").withLocations(List.of("store-*")));
        InMemorySourceRegistry without = new InMemorySourceRegistry();
        without.register(source("shop-web"));
        SourceAuthenticator afterRemoval = new SourceAuthenticator(without, s -> secrets.getOrDefault(s.sourceId(), List.of()));

        // when
        var narrowed = authenticator.authenticateAny(listed, List::of, Signer.headers(secret("shop-web"), BODY), bytes(BODY));
        var removed = afterRemoval.authenticateAny(listed, List::of, Signer.headers(secret("pos-acme"), BODY), bytes(BODY));

        // then
        assertThat(narrowed).isEqualTo(new SourceAuthenticator.Authenticated(source("shop-web")));
        assertThat(((SourceAuthenticator.Authenticated) narrowed).source().locations()).containsExactly("store-*");
        assertThat(removed).isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNKNOWN_SOURCE, "pos-acme"));
    }

    private Source source(String sourceId) {
        return sources.source(sourceId).orElseThrow();
    }

    private void register(String sourceId, String secret) {
        secrets.put(sourceId, List.of(secret));
        sources.register(new Source(sourceId, Settings.SOURCE_SECRET_PREFIX + sourceId, Map.of(),
                Source.UnknownSkuPolicy.PASS_THROUGH));
    }

    private String secret(String sourceId) {
        return secrets.get(sourceId).getFirst();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
