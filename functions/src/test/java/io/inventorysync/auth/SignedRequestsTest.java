package io.inventorysync.auth;

import com.standardwebhooks.Webhook;
import io.inventorysync.domain.Source;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.testing.MutableClock;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SignedRequests}: the one chain of the signed routes, in the contract's order: the signer,
 * its request id bound to the route, then media type and JSON.
 */
class SignedRequestsTest {
    private static final String BODY = "{\"a\":1}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemorySourceRegistry sources = new InMemorySourceRegistry();
    private final Map<String, List<String>> secrets = new HashMap<>();
    private final SignedRequests signed = new SignedRequests(sources, s -> secrets.getOrDefault(s.sourceId(), List.of()),
            new InMemoryInventoryStore(clock), clock);
    private final Source pos = register("pos-acme", false);
    private final Source shop = register("shop-web", true);

    @Test
    void readJson_shouldAnswerTheSignerAndTheBody_andTheSameRequestAgainOnItsRoute() {
        Map<String, String> headers = Signer.headers(secret(pos), BODY);

        assertThat(signed.readJson("pos-acme", headers, bytes(BODY), "POST /v1/sources/pos-acme/events"))
                .isEqualTo(new SignedJsonRequest.Read(pos, Map.of("a", 1)));
        assertThat(signed.readJson("pos-acme", headers, bytes(BODY), "POST /v1/sources/pos-acme/events"))
                .isEqualTo(new SignedJsonRequest.Read(pos, Map.of("a", 1)));
    }

    @Test
    void readJson_shouldRefuseTheReplay_whenTheRequestIdWasUsedOnAnotherRoute_beforeTheMediaType() {
        Map<String, String> headers = Signer.headers(secret(pos), BODY);
        signed.readJson("pos-acme", headers, bytes(BODY), "POST /v1/sources/pos-acme/events");
        headers.put("content-type", "text/plain");

        assertThat(signed.readJson("pos-acme", headers, bytes(BODY), "POST /v1/sources/pos-acme/snapshots"))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.REQUEST_ID_REUSED, "pos-acme"));
    }

    @Test
    void signer_shouldNotClaimTheRequestId_whenTheSignatureIsBad() throws Exception {
        Map<String, String> forged = Signer.headers(Signer.newSecret(), BODY);
        Map<String, String> own = new HashMap<>(forged);
        own.put("webhook-signature", new Webhook(secret(pos)).sign(forged.get("webhook-id"),
                Long.parseLong(forged.get("webhook-timestamp")), BODY));

        assertThat(signed.signer("pos-acme", forged, bytes(BODY), "GET /v1/sources/pos-acme/events/e-1"))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, "pos-acme"));
        // the refused request did not bind its id: the source's own request under that id passes on another route
        assertThat(signed.signer("pos-acme", own, bytes(BODY), "POST /v1/sources/pos-acme/events"))
                .isEqualTo(new SourceAuthenticator.Authenticated(pos));
    }

    @Test
    void storefront_shouldFindTheSigner_whetherTheRequestNamesItOrNot_andBindTheRequestId() {
        Map<String, String> unnamed = Signer.headers(secret(shop), BODY);
        Map<String, String> named = Signer.headers(secret(shop), BODY);
        Storefronts storefronts = new Storefronts(sources, clock);

        assertThat(signed.storefront(storefronts, null, unnamed, bytes(BODY), "POST /v1/reservations"))
                .isEqualTo(new SourceAuthenticator.Authenticated(shop));
        assertThat(signed.storefront(storefronts, " shop-web ", named, bytes(BODY), "POST /v1/reservations"))
                .isEqualTo(new SourceAuthenticator.Authenticated(shop));
        assertThat(signed.storefront(storefronts, null, unnamed, bytes(BODY), "POST /v1/reservations/chk-1/release"))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.REQUEST_ID_REUSED, "shop-web"));
    }

    @Test
    void storefront_shouldRefuseAsUnknownSource_whenTheNamedSourceDoesNotExist() {
        assertThat(signed.storefront(new Storefronts(sources, clock), "shop-gone", Signer.headers(secret(shop), BODY),
                bytes(BODY), "POST /v1/reservations"))
                .isEqualTo(new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNKNOWN_SOURCE, "shop-gone"));
    }

    private Source register(String sourceId, boolean canReserve) {
        secrets.put(sourceId, List.of(Signer.newSecret()));
        Source source = new Source(sourceId, Settings.SOURCE_SECRET_PREFIX + sourceId, Map.of(),
                Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(canReserve);
        sources.register(source);
        return source;
    }

    private String secret(Source source) {
        return secrets.get(source.sourceId()).getFirst();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
