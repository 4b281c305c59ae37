package io.inventorysync.bench;

import io.inventorysync.adapters.AdapterResult;
import io.inventorysync.adapters.DriftReports;
import io.inventorysync.adapters.SquareChanges;
import io.inventorysync.adapters.VendorAdapters;
import io.inventorysync.auth.VendorSignature;
import io.inventorysync.connector.ShopifyAdminApi;
import io.inventorysync.connector.ShopifyConnector;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.vendor.ShopifyTarget;
import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.http.Json;
import io.inventorysync.ingest.IngestResult;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.store.InMemoryVendorState;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.FakeShop;
import io.inventorysync.testing.RecordingMovementQueue;
import io.inventorysync.testing.Signer;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vendor adapters, in process, in one run:
 * <ul>
 *   <li>the Shopify adapter's cost per delivery (HMAC, parse, mapping, the ingest path) next to a
 *       contract post of the same movements (Standard Webhooks signature, parse, the ingest path), on
 *       the in-memory store and queue, so the difference is the adapter's own work;</li>
 *   <li>the Shopify connector's pushes per second against the fake shop over HTTP, at a given throttle
 *       budget (bucket and restore rate), next to the budget's own ceiling.</li>
 * </ul>
 * Run: {@code java -cp <functions' test classpath> io.inventorysync.bench.VendorAdapterBenchmark}
 * (optional {@code -Dbench.deliveries=N -Dbench.pushes=N -Dbench.restore=R}).
 */
public final class VendorAdapterBenchmark {
    private VendorAdapterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int deliveries = Integer.getInteger("bench.deliveries", 5_000);
        int pushes = Integer.getInteger("bench.pushes", 200);
        double restore = Double.parseDouble(System.getProperty("bench.restore", "100"));
        Clock clock = Clock.systemUTC();
        Telemetry telemetry = Telemetry.start("Bench");

        InMemorySourceRegistry sources = new InMemorySourceRegistry();
        InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
        RecordingMovementQueue queue = new RecordingMovementQueue().relaying(store, clock);
        String whsec = Signer.newSecret();
        String shopSecret = "shpss_bench";
        Map<String, List<String>> secrets = new HashMap<>();
        secrets.put("pos-bench", List.of(whsec));
        secrets.put("shop-bench", List.of(shopSecret));
        sources.register(new Source("pos-bench", "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH));
        sources.register(new Source("shop-bench", "ref", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withVendor(
                new VendorConfig.Shopify("bench.myshopify.com", "web-dc", Map.of("1", "store-12"), Map.of())));
        IngestService ingest = new IngestService(sources, s -> secrets.get(s.sourceId()), store, clock);
        VendorAdapters adapters = new VendorAdapters(sources, s -> secrets.get(s.sourceId()), ingest, store,
                new InMemoryVendorState(), (SquareChanges) (a, since, cursor) -> Map.of(), (DriftReports.Drift d) -> true,
                clock);

        // The same movements both ways: a two-line POS sale.
        List<byte[]> orders = new ArrayList<>();
        List<byte[]> contract = new ArrayList<>();
        List<Map<String, String>> contractHeaders = new ArrayList<>();
        for (int i = 0; i < deliveries * 2; i++) {
            String at = Instant.now().minusSeconds(60).toString();
            orders.add(Json.MAPPER.writeValueAsBytes(Map.of("id", 5_940_139_000_000L + i, "processed_at", at,
                    "location_id", 1, "line_items", List.of(Map.of("variant_id", 1L, "sku", "BLU-SHIRT-M", "quantity", 1),
                            Map.of("variant_id", 2L, "sku", "RED-SCARF", "quantity", 2)))));
            String body = Json.write(Map.of("eventId", "pos-" + i, "type", "SALE", "occurredAt", at,
                    "locationId", "store-12", "lines", List.of(Map.of("sku", "BLU-SHIRT-M", "quantity", 1),
                            Map.of("sku", "RED-SCARF", "quantity", 2))));
            contract.add(body.getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new HashMap<>(Signer.headers(whsec, body));
            headers.put("content-type", "application/json");
            contractHeaders.add(headers);
        }
        // Warm-up with the first half, measure with the second.
        long[] adapter = new long[deliveries];
        long[] post = new long[deliveries];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < deliveries; i++) {
                int n = round * deliveries + i;
                byte[] order = orders.get(n);
                Map<String, String> shopifyHeaders = Map.of(VendorAdapters.SHOPIFY_TOPIC, "orders/create",
                        VendorAdapters.SHOPIFY_SIGNATURE, VendorSignature.sign(shopSecret, order));
                long t0 = System.nanoTime();
                AdapterResult a = adapters.shopify(new VendorAdapters.Request("shop-bench", shopifyHeaders, order), telemetry);
                long t1 = System.nanoTime();
                IngestResult c = ingest.postEvents(new IngestService.Request("pos-bench", contractHeaders.get(n),
                        contract.get(n), "POST /v1/sources/pos-bench/events"), telemetry);
                long t2 = System.nanoTime();
                if (!(a instanceof AdapterResult.Handled) || !(c instanceof IngestResult.Accepted)) {
                    throw new IllegalStateException("not accepted: " + a + " / " + c);
                }
                if (round == 1) {
                    adapter[i] = t1 - t0;
                    post[i] = t2 - t1;
                }
            }
            queue.sent().clear();
        }
        Arrays.sort(adapter);
        Arrays.sort(post);

        // The connector against the fake shop at a throttle budget of 1000 points restoring `restore` a second.
        double pushesPerSecond;
        try (FakeShop shop = new FakeShop(1000, restore)) {
            ShopifyTarget target = new ShopifyTarget("bench.myshopify.com", "2026-04", "token", FakeShop.LOCATION,
                    Map.of("BLU-SHIRT-M", "gid://shopify/InventoryItem/1"), shop.endpoint());
            ShopifyConnector connector = new ShopifyConnector("bench", target, new ShopifyAdminApi(HttpClient.newHttpClient(),
                    Thread::sleep), name -> FakeShop.TOKEN, new InMemoryVendorState(), (DriftReports.Drift d) -> true,
                    new JitteredBackoff(Duration.ofMillis(10), Duration.ofMillis(100)), clock);
            long t0 = System.nanoTime();
            for (int v = 1; v <= pushes; v++) {
                connector.push(List.of(new ShopifyConnector.Message("m" + v, Json.write(Map.of("detail", Map.of(
                        "channel", "bench", "sku", "BLU-SHIRT-M", "available", 1000 - v, "version", v))))), telemetry);
            }
            pushesPerSecond = pushes / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("%nconnector: %d pushes, %d applied, %d throttled answers%n", pushes, shop.applied.get(),
                    shop.throttled.get());
        }
        // The budget lets the bucket (1000 points) go at once, then restore/10 pushes a second (cost 10 each).
        double minimumSeconds = Math.max(0, (pushes * 10.0 - 1000) / restore);
        double ceiling = minimumSeconds == 0 ? Double.POSITIVE_INFINITY : pushes / minimumSeconds;

        System.out.printf("%n%-52s %12s %12s%n", "per delivery (2-line POS sale, in-memory store)", "p50 µs", "p99 µs");
        System.out.printf("%-52s %12.1f %12.1f%n", "contract post (Standard Webhooks, /events)", p(post, 50), p(post, 99));
        System.out.printf("%-52s %12.1f %12.1f%n", "Shopify adapter (HMAC, map, same ingest path)", p(adapter, 50), p(adapter, 99));
        System.out.printf("%-52s %12.2f %12.2f%n", "ratio adapter / contract post", p(adapter, 50) / p(post, 50),
                p(adapter, 99) / p(post, 99));
        System.out.printf("%n%-52s %12s%n", "connector against the fake shop", "pushes/s");
        System.out.printf("%-52s %12.1f%n", "measured (" + pushes + " pushes, cost 10, restore " + restore + "/s)", pushesPerSecond);
        System.out.printf("%-52s %12.1f%n", "throttle ceiling for the run (bucket + restore)", ceiling);
    }

    private static double p(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[index] / 1_000.0;
    }
}
