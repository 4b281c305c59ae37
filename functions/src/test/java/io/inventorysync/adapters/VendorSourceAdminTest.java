package io.inventorysync.adapters;

import io.inventorysync.admin.SecretVault;
import io.inventorysync.admin.SourceAdminResult;
import io.inventorysync.admin.SourceAdminService;
import io.inventorysync.auth.SecretsManagerSigningSecrets;
import io.inventorysync.auth.VendorSignature;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.SourceConfig;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.http.Json;
import io.inventorysync.ingest.IngestResult;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.store.InMemoryVendorState;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.RecordingMovementQueue;
import io.inventorysync.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Shopify source configured the way an operator does it: {@code PUT /v1/admin/sources/{id}} with a
 * {@code vendor} member and a scope, then the shop's app secret given through {@code POST .../secrets},
 * then a delivery signed with that secret. The keys are read back through the deployed parsing of the
 * source's secret ({@link SecretsManagerSigningSecrets} over a Secrets Manager answering from the same vault).
 */
class VendorSourceAdminTest {
    private static final String PREFIX = "inventory-sync/test/sources/";
    private static final String SHOP = "shop-acme";
    private static final String WMS = "wms-1";
    /** A Shopify app's client secret: no whsec_ prefix. */
    private static final String SHOPIFY_APP_SECRET = "4f1c0ffee2b7a9d3e5a1";
    private static final Path SHOPIFY_SAMPLES = Samples.eventsDir().resolve("vendors/shopify");
    private static final String POS_ORDER = "shopify:acme-outfitters.myshopify.com:order:5940139491234";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private final Telemetry telemetry = Telemetry.start("Test");
    private final Map<String, String> vault = new HashMap<>();
    private final SecretVault secretVault = new SecretVault() {
        @Override
        public Optional<String> read(String secretId) {
            return Optional.ofNullable(vault.get(secretId));
        }

        @Override
        public void write(String secretId, String value) {
            vault.put(secretId, value);
        }
    };
    private final SecretsManagerClient secretsManager = new SecretsManagerClient() {
        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            String value = vault.get(request.secretId());
            if (value == null) {
                throw ResourceNotFoundException.builder().statusCode(400).message("no such secret").build();
            }
            return GetSecretValueResponse.builder().name(request.secretId()).secretString(value).build();
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {
        }
    };
    private final InMemorySourceRegistry sources = new InMemorySourceRegistry();
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final RecordingMovementQueue queue = new RecordingMovementQueue().relaying(store, clock);
    private final SourceAdminService admin = new SourceAdminService(sources, secretVault, PREFIX);
    private IngestService ingest;
    private VendorAdapters adapters;

    @BeforeEach
    void setUp() {
        // A zero TTL: every delivery reads the source's secret again (a rotation is seen at once).
        SecretsManagerSigningSecrets keys = new SecretsManagerSigningSecrets(secretsManager, Duration.ZERO, clock);
        ingest = new IngestService(sources, keys, store, clock);
        adapters = new VendorAdapters(sources, keys, ingest, store, new InMemoryVendorState(),
                (SquareChanges) (account, since, cursor) -> Map.of(), drift -> true, clock);
        // Stock arrives from a contract source of every location.
        assertThat(admin.put(WMS, Map.of())).isInstanceOf(SourceAdminResult.Created.class);
        receive("store-12", Map.of("BLU-SHIRT-M", 10L, "GRN-CAP", 5L));
        receive("web-dc", Map.of("BLU-SHIRT-M", 10L, "RED-SCARF", 10L));
    }

