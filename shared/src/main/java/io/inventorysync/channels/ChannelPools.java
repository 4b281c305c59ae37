package io.inventorysync.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventorysync.domain.AvailabilityPool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The channels' pools as the functions receive them: one environment variable
 * ({@code Settings.CHANNEL_POOLS}), written by the CDK app (and the local cloud) from
 * {@code channels.json}: {@code {"<channel>": {"locations": [...], "safetyStock": n,
 * "safetyStockByLocation": {...}}}}. Read back through the same validation as the file.
 */
public final class ChannelPools {
    /** Built on first need: a function without pools (a blank {@code CHANNEL_POOLS}) builds no mapper for them. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private ChannelPools() {
    }

    /** The pools of the channels that declare {@code availability}, as one JSON object. */
    public static String toJson(ChannelsConfig config) {
        ObjectNode root = Mapper.JSON.createObjectNode();
        for (Channel channel : config.channels()) {
            AvailabilityPool pool = channel.availability();
            if (pool == null) {
                continue;
            }
            ObjectNode node = root.putObject(channel.name());
            ArrayNode locations = node.putArray("locations");
            pool.locations().forEach(locations::add);
            node.put("safetyStock", pool.safetyStock());
            ObjectNode byLocation = node.putObject("safetyStockByLocation");
            new java.util.TreeMap<>(pool.safetyStockByLocation()).forEach(byLocation::put);
        }
        return root.toString();
    }

    /**
     * The pools by channel name, in the order written; an absent or blank value is no pool.
     *
     * @throws InvalidChannelsConfigException when the value is not what {@link #toJson} writes
     */
    public static Map<String, AvailabilityPool> parse(String json) {
        Map<String, AvailabilityPool> pools = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return pools;
        }
        try {
            JsonNode root = Mapper.JSON.readTree(json);
            ObjectNode config = Mapper.JSON.createObjectNode();
            ArrayNode channels = config.putArray("channels");
            if (root != null && root.isObject()) {
                root.fields().forEachRemaining(e -> channels.addObject()
                        .put("name", e.getKey())
                        .set("availability", e.getValue()));
                channels.forEach(c -> ((ObjectNode) c).putObject("target").put("kind", "SQS"));
            }
            ChannelsConfig parsed = ChannelsConfig.load(
                    new ByteArrayInputStream(config.toString().getBytes(StandardCharsets.UTF_8)), "channel pools");
            parsed.channels().forEach(c -> pools.put(c.name(), c.availability()));
            return pools;
        } catch (IOException e) {
            throw new UncheckedIOException("channel pools are not JSON", e);
        }
    }
}
