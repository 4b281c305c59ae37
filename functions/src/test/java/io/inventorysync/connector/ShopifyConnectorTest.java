package io.inventorysync.connector;

import io.inventorysync.adapters.DriftReports;
import io.inventorysync.adapters.PublishedDriftReports;
import io.inventorysync.channels.OutboundSchemas;
import io.inventorysync.domain.vendor.ShopifyTarget;
import io.inventorysync.http.Json;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.store.InMemoryVendorState;
import io.inventorysync.store.PushedQuantities;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.FakeShop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The Shopify connector against a fake shop over HTTP. */
class ShopifyConnectorTest {
    private static final String CHANNEL = "shopify-web";
    private static final String SHIRT = "gid://shopify/InventoryItem/9007199254740995";
    private static final String SCARF = "gid://shopify/InventoryItem/44871100213";

    private final Telemetry telemetry = Telemetry.start("Test");
    private final InMemoryVendorState state = new InMemoryVendorState();
    private final List<DriftReports.Drift> drifts = new ArrayList<>();
    private final AtomicLong waitedMillis = new AtomicLong();
    private FakeShop shop;
    private ShopifyTarget target;

    @BeforeEach
    void setUp() throws IOException {
        shop = new FakeShop(1000, 50);
        target = new ShopifyTarget("acme-outfitters.myshopify.com", "2026-04", "inventory-sync/channels/shopify-web/token",
                FakeShop.LOCATION, Map.of("BLU-SHIRT-M", SHIRT), shop.endpoint());
        shop.variantsBySku.put("RED-SCARF", SCARF);
    }

    @AfterEach
    void tearDown() {
        shop.close();
    }

    private ShopifyConnector connector(InMemoryVendorState vendorState) {
        return connector(vendorState, vendorState);
    }

    private ShopifyConnector connector(PushedQuantities pushed, InMemoryVendorState vendorState) {
        // Over URLConnection, as the deployed function calls the shop (one test below uses the java.net.http client).
        return new ShopifyConnector(CHANNEL, target, ShopifyAdminApi.overUrlConnection(Duration.ofSeconds(3), millis -> {
            waitedMillis.addAndGet(millis);
            Thread.sleep(millis);
        }), name -> name.equals(target.tokenSecretName()) ? FakeShop.TOKEN : "wrong", pushed, drift -> {
            drifts.add(drift);
            return new PublishedDriftReports(vendorState, Clock.systemUTC()).report(drift);
        },
                new JitteredBackoff(Duration.ofMillis(1), Duration.ofMillis(5)), Clock.systemUTC());
    }

    private static ShopifyConnector.Message change(String id, String sku, long available, long version) {
        Map<String, Object> detail = Map.of("schemaVersion", "1", "channel", CHANNEL, "sku", sku, "available", available,
                "previous", available + 1, "version", version, "locations", List.of(), "computedAt", "2026-11-29T10:00:00Z");
        return new ShopifyConnector.Message(id, Json.write(Map.of("source", "inventory",
                "detail-type", "ChannelAvailabilityChanged", "detail", detail)));
    }

    @Test
    void burst_shouldBeMergedToOnePushOfTheHighestVersionPerSku() {
        shop.available.put(SHIRT, 10L);

        ShopifyConnector.Result result = connector(state).push(List.of(change("m1", "BLU-SHIRT-M", 9, 1),
                change("m3", "BLU-SHIRT-M", 7, 3), change("m2", "BLU-SHIRT-M", 8, 2), change("m4", "RED-SCARF", 4, 1)),
                telemetry);

        assertThat(result.failedMessageIds()).isEmpty();
        assertThat(result.pushes()).isEqualTo(2);
        assertThat(result.merged()).isEqualTo(2);
        assertThat(shop.mutations).extracting(m -> m.get("item"), m -> m.get("quantity"), m -> m.get("changeFromQuantity"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SHIRT, 7L, 10L),
                        org.assertj.core.groups.Tuple.tuple(SCARF, 4L, 0L));
        assertThat(shop.mutations).allSatisfy(m -> {
            assertThat(m.get("name")).isEqualTo("available");
            assertThat(m.get("reason")).isEqualTo("correction");
            assertThat(m.get("location")).isEqualTo(FakeShop.LOCATION);
        });
        assertThat(state.lastPushed(CHANNEL, "BLU-SHIRT-M")).get().extracting(PushedQuantities.Pushed::version,
                PushedQuantities.Pushed::quantity).containsExactly(3L, 7L);
        assertThat(state.lastPushedTo("acme-outfitters.myshopify.com", "9007199254740995", "48752904")).isPresent();
    }

