package io.inventorysync.bench;

import com.sun.net.httpserver.HttpServer;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.DynamoDbVendorState;
import io.inventorysync.store.PullPositions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small fake Square for the cold-start benchmark's Square pull, and the source that pulls from it:
 * {@code POST /v2/inventory/changes/batch-retrieve} answers one page (no cursor: the last) holding
 * one inventory change, a receipt of one unit ({@code NONE} to {@code IN_STOCK}) of {@code SQ-SKU}
 * at Square location {@code L1} ({@code store-1}), made by another application, with an id of its
 * own on every request. The source {@code square-bench} is registered with a stored pull position
 * (the schedule pulls only for sources that have pulled before), so every run's first scheduled
 * event pulls that page, maps it and accepts one new event: {@code HttpSquareChanges}, the mapping,
 * the ingest path and the position's save are all on the measured path.
 */
final class BenchSquare implements AutoCloseable {
    static final String SOURCE = "square-bench";
    static final String TOKEN_SECRET = "bench/square-token";
    private static final String PATH = "/v2/inventory/changes/batch-retrieve";

    /** Pages served (one per pull). */
    final AtomicInteger pages = new AtomicInteger();
    /** Requests that were not a token-bearing POST to the batch-retrieve path. */
    final AtomicInteger refused = new AtomicInteger();
    private final HttpServer server;
    private final String run = Long.toString(System.nanoTime(), 36);

    BenchSquare(BenchEngines engines) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean ok = exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals(PATH)
                    && ("Bearer " + "sq-bench-token").equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            int status;
            if (ok) {
                int n = pages.incrementAndGet();
                body = ("{\"changes\":[{\"type\":\"ADJUSTMENT\",\"adjustment\":{\"id\":\"bench-" + run + "-" + n
                        + "\",\"from_state\":\"NONE\",\"to_state\":\"IN_STOCK\",\"location_id\":\"L1\","
                        + "\"catalog_object_id\":\"V1\",\"quantity\":\"1\",\"occurred_at\":\""
                        + Instant.now().minusSeconds(5) + "\",\"source\":{\"application_id\":\"pos-app\"}}}]}")
                        .getBytes(StandardCharsets.UTF_8);
                status = 200;
            } else {
                refused.incrementAndGet();
                body = "{\"errors\":[{\"category\":\"INVALID_REQUEST_ERROR\"}]}".getBytes(StandardCharsets.UTF_8);
                status = 400;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        engines.stubs.secrets.put(TOKEN_SECRET, "sq-bench-token");
        engines.stubs.secrets.put(Settings.SOURCE_SECRET_PREFIX + SOURCE, "sq-bench-signature-key");
        new DynamoDbSourceRegistry(engines.dynamo, engines.table).register(new Source(SOURCE,
                Settings.SOURCE_SECRET_PREFIX + SOURCE, Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withVendor(
                new VendorConfig.Square("M-BENCH", "https://bench.example/square", "http://127.0.0.1:"
                        + server.getAddress().getPort(), TOKEN_SECRET, "inventory-sync-bench", Map.of("L1", "store-1"),
                        Map.of("V1", "SQ-SKU"))));
        // Pulled before: the schedule lists it (PullPositions.pulledSources) and pulls from here on every run.
        Instant since = Instant.now().minus(Duration.ofMinutes(10));
        new DynamoDbVendorState(engines.dynamo, engines.table).savePullPosition(SOURCE,
                new PullPositions.PullPosition(since, null, since));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
