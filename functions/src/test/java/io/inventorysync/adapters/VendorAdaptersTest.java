package io.inventorysync.adapters;

import com.sun.net.httpserver.HttpServer;
import io.inventorysync.auth.SigningSecrets;
import io.inventorysync.auth.VendorSignature;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.domain.Validated;
import io.inventorysync.domain.vendor.SquareMapping;
import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.http.Json;
import io.inventorysync.ingest.IngestResult;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.store.InMemoryVendorState;
import io.inventorysync.store.PushedQuantities;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.RecordingMovementQueue;
import io.inventorysync.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter routes' service on the in-memory store, with the vendors' documented payloads
 * (events/vendors) as bodies, and a fake Square answering BatchRetrieveInventoryChanges over HTTP.
 */
class VendorAdaptersTest {
    private static final String SHOP = "shop-acme";
    private static final String SQUARE = "square-main";
    private static final String SHOPIFY_SECRET = "shpss_4f1c0ffee";
    private static final String SQUARE_SECRET = "sq-signature-key-1";
    private static final Path SHOPIFY_SAMPLES = Samples.eventsDir().resolve("vendors/shopify");
    private static final Path SQUARE_SAMPLES = Samples.eventsDir().resolve("vendors/square");

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private final Telemetry telemetry = Telemetry.start("Test");
    private final InMemorySourceRegistry sources = new InMemorySourceRegistry();
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final InMemoryVendorState vendorState = new InMemoryVendorState();
    private final RecordingMovementQueue queue = new RecordingMovementQueue().relaying(store, clock);
    private final Map<String, List<String>> secrets = new HashMap<>();
    private final SigningSecrets signingSecrets = source -> secrets.getOrDefault(source.sourceId(), List.of());
    private final List<DriftReports.Drift> drifts = new ArrayList<>();
    private final List<String> squareCursors = Collections.synchronizedList(new ArrayList<>());
    private HttpServer fakeSquare;
    private IngestService ingest;
    private VendorAdapters adapters;

