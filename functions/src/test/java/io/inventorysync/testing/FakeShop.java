package io.inventorysync.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inventorysync.http.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shop answering like Shopify's GraphQL Admin API, for the three calls the connector makes:
 * {@code inventorySetQuantities} (compare-and-set on {@code changeFromQuantity}, answering
 * {@code CHANGE_FROM_QUANTITY_STALE}; {@code @idempotent} keys remembered with their answer),
 * the item's {@code available} at a location, and variants by SKU. It keeps a leaky bucket as
 * Shopify does (cost 10 a mutation, 1 a query) and answers {@code THROTTLED} when it is empty,
 * with {@code extensions.cost.throttleStatus} on every answer.
 */
public final class FakeShop implements AutoCloseable {
    public static final String TOKEN = "shpat_test_token";
    public static final String LOCATION = "gid://shopify/Location/48752904";
    private final HttpServer server;
    public final Map<String, Long> available = Collections.synchronizedMap(new HashMap<>());
    public final Map<String, String> variantsBySku = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, String> answersByKey = Collections.synchronizedMap(new HashMap<>());
    /** The input each key was first used with: Shopify refuses a key reused with other variables. */
    private final Map<String, String> inputsByKey = Collections.synchronizedMap(new HashMap<>());
    /** The next mutations answer IDEMPOTENCY_CONCURRENT_REQUEST while this is positive, counting down. */
    public final AtomicInteger concurrentNext = new AtomicInteger();
    /** Each mutation received: key, item, quantity, changeFromQuantity, what it came to. */
    public final List<Map<String, Object>> mutations = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger applied = new AtomicInteger();
    public final AtomicInteger throttled = new AtomicInteger();
    public final AtomicInteger failures = new AtomicInteger();
    /** Before each mutation, the shop sells one unit of this item itself (the number moves under the push). */
    public volatile String sellsBeforeEachMutation;
    /** The shop answers 500 to every call while this is positive, counting down. */
    public final AtomicInteger failNext = new AtomicInteger();
    private final double maximum;
    private final double restoreRate;
    private double bucket;
    private long lastRefill = System.nanoTime();

    public FakeShop(double maximumAvailable, double restoreRate) throws IOException {
        this.maximum = maximumAvailable;
        this.restoreRate = restoreRate;
        this.bucket = maximumAvailable;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/api/2026-04/graphql.json", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/admin/api/2026-04/graphql.json";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
                send(exchange, 401, Map.of("errors", "[API] Invalid API key or access token"));
                return;
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failures.incrementAndGet();
                send(exchange, 500, Map.of("errors", "Internal error"));
                return;
            }
            Map<?, ?> request = Json.MAPPER.readValue(exchange.getRequestBody(), Map.class);
            String query = (String) request.get("query");
            Map<?, ?> variables = (Map<?, ?>) request.get("variables");
            boolean mutation = query.contains("inventorySetQuantities");
            double cost = mutation ? 10 : 1;
            synchronized (this) {
                refill();
                if (bucket < cost) {
                    throttled.incrementAndGet();
                    send(exchange, 200, Map.of("errors", List.of(Map.of("message", "Throttled",
                            "extensions", Map.of("code", "THROTTLED"))), "extensions", cost(cost)));
                    return;
                }
                bucket -= cost;
            }
            Map<String, Object> data = mutation ? set(variables) : query.contains("productVariants") ? find(variables)
                    : read(variables);
            send(exchange, 200, Map.of("data", data, "extensions", cost(cost)));
        }
    }

    private Map<String, Object> set(Map<?, ?> variables) throws IOException {
        String key = (String) variables.get("key");
        Map<?, ?> input = (Map<?, ?>) variables.get("input");
        Map<?, ?> line = (Map<?, ?>) ((List<?>) input.get("quantities")).getFirst();
        String item = (String) line.get("inventoryItemId");
        long quantity = ((Number) line.get("quantity")).longValue();
        long changeFrom = ((Number) line.get("changeFromQuantity")).longValue();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("key", key);
        record.put("item", item);
        record.put("quantity", quantity);
        record.put("changeFromQuantity", changeFrom);
        record.put("name", input.get("name"));
        record.put("reason", input.get("reason"));
        record.put("location", line.get("locationId"));
        String variablesSent = Json.MAPPER.writeValueAsString(input);
        if (concurrentNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            record.put("outcome", "CONCURRENT");
            mutations.add(record);
            return Map.of("inventorySetQuantities", Map.of("userErrors", List.of(Map.of("code",
                    "IDEMPOTENCY_CONCURRENT_REQUEST", "field", List.of(), "message",
                    "This request is currently in progress, please try again."))));
        }
        synchronized (this) {
            String earlier = answersByKey.get(key);
            if (earlier != null && !variablesSent.equals(inputsByKey.get(key))) {
                // Shopify: the same idempotency key cannot be used with different operation parameters.
                record.put("outcome", "MISMATCH");
                mutations.add(record);
                return Map.of("inventorySetQuantities", Map.of("userErrors",
                        List.of(Map.of("code", "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", "field", List.of(),
                                "message", "The same idempotency key cannot be used with different operation parameters."))));
            }
            if (earlier != null) {
                record.put("outcome", "REPEATED");
                mutations.add(record);
                return Json.MAPPER.readValue(earlier, Map.class);
            }
            if (item.equals(sellsBeforeEachMutation)) {
                available.merge(item, -1L, Long::sum);
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            long current = available.getOrDefault(item, 0L);
            if (current != changeFrom) {
                payload.put("inventoryAdjustmentGroup", null);
                payload.put("userErrors", List.of(Map.of("code", "CHANGE_FROM_QUANTITY_STALE",
                        "field", List.of("input", "quantities", "0", "changeFromQuantity"),
                        "message", "The specified compare quantity does not match the current quantity.")));
                record.put("outcome", "STALE");
            } else {
                available.put(item, quantity);
                applied.incrementAndGet();
                payload.put("inventoryAdjustmentGroup", Map.of("id", "gid://shopify/InventoryAdjustmentGroup/" + applied.get()));
                payload.put("userErrors", List.of());
                record.put("outcome", "APPLIED");
            }
            Map<String, Object> data = Map.of("inventorySetQuantities", payload);
            answersByKey.put(key, Json.MAPPER.writeValueAsString(data));
            inputsByKey.put(key, variablesSent);
            mutations.add(record);
            return data;
        }
    }

    private Map<String, Object> read(Map<?, ?> variables) {
        String item = (String) variables.get("item");
        Map<String, Object> level = Map.of("quantities", List.of(Map.of("name", "available",
                "quantity", available.getOrDefault(item, 0L))));
        return Map.of("inventoryItem", Map.of("inventoryLevel", level));
    }

    private Map<String, Object> find(Map<?, ?> variables) {
        String sku = ((String) variables.get("query")).replaceAll("^sku:\"|\"$", "");
        String item = variantsBySku.get(sku);
        return Map.of("productVariants", Map.of("nodes", item == null ? List.of()
                : List.of(Map.of("sku", sku, "inventoryItem", Map.of("id", item)))));
    }

    private void refill() {
        long now = System.nanoTime();
        bucket = Math.min(maximum, bucket + (now - lastRefill) / 1e9 * restoreRate);
        lastRefill = now;
    }

    private Map<String, Object> cost(double requested) {
        return Map.of("cost", Map.of("requestedQueryCost", requested, "actualQueryCost", requested,
                "throttleStatus", Map.of("maximumAvailable", maximum, "currentlyAvailable", bucket,
                        "restoreRate", restoreRate)));
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