    @Test
    void shopifySourceConfiguredThroughTheAdminService_shouldSellExactlyWhatItsSignedDeliverySays() throws IOException {
        // given: the source as PUT configures it, then the shop's app secret given
        Map<String, Object> configuration = shopifyConfiguration(List.of("store-*", "web-dc"));
        SourceAdminResult created = admin.put(SHOP, configuration);
        assertThat(created).isInstanceOf(SourceAdminResult.Created.class);
        assertThat(admin.addSecret(SHOP, Map.of("secret", SHOPIFY_APP_SECRET)))
                .isInstanceOfSatisfying(SourceAdminResult.SecretIssued.class, s -> assertThat(s.secret()).isEqualTo(SHOPIFY_APP_SECRET));

        // when: Shopify posts the POS order, signed with the app secret, and retries it identically
        List<AdapterResult.Outcome> first = shopify("orders/create", "orders-create/pos-order.json", SHOPIFY_APP_SECRET);
        drain();
        List<AdapterResult.Outcome> retry = shopify("orders/create", "orders-create/pos-order.json", SHOPIFY_APP_SECRET);
        drain();

        // then: sold once, to the unit
        assertThat(first).containsExactly(new AdapterResult.Outcome(POS_ORDER, "QUEUED", null));
        assertThat(retry).containsExactly(new AdapterResult.Outcome(POS_ORDER, "QUEUED", null));
        assertThat(levels("BLU-SHIRT-M", "store-12")).containsExactly(8L, 0L, 0L, 8L);
        assertThat(levels("GRN-CAP", "store-12")).containsExactly(4L, 0L, 0L, 4L);
        assertThat(levels("BLU-SHIRT-M", "web-dc")).containsExactly(10L, 0L, 0L, 10L);
        assertThat(store.eventStatus(SHOP, POS_ORDER)).get().extracting(EventStatus::status)
                .isEqualTo(EventStatus.Status.APPLIED);
        // and GET shows the vendor configuration as it was put, and neither key nor where it is kept
        Source stored = ((SourceAdminResult.Found) admin.get(SHOP)).source();
        Map<String, Object> view = SourceConfig.view(stored);
        assertThat(view.get("vendor")).isEqualTo(configuration.get("vendor"));
        assertThat(view.get("locations")).isEqualTo(List.of("store-*", "web-dc"));
        String shown = Json.MAPPER.writeValueAsString(view);
        assertThat(shown).doesNotContain(SHOPIFY_APP_SECRET).doesNotContain(PREFIX)
                .doesNotContain(((SourceAdminResult.Created) created).secret());
    }

    @Test
    void delivery_shouldBe401_untilTheVendorsSecretIsGiven_andAfterItIsRevoked() throws IOException {
        admin.put(SHOP, shopifyConfiguration(List.of("*")));
        byte[] body = Files.readAllBytes(SHOPIFY_SAMPLES.resolve("orders-create/pos-order.json"));

        assertThat(deliver(body, SHOPIFY_APP_SECRET)).isInstanceOf(AdapterResult.BadSignature.class);

        admin.addSecret(SHOP, Map.of("secret", SHOPIFY_APP_SECRET));
        admin.addSecret(SHOP, Map.of("secret", "rotated-app-secret-2", "revokeOthers", true));

        assertThat(deliver(body, SHOPIFY_APP_SECRET)).isInstanceOf(AdapterResult.BadSignature.class);
        assertThat(deliver(body, "rotated-app-secret-2")).isInstanceOf(AdapterResult.Handled.class);
        assertThat(queue.sent()).extracting(m -> m.key().eventId()).containsOnly(POS_ORDER);
    }

