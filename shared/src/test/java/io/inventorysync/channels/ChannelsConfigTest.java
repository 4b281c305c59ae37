package io.inventorysync.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.domain.AvailabilityPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Unit tests of {@link ChannelsConfig}: the real {@code infra/channels.json}, and every way a config is refused. */
class ChannelsConfigTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String SQS_CHANNEL = """
            {"name": "analytics", "detailTypes": ["InventoryLevelChanged"], "target": {"kind": "SQS"}}""";
    private static final String HTTPS_CHANNEL = """
            {"name": "marketplace", "detailTypes": ["InventoryLevelChanged"],
             "target": {"kind": "HTTPS", "endpoint": "https://api.marketplace.example/stock", "httpMethod": "POST",
                        "auth": {"type": "API_KEY", "headerName": "x-api-key", "secretName": "channels/marketplace"}}}""";

    // ---------------------------------------------------------------- the real configuration

    @Test
    void load_shouldReadEveryChannel_whenGivenTheRealInfraChannelsJson() {
        // when
        ChannelsConfig config = ChannelsConfig.load(ProjectFiles.channelsJson());

        // then
        assertThat(config.channels()).extracting(Channel::name)
                .containsExactly("web-storefront", "marketplace", "analytics");

        Channel storefront = config.channel("web-storefront").orElseThrow();
        assertThat(storefront.detailTypes())
                .containsExactly("InventoryLevelChanged", "StockDepleted", "ReservationExpired");
        assertThat(storefront.locationIds()).containsExactly("web-dc");
        assertThat(storefront.skuPrefixes()).isEmpty();
        assertThat(storefront.target()).isEqualTo(Target.sqs());
        assertThat(storefront.availability()).isEqualTo(
                new AvailabilityPool(List.of("web-dc", "store-*"), 1, java.util.Map.of("store-12", 3L)));

        Channel marketplace = config.channel("marketplace").orElseThrow();
        assertThat(marketplace.detailTypes()).containsExactly("InventoryLevelChanged", "StockDepleted");
        assertThat(marketplace.locationIds()).isEmpty();
        assertThat(marketplace.skuPrefixes()).containsExactly("BLU-", "RED-");
        assertThat(marketplace.target().kind()).isEqualTo(Target.Kind.HTTPS);
        assertThat(marketplace.target().endpoint().getScheme()).isEqualTo("https");
        assertThat(marketplace.target().httpMethod()).isEqualTo(Target.HttpMethod.POST);
        assertThat(marketplace.target().auth().type()).isEqualTo(Target.Auth.Type.API_KEY);
        assertThat(marketplace.target().auth().headerName()).isEqualTo("x-api-key");
        assertThat(marketplace.target().auth().secretName()).isNotBlank();

        Channel analytics = config.channel("analytics").orElseThrow();
        assertThat(analytics.detailTypes()).containsExactlyElementsOf(ChannelsConfig.DETAIL_TYPES);
        assertThat(analytics.locationIds()).isEmpty();
        assertThat(analytics.skuPrefixes()).isEmpty();
        assertThat(analytics.target()).isEqualTo(Target.sqs());
        assertThat(analytics.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void eventPattern_shouldFilterOnLocationsAndSkuPrefixes_whenTheRealChannelsDeclareThem() throws Exception {
        // given
        ChannelsConfig config = ChannelsConfig.load(ProjectFiles.channelsJson());

        // when
        JsonNode storefront = MAPPER.readTree(config.channel("web-storefront").orElseThrow().eventPattern());
        JsonNode marketplace = MAPPER.readTree(config.channel("marketplace").orElseThrow().eventPattern());
        JsonNode analytics = MAPPER.readTree(config.channel("analytics").orElseThrow().eventPattern());

        // then
        assertThat(storefront).isEqualTo(MAPPER.readTree("""
                {"source": ["inventory"],
                 "detail-type": ["InventoryLevelChanged", "StockDepleted", "ReservationExpired"],
                 "detail": {"locationId": ["web-dc"]}}"""));
        assertThat(marketplace).isEqualTo(MAPPER.readTree("""
                {"source": ["inventory"],
                 "detail-type": ["InventoryLevelChanged", "StockDepleted"],
                 "detail": {"sku": [{"prefix": "BLU-"}, {"prefix": "RED-"}]}}"""));
        assertThat(analytics).isEqualTo(MAPPER.readTree("""
                {"source": ["inventory"],
                 "detail-type": ["InventoryLevelChanged", "StockWentNegative", "StockDepleted", "ReservationExpired",
                                 "DriftDetected"]}"""));
    }

    // ---------------------------------------------------------------- valid variations

    @Test
    void eventPattern_shouldRequireBothFilters_whenChannelHasLocationsAndSkuPrefixes() throws Exception {
        // given
        Channel channel = load("""
                {"name": "store-12-shirts", "detailTypes": ["StockDepleted"], "locationIds": ["store-12", "store-14"],
                 "skuPrefixes": ["BLU-SHIRT-"], "target": {"kind": "SQS"}}""").channels().getFirst();

        // when
        JsonNode pattern = MAPPER.readTree(channel.eventPattern());

        // then
        assertThat(pattern).isEqualTo(MAPPER.readTree("""
                {"source": ["inventory"], "detail-type": ["StockDepleted"],
                 "detail": {"locationId": ["store-12", "store-14"], "sku": [{"prefix": "BLU-SHIRT-"}]}}"""));
    }

    @Test
    void load_shouldApplyDefaultRetry_whenRetryIsOmittedOrPartial() {
        // given
        String partial = """
                {"name": "wms", "detailTypes": ["InventoryLevelChanged"], "target": {"kind": "SQS"},
                 "retry": {"maximumRetryAttempts": 0}}""";

        // when
        ChannelsConfig config = load(SQS_CHANNEL, partial);

        // then
        assertThat(config.channel("analytics").orElseThrow().retry()).isEqualTo(new RetryPolicy(8, 86_400));
        assertThat(config.channel("wms").orElseThrow().retry()).isEqualTo(new RetryPolicy(0, 86_400));
    }

    @Test
    void load_shouldReadEveryAuthType_whenHttpsTargetsAreComplete() {
        // given
        String basic = """
                {"name": "wms", "detailTypes": ["InventoryLevelChanged"],
                 "target": {"kind": "HTTPS", "endpoint": "https://wms.example:8443/api/stock?tenant=7", "httpMethod": "PUT",
                            "auth": {"type": "BASIC", "secretName": "channels/wms"}, "invocationRateLimitPerSecond": 300}}""";
        String oauth = """
                {"name": "erp", "detailTypes": ["DriftDetected"],
                 "target": {"kind": "HTTPS", "endpoint": "https://erp.example/hooks/inventory", "httpMethod": "POST",
                            "auth": {"type": "OAUTH_CLIENT_CREDENTIALS", "authorizationEndpoint": "https://login.erp.example/oauth2/token",
                                     "secretName": "channels/erp"}}}""";

        // when
        ChannelsConfig config = load(HTTPS_CHANNEL, basic, oauth);

        // then
        assertThat(config.channel("marketplace").orElseThrow().target()).isEqualTo(Target.https(
                URI.create("https://api.marketplace.example/stock"), Target.HttpMethod.POST,
                new Target.Auth(Target.Auth.Type.API_KEY, "x-api-key", null, "channels/marketplace"), null));
        assertThat(config.channel("wms").orElseThrow().target()).isEqualTo(Target.https(
                URI.create("https://wms.example:8443/api/stock?tenant=7"), Target.HttpMethod.PUT,
                new Target.Auth(Target.Auth.Type.BASIC, null, null, "channels/wms"), 300));
        assertThat(config.channel("erp").orElseThrow().target().auth()).isEqualTo(new Target.Auth(
                Target.Auth.Type.OAUTH_CLIENT_CREDENTIALS, null, URI.create("https://login.erp.example/oauth2/token"),
                "channels/erp"));
    }

    @Test
    void load_shouldAcceptNoChannels_whenListIsEmpty() {
        // when
        ChannelsConfig config = ChannelsConfig.load(stream("{\"channels\": []}"));

        // then
        assertThat(config.channels()).isEmpty();
    }

    @Test
    void load_shouldReadAShopifyTarget_whenItIsComplete() {
        // when
        ChannelsConfig config = load("""
                {"name": "shopify-web", "detailTypes": ["InventoryLevelChanged"],
                 "target": {"kind": "SHOPIFY", "shopDomain": "acme.myshopify.com", "apiVersion": "2026-04",
                            "tokenSecretName": "inventory-sync/vendors/shopify-web/token",
                            "locationId": "gid://shopify/Location/48752904",
                            "items": {"BLU-SHIRT-M": "gid://shopify/InventoryItem/9007199254740995"}}}""");

        // then
        Target target = config.channels().getFirst().target();
        assertThat(target.kind()).isEqualTo(Target.Kind.SHOPIFY);
        assertThat(target.isQueue()).isTrue();
        assertThat(target.shopify().graphqlEndpoint())
                .isEqualTo("https://acme.myshopify.com/admin/api/2026-04/graphql.json");
        assertThat(target.shopify().items()).containsEntry("BLU-SHIRT-M", "gid://shopify/InventoryItem/9007199254740995");
    }

    @Test
    void load_shouldListEveryProblemOfAShopifyTarget() {
        assertThatThrownBy(() -> load("""
                {"name": "shopify-web", "detailTypes": ["InventoryLevelChanged"],
                 "target": {"kind": "SHOPIFY", "shopDomain": "not a domain", "apiVersion": "latest",
                            "locationId": "48752904", "accessToken": "shpat_x"}}"""))
                .isInstanceOf(InvalidChannelsConfigException.class)
                .hasMessageContaining("target.accessToken is not allowed: credentials are never written")
                .hasMessageContaining("target.shopDomain must be a host name")
                .hasMessageContaining("target.apiVersion must be a Shopify API version")
                .hasMessageContaining("target.tokenSecretName is required")
                .hasMessageContaining("target.locationId must be a gid://shopify/Location/");
    }

    @Test
    void load_shouldReadThePool_whenChannelDeclaresAvailability() {
        // when
        Channel channel = load(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"web-dc\", \"store-*\"],"
                + " \"safetyStock\": 1, \"safetyStockByLocation\": {\"store-12\": 3}}}")).channels().getFirst();

        // then
        AvailabilityPool pool = channel.availability();
        assertThat(pool.locations()).containsExactly("web-dc", "store-*");
        assertThat(pool.safetyStock()).isEqualTo(1);
        assertThat(pool.safetyStock("store-12")).isEqualTo(3);
        assertThat(pool.safetyStock("store-14")).isEqualTo(1);
        assertThat(pool.safetyStock("web-dc")).isEqualTo(1);
        assertThat(pool.contains("store-14")).isTrue();
        assertThat(pool.contains("web-dc")).isTrue();
        assertThat(pool.contains("web-dc-2")).isFalse();
        assertThat(pool.contains("outlet-store-1")).isFalse();
    }

    @Test
    void load_shouldDefaultBuffersToZero_whenOnlyLocationsAreGiven() {
        // when
        Channel channel = load(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"*\"]}}")).channels().getFirst();

        // then: "*" alone is every location, held back nowhere
        assertThat(channel.availability().contains("anything-at-all")).isTrue();
        assertThat(channel.availability().safetyStock("store-12")).isZero();
    }

    @Test
    void load_shouldAcceptAChannelOfItsOwnNumberOnly_whenAvailabilityIsGivenWithoutDetailTypes() throws Exception {
        // when
        Channel channel = load("""
                {"name": "shopify-out", "availability": {"locations": ["web-dc"]}, "target": {"kind": "SQS"}}""")
                .channels().getFirst();

        // then: one rule only, for its own number
        assertThat(channel.detailTypes()).isEmpty();
        assertThat(channel.eventPatterns()).hasSize(1);
        assertThat(MAPPER.readTree(channel.eventPatterns().getFirst())).isEqualTo(MAPPER.readTree("""
                {"source": ["inventory"], "detail-type": ["ChannelAvailabilityChanged"],
                 "detail": {"channel": ["shopify-out"]}}"""));
    }

    @Test
    void parse_shouldGiveBackThePools_whenWrittenByToJson() {
        // given
        ChannelsConfig config = ChannelsConfig.load(ProjectFiles.channelsJson());

        // when
        var pools = ChannelPools.parse(ChannelPools.toJson(config));

        // then
        assertThat(pools).containsOnlyKeys("web-storefront");
        assertThat(pools.get("web-storefront")).isEqualTo(config.channel("web-storefront").orElseThrow().availability());
        assertThat(ChannelPools.parse("")).isEmpty();
        assertThatThrownBy(() -> ChannelPools.parse("{\"web\": {\"locations\": [], \"safetyStock\": -1}}"))
                .isInstanceOf(InvalidChannelsConfigException.class);
    }

    // ---------------------------------------------------------------- refused configurations

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                arguments("duplicate name", config(SQS_CHANNEL, SQS_CHANNEL),
                        "channel \"analytics\": name is used by more than one channel"),
                arguments("name with capitals and a space", config(SQS_CHANNEL.replace("analytics", "Web Storefront")),
                        "channel \"Web Storefront\": name must match [a-z0-9-]{1,40}"),
                arguments("name over 40 characters", config(SQS_CHANNEL.replace("analytics", "a".repeat(41))),
                        "channel \"" + "a".repeat(41) + "\": name must match [a-z0-9-]{1,40}"),
                arguments("missing name", config(SQS_CHANNEL.replace("\"name\": \"analytics\", ", "")),
                        "channels[0]: name is required"),
                arguments("empty detailTypes", config(SQS_CHANNEL.replace("[\"InventoryLevelChanged\"]", "[]")),
                        "channel \"analytics\": detailTypes must be a non-empty list of InventoryLevelChanged, "),
                arguments("missing detailTypes", config(SQS_CHANNEL.replace("\"detailTypes\": [\"InventoryLevelChanged\"], ", "")),
                        "channel \"analytics\": detailTypes is required"),
                arguments("unknown detail-type",
                        config(SQS_CHANNEL.replace("[\"InventoryLevelChanged\"]", "[\"InventoryLevelChanged\", \"InventoryChanged\"]")),
                        "channel \"analytics\": detailTypes[1] \"InventoryChanged\" is not an outbound detail-type"),
                arguments("repeated detail-type",
                        config(SQS_CHANNEL.replace("[\"InventoryLevelChanged\"]", "[\"StockDepleted\", \"StockDepleted\"]")),
                        "channel \"analytics\": detailTypes[1] repeats \"StockDepleted\""),
                arguments("http endpoint", config(HTTPS_CHANNEL.replace("https://api", "http://api")),
                        "channel \"marketplace\": target.endpoint must be an https URL"),
                arguments("endpoint that is not a URL", config(HTTPS_CHANNEL.replace("https://api.marketplace.example/stock", "api.marketplace.example")),
                        "channel \"marketplace\": target.endpoint must be an https URL"),
                arguments("credentials in the endpoint", config(HTTPS_CHANNEL.replace("https://api", "https://shop:hunter2@api")),
                        "channel \"marketplace\": target.endpoint must not carry credentials"),
                arguments("missing httpMethod", config(HTTPS_CHANNEL.replace(", \"httpMethod\": \"POST\"", "")),
                        "channel \"marketplace\": target.httpMethod must be POST or PUT"),
                arguments("httpMethod GET", config(HTTPS_CHANNEL.replace("\"POST\"", "\"GET\"")),
                        "channel \"marketplace\": target.httpMethod must be POST or PUT"),
                arguments("missing auth", config(HTTPS_CHANNEL.replaceAll(",\\s*\"auth\": \\{[^}]*}", "")),
                        "channel \"marketplace\": target.auth is required for an HTTPS target"),
                arguments("missing auth secretName", config(HTTPS_CHANNEL.replace(", \"secretName\": \"channels/marketplace\"", "")),
                        "channel \"marketplace\": target.auth.secretName must name the Secrets Manager secret"),
                arguments("unknown auth type", config(HTTPS_CHANNEL.replace("\"API_KEY\"", "\"BEARER\"")),
                        "channel \"marketplace\": target.auth.type must be one of [API_KEY, BASIC, OAUTH_CLIENT_CREDENTIALS]"),
                arguments("API_KEY without headerName", config(HTTPS_CHANNEL.replace("\"headerName\": \"x-api-key\", ", "")),
                        "channel \"marketplace\": target.auth.headerName must be an HTTP header name"),
                arguments("headerName on BASIC", config(HTTPS_CHANNEL.replace("\"API_KEY\"", "\"BASIC\"")),
                        "channel \"marketplace\": target.auth.headerName is only for auth type API_KEY"),
                arguments("OAuth without authorizationEndpoint",
                        config(HTTPS_CHANNEL.replace("\"API_KEY\", \"headerName\": \"x-api-key\"", "\"OAUTH_CLIENT_CREDENTIALS\"")),
                        "channel \"marketplace\": target.auth.authorizationEndpoint must be an https URL"),
                arguments("plain API key in the file",
                        config(HTTPS_CHANNEL.replace("\"headerName\": \"x-api-key\",", "\"headerName\": \"x-api-key\", \"apiKey\": \"sk_live_51H8\",")),
                        "channel \"marketplace\": target.auth.apiKey is not allowed: credentials are never written in this file"),
                arguments("plain password in the file",
                        config(HTTPS_CHANNEL.replace("\"API_KEY\", \"headerName\": \"x-api-key\"", "\"BASIC\", \"username\": \"shop\", \"password\": \"hunter2\"")),
                        "channel \"marketplace\": target.auth.password is not allowed: credentials are never written in this file"),
                arguments("retry attempts above 185", config(SQS_CHANNEL.replace("}}", "}, \"retry\": {\"maximumRetryAttempts\": 186}}")),
                        "channel \"analytics\": retry.maximumRetryAttempts must be an integer from 0 to 185"),
                arguments("retry attempts not an integer", config(SQS_CHANNEL.replace("}}", "}, \"retry\": {\"maximumRetryAttempts\": 8.5}}")),
                        "channel \"analytics\": retry.maximumRetryAttempts must be an integer from 0 to 185"),
                arguments("event age below 60 s", config(SQS_CHANNEL.replace("}}", "}, \"retry\": {\"maximumEventAgeSeconds\": 59}}")),
                        "channel \"analytics\": retry.maximumEventAgeSeconds must be an integer from 60 to 86400"),
                arguments("event age above a day", config(SQS_CHANNEL.replace("}}", "}, \"retry\": {\"maximumEventAgeSeconds\": 86401}}")),
                        "channel \"analytics\": retry.maximumEventAgeSeconds must be an integer from 60 to 86400"),
                arguments("rate limit of 0", config(HTTPS_CHANNEL.replace("}}}", "}, \"invocationRateLimitPerSecond\": 0}}")),
                        "channel \"marketplace\": target.invocationRateLimitPerSecond must be an integer from 1 to 300"),
                arguments("skuPrefixes with ReservationExpired",
                        config(SQS_CHANNEL.replace("[\"InventoryLevelChanged\"]", "[\"InventoryLevelChanged\", \"ReservationExpired\"], \"skuPrefixes\": [\"BLU-\"]")),
                        "channel \"analytics\": skuPrefixes cannot be combined with detailTypes ReservationExpired"),
                arguments("empty locationIds", config(SQS_CHANNEL.replace("}}", "}, \"locationIds\": []}")),
                        "channel \"analytics\": locationIds must be a non-empty list of location ids when present"),
                arguments("location id with a space", config(SQS_CHANNEL.replace("}}", "}, \"locationIds\": [\"store 12\"]}")),
                        "channel \"analytics\": locationIds[0] must be a location id matching"),
                arguments("sku prefix that is not a string", config(SQS_CHANNEL.replace("}}", "}, \"skuPrefixes\": [42]}")),
                        "channel \"analytics\": skuPrefixes[0] must be a SKU prefix matching"),
                arguments("misspelt filter", config(SQS_CHANNEL.replace("}}", "}, \"locationID\": [\"web-dc\"]}")),
                        "channel \"analytics\": locationID is not a known field"),
                arguments("unknown target kind", config(SQS_CHANNEL.replace("\"SQS\"", "\"LAMBDA\"")),
                        "channel \"analytics\": target.kind must be SQS, HTTPS or SHOPIFY, not \"LAMBDA\""),
                arguments("missing target", config(SQS_CHANNEL.replace(", \"target\": {\"kind\": \"SQS\"}", "")),
                        "channel \"analytics\": target is required"),
                arguments("endpoint on an SQS target", config(SQS_CHANNEL.replace("\"SQS\"", "\"SQS\", \"endpoint\": \"https://x.example\"")),
                        "channel \"analytics\": target.endpoint is only for target.kind HTTPS"),
                arguments("duplicate JSON member", config(SQS_CHANNEL.replace("{\"kind\": \"SQS\"}", "{\"kind\": \"SQS\", \"kind\": \"HTTPS\"}")),
                        "not valid JSON: Duplicate field 'kind'"),
                arguments("availability not an object", config(SQS_CHANNEL.replace("}}", "}, \"availability\": [\"web-dc\"]}")),
                        "channel \"analytics\": availability must be an object"),
                arguments("availability without locations", config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"safetyStock\": 1}}")),
                        "channel \"analytics\": availability.locations must be a non-empty list"),
                arguments("availability with no locations", config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": []}}")),
                        "channel \"analytics\": availability.locations must be a non-empty list"),
                arguments("pool location with a space", config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"store 12\"]}}")),
                        "channel \"analytics\": availability.locations[0] must be a location id"),
                arguments("pool wildcard in the middle", config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"store-*-north\"]}}")),
                        "channel \"analytics\": availability.locations[0] must be a location id"),
                arguments("repeated pool location", config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"web-dc\", \"web-dc\"]}}")),
                        "channel \"analytics\": availability.locations[1] repeats \"web-dc\""),
                arguments("negative safety stock", config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"web-dc\"], \"safetyStock\": -1}}")),
                        "channel \"analytics\": availability.safetyStock must be a whole number of units from 0"),
                arguments("fractional safety stock", config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"web-dc\"], \"safetyStock\": 1.5}}")),
                        "channel \"analytics\": availability.safetyStock must be a whole number of units from 0"),
                arguments("safety stock as a string", config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"web-dc\"], \"safetyStock\": \"2\"}}")),
                        "channel \"analytics\": availability.safetyStock must be a whole number of units from 0"),
                arguments("buffer at a location outside the pool",
                        config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"store-*\"], \"safetyStockByLocation\": {\"web-dc\": 2}}}")),
                        "channel \"analytics\": availability.safetyStockByLocation.web-dc names a location outside availability.locations"),
                arguments("negative buffer at a location",
                        config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"store-*\"], \"safetyStockByLocation\": {\"store-12\": -3}}}")),
                        "channel \"analytics\": availability.safetyStockByLocation.store-12 must be a whole number of units from 0"),
                arguments("misspelt availability member",
                        config(SQS_CHANNEL.replace("}}", "}, \"availability\": {\"locations\": [\"web-dc\"], \"safetystock\": 2}}")),
                        "channel \"analytics\": availability.safetystock is not a known field"),
                arguments("ChannelAvailabilityChanged listed as a detail-type",
                        config(SQS_CHANNEL.replace("[\"InventoryLevelChanged\"]", "[\"ChannelAvailabilityChanged\"]")),
                        "channel \"analytics\": detailTypes[0] ChannelAvailabilityChanged is not listed: declare availability instead"),
                arguments("no detailTypes and no availability", config(SQS_CHANNEL.replace("[\"InventoryLevelChanged\"]", "[]")),
                        "channel \"analytics\": detailTypes must be a non-empty list"),
                arguments("no channels list", "{\"chanels\": []}",
                        "chanels is not a known field (known: channels); channels must be a list of channels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void load_shouldRefuseNamingChannelAndField_whenConfigIsInvalid(String what, String json, String expected) {
        // when / then
        assertThatThrownBy(() -> ChannelsConfig.load(stream(json), "channels.json"))
                .as(what)
                .isInstanceOf(InvalidChannelsConfigException.class)
                .hasMessageStartingWith("channels.json: ")
                .hasMessageContaining(expected);
    }

    @Test
    void load_shouldListEveryProblem_whenSeveralChannelsAreWrong() {
        // given
        String json = config(
                SQS_CHANNEL.replace("\"SQS\"", "\"LAMBDA\""),
                HTTPS_CHANNEL.replace("https://api", "http://api").replace("\"POST\"", "\"GET\""));

        // when / then
        assertThatThrownBy(() -> ChannelsConfig.load(stream(json)))
                .isInstanceOfSatisfying(InvalidChannelsConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "channel \"analytics\": target.kind must be SQS, HTTPS or SHOPIFY, not \"LAMBDA\"",
                        "channel \"marketplace\": target.endpoint must be an https URL",
                        "channel \"marketplace\": target.httpMethod must be POST or PUT"));
    }

    private static ChannelsConfig load(String... channels) {
        return ChannelsConfig.load(stream(config(channels)));
    }

    private static String config(String... channels) {
        return "{\"channels\": [" + String.join(",\n", List.of(channels)) + "]}";
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
