package io.inventorysync.domain.vendor;

import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Validated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A channel whose target is a Shopify store (contract v1.1, "Vendor adapters"): where the
 * channel's availability is pushed with {@code inventorySetQuantities}.
 *
 * @param locationId the shop's location, {@code gid://shopify/Location/…}
 * @param items      SKU to {@code gid://shopify/InventoryItem/…}; other SKUs are looked up by SKU
 * @param endpoint   the GraphQL endpoint; {@code null} for the shop's own Admin API
 */
public record ShopifyTarget(String shopDomain, String apiVersion, String tokenSecretName, String locationId,
                            Map<String, String> items, String endpoint) {
    public static final String LOCATION_GID = "gid://shopify/Location/";
    public static final String ITEM_GID = "gid://shopify/InventoryItem/";

    public ShopifyTarget {
        items = Map.copyOf(items);
    }

    /** The members as channels.json writes them. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "SHOPIFY");
        json.put("shopDomain", shopDomain);
        json.put("apiVersion", apiVersion);
        json.put("tokenSecretName", tokenSecretName);
        json.put("locationId", locationId);
        json.put("items", new LinkedHashMap<>(items));
        if (endpoint != null) {
            json.put("endpoint", endpoint);
        }
        return json;
    }

    /** {@code endpoint}, or {@code https://{shopDomain}/admin/api/{apiVersion}/graphql.json}. */
    public String graphqlEndpoint() {
        return endpoint != null ? endpoint : "https://" + shopDomain + "/admin/api/" + apiVersion + "/graphql.json";
    }

    /** The numeric id at the end of a Shopify gid ({@code gid://shopify/Location/123} is {@code 123}). */
    public static String numericId(String gid) {
        int slash = gid.lastIndexOf('/');
        String tail = slash < 0 ? gid : gid.substring(slash + 1);
        int query = tail.indexOf('?');
        return query < 0 ? tail : tail.substring(0, query);
    }

    /** Reads a target from parsed JSON, listing every problem. */
    public static Validated<ShopifyTarget> parse(Object raw, String path) {
        List<Problem> problems = new ArrayList<>();
        if (!(raw instanceof Map<?, ?> json)) {
            return new Validated.Invalid<>(List.of(new Problem(path, "must be an object")));
        }
        if (!"SHOPIFY".equals(json.get("kind"))) {
            problems.add(new Problem(path + ".kind", "must be SHOPIFY"));
        }
        String shop = text(json, "shopDomain", path, problems);
        if (shop != null && !VendorConfig.SHOP_DOMAIN.matcher(shop).matches()) {
            problems.add(new Problem(path + ".shopDomain", "must be a host name such as acme.myshopify.com"));
        }
        String version = text(json, "apiVersion", path, problems);
        if (version != null && !version.matches("\\d{4}-\\d{2}")) {
            problems.add(new Problem(path + ".apiVersion", "must be a Shopify API version such as 2026-04"));
        }
        String token = text(json, "tokenSecretName", path, problems);
        String location = text(json, "locationId", path, problems);
        if (location != null && !location.startsWith(LOCATION_GID)) {
            problems.add(new Problem(path + ".locationId", "must be a gid://shopify/Location/… id"));
        }
        Map<String, String> items = new LinkedHashMap<>();
        if (json.get("items") instanceof Map<?, ?> map) {
            map.forEach((sku, gid) -> {
                if (gid instanceof String g && g.startsWith(ITEM_GID)) {
                    items.put(String.valueOf(sku), g);
                } else {
                    problems.add(new Problem(path + ".items." + sku, "must be a gid://shopify/InventoryItem/… id"));
                }
            });
        } else if (json.get("items") != null) {
            problems.add(new Problem(path + ".items", "must be an object of SKUs to inventory item gids"));
        }
        String endpoint = Optional.ofNullable(json.get("endpoint")).map(String::valueOf).orElse(null);
        if (endpoint != null && !endpoint.startsWith("https://") && !endpoint.startsWith("http://")) {
            problems.add(new Problem(path + ".endpoint", "must be an http(s) URL"));
        }
        return problems.isEmpty() ? new Validated.Valid<>(new ShopifyTarget(shop, version, token, location, items, endpoint))
                : new Validated.Invalid<>(problems);
    }

    private static String text(Map<?, ?> json, String field, String path, List<Problem> problems) {
        if (json.get(field) instanceof String s && !s.isBlank()) {
            return s;
        }
        problems.add(new Problem(path + "." + field, "is required (a non-empty string)"));
        return null;
    }
}