    @Test
    void deliveryOutsideTheSourcesScope_shouldBeRecordedRejectedOutOfScope_andChangeNothing() throws IOException {
        // given: the shop may touch its web location only; the POS order sells at store-12
        admin.put(SHOP, shopifyConfiguration(List.of("web-dc")));
        admin.addSecret(SHOP, Map.of("secret", SHOPIFY_APP_SECRET));

        // when
        List<AdapterResult.Outcome> outcomes = shopify("orders/create", "orders-create/pos-order.json", SHOPIFY_APP_SECRET);
        List<AdapterResult.Outcome> again = shopify("orders/create", "orders-create/pos-order.json", SHOPIFY_APP_SECRET);
        // and an online order (web-dc) in the same scope still sells
        List<AdapterResult.Outcome> online = shopify("orders/create", "orders-create/online-order.json", SHOPIFY_APP_SECRET);
        drain();

        // then: answered (a 200 for Shopify), visible in status, nothing sold at store-12
        assertThat(outcomes).containsExactly(new AdapterResult.Outcome(POS_ORDER, "REJECTED", "OUT_OF_SCOPE"));
        assertThat(again).containsExactly(new AdapterResult.Outcome(POS_ORDER, "REJECTED", "OUT_OF_SCOPE"));
        EventStatus status = store.eventStatus(SHOP, POS_ORDER).orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.Status.REJECTED);
        assertThat(status.lines()).extracting(EventStatus.Line::reason).containsExactly("OUT_OF_SCOPE");
        assertThat(levels("BLU-SHIRT-M", "store-12")).containsExactly(10L, 0L, 0L, 10L);
        assertThat(levels("GRN-CAP", "store-12")).containsExactly(5L, 0L, 0L, 5L);
        assertThat(online).extracting(AdapterResult.Outcome::status).containsExactly("QUEUED");
        assertThat(levels("RED-SCARF", "web-dc")).containsExactly(7L, 0L, 0L, 7L);
        // nothing of the refused event is relayed either
        assertThat(queue.sent()).noneMatch(m -> m.key().eventId().equals(POS_ORDER));
    }

    @Test
    void put_shouldListEveryProblemOfAVendorMember_andRefuseCredentials_changingNothing() {
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("kind", "SHOPIFY");
        vendor.put("shopDomain", "not a domain");
        vendor.put("accessToken", "shpat_0123456789");
        vendor.put("locations", Map.of("48752903", "store 12"));

        SourceAdminResult result = admin.put(SHOP, Map.of("vendor", vendor, "driftThreshold", -1));

        assertThat(result).isInstanceOfSatisfying(SourceAdminResult.Invalid.class, invalid -> {
            assertThat(invalid.problems()).extracting(Problem::path).containsExactlyInAnyOrder("vendor.accessToken",
                    "vendor.shopDomain", "vendor.webLocationId", "vendor.locations.48752903", "driftThreshold");
            assertThat(invalid.problems().toString()).doesNotContain("shpat_0123456789");
        });
        assertThat(admin.put(SHOP, Map.of("vendor", Map.of("kind", "CLOVER"))))
                .isInstanceOfSatisfying(SourceAdminResult.Invalid.class, invalid -> assertThat(invalid.problems())
                        .extracting(Problem::path).contains("vendor.kind"));
        assertThat(sources.source(SHOP)).isEmpty();
        assertThat(vault).doesNotContainKey(PREFIX + SHOP);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shopifyConfiguration(List<String> locations) throws IOException {
        Map<String, Object> sample = Json.MAPPER.readValue(SHOPIFY_SAMPLES.resolve("source.json").toFile(), Map.class);
        return Map.of("vendor", sample.get("vendor"), "locations", locations, "unknownSkus", "PASS_THROUGH");
    }

    private AdapterResult deliver(byte[] body, String key) {
        return adapters.shopify(new VendorAdapters.Request(SHOP, Map.of(VendorAdapters.SHOPIFY_TOPIC, "orders/create",
                VendorAdapters.SHOPIFY_SIGNATURE, VendorSignature.sign(key, body)), body), telemetry);
    }

    private List<AdapterResult.Outcome> shopify(String topic, String sample, String key) throws IOException {
        byte[] body = Files.readAllBytes(SHOPIFY_SAMPLES.resolve(sample));
        AdapterResult result = adapters.shopify(new VendorAdapters.Request(SHOP, Map.of(VendorAdapters.SHOPIFY_TOPIC, topic,
                VendorAdapters.SHOPIFY_SIGNATURE, VendorSignature.sign(key, body)), body), telemetry);
        assertThat(result).isInstanceOf(AdapterResult.Handled.class);
        return ((AdapterResult.Handled) result).outcomes();
    }

    private void receive(String locationId, Map<String, Long> units) {
        List<Map<String, Object>> lines = units.entrySet().stream()
                .map(e -> Map.<String, Object>of("sku", e.getKey(), "quantity", e.getValue())).toList();
        IngestResult result = ingest.accept(sources.source(WMS).orElseThrow(), Map.of("eventId",
                "receipt-" + locationId, "type", "RECEIPT", "occurredAt", "2026-11-01T00:00:00Z",
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

    /** onHand, reserved, committed, available. */
    private List<Long> levels(String sku, String locationId) {
        StockLevel level = store.level(sku, locationId).orElseThrow();
        return List.of(level.onHand(), level.reserved(), level.committed(), level.available());
    }
}
