package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ReplayGuard}: a signed request's id stays bound to its first route. */
class ReplayGuardTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final ReplayGuard guard = new ReplayGuard(new InMemoryInventoryStore(clock), clock);
    private final SourceAuthenticator.Authenticated shop = new SourceAuthenticator.Authenticated(
            new Source("shop-web", "inventory-sync/sources/shop-web", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH));
    private final Map<String, String> headers = Map.of("webhook-id", "msg_1");

    @Test
    void bind_shouldKeepTheCaller_whenTheSameRequestIsRetriedOnItsRoute() {
        guard.bind(shop, headers, "POST /v1/reservations");

        assertThat(guard.bind(shop, headers, "POST /v1/reservations")).isEqualTo(shop);
    }

    @Test
    void bind_shouldRefuse_whenTheRequestIdWasUsedOnAnotherRoute() {
        guard.bind(shop, headers, "POST /v1/reservations");

        assertThat(guard.bind(shop, headers, "POST /v1/reservations/chk-1/release")).isEqualTo(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.REQUEST_ID_REUSED, "shop-web"));
    }

    @Test
    void bind_shouldPassARefusalThrough_withoutClaimingTheId() {
        SourceAuthenticator.Refused refused = new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNSIGNED, "");

        assertThat(guard.bind(refused, headers, "POST /v1/reservations")).isEqualTo(refused);
        assertThat(guard.bind(shop, headers, "GET /v1/reservations/chk-1")).isEqualTo(shop);
    }
}
