package io.inventorysync.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.domain.AvailabilityPool;
import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Validated;
import io.inventorysync.domain.vendor.ShopifyTarget;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the parsed file into channels, collecting every problem before failing. Each problem
 * reads {@code channel "<name>": <field> <what is wrong>} (or {@code channels[<i>]: ...} while
 * the channel has no usable name).
 */
final class ChannelsReader {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");
    /** RFC 9110 token: what an HTTP header name may be. */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}");
    /** The characters Secrets Manager allows in a secret name. */
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    /** Member names that can only mean a credential was written into the file. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i).*(key|password|passwd|secret|token|credential|username|client.?id|value).*");
    private static final int MIN_RATE = 1;
    private static final int MAX_RATE = 300;

    private static final List<String> ROOT_FIELDS = List.of("channels");
    private static final List<String> CHANNEL_FIELDS =
            List.of("name", "detailTypes", "locationIds", "skuPrefixes", "availability", "target", "retry");
    private static final List<String> AVAILABILITY_FIELDS = List.of("locations", "safetyStock", "safetyStockByLocation");
    /** A location id, or a prefix of one followed by {@code *} ({@code *} alone: every location). */
    private static final Pattern LOCATION_PREFIX = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._:/+-]{0,126})?\\*");
    private static final long MAX_SAFETY_STOCK = 1_000_000_000L;
    private static final List<String> HTTPS_FIELDS =
            List.of("kind", "endpoint", "httpMethod", "auth", "invocationRateLimitPerSecond");
    private static final List<String> SHOPIFY_FIELDS =
            List.of("kind", "shopDomain", "apiVersion", "tokenSecretName", "locationId", "items", "endpoint");
    private static final ObjectMapper SHOPIFY_JSON = new ObjectMapper();
    private static final List<String> AUTH_FIELDS = List.of("type", "headerName", "authorizationEndpoint", "secretName");
    private static final List<String> RETRY_FIELDS = List.of("maximumRetryAttempts", "maximumEventAgeSeconds");

    private final String origin;
    private final List<String> problems = new ArrayList<>();

    ChannelsReader(String origin) {
        this.origin = origin;
    }

    List<Channel> read(JsonNode root) {
        List<Channel> channels = new ArrayList<>();
        if (root == null || !root.isObject()) {
            problems.add("the file must hold one object: {\"channels\": [...]}");
        } else {
            unknownFields(root, ROOT_FIELDS, "", "");
            JsonNode list = root.get("channels");
            if (list == null || !list.isArray()) {
                problems.add("channels must be a list of channels");
            } else {
                Map<String, Integer> names = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    Channel channel = channel(list.get(i), i, names);
                    if (channel != null) {
                        channels.add(channel);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidChannelsConfigException(origin, problems);
        }
        return channels;
    }

    /** The channel at {@code index}, or null when it has problems (they are recorded). */
    private Channel channel(JsonNode node, int index, Map<String, Integer> names) {
        if (!node.isObject()) {
            problems.add("channels[" + index + "] must be an object");
            return null;
        }
        int before = problems.size();
        JsonNode nameNode = node.get("name");
        String where = nameNode != null && nameNode.isTextual()
                ? "channel \"" + nameNode.asText() + "\""
                : "channels[" + index + "]";
        Fields fields = new Fields(where);

        String name = fields.text(node, "name");
        if (name != null) {
            if (!NAME.matcher(name).matches()) {
                fields.problem("name", "must match " + NAME.pattern());
            } else if (names.putIfAbsent(name, index) != null) {
                fields.problem("name", "is used by more than one channel (first at channels[" + names.get(name) + "])");
            }
        }
        unknownFields(node, CHANNEL_FIELDS, where, "");

        JsonNode availabilityNode = node.get("availability");
        List<String> detailTypes = fields.detailTypes(node.get("detailTypes"), availabilityNode != null);
        AvailabilityPool availability = fields.availability(availabilityNode);
        List<String> locationIds = fields.idList(node.get("locationIds"), "locationIds", "location id",
                "omit it to receive every location");
        List<String> skuPrefixes = fields.idList(node.get("skuPrefixes"), "skuPrefixes", "SKU prefix",
                "omit it to receive every SKU");
        if (!skuPrefixes.isEmpty() && detailTypes.contains("ReservationExpired")) {
            fields.problem("skuPrefixes", "cannot be combined with detailTypes ReservationExpired, whose detail has"
                    + " a sku per line rather than one sku: drop ReservationExpired (each SKU's release arrives as"
                    + " InventoryLevelChanged with cause.type RESERVATION_EXPIRED) or subscribe to it from a channel without"
                    + " skuPrefixes");
        }
        Target target = fields.target(node.get("target"));
        RetryPolicy retry = fields.retry(node.get("retry"));
        return problems.size() == before
                ? new Channel(name, detailTypes, locationIds, skuPrefixes, target, retry, availability)
                : null;
    }

    /**
     * Records every member of {@code node} that is not in {@code known}; a member that looks
     * like a credential gets its own explanation.
     */
    private void unknownFields(JsonNode node, List<String> known, String where, String prefix) {
        String label = where.isEmpty() ? "" : where + ": ";
        for (String field : (Iterable<String>) node::fieldNames) {
            if (known.contains(field)) {
                continue;
            }
            if (CREDENTIAL.matcher(field).matches()) {
                problems.add(label + prefix + field + " is not allowed: credentials are never written in this"
                        + " file; keep them in the Secrets Manager secret named by target.auth.secretName");
            } else {
                problems.add(label + prefix + field + " is not a known field (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    /** Reads the members of one channel, recording problems against it. */
    private final class Fields {
        private final String where;

        Fields(String where) {
            this.where = where;
        }

        void problem(String field, String message) {
            problems.add(where + ": " + field + " " + message);
        }

        String text(JsonNode parent, String field) {
            JsonNode value = parent.get(field);
            if (value == null || value.isNull()) {
                problem(field, "is required");
                return null;
            }
            if (!value.isTextual()) {
                problem(field, "must be a string");
                return null;
            }
            return value.asText();
        }

        /** Required, unless the channel declares {@code availability} (it may want only its own number). */
        List<String> detailTypes(JsonNode node, boolean hasAvailability) {
            if (hasAvailability && (node == null || (node.isArray() && node.isEmpty()))) {
                return List.of();
            }
            if (node == null || node.isNull()) {
                problem("detailTypes", "is required: a non-empty list of " + String.join(", ", ChannelsConfig.DETAIL_TYPES));
                return List.of();
            }
            if (!node.isArray() || node.isEmpty()) {
                problem("detailTypes", "must be a non-empty list of " + String.join(", ", ChannelsConfig.DETAIL_TYPES));
                return List.of();
            }
            List<String> types = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String field = "detailTypes[" + i + "]";
                if (item.isTextual() && item.asText().equals(ChannelsConfig.CHANNEL_AVAILABILITY_CHANGED)) {
                    problem(field, "ChannelAvailabilityChanged is not listed: declare availability instead, and the"
                            + " channel receives its own number");
                } else if (!item.isTextual() || !ChannelsConfig.DETAIL_TYPES.contains(item.asText())) {
                    problem(field, item + " is not an outbound detail-type (one of "
                            + String.join(", ", ChannelsConfig.DETAIL_TYPES) + ")");
                } else if (types.contains(item.asText())) {
                    problem(field, "repeats " + item);
                } else {
                    types.add(item.asText());
                }
            }
            return types;
        }

        /** An optional list of ids; absent means "no filter", so an empty list is refused as a likely mistake. */
        List<String> idList(JsonNode node, String field, String what, String hint) {
            if (node == null) {
                return List.of();
            }
            if (!node.isArray() || node.isEmpty()) {
                problem(field, "must be a non-empty list of " + what + "s when present (" + hint + ")");
                return List.of();
            }
            Set<String> seen = new HashSet<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual() || !Ids.isId(item.asText())) {
                    problem(field + "[" + i + "]", "must be a " + what + " matching " + Ids.ID.pattern());
                } else if (!seen.add(item.asText())) {
                    problem(field + "[" + i + "]", "repeats " + item);
                } else {
                    values.add(item.asText());
                }
            }
            return values;
        }

        /** The optional pool: {@code {"locations": [...], "safetyStock": n, "safetyStockByLocation": {...}}}. */
        AvailabilityPool availability(JsonNode node) {
            if (node == null) {
                return null;
            }
            if (!node.isObject()) {
                problem("availability", "must be an object: {\"locations\": [...], \"safetyStock\": 0}");
                return null;
            }
            int before = problems.size();
            unknownFields(node, AVAILABILITY_FIELDS, where, "availability.");
            JsonNode list = node.get("locations");
            List<String> locations = new ArrayList<>();
            if (list == null || !list.isArray() || list.isEmpty()) {
                problem("availability.locations", "must be a non-empty list of location ids or prefixes ending in *");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode item = list.get(i);
                    String field = "availability.locations[" + i + "]";
                    if (!item.isTextual() || !(Ids.isId(item.asText()) || LOCATION_PREFIX.matcher(item.asText()).matches())) {
                        problem(field, "must be a location id matching " + Ids.ID.pattern() + " or a prefix of one ending in *");
                    } else if (locations.contains(item.asText())) {
                        problem(field, "repeats " + item);
                    } else {
                        locations.add(item.asText());
                    }
                }
            }
            long safetyStock = 0;
            if (node.has("safetyStock")) {
                Long value = units(node.get("safetyStock"), "availability.safetyStock");
                safetyStock = value == null ? 0 : value;
            }
            java.util.Map<String, Long> byLocation = new java.util.LinkedHashMap<>();
            JsonNode map = node.get("safetyStockByLocation");
            if (map != null) {
                if (!map.isObject()) {
                    problem("availability.safetyStockByLocation", "must be an object of location id to units");
                } else {
                    AvailabilityPool pool = new AvailabilityPool(locations, 0, java.util.Map.of());
                    for (String location : (Iterable<String>) map::fieldNames) {
                        String field = "availability.safetyStockByLocation." + location;
                        Long value = units(map.get(location), field);
                        if (!Ids.isId(location)) {
                            problem(field, "must name a location id matching " + Ids.ID.pattern());
                        } else if (!pool.contains(location)) {
                            problem(field, "names a location outside availability.locations: its buffer would never apply");
                        } else if (value != null) {
                            byLocation.put(location, value);
                        }
                    }
                }
            }
            return problems.size() == before ? new AvailabilityPool(locations, safetyStock, byLocation) : null;
        }

        private Long units(JsonNode node, String field) {
            if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0
                    || node.longValue() > MAX_SAFETY_STOCK) {
                problem(field, "must be a whole number of units from 0 to " + MAX_SAFETY_STOCK);
                return null;
            }
            return node.longValue();
        }

        Target target(JsonNode node) {
            if (node == null || node.isNull()) {
                problem("target", "is required");
                return null;
            }
            if (!node.isObject()) {
                problem("target", "must be an object");
                return null;
            }
            JsonNode kindNode = node.get("kind");
            Target.Kind kind = kindNode != null && kindNode.isTextual() ? enumValue(Target.Kind.class, kindNode.asText()) : null;
            if (kind == null) {
                problem("target.kind", kindNode == null ? "is required: SQS, HTTPS or SHOPIFY"
                        : "must be SQS, HTTPS or SHOPIFY, not " + kindNode);
                return null;
            }
            if (kind == Target.Kind.SHOPIFY) {
                unknownFields(node, SHOPIFY_FIELDS, where, "target.");
                return switch (ShopifyTarget.parse(SHOPIFY_JSON.convertValue(node, Object.class), "target")) {
                    case Validated.Valid<ShopifyTarget> valid -> Target.shopify(valid.value());
                    case Validated.Invalid<ShopifyTarget> invalid -> {
                        invalid.problems().forEach(p -> problem(p.path(), p.message()));
                        yield null;
                    }
                };
            }
            if (kind == Target.Kind.SQS) {
                for (String field : (Iterable<String>) node::fieldNames) {
                    if (HTTPS_FIELDS.contains(field) && !field.equals("kind")) {
                        problem("target." + field, "is only for target.kind HTTPS");
                    }
                }
                unknownFields(node, HTTPS_FIELDS, where, "target.");
                return Target.sqs();
            }
            unknownFields(node, HTTPS_FIELDS, where, "target.");
            URI endpoint = httpsUrl(node.get("endpoint"), "target.endpoint");
            JsonNode methodNode = node.get("httpMethod");
            Target.HttpMethod method = methodNode != null && methodNode.isTextual()
                    ? enumValue(Target.HttpMethod.class, methodNode.asText())
                    : null;
            if (method == null) {
                problem("target.httpMethod", "must be POST or PUT");
            }
            Target.Auth auth = auth(node.get("auth"));
            Integer rate = null;
            JsonNode rateNode = node.get("invocationRateLimitPerSecond");
            if (rateNode != null) {
                rate = intInRange(rateNode, "target.invocationRateLimitPerSecond", MIN_RATE, MAX_RATE);
            }
            return endpoint == null || method == null || auth == null
                    ? null
                    : Target.https(endpoint, method, auth, rate);
        }

        private Target.Auth auth(JsonNode node) {
            if (node == null || node.isNull()) {
                problem("target.auth", "is required for an HTTPS target: {\"type\": API_KEY|BASIC|OAUTH_CLIENT_CREDENTIALS,"
                        + " \"secretName\": ...}");
                return null;
            }
            if (!node.isObject()) {
                problem("target.auth", "must be an object");
                return null;
            }
            JsonNode typeNode = node.get("type");
            Target.Auth.Type type = typeNode != null && typeNode.isTextual()
                    ? enumValue(Target.Auth.Type.class, typeNode.asText())
                    : null;
            if (type == null) {
                problem("target.auth.type", "must be one of " + Arrays.toString(Target.Auth.Type.values()));
            }
            String headerName = null;
            URI authorizationEndpoint = null;
            if (type == Target.Auth.Type.API_KEY) {
                JsonNode header = node.get("headerName");
                if (header == null || !header.isTextual() || !HEADER_NAME.matcher(header.asText()).matches()) {
                    problem("target.auth.headerName", "must be an HTTP header name, e.g. x-api-key, for auth type API_KEY");
                } else {
                    headerName = header.asText();
                }
            } else if (type == Target.Auth.Type.OAUTH_CLIENT_CREDENTIALS) {
                authorizationEndpoint = httpsUrl(node.get("authorizationEndpoint"), "target.auth.authorizationEndpoint");
            }
            if (type != Target.Auth.Type.API_KEY && type != null && node.has("headerName")) {
                problem("target.auth.headerName", "is only for auth type API_KEY");
            }
            if (type != Target.Auth.Type.OAUTH_CLIENT_CREDENTIALS && type != null && node.has("authorizationEndpoint")) {
                problem("target.auth.authorizationEndpoint", "is only for auth type OAUTH_CLIENT_CREDENTIALS");
            }
            unknownFields(node, AUTH_FIELDS, where, "target.auth.");
            JsonNode secret = node.get("secretName");
            String secretName = null;
            if (secret == null || !secret.isTextual() || !SECRET_NAME.matcher(secret.asText()).matches()) {
                problem("target.auth.secretName", "must name the Secrets Manager secret that holds the credential ("
                        + SECRET_NAME.pattern() + ")");
            } else {
                secretName = secret.asText();
            }
            return type == null || secretName == null
                    || (type == Target.Auth.Type.API_KEY && headerName == null)
                    || (type == Target.Auth.Type.OAUTH_CLIENT_CREDENTIALS && authorizationEndpoint == null)
                    ? null
                    : new Target.Auth(type, headerName, authorizationEndpoint, secretName);
        }

        RetryPolicy retry(JsonNode node) {
            if (node == null) {
                return RetryPolicy.DEFAULT;
            }
            if (!node.isObject()) {
                problem("retry", "must be an object");
                return null;
            }
            unknownFields(node, RETRY_FIELDS, where, "retry.");
            Integer attempts = node.has("maximumRetryAttempts")
                    ? intInRange(node.get("maximumRetryAttempts"), "retry.maximumRetryAttempts",
                            RetryPolicy.MIN_RETRY_ATTEMPTS, RetryPolicy.MAX_RETRY_ATTEMPTS)
                    : Integer.valueOf(RetryPolicy.DEFAULT_MAXIMUM_RETRY_ATTEMPTS);
            Integer age = node.has("maximumEventAgeSeconds")
                    ? intInRange(node.get("maximumEventAgeSeconds"), "retry.maximumEventAgeSeconds",
                            RetryPolicy.MIN_EVENT_AGE_SECONDS, RetryPolicy.MAX_EVENT_AGE_SECONDS)
                    : Integer.valueOf(RetryPolicy.DEFAULT_MAXIMUM_EVENT_AGE_SECONDS);
            return attempts == null || age == null ? null : new RetryPolicy(attempts, age);
        }

        private URI httpsUrl(JsonNode node, String field) {
            URI uri = null;
            if (node != null && node.isTextual()) {
                try {
                    uri = new URI(node.asText());
                } catch (URISyntaxException e) {
                    uri = null;
                }
            }
            if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getFragment() != null) {
                problem(field, "must be an https URL");
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                problem(field, "must not carry credentials (user:password@); keep them in the secret named by"
                        + " target.auth.secretName");
                return null;
            }
            return uri;
        }

        private Integer intInRange(JsonNode node, String field, int min, int max) {
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
                problem(field, "must be an integer from " + min + " to " + max);
                return null;
            }
            return node.intValue();
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        return null;
    }
}