    @Test
    void olderVersion_shouldNotBePushed_whenANewerOneWasPushedBefore() {
        ShopifyConnector connector = connector(state);
        connector.push(List.of(change("m5", "BLU-SHIRT-M", 5, 5)), telemetry);

        ShopifyConnector.Result late = connector.push(List.of(change("m4", "BLU-SHIRT-M", 6, 4)), telemetry);

        assertThat(late.alreadyPushed()).isEqualTo(1);
        assertThat(shop.mutations).hasSize(1);
        assertThat(shop.available.get(SHIRT)).isEqualTo(5);
    }

    @Test
    void nextPush_shouldCompareWithTheLastPushedNumber() {
        ShopifyConnector connector = connector(state);
        connector.push(List.of(change("m1", "BLU-SHIRT-M", 5, 1)), telemetry);
        connector.push(List.of(change("m2", "BLU-SHIRT-M", 4, 2)), telemetry);

        assertThat(shop.mutations).extracting(m -> m.get("changeFromQuantity")).containsExactly(0L, 5L);
        assertThat(shop.available.get(SHIRT)).isEqualTo(4);
    }

    @Test
    void stale_shouldReReadTheShopAndRetry_whenTheShopsNumberMovedSinceTheLastPush() {
        ShopifyConnector connector = connector(state);
        connector.push(List.of(change("m1", "BLU-SHIRT-M", 5, 1)), telemetry);
        shop.available.put(SHIRT, 3L); // a sale in the shop itself

        ShopifyConnector.Result result = connector.push(List.of(change("m2", "BLU-SHIRT-M", 4, 2)), telemetry);

        assertThat(result.pushes()).isEqualTo(1);
        assertThat(shop.mutations).extracting(m -> m.get("changeFromQuantity"), m -> m.get("outcome"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, "APPLIED"),
                        org.assertj.core.groups.Tuple.tuple(5L, "STALE"),
                        org.assertj.core.groups.Tuple.tuple(3L, "APPLIED"));
        assertThat(shop.available.get(SHIRT)).isEqualTo(4);
        assertThat(drifts).isEmpty();
    }

    @Test
    void stillStale_shouldRaiseDriftAndStop_afterTheAttempts() {
        shop.sellsBeforeEachMutation = SHIRT;
        shop.available.put(SHIRT, 20L);

        ShopifyConnector.Result result = connector(state).push(List.of(change("m1", "BLU-SHIRT-M", 5, 1)), telemetry);

        assertThat(result.drifted()).isEqualTo(1);
        assertThat(result.failedMessageIds()).isEmpty();
        assertThat(shop.mutations).hasSize(ShopifyConnector.STALE_ATTEMPTS)
                .allSatisfy(m -> assertThat(m.get("outcome")).isEqualTo("STALE"));
        assertThat(drifts).singleElement().satisfies(d -> {
            assertThat(d.measure()).isEqualTo("CHANNEL_AVAILABLE");
            assertThat(d.master()).isEqualTo(5);
        });
        assertThat(state.lastPushed(CHANNEL, "BLU-SHIRT-M")).isEmpty();
    }

    @Test
    void stillStale_shouldRaiseNoDrift_whenTheShopShowsOurNumberAfterTheLastStaleAnswer() {
        // given: the shop sells one unit itself before each of our tries, from 8 down to exactly the 5
        // we push, so the number read after the third stale answer is ours
        shop.sellsBeforeEachMutation = SHIRT;
        shop.available.put(SHIRT, 5L + ShopifyConnector.STALE_ATTEMPTS);

        // when
        ShopifyConnector.Result result = connector(state).push(List.of(change("m1", "BLU-SHIRT-M", 5, 1)), telemetry);

        // then: no drift of 0 is published; the shop's number is what the next push compares with
        assertThat(shop.mutations).hasSize(ShopifyConnector.STALE_ATTEMPTS)
                .allSatisfy(m -> assertThat(m.get("outcome")).isEqualTo("STALE"));
        assertThat(shop.available.get(SHIRT)).isEqualTo(5);
        assertThat(result.drifted()).isZero();
        assertThat(result.failedMessageIds()).isEmpty();
        assertThat(drifts).isEmpty();
        assertThat(state.observedDrifts()).isEmpty();
        assertThat(state.lastPushed(CHANNEL, "BLU-SHIRT-M")).get().extracting(PushedQuantities.Pushed::version,
                PushedQuantities.Pushed::quantity).containsExactly(1L, 5L);
    }