    @BeforeEach
    void setUp() throws IOException {
        fakeSquare = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fakeSquare.createContext("/v2/inventory/changes/batch-retrieve", exchange -> {
            Map<?, ?> query = Json.MAPPER.readValue(exchange.getRequestBody(), Map.class);
            String cursor = (String) query.get("cursor");
            squareCursors.add(String.valueOf(cursor));
            boolean authorized = "Bearer sq-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] page = Files.readAllBytes(SQUARE_SAMPLES.resolve("batch-retrieve-inventory-changes")
                    .resolve(cursor == null ? "page-1.json" : "page-2.json"));
            exchange.sendResponseHeaders(authorized ? 200 : 401, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        fakeSquare.start();

        ingest = new IngestService(sources, signingSecrets, store, clock);
        SquareChanges squareChanges = new HttpSquareChanges(
                new io.inventorysync.http.JsonPost(HttpSquareChanges.TIMEOUT, HttpSquareChanges.TIMEOUT),
                name -> name.equals("inventory-sync/vendors/square-main/token") ? "sq-token" : "wrong");
        adapters = new VendorAdapters(sources, signingSecrets, ingest, store, vendorState, squareChanges, drifts::add, clock);

        // The shop's app places checkout holds through the reservation routes as this source (canReserve).
        sources.register(new Source(SHOP, "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withVendor(
                config(SHOPIFY_SAMPLES)).withCanReserve(true));
        VendorConfig.Square square = (VendorConfig.Square) config(SQUARE_SAMPLES);
        sources.register(new Source(SQUARE, "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withVendor(
                new VendorConfig.Square(square.merchantId(), square.notificationUrl(),
                        "http://127.0.0.1:" + fakeSquare.getAddress().getPort(), square.tokenSecretName(),
                        square.applicationId(), square.locations(), square.items())));
        secrets.put(SHOP, List.of("an-old-key", SHOPIFY_SECRET));
        secrets.put(SQUARE, List.of(SQUARE_SECRET));

        receive("store-12", Map.of("BLU-SHIRT-M", 10L, "GRN-CAP", 5L));
        receive("web-dc", Map.of("BLU-SHIRT-M", 10L, "RED-SCARF", 10L));
    }

    @AfterEach
    void tearDown() {
        fakeSquare.stop(0);
    }

    @Test
    void shopifyDelivery_shouldBe401AndChangeNothing_whenSignedWithTheWrongSecret() throws IOException {
        byte[] body = sample("orders-create/pos-order.json");

        AdapterResult result = adapters.shopify(new VendorAdapters.Request(SHOP, Map.of(
                VendorAdapters.SHOPIFY_TOPIC, "orders/create",
                VendorAdapters.SHOPIFY_SIGNATURE, VendorSignature.sign("not-the-secret", body)), body), telemetry);

        assertThat(result).isInstanceOf(AdapterResult.BadSignature.class);
        assertThat(queue.sent()).isEmpty();
        assertThat(store.eventStatus(SHOP, "shopify:acme-outfitters.myshopify.com:order:5940139491234")).isEmpty();
    }

    @Test
    void shopifyDelivery_shouldBeRefused_whenTheSignatureCoversAnotherBody() throws IOException {
        byte[] body = sample("orders-create/pos-order.json");
        String signature = VendorSignature.sign(SHOPIFY_SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"quantity\": 2", "\"quantity\": 1")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(adapters.shopify(new VendorAdapters.Request(SHOP, Map.of(VendorAdapters.SHOPIFY_TOPIC, "orders/create",
                VendorAdapters.SHOPIFY_SIGNATURE, signature), tampered), telemetry))
                .isInstanceOf(AdapterResult.BadSignature.class);
    }

    @Test
    void posOrder_shouldSellOnce_whenShopifyRetriesTheIdenticalDelivery() throws IOException {
        String eventId = "shopify:acme-outfitters.myshopify.com:order:5940139491234";

        assertThat(shopify("orders/create", "orders-create/pos-order.json")).extracting(AdapterResult.Outcome::status)
                .containsExactly("QUEUED");
        drain();
        assertThat(shopify("orders/create", "orders-create/pos-order.json")).extracting(AdapterResult.Outcome::status)
                .containsExactly("QUEUED");
        drain();

        assertThat(level("BLU-SHIRT-M", "store-12").onHand()).isEqualTo(8);
        assertThat(level("GRN-CAP", "store-12").onHand()).isEqualTo(4);
        assertThat(level("BLU-SHIRT-M", "store-12").version()).isEqualTo(2);
        assertThat(store.eventStatus(SHOP, eventId)).get().extracting(EventStatus::status).isEqualTo(EventStatus.Status.APPLIED);
    }

    @Test
    void onlineOrder_shouldSellAtTheWebLocation() throws IOException {
        shopify("orders/create", "orders-create/online-order.json");
        drain();

        assertThat(level("RED-SCARF", "web-dc").onHand()).isEqualTo(7);
    }

    @Test
    void onlineOrderNamingAHold_shouldCommitItDeferred_thenItsFulfilmentShipsIt() throws IOException {
        hold(SHOP, "chk-9f2");

        assertThat(shopify("orders/create", "orders-create/online-order-with-hold.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("COMMITTED");
        StockLevel committed = level("BLU-SHIRT-M", "web-dc");
        assertThat(List.of(committed.onHand(), committed.reserved(), committed.committed())).containsExactly(10L, 0L, 1L);

        assertThat(shopify("fulfillments/create", "fulfillments-create/fulfillment-of-held-order.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("FULFILLED");
        assertThat(shopify("fulfillments/create", "fulfillments-create/fulfillment-of-held-order.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("FULFILLED");
        StockLevel shipped = level("BLU-SHIRT-M", "web-dc");
        assertThat(List.of(shipped.onHand(), shipped.reserved(), shipped.committed())).containsExactly(9L, 0L, 0L);
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void cancelRefundOfAHeldOrder_shouldGiveTheCommitmentBack() throws IOException {
        hold(SHOP, "chk-9f2");
        shopify("orders/create", "orders-create/online-order-with-hold.json");

        assertThat(shopify("refunds/create", "refunds-create/refund-cancel-of-held-order.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("CANCELLED");

        StockLevel level = level("BLU-SHIRT-M", "web-dc");
        assertThat(List.of(level.onHand(), level.reserved(), level.committed(), level.available()))
                .containsExactly(10L, 0L, 0L, 10L);
    }

    @Test
    void onlineOrderNamingAnotherSourcesHold_shouldFindNoHoldOfItsOwnAndLeaveTheHold() throws IOException {
        hold("web-other", "chk-9f2");
        String eventId = "shopify:acme-outfitters.myshopify.com:order:5940139491300";

        assertThat(shopify("orders/create", "orders-create/online-order-with-hold.json"))
                .containsExactly(new AdapterResult.Outcome(eventId, "REJECTED", "RESERVATION_UNKNOWN"));

        assertThat(level("BLU-SHIRT-M", "web-dc").reserved()).isEqualTo(1);
        EventStatus status = store.eventStatus(SHOP, eventId).orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.Status.REJECTED);
        assertThat(status.lines()).extracting(EventStatus.Line::reason).containsExactly("RESERVATION_UNKNOWN");
    }

    @Test
    void onlineOrderNamingAHold_shouldBeRejectedOutOfScope_andLeaveTheHold_whenTheSourceMayNotReserve() throws IOException {
        hold(SHOP, "chk-9f2");
        sources.register(sources.source(SHOP).orElseThrow().withCanReserve(false));
        String eventId = "shopify:acme-outfitters.myshopify.com:order:5940139491300";

        assertThat(shopify("orders/create", "orders-create/online-order-with-hold.json"))
                .containsExactly(new AdapterResult.Outcome(eventId, "REJECTED", "OUT_OF_SCOPE"));

        StockLevel level = level("BLU-SHIRT-M", "web-dc");
        assertThat(List.of(level.onHand(), level.reserved(), level.committed())).containsExactly(10L, 1L, 0L);
        EventStatus status = store.eventStatus(SHOP, eventId).orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.Status.REJECTED);
        assertThat(status.lines()).extracting(EventStatus.Line::reason).containsExactly("OUT_OF_SCOPE");
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void fulfilment_shouldBeRejectedOutOfScope_butCancelGiveTheUnitsBack_whenCanReserveWasWithdrawnAfterTheCommit()
            throws IOException {
        hold(SHOP, "chk-9f2");
        assertThat(shopify("orders/create", "orders-create/online-order-with-hold.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("COMMITTED");
        sources.register(sources.source(SHOP).orElseThrow().withCanReserve(false));

        List<AdapterResult.Outcome> fulfilled = shopify("fulfillments/create", "fulfillments-create/fulfillment-of-held-order.json");
        StockLevel between = level("BLU-SHIRT-M", "web-dc");
        List<AdapterResult.Outcome> cancelled = shopify("refunds/create", "refunds-create/refund-cancel-of-held-order.json");

        // fulfilling sells the units: refused, nothing moved
        assertThat(fulfilled).extracting(AdapterResult.Outcome::status, AdapterResult.Outcome::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REJECTED", "OUT_OF_SCOPE"));
        assertThat(List.of(between.onHand(), between.reserved(), between.committed())).containsExactly(10L, 0L, 1L);
        assertThat(store.eventStatus(SHOP, fulfilled.getFirst().eventId())).get()
                .satisfies(s -> assertThat(s.lines()).extracting(EventStatus.Line::reason).containsExactly("OUT_OF_SCOPE"));
        // cancelling gives them back: the owner's to take, so a commitment (which never expires) is not stranded
        assertThat(cancelled).extracting(AdapterResult.Outcome::status).containsExactly("CANCELLED");
        StockLevel level = level("BLU-SHIRT-M", "web-dc");
        assertThat(List.of(level.onHand(), level.reserved(), level.committed())).containsExactly(10L, 0L, 0L);
    }

    @Test
    void redeliveredCommitAndFulfilment_shouldAnswerAsTheFirst_whenCanReserveWasWithdrawnAfterThem() throws IOException {
        hold(SHOP, "chk-9f2");
        assertThat(shopify("orders/create", "orders-create/online-order-with-hold.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("COMMITTED");
        assertThat(shopify("fulfillments/create", "fulfillments-create/fulfillment-of-held-order.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("FULFILLED");
        StockLevel before = level("BLU-SHIRT-M", "web-dc");
        sources.register(sources.source(SHOP).orElseThrow().withCanReserve(false));

        // Shopify redelivers both (a lost answer): steps already done change nothing, so no scope applies
        assertThat(shopify("orders/create", "orders-create/online-order-with-hold.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("COMMITTED");
        assertThat(shopify("fulfillments/create", "fulfillments-create/fulfillment-of-held-order.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("FULFILLED");
        StockLevel after = level("BLU-SHIRT-M", "web-dc");
        assertThat(List.of(after.onHand(), after.reserved(), after.committed(), after.version()))
                .containsExactly(before.onHand(), before.reserved(), before.committed(), before.version());
        // (a commit of a hold not yet committed is still refused: onlineOrderNamingAHold_shouldBeRejectedOutOfScope_...)
    }

    @Test
    void holdSteps_shouldFollowTheSourcesScopeNow_whenItsLocationsWereNarrowedAfterTheHold() throws IOException {
        // given: a committed order's hold at web-dc, then the source is narrowed to its stores
        hold(SHOP, "chk-9f2");
        assertThat(shopify("orders/create", "orders-create/online-order-with-hold.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("COMMITTED");
        sources.register(sources.source(SHOP).orElseThrow().withLocations(List.of("store-*")));

        // when: the shop ships the order, then cancels it
        List<AdapterResult.Outcome> fulfilled = shopify("fulfillments/create", "fulfillments-create/fulfillment-of-held-order.json");
        StockLevel between = level("BLU-SHIRT-M", "web-dc");
        List<AdapterResult.Outcome> cancelled = shopify("refunds/create", "refunds-create/refund-cancel-of-held-order.json");

        // then: no stock leaves web-dc through a source no longer scoped there; the commitment goes back
        assertThat(fulfilled).extracting(AdapterResult.Outcome::status, AdapterResult.Outcome::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REJECTED", "OUT_OF_SCOPE"));
        assertThat(List.of(between.onHand(), between.reserved(), between.committed())).containsExactly(10L, 0L, 1L);
        assertThat(cancelled).extracting(AdapterResult.Outcome::status).containsExactly("CANCELLED");
        StockLevel level = level("BLU-SHIRT-M", "web-dc");
        assertThat(List.of(level.onHand(), level.reserved(), level.committed())).containsExactly(10L, 0L, 0L);
    }

    @Test
    void onlineOrderNamingAHold_shouldBeRejectedOutOfScope_andLeaveTheHold_whenItsLocationLeftTheSourcesScope()
            throws IOException {
        hold(SHOP, "chk-9f2");
        sources.register(sources.source(SHOP).orElseThrow().withLocations(List.of("store-*")));

        assertThat(shopify("orders/create", "orders-create/online-order-with-hold.json"))
                .extracting(AdapterResult.Outcome::status, AdapterResult.Outcome::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REJECTED", "OUT_OF_SCOPE"));

        StockLevel level = level("BLU-SHIRT-M", "web-dc");
        assertThat(List.of(level.onHand(), level.reserved(), level.committed())).containsExactly(10L, 1L, 0L);
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void refunds_shouldRestockByType_returnAndLegacyRestockYesNoRestockNo() throws IOException {
        shopify("orders/create", "orders-create/pos-order.json");
        drain();

        shopify("refunds/create", "refunds-create/refund-return.json");
        assertThat(shopify("refunds/create", "refunds-create/refund-no-restock.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("IGNORED");
        drain();

        assertThat(level("BLU-SHIRT-M", "store-12").onHand()).isEqualTo(9);
        assertThat(level("GRN-CAP", "store-12").onHand()).isEqualTo(5);
    }

    @Test
    void cancelRefundOfASoldOrder_shouldReturnTheUnits() throws IOException {
        shopify("orders/create", "orders-create/online-order.json");
        shopify("refunds/create", "refunds-create/refund-cancel-of-sold-order.json");
        drain();

        assertThat(level("RED-SCARF", "web-dc").onHand()).isEqualTo(9);
    }

    @Test
    void unmappedLocation_shouldBeAnsweredAndVisibleAsRejected() throws IOException {
        String eventId = "shopify:acme-outfitters.myshopify.com:order:5940139491400";

        assertThat(shopify("orders/create", "orders-create/pos-order-unmapped-location.json"))
                .containsExactly(new AdapterResult.Outcome(eventId, "REJECTED", "UNMAPPED_LOCATION"));

        EventStatus status = store.eventStatus(SHOP, eventId).orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.Status.REJECTED);
        assertThat(status.lines()).extracting(EventStatus.Line::reason).containsExactly("UNMAPPED_LOCATION");
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void unknownTopic_shouldBeHandledAndIgnored() throws IOException {
        assertThat(shopify("products/update", "products-update/product.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("IGNORED");
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void inventoryLevelUpdate_shouldBeAnEcho_whenItCarriesTheNumberWePushed() throws IOException {
        pushed(6);

        assertThat(shopify("inventory_levels/update", "inventory_levels-update/level.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("ECHO");
        assertThat(drifts).isEmpty();
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void inventoryLevelUpdate_shouldRaiseDrift_whenItDiffersBeyondTheThreshold() throws IOException {
        pushed(3);

        assertThat(shopify("inventory_levels/update", "inventory_levels-update/level.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("DRIFT");

        assertThat(drifts).singleElement().satisfies(d -> {
            assertThat(d.reported()).isEqualTo(6);
            assertThat(d.master()).isEqualTo(3);
            assertThat(d.measure()).isEqualTo("CHANNEL_AVAILABLE");
            assertThat(d.channel()).isEqualTo("shopify-web");
            assertThat(d.sku()).isEqualTo("BLU-SHIRT-M");
        });
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void inventoryLevelUpdate_shouldRaiseNothing_whenWithinTheThreshold() throws IOException {
        pushed(5);

        assertThat(shopify("inventory_levels/update", "inventory_levels-update/level.json"))
                .extracting(AdapterResult.Outcome::status).containsExactly("WITHIN_THRESHOLD");
        assertThat(drifts).isEmpty();
    }

    @Test
    void squareNotification_shouldBe401_whenNotSignedOverTheNotificationUrl() throws IOException {
        byte[] body = Files.readAllBytes(SQUARE_SAMPLES.resolve("webhooks/inventory-count-updated.json"));
        String overBodyOnly = VendorSignature.sign(SQUARE_SECRET, body);

        assertThat(adapters.square(new VendorAdapters.Request(SQUARE, Map.of(VendorAdapters.SQUARE_SIGNATURE, overBodyOnly),
                body), telemetry)).isInstanceOf(AdapterResult.BadSignature.class);
        assertThat(squareCursors).isEmpty();
    }

    @Test
    void squareNotification_shouldBeIgnoredWithoutAPull_whenItNamesAnotherMerchantOrNone() throws IOException {
        // given: notifications signed with the source's key over its URL (a shared Square application
        // sends every seller's notifications), for another merchant, and for none
        String sample = Files.readString(SQUARE_SAMPLES.resolve("webhooks/inventory-count-updated.json"));
        String other = sample.replace("\"merchant_id\": \"6SSW7HV8K2ST5\"", "\"merchant_id\": \"7TTX8JW9L3TU6\"");
        String none = sample.replace("\"merchant_id\": \"6SSW7HV8K2ST5\",", "");
        String caseOnly = sample.replace("\"merchant_id\": \"6SSW7HV8K2ST5\"", "\"merchant_id\": \"6ssw7hv8k2st5\"");
        assertThat(List.of(other, none, caseOnly)).doesNotContain(sample);

        for (String body : List.of(other, none, caseOnly)) {
            // when
            AdapterResult result = square(body.getBytes(StandardCharsets.UTF_8));
            // then: a 2xx (Square retries anything else for 24 hours), nothing pulled, nothing queued
            assertThat(result).isEqualTo(new AdapterResult.Handled("inventory.count.updated",
                    List.of(new AdapterResult.Outcome(null, "IGNORED", SquareMapping.OTHER_MERCHANT))));
        }
        assertThat(squareCursors).isEmpty();
        assertThat(adapters.pulledSources()).isEmpty();
        assertThat(queue.sent()).isEmpty();
        // and the source's own merchant still pulls
        assertThat(square()).isInstanceOf(AdapterResult.Handled.class);
        assertThat(squareCursors).isNotEmpty();
    }

    @Test
    void squarePull_shouldApplyEachChangeOnce_whenTheQueueFailsBetweenPages() throws IOException {
        receive("store-12", Map.of("BLU-SHIRT-M", 10L));
        // The queue goes down while the second page is being read.
        fakeSquare.removeContext("/v2/inventory/changes/batch-retrieve");
        HttpServerDelegate.failQueueOnSecondPage(fakeSquare, queue, squareCursors, SQUARE_SAMPLES);

        AdapterResult first = square();
        assertThat(first).isInstanceOf(AdapterResult.Handled.class);
        // Both pages were accepted whatever SQS does: the adapter only writes receipts, the relay sends.
        // SQS being down, the relay's delivery fails and stays pending (the stream delivers it again).
        assertThat(queue.relayPending().failedAt()).isPresent();
        queue.failing = false;
        VendorAdapters.PullResult resumed = adapters.pullSquare(SQUARE, telemetry);
        // the relay sends every accepted event once SQS is back, and whatever is sent twice is applied once
        List<String> queuedFirst = queue.sent().stream().map(m -> m.key().eventId()).distinct().toList();

        assertThat(squareCursors.subList(0, 2)).containsExactly("null", "CURSOR-PAGE-2");
        assertThat(resumed.caughtUp()).isTrue();
        assertThat(queuedFirst).contains(
                "square:6SSW7HV8K2ST5:adj:UDMOEO78BG2GKWM5TSCJRYBH", "square:6SSW7HV8K2ST5:adj:R2Z2JB3XHFRV6SS2XFWEXTOX",
                "square:6SSW7HV8K2ST5:adj:5UCFEOJMFBJEVPTGZCGDAH3M", "square:6SSW7HV8K2ST5:adj:HMQOQJF3BXB3FMAH6KRHVGNX",
                "square:6SSW7HV8K2ST5:count:46YDTW253DWGGK9HMAE6XCAO",
                "square:6SSW7HV8K2ST5:transfer:UDMOEO78BG2GKWM5TSCJRYBT:out",
                "square:6SSW7HV8K2ST5:transfer:UDMOEO78BG2GKWM5TSCJRYBT:in");
        drain();

        // 20 received - 2 sold + 1 returned - 1 wasted - 3 transferred out - 1 sold (page 2); our own +5 skipped
        assertThat(level("BLU-SHIRT-M", "store-12").onHand()).isEqualTo(14);
        StockLevel destination = level("BLU-SHIRT-M", "store-14");
        assertThat(List.of(destination.onHand(), destination.inTransit())).containsExactly(3L, 0L);
        assertThat(level("6F4K33KPNUVDWKZ43KUIFH6K", "store-14").onHand()).isEqualTo(86);
        assertThat(store.eventStatus(SQUARE, "square:6SSW7HV8K2ST5:adj:KG2QYF5VQ4YJV6TBGUKMW9AD")).get()
                .satisfies(s -> assertThat(s.lines()).extracting(EventStatus.Line::reason).containsExactly("NON_INTEGER_QUANTITY"));
        assertThat(store.eventStatus(SQUARE, "square:6SSW7HV8K2ST5:adj:OURSOWNX3KWZW9ZWHN7QEAXX")).isEmpty();
    }

    private AdapterResult square() throws IOException {
        return square(Files.readAllBytes(SQUARE_SAMPLES.resolve("webhooks/inventory-count-updated.json")));
    }

    private AdapterResult square(byte[] body) {
        VendorConfig.Square account = (VendorConfig.Square) sources.source(SQUARE).orElseThrow().vendor();
        String signature = VendorSignature.sign(SQUARE_SECRET, VendorSignature.squareSigned(account.notificationUrl(), body));
        return adapters.square(new VendorAdapters.Request(SQUARE, Map.of(VendorAdapters.SQUARE_SIGNATURE, signature), body),
                telemetry);
    }

    private List<AdapterResult.Outcome> shopify(String topic, String sample) throws IOException {
        byte[] body = sample(sample);
        AdapterResult result = adapters.shopify(new VendorAdapters.Request(SHOP, Map.of(VendorAdapters.SHOPIFY_TOPIC, topic,
                VendorAdapters.SHOPIFY_SIGNATURE, VendorSignature.sign(SHOPIFY_SECRET, body)), body), telemetry);
        assertThat(result).isInstanceOf(AdapterResult.Handled.class);
        return ((AdapterResult.Handled) result).outcomes();
    }

    private static byte[] sample(String path) throws IOException {
        return Files.readAllBytes(SHOPIFY_SAMPLES.resolve(path));
    }

    private void pushed(long quantity) {
        vendorState.recordPushed(new PushedQuantities.Pushed("shopify-web", "BLU-SHIRT-M", quantity, 3,
                "acme-outfitters.myshopify.com", "9007199254740995", "48752904"));
    }

    private void hold(String sourceId, String reservationId) {
        store.reserve(new ReservationRequest(reservationId, sourceId, "web-dc", 900,
                List.of(new ReservationLine("BLU-SHIRT-M", 1))));
    }

    private void receive(String locationId, Map<String, Long> units) {
        List<Map<String, Object>> lines = units.entrySet().stream()
                .map(e -> Map.<String, Object>of("sku", e.getKey(), "quantity", e.getValue())).toList();
        IngestResult result = ingest.accept(sources.source(SHOP).orElseThrow(), Map.of("eventId",
                "receipt-" + locationId + "-" + lines.hashCode(), "type", "RECEIPT", "occurredAt", "2026-11-01T00:00:00Z",
                "locationId", locationId, "lines", lines), telemetry);
        assertThat(result).isInstanceOf(IngestResult.Accepted.class);
        drain();
    }

    private void drain() {
        for (Movement m : List.copyOf(queue.sent())) {
            store.apply(m);
        }
        queue.sent().clear();
    }

    private StockLevel level(String sku, String locationId) {
        return store.level(sku, locationId).orElseThrow();
    }

    private static VendorConfig config(Path root) {
        try {
            Map<?, ?> source = Json.MAPPER.readValue(root.resolve("source.json").toFile(), Map.class);
            return ((Validated.Valid<VendorConfig>) VendorConfig.parse(source.get("vendor"), "vendor")).value();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The fake Square again, but the movements queue fails while the second page is served. */
    private static final class HttpServerDelegate {
        static void failQueueOnSecondPage(HttpServer server, RecordingMovementQueue queue, List<String> cursors, Path samples) {
            server.createContext("/v2/inventory/changes/batch-retrieve", exchange -> {
                Map<?, ?> query = Json.MAPPER.readValue(exchange.getRequestBody(), Map.class);
                String cursor = (String) query.get("cursor");
                cursors.add(String.valueOf(cursor));
                if (cursor != null && cursors.size() == 2) {
                    queue.failing = true;
                }
                byte[] page = Files.readAllBytes(samples.resolve("batch-retrieve-inventory-changes")
                        .resolve(cursor == null ? "page-1.json" : "page-2.json"));
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
        }
    }
}
