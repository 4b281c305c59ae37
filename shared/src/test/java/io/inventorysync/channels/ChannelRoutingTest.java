package io.inventorysync.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Which channel gets which event, decided the way EventBridge decides it: each channel's
 * {@link Channel#eventPattern()} from the real {@code infra/channels.json} is a rule in
 * aws/event-ruler, and full EventBridge events built from the outbound samples are matched
 * against all of them at once.
 */
class ChannelRoutingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STOREFRONT = "web-storefront";
    private static final String MARKETPLACE = "marketplace";
    private static final String ANALYTICS = "analytics";

    private static Machine machine;

    @BeforeAll
    static void addEveryChannelAsARule() throws Exception {
        machine = Machine.builder().build();
        for (Channel channel : ChannelsConfig.load(ProjectFiles.channelsJson()).channels()) {
            for (String pattern : channel.eventPatterns()) {
                machine.addRule(channel.name(), pattern);
            }
        }
    }

    @Test
    void rulesForJSONEvent_shouldMatchMarketplaceAndAnalytics_whenEventIsTheEnvelopeSample() throws Exception {
        // given: a sale of BLU-SHIRT-M at store-12, as a channel's queue receives it
        String envelope = ProjectFiles.read(ProjectFiles.eventsDir()
                .resolve("outbound/v1/samples/envelope-InventoryLevelChanged.json"));

        // when
        List<String> channels = machine.rulesForJSONEvent(envelope);

        // then
        assertThat(channels).containsExactlyInAnyOrder(MARKETPLACE, ANALYTICS);
    }

    static Stream<Arguments> events() {
        return Stream.of(
                // InventoryLevelChanged: storefront by location, marketplace by SKU prefix
                arguments("level change, BLU- SKU at store-12", "InventoryLevelChanged",
                        at("store-12", "BLU-SHIRT-M"), List.of(MARKETPLACE, ANALYTICS)),
                arguments("level change, BLU- SKU at web-dc", "InventoryLevelChanged",
                        at("web-dc", "BLU-SHIRT-M"), List.of(STOREFRONT, MARKETPLACE, ANALYTICS)),
                arguments("level change, RED- SKU at store-12", "InventoryLevelChanged",
                        at("store-12", "RED-SOCK"), List.of(MARKETPLACE, ANALYTICS)),
                arguments("level change, SKU outside the prefixes at web-dc", "InventoryLevelChanged",
                        at("web-dc", "GRN-HAT-S"), List.of(STOREFRONT, ANALYTICS)),
                arguments("level change, SKU outside the prefixes at another store", "InventoryLevelChanged",
                        at("store-14", "GRN-HAT-S"), List.of(ANALYTICS)),
                arguments("level change, prefix in lower case (prefixes are case-sensitive)", "InventoryLevelChanged",
                        at("store-12", "blu-shirt-m"), List.of(ANALYTICS)),
                arguments("level change, prefix inside the SKU but not at its start", "InventoryLevelChanged",
                        at("store-12", "XBLU-SHIRT-M"), List.of(ANALYTICS)),
                // StockDepleted: same filters as level changes
                arguments("depleted sample, BLU- SKU at web-dc", "StockDepleted",
                        sample(), List.of(STOREFRONT, MARKETPLACE, ANALYTICS)),
                arguments("depleted, RED- SKU at store-12", "StockDepleted",
                        at("store-12", "RED-SOCK"), List.of(MARKETPLACE, ANALYTICS)),
                arguments("depleted, SKU outside the prefixes at another store", "StockDepleted",
                        at("store-14", "GRN-HAT-S"), List.of(ANALYTICS)),
                // StockWentNegative: only analytics subscribes
                arguments("went negative sample, BLU- SKU at store-12", "StockWentNegative",
                        sample(), List.of(ANALYTICS)),
                arguments("went negative, BLU- SKU at web-dc", "StockWentNegative",
                        at("web-dc", "BLU-SHIRT-M"), List.of(ANALYTICS)),
                // ReservationExpired: storefront by location; never the SKU-filtered marketplace
                arguments("reservation expired sample at web-dc", "ReservationExpired",
                        sample(), List.of(STOREFRONT, ANALYTICS)),
                arguments("reservation expired at store-12", "ReservationExpired",
                        at("store-12", null), List.of(ANALYTICS)),
                // DriftDetected: only analytics subscribes
                arguments("drift sample, BLU- SKU at store-12", "DriftDetected",
                        sample(), List.of(ANALYTICS)),
                arguments("drift, BLU- SKU at web-dc", "DriftDetected",
                        at("web-dc", "BLU-SHIRT-M"), List.of(ANALYTICS)),
                // ChannelAvailabilityChanged: the channel named in the detail only, whatever its filters
                arguments("channel availability sample (web-storefront)", "ChannelAvailabilityChanged",
                        sample(), List.of(STOREFRONT)),
                arguments("web-storefront's number of a SKU outside the marketplace's prefixes",
                        "ChannelAvailabilityChanged", sku("GRN-HAT-S"), List.of(STOREFRONT)),
                arguments("web-storefront's number built from stores only (its v1 rule is web-dc only)",
                        "ChannelAvailabilityChanged", (Consumer<ObjectNode>) detail -> detail.putArray("locations").addObject()
                                .put("locationId", "store-12").put("available", 3), List.of(STOREFRONT)),
                arguments("a number for the marketplace, which has no pool", "ChannelAvailabilityChanged",
                        channel(MARKETPLACE), List.of()),
                arguments("a number for analytics, which takes every other type", "ChannelAvailabilityChanged",
                        channel(ANALYTICS), List.of()),
                arguments("a number for a channel whose name only starts like the storefront's",
                        "ChannelAvailabilityChanged", channel("web-storefront-2"), List.of()),
                // not an outbound event of this service
                arguments("unknown detail-type", "InventoryLevelSnapshot",
                        at("web-dc", "BLU-SHIRT-M"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void rulesForJSONEvent_shouldMatchExactlyTheSubscribedChannels(String what, String detailType,
                                                                  Consumer<ObjectNode> change,
                                                                  List<String> expected) throws Exception {
        // given
        String event = envelope("inventory", detailType, change);

        // when
        List<String> channels = machine.rulesForJSONEvent(event);

        // then
        assertThat(channels).as(what).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void rulesForJSONEvent_shouldMatchNoChannel_whenSourceIsNotInventory() throws Exception {
        // given: an event every channel would take, from someone else
        String event = envelope("inventory.staging", "InventoryLevelChanged", at("web-dc", "BLU-SHIRT-M"));

        // when
        List<String> channels = machine.rulesForJSONEvent(event);

        // then
        assertThat(channels).isEmpty();
    }

    /** Leaves the sample detail as it is. */
    private static Consumer<ObjectNode> sample() {
        return detail -> {
        };
    }

    /** Names another channel in the sample detail. */
    private static Consumer<ObjectNode> channel(String name) {
        return detail -> detail.put("channel", name);
    }

    /** Names another SKU in the sample detail. */
    private static Consumer<ObjectNode> sku(String sku) {
        return detail -> detail.put("sku", sku);
    }

    /** Moves the sample detail to {@code locationId} and, when given, to {@code sku}. */
    private static Consumer<ObjectNode> at(String locationId, String sku) {
        return detail -> {
            detail.put("locationId", locationId);
            if (sku != null) {
                detail.put("sku", sku);
            }
        };
    }

    /**
     * A full EventBridge event as the bus delivers it, around the sample detail of
     * {@code detailType} (the InventoryLevelChanged sample when the type has none).
     */
    private static String envelope(String source, String detailType, Consumer<ObjectNode> change) throws Exception {
        Path samplePath = OutboundSchemas.sample(detailType);
        ObjectNode detail = (ObjectNode) MAPPER.readTree(ProjectFiles.read(
                samplePath.toFile().exists() ? samplePath : OutboundSchemas.sample("InventoryLevelChanged")));
        change.accept(detail);
        ObjectNode event = MAPPER.createObjectNode()
                .put("version", "0")
                .put("id", "0d3c6a3e-8f0a-4d55-9d3b-1c2e5f7a9b10")
                .put("detail-type", detailType)
                .put("source", source)
                .put("account", "123456789012")
                .put("time", "2026-11-21T10:15:01Z")
                .put("region", "eu-west-1");
        event.putArray("resources");
        event.set("detail", detail);
        return MAPPER.writeValueAsString(event);
    }
}