    @Test
    void drift_cannotBeMadeWithinItsThreshold_soNoPathPublishesADifferenceOfZero() {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DriftReports.Drift("d", CHANNEL, CHANNEL,
                "BLU-SHIRT-M", "CHANNEL_AVAILABLE", 5, 5, 1, 0, now)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DriftReports.Drift("d", "shop", CHANNEL,
                "BLU-SHIRT-M", "CHANNEL_AVAILABLE", 6, 5, 1, 1, now)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DriftReports.Drift("d", "shop", CHANNEL, "BLU-SHIRT-M", "CHANNEL_AVAILABLE", 7, 5, 1, 1, now)
                .difference()).isEqualTo(2);
    }

    @Test
    void stillStale_shouldPublishOneDriftDetected_whenTheSameMessageIsDeliveredAgain() {
        shop.sellsBeforeEachMutation = SHIRT;
        shop.available.put(SHIRT, 20L);
        ShopifyConnector.Message message = change("m1", "BLU-SHIRT-M", 5, 1);

        connector(state).push(List.of(message), telemetry);
        connector(state).push(List.of(message), telemetry); // the queue redelivers it to another container

        assertThat(drifts).hasSize(2);
        assertThat(state.observedDrifts().values()).singleElement().satisfies(detail -> {
            assertThat(OutboundSchemas.problems("DriftDetected", detail)).isEmpty();
            assertThat(Json.MAPPER.readTree(detail).path("reportedBy").asText()).isEqualTo(CHANNEL);
            assertThat(Json.MAPPER.readTree(detail).path("measure").asText()).isEqualTo("CHANNEL_AVAILABLE");
            assertThat(Json.MAPPER.readTree(detail).path("master").path("available").asLong()).isEqualTo(5);
        });
    }

    @Test
    void sameChange_shouldCarryTheSameIdempotencyKey_soTheShopAppliesItOnce_whenTwoContainersPushIt() {
        // Two containers that both read the last push (v2: 10) before either recorded v3.
        shop.available.put(SHIRT, 10L);
        InMemoryVendorState firstState = new InMemoryVendorState();
        InMemoryVendorState secondState = new InMemoryVendorState();
        for (InMemoryVendorState s : List.of(firstState, secondState)) {
            s.recordPushed(new PushedQuantities.Pushed(CHANNEL, "BLU-SHIRT-M", 10, 2, "acme-outfitters.myshopify.com",
                    "9007199254740995", "48752904"));
        }
        ShopifyConnector first = connector(firstState);
        ShopifyConnector second = connector(secondState);

        first.push(List.of(change("m1", "BLU-SHIRT-M", 7, 3)), telemetry);
        second.push(List.of(change("m1", "BLU-SHIRT-M", 7, 3)), telemetry);

        assertThat(shop.mutations).extracting(m -> m.get("outcome")).containsExactly("APPLIED", "REPEATED");
        assertThat(shop.mutations.get(0).get("key")).isEqualTo(shop.mutations.get(1).get("key"));
        assertThat(shop.applied.get()).isEqualTo(1);
        assertThat(shop.mutations.get(0).get("key")).isEqualTo(ShopifyConnector.idempotencyKey(CHANNEL, "BLU-SHIRT-M", 3, 10))
                .isNotEqualTo(ShopifyConnector.idempotencyKey(CHANNEL, "BLU-SHIRT-M", 4, 10))
                .isNotEqualTo(ShopifyConnector.idempotencyKey(CHANNEL, "BLU-SHIRT-M", 3, 9))
                .isNotEqualTo(ShopifyConnector.idempotencyKey("other-shop", "BLU-SHIRT-M", 3, 10));
    }

    @Test
    void redelivery_shouldBeANewRequest_whenTheShopNumberItComparesWithMoved_soShopifyNeverSeesAKeyReused() {
        // given: the shop applied v3 (10 -> 7), and the container died before it recorded the push
        shop.available.put(SHIRT, 10L);
        InMemoryVendorState lost = new InMemoryVendorState();
        PushedQuantities crashesOnRecord = new PushedQuantities() {
            @Override
            public Optional<Pushed> lastPushed(String channel, String sku) {
                return lost.lastPushed(channel, sku);
            }

            @Override
            public Optional<Pushed> lastPushedTo(String shopDomain, String inventoryItemId, String shopLocationId) {
                return lost.lastPushedTo(shopDomain, inventoryItemId, shopLocationId);
            }

            @Override
            public void recordPushed(Pushed pushed) {
                throw new IllegalStateException("the container stopped");
            }
        };
        assertThatThrownBy(() -> connector(crashesOnRecord, lost).push(List.of(change("m1", "BLU-SHIRT-M", 7, 3)),
                telemetry)).isInstanceOf(IllegalStateException.class);

        // when: the queue redelivers v3; the new container compares with what the shop has now (7)
        ShopifyConnector.Result result = connector(state).push(List.of(change("m1", "BLU-SHIRT-M", 7, 3)), telemetry);

        // then: a new request (Shopify refuses a key reused with another changeFromQuantity), applied, recorded
        assertThat(result.failedMessageIds()).isEmpty();
        assertThat(shop.mutations).extracting(m -> m.get("changeFromQuantity"), m -> m.get("outcome"))
                .containsExactly(tuple(10L, "APPLIED"), tuple(7L, "APPLIED"));
        assertThat(shop.mutations.get(0).get("key")).isNotEqualTo(shop.mutations.get(1).get("key"));
        assertThat(shop.available.get(SHIRT)).isEqualTo(7);
        assertThat(state.lastPushed(CHANNEL, "BLU-SHIRT-M")).get().extracting(PushedQuantities.Pushed::quantity)
                .isEqualTo(7L);
    }

    @Test
    void concurrentRequestAnswer_shouldBeRetriedWithTheSameKey() {
        shop.available.put(SHIRT, 10L);
        shop.concurrentNext.set(1);

        ShopifyConnector.Result result = connector(state).push(List.of(change("m1", "BLU-SHIRT-M", 7, 3)), telemetry);

        assertThat(result.pushes()).isEqualTo(1);
        assertThat(shop.mutations).extracting(m -> m.get("outcome")).containsExactly("CONCURRENT", "APPLIED");
        assertThat(shop.mutations.get(0).get("key")).isEqualTo(shop.mutations.get(1).get("key"));
        assertThat(shop.available.get(SHIRT)).isEqualTo(7);
    }

    @Test
    void keyReusedWithOtherVariables_shouldBeRefusedByTheFakeShop_asShopifyDocumentsIt() throws Exception {
        // The fake shop itself: a test of the other tests' witness (a key reused with another input is refused).
        shop.available.put(SHIRT, 10L);
        ShopifyAdminApi api = new ShopifyAdminApi(HttpClient.newHttpClient(), Thread::sleep);

        assertThat(api.setAvailable(target, FakeShop.TOKEN, SHIRT, 7, 10, "k-1", "ref")).isInstanceOf(ShopifyAdminApi.Applied.class);
        assertThat(api.setAvailable(target, FakeShop.TOKEN, SHIRT, 7, 10, "k-1", "ref")).isInstanceOf(ShopifyAdminApi.Applied.class);
        assertThat(api.setAvailable(target, FakeShop.TOKEN, SHIRT, 7, 9, "k-1", "ref"))
                .isEqualTo(new ShopifyAdminApi.Refused("IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
                        "The same idempotency key cannot be used with different operation parameters."));
        assertThat(shop.applied.get()).isEqualTo(1);
    }

    @Test
    void unknownSku_shouldBeSkippedAndCounted() {
        ShopifyConnector.Result result = connector(state).push(List.of(change("m1", "NOT-IN-SHOP", 5, 1)), telemetry);

        assertThat(result.unknownSkus()).isEqualTo(1);
        assertThat(result.failedMessageIds()).isEmpty();
        assertThat(shop.mutations).isEmpty();
    }

    @Test
    void shopDown_shouldBeRetriedWithJitter_thenFailTheMessageBackToTheQueue() {
        shop.failNext.set(100);

        ShopifyConnector.Result result = connector(state).push(List.of(change("m1", "BLU-SHIRT-M", 5, 1),
                change("m2", "BLU-SHIRT-M", 4, 2)), telemetry);

        assertThat(result.failedMessageIds()).containsExactly("m2");
        assertThat(shop.failures.get()).isEqualTo(ShopifyConnector.CALL_ATTEMPTS);
        assertThat(state.lastPushed(CHANNEL, "BLU-SHIRT-M")).isEmpty();
    }

    @Test
    void shortOutage_shouldBeRiddenOutByTheRetries() {
        shop.failNext.set(ShopifyConnector.CALL_ATTEMPTS - 1);

        ShopifyConnector.Result result = connector(state).push(List.of(change("m1", "BLU-SHIRT-M", 5, 1)), telemetry);

        assertThat(result.pushes()).isEqualTo(1);
        assertThat(result.failedMessageIds()).isEmpty();
    }

    @Test
    void throttle_shouldBeObeyed_whenTheBucketRunsLow() throws IOException {
        shop.close();
        shop = new FakeShop(30, 100);
        target = new ShopifyTarget(target.shopDomain(), target.apiVersion(), target.tokenSecretName(), target.locationId(),
                Map.of("BLU-SHIRT-M", SHIRT), shop.endpoint());
        ShopifyConnector connector = connector(state);

        for (int version = 1; version <= 8; version++) {
            assertThat(connector.push(List.of(change("m" + version, "BLU-SHIRT-M", 100 - version, version)), telemetry)
                    .pushes()).isEqualTo(1);
        }

        assertThat(shop.available.get(SHIRT)).isEqualTo(92);
        assertThat(waitedMillis.get()).as("waited for the bucket instead of being throttled").isPositive();
        assertThat(shop.throttled.get()).isLessThanOrEqualTo(1);
    }
}
