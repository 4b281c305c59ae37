package io.inventorysync.connector;

import io.inventorysync.domain.vendor.ShopifyTarget;
import io.inventorysync.http.JsonText;
import io.inventorysync.http.JsonPost;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three calls the Shopify connector makes to a shop's GraphQL Admin API, over the JDK's
 * {@link HttpURLConnection} in the deployed function ({@link #overUrlConnection}; the JDK's
 * {@code java.net.http} client in tests that hand one in; no Netty, no Apache), obeying the shop's cost-based throttle: the last
 * {@code extensions.cost.throttleStatus} is kept per endpoint, and a call waits until the bucket
 * holds its cost; a {@code THROTTLED} answer waits and tries again.
 */
public final class ShopifyAdminApi {
    /** What a call is assumed to cost before the shop has said (a mutation of one quantity costs 10). */
    static final double ASSUMED_COST = 10;
    private static final int THROTTLED_ATTEMPTS = 5;

    static final String SET_QUANTITIES = """
            mutation SetAvailable($input: InventorySetQuantitiesInput!, $key: String!) {
              inventorySetQuantities(input: $input) @idempotent(key: $key) {
                inventoryAdjustmentGroup { id }
                userErrors { code field message }
              }
            }""";
    static final String READ_AVAILABLE = """
            query ReadAvailable($item: ID!, $location: ID!) {
              inventoryItem(id: $item) {
                inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } }
              }
            }""";
    static final String FIND_ITEM = """
            query FindItem($query: String!) {
              productVariants(first: 1, query: $query) { nodes { sku inventoryItem { id } } }
            }""";

    /** The shop's bucket as it last reported it. */
    public record Throttle(double maximumAvailable, double currentlyAvailable, double restoreRate) {
    }

    /** What a set came to. */
    public sealed interface SetResult {
    }

    public record Applied() implements SetResult {
    }

    /** {@code CHANGE_FROM_QUANTITY_STALE}: the shop's number is not the one this push started from. */
    public record Stale(String message) implements SetResult {
    }

    /** Any other user error: retrying the same request will not help. */
    public record Refused(String code, String message) implements SetResult {
    }

    /** The shop could not be reached, answered 5xx, or kept throttling: try again later. */
    public static final class ShopUnavailableException extends RuntimeException {
        public ShopUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Waits; a test may count instead of sleeping. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** One POST of a JSON body: the status and, for a 200, the body. */
    interface Transport {
        Answer post(URI endpoint, String token, byte[] body) throws IOException, InterruptedException;
    }

    record Answer(int status, byte[] body) {
    }

    /** The longest a call may take to answer (and, over URLConnection, between two reads). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Transport http;
    private final Sleeper sleeper;
    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

    /** Over the JDK's {@code java.net.http} client. */
    public ShopifyAdminApi(HttpClient http, Sleeper sleeper) {
        this((endpoint, token, body) -> {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(CALL_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Access-Token", token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        }, sleeper);
    }

    private ShopifyAdminApi(Transport http, Sleeper sleeper) {
        this.http = http;
        this.sleeper = sleeper;
    }

    /**
     * Over {@link HttpURLConnection}, which the function's SDK clients load anyway: the
     * {@code java.net.http} client cost a cold start about 270 classes of its own (and its selector
     * thread) before the first push (issue 16). Same requests, no redirects followed (as the
     * {@code java.net.http} client's default), HTTP/1.1 with keep-alive; {@code connectTimeout} to
     * connect and {@link #CALL_TIMEOUT} for the answer (between two reads).
     */
    public static ShopifyAdminApi overUrlConnection(Duration connectTimeout, Sleeper sleeper) {
        JsonPost post = new JsonPost(connectTimeout, CALL_TIMEOUT);
        return new ShopifyAdminApi((endpoint, token, body) -> {
            JsonPost.Answer answer = post.post(endpoint, Map.of("X-Shopify-Access-Token", token), body);
            return new Answer(answer.status(), answer.body());
        }, sleeper);
    }

    /** The last throttle status the shop reported, if any. */
    public Optional<Throttle> throttle(ShopifyTarget target) {
        return Optional.ofNullable(throttles.get(target.graphqlEndpoint()));
    }

    /**
     * {@code inventorySetQuantities} of {@code available} for one item at the target's location.
     *
     * @param changeFrom the quantity this push believes the shop has (compare-and-set)
     */
    public SetResult setAvailable(ShopifyTarget target, String token, String itemGid, long quantity, long changeFrom,
                                  String idempotencyKey, String referenceDocumentUri) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("inventoryItemId", itemGid);
        line.put("locationId", target.locationId());
        line.put("quantity", quantity);
        line.put("changeFromQuantity", changeFrom);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("referenceDocumentUri", referenceDocumentUri);
        input.put("quantities", List.of(line));
        Map<?, ?> data = call(target, token, SET_QUANTITIES, Map.of("input", input, "key", idempotencyKey));
        Object errors = path(data, "inventorySetQuantities", "userErrors");
        if (errors instanceof List<?> list && !list.isEmpty()) {
            Map<?, ?> first = (Map<?, ?>) list.getFirst();
            String code = String.valueOf(first.get("code"));
            String message = String.valueOf(first.get("message"));
            if ("IDEMPOTENCY_CONCURRENT_REQUEST".equals(code)) {
                // The same key is still being processed (another container's push): try again with it.
                throw new ShopUnavailableException("the shop is still processing this key: " + message, null);
            }
            return "CHANGE_FROM_QUANTITY_STALE".equals(code) ? new Stale(message) : new Refused(code, message);
        }
        return new Applied();
    }

    /** The shop's {@code available} for the item at the target's location; empty if it is not stocked there. */
    public OptionalLong readAvailable(ShopifyTarget target, String token, String itemGid) {
        Map<?, ?> data = call(target, token, READ_AVAILABLE, Map.of("item", itemGid, "location", target.locationId()));
        if (path(data, "inventoryItem", "inventoryLevel", "quantities") instanceof List<?> quantities) {
            for (Object q : quantities) {
                if (q instanceof Map<?, ?> m && "available".equals(m.get("name")) && m.get("quantity") instanceof Number n) {
                    return OptionalLong.of(n.longValue());
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The inventory item of the variant whose SKU is {@code sku}, if the shop has one. */
    public Optional<String> findInventoryItem(ShopifyTarget target, String token, String sku) {
        Map<?, ?> data = call(target, token, FIND_ITEM, Map.of("query", "sku:\"" + sku.replace("\"", "\\\"") + "\""));
        if (path(data, "productVariants", "nodes") instanceof List<?> nodes) {
            for (Object node : nodes) {
                if (node instanceof Map<?, ?> m && sku.equals(m.get("sku"))
                        && path(m, "inventoryItem", "id") instanceof String id) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    /** One GraphQL call, waiting for the bucket first and again after a {@code THROTTLED}; the {@code data} member. */
    private Map<?, ?> call(ShopifyTarget target, String token, String query, Map<String, Object> variables) {
        String endpoint = target.graphqlEndpoint();
        for (int attempt = 1; ; attempt++) {
            waitForBucket(endpoint, ASSUMED_COST);
            Map<?, ?> answer = post(endpoint, token, query, variables);
            if (path(answer, "extensions", "cost", "throttleStatus") instanceof Map<?, ?> status) {
                throttles.put(endpoint, new Throttle(number(status.get("maximumAvailable")),
                        number(status.get("currentlyAvailable")), number(status.get("restoreRate"))));
            }
            if (isThrottled(answer)) {
                if (attempt >= THROTTLED_ATTEMPTS) {
                    throw new ShopUnavailableException("still throttled after " + attempt + " attempts", null);
                }
                double cost = path(answer, "extensions", "cost", "requestedQueryCost") instanceof Number n
                        ? n.doubleValue() : ASSUMED_COST;
                waitForBucket(endpoint, cost);
                continue;
            }
            if (answer.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
                throw new ShopUnavailableException("the shop answered errors: " + errors.size(), null);
            }
            return answer.get("data") instanceof Map<?, ?> data ? data : Map.of();
        }
    }

    private void waitForBucket(String endpoint, double cost) {
        Throttle t = throttles.get(endpoint);
        if (t == null || t.currentlyAvailable() >= cost || t.restoreRate() <= 0) {
            return;
        }
        long millis = (long) Math.ceil((cost - t.currentlyAvailable()) / t.restoreRate() * 1000);
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("interrupted while waiting for the shop's throttle", e);
        }
        // The bucket refilled while waiting; the shop's next answer says where it really stands.
        throttles.put(endpoint, new Throttle(t.maximumAvailable(), cost, t.restoreRate()));
    }

    private Map<?, ?> post(String endpoint, String token, String query, Map<String, Object> variables) {
        try {
            Answer response = http.post(URI.create(endpoint), token,
                    JsonText.writeBytes(Map.of("query", query, "variables", variables)));
            if (response.status() == 429 || response.status() >= 500) {
                throw new ShopUnavailableException("the shop answered " + response.status(), null);
            }
            if (response.status() != 200) {
                throw new ShopUnavailableException("the shop refused the call: " + response.status(), null);
            }
            return JsonText.readObject(response.body());
        } catch (IOException e) {
            throw new ShopUnavailableException("the shop could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("interrupted while calling the shop", e);
        }
    }

    private static boolean isThrottled(Map<?, ?> answer) {
        if (answer.get("errors") instanceof List<?> errors) {
            for (Object e : errors) {
                if ("THROTTLED".equals(path(e, "extensions", "code"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object path(Object node, String... fields) {
        Object current = node;
        for (String field : fields) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(field);
        }
        return current;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
