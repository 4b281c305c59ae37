package io.inventorysync.domain.vendor;

import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Validated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a vendor source's own webhooks are read (contract v1.1, "Vendor adapters"): which vendor,
 * which of its locations and items are which of ours. Part of a source's configuration
 * ({@code "vendor": {...}}); read with {@link #parse(Object, String)}, written with {@link #toJson()}.
 */
public sealed interface VendorConfig {

    /** The vendor's locations by their own id, mapped to our location ids. */
    Map<String, String> locations();

    /** The vendor's item ids mapped to SKUs. */
    Map<String, String> items();

    /** Our location for the vendor's {@code vendorLocationId}, if mapped. */
    default Optional<String> location(String vendorLocationId) {
        return Optional.ofNullable(vendorLocationId).map(locations()::get);
    }

    /** The members as they are written in a source's configuration. */
    Map<String, Object> toJson();

    /**
     * A Shopify store.
     *
     * @param webLocationId where an online order (no {@code location_id}) sells from
     * @param items         {@code inventory_item_id} or {@code variant_id} to SKU
     */
    record Shopify(String shopDomain, String webLocationId, Map<String, String> locations, Map<String, String> items)
            implements VendorConfig {
        public Shopify {
            Objects.requireNonNull(shopDomain, "shopDomain");
            Objects.requireNonNull(webLocationId, "webLocationId");
            locations = Map.copyOf(locations);
            items = Map.copyOf(items);
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", "SHOPIFY");
            json.put("shopDomain", shopDomain);
            json.put("webLocationId", webLocationId);
            json.put("locations", new LinkedHashMap<>(locations));
            json.put("items", new LinkedHashMap<>(items));
            return json;
        }
    }

    /**
     * A Square seller account.
     *
     * @param notificationUrl the URL the Square subscription posts to, exactly as registered: it is signed
     * @param apiBaseUrl      where {@code BatchRetrieveInventoryChanges} is called, e.g. {@code https://connect.squareup.com}
     * @param tokenSecretName the Secrets Manager secret holding the access token
     * @param applicationId   this product's Square application id: its own changes are echoes, skipped
     */
    record Square(String merchantId, String notificationUrl, String apiBaseUrl, String tokenSecretName,
                  String applicationId, Map<String, String> locations, Map<String, String> items)
            implements VendorConfig {
        public Square {
            Objects.requireNonNull(merchantId, "merchantId");
            Objects.requireNonNull(notificationUrl, "notificationUrl");
            Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
            Objects.requireNonNull(tokenSecretName, "tokenSecretName");
            Objects.requireNonNull(applicationId, "applicationId");
            locations = Map.copyOf(locations);
            items = Map.copyOf(items);
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", "SQUARE");
            json.put("merchantId", merchantId);
            json.put("notificationUrl", notificationUrl);
            json.put("apiBaseUrl", apiBaseUrl);
            json.put("tokenSecretName", tokenSecretName);
            json.put("applicationId", applicationId);
            json.put("locations", new LinkedHashMap<>(locations));
            json.put("items", new LinkedHashMap<>(items));
            return json;
        }
    }

    Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");
    Pattern LOCATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}");
    Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

    /**
     * Reads a vendor configuration from parsed JSON (maps, lists, strings), listing every problem;
     * {@code path} prefixes the problems' paths (e.g. {@code vendor}).
     */
    static Validated<VendorConfig> parse(Object raw, String path) {
        List<Problem> problems = new ArrayList<>();
        if (!(raw instanceof Map<?, ?> json)) {
            return new Validated.Invalid<>(List.of(new Problem(path, "must be an object")));
        }
        Object kind = json.get("kind");
        Map<String, String> locations = idMap(json.get("locations"), at(path, "locations"), true, problems);
        Map<String, String> items = idMap(json.get("items"), at(path, "items"), false, problems);
        if ("SHOPIFY".equals(kind)) {
            String shop = text(json, "shopDomain", path, problems);
            if (shop != null && !SHOP_DOMAIN.matcher(shop).matches()) {
                problems.add(new Problem(at(path, "shopDomain"), "must be a host name such as acme.myshopify.com"));
            }
            String web = text(json, "webLocationId", path, problems);
            if (web != null && !LOCATION_ID.matcher(web).matches()) {
                problems.add(new Problem(at(path, "webLocationId"), "must be a location id"));
            }
            return problems.isEmpty() ? new Validated.Valid<>(new Shopify(shop, web, locations, items))
                    : new Validated.Invalid<>(problems);
        }
        if ("SQUARE".equals(kind)) {
            String merchant = text(json, "merchantId", path, problems);
            String url = text(json, "notificationUrl", path, problems);
            if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                problems.add(new Problem(at(path, "notificationUrl"), "must be the http(s) URL registered with Square"));
            }
            String api = text(json, "apiBaseUrl", path, problems);
            if (api != null && !api.startsWith("https://") && !api.startsWith("http://")) {
                problems.add(new Problem(at(path, "apiBaseUrl"), "must be an http(s) URL such as https://connect.squareup.com"));
            }
            String token = text(json, "tokenSecretName", path, problems);
            if (token != null && !SECRET_NAME.matcher(token).matches()) {
                problems.add(new Problem(at(path, "tokenSecretName"), "must be a Secrets Manager secret name"));
            }
            String app = text(json, "applicationId", path, problems);
            return problems.isEmpty()
                    ? new Validated.Valid<>(new Square(merchant, url, api, token, app, locations, items))
                    : new Validated.Invalid<>(problems);
        }
        problems.add(0, new Problem(at(path, "kind"), "must be SHOPIFY or SQUARE"));
        return new Validated.Invalid<>(problems);
    }

    private static String text(Map<?, ?> json, String field, String path, List<Problem> problems) {
        Object value = json.get(field);
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        problems.add(new Problem(at(path, field), "is required (a non-empty string)"));
        return null;
    }

    /** A map of vendor ids to our ids; {@code toLocations} checks the values as location ids, else as SKUs. */
    private static Map<String, String> idMap(Object raw, String path, boolean toLocations, List<Problem> problems) {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw == null) {
            return map;
        }
        if (!(raw instanceof Map<?, ?> json)) {
            problems.add(new Problem(path, "must be an object of vendor ids to " + (toLocations ? "location ids" : "SKUs")));
            return map;
        }
        json.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.isBlank()) {
                problems.add(new Problem(path, "has an empty vendor id"));
            } else if (!(v instanceof String s) || s.isBlank()
                    || (toLocations && !LOCATION_ID.matcher(s).matches())) {
                problems.add(new Problem(path + "." + key, "must be " + (toLocations ? "a location id" : "a SKU")));
            } else {
                map.put(key, s);
            }
        });
        return map;
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
