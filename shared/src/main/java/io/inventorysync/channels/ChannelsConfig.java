package io.inventorysync.channels;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The channels that subscribe to the outbound events, read from {@code infra/channels.json}: the
 * one place the CDK app takes its rules, queues and API destinations from.
 *
 * <pre>{@code
 * {"channels": [
 *   {"name": "marketplace",
 *    "detailTypes": ["InventoryLevelChanged", "StockDepleted"],
 *    "locationIds": ["store-12"],                      (optional)
 *    "skuPrefixes": ["BLU-"],                          (optional)
 *    "availability": {"locations": ["web-dc", "store-*"], "safetyStock": 1,
 *                     "safetyStockByLocation": {"store-12": 3}},   (optional; then detailTypes may be omitted)
 *    "target": {"kind": "HTTPS", "endpoint": "https://...", "httpMethod": "POST",
 *               "auth": {"type": "API_KEY", "headerName": "x-api-key", "secretName": "..."},
 *               "invocationRateLimitPerSecond": 20},   (optional; or {"kind": "SQS"})
 *    "retry": {"maximumRetryAttempts": 8, "maximumEventAgeSeconds": 86400}}   (optional)
 * ]}
 * }</pre>
 *
 * <p>Loading fails fast with an {@link InvalidChannelsConfigException} listing every problem.
 * Unlike the HTTP contract, unknown members are refused: a misspelt filter such as
 * {@code locationID} would otherwise widen a channel to every event, and a credential pasted
 * into the file (say an {@code apiKey}) would end up in the repository and the template.
 */
public final class ChannelsConfig {
    /** The {@code source} of every outbound event. */
    public static final String SOURCE = "inventory";
    /** The outbound detail-types of contract v1, in the order of the contract. */
    public static final List<String> DETAIL_TYPES = List.of(
            "InventoryLevelChanged", "StockWentNegative", "StockDepleted", "ReservationExpired", "DriftDetected");

    /**
     * Contract v1.1: a channel's own number. Not listed in {@code detailTypes}: a channel with
     * {@code availability} receives it, and only its own ({@link Channel#availabilityPattern()}).
     */
    public static final String CHANNEL_AVAILABILITY_CHANGED = "ChannelAvailabilityChanged";

    /** Every outbound detail-type: {@link #DETAIL_TYPES} and {@link #CHANNEL_AVAILABILITY_CHANGED}. */
    public static final List<String> OUTBOUND_DETAIL_TYPES = java.util.stream.Stream.concat(DETAIL_TYPES.stream(),
            java.util.stream.Stream.of(CHANNEL_AVAILABILITY_CHANGED)).toList();

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<Channel> channels;

    private ChannelsConfig(List<Channel> channels) {
        this.channels = List.copyOf(channels);
    }

    /** Reads and validates the file at {@code path}. */
    public static ChannelsConfig load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return load(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read channels config " + path, e);
        }
    }

    /** Reads and validates a configuration; {@code origin} names it in error messages. */
    public static ChannelsConfig load(InputStream in, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new InvalidChannelsConfigException(origin, List.of("not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read channels config " + origin, e);
        }
        return new ChannelsConfig(new ChannelsReader(origin).read(root));
    }

    /** Reads and validates a configuration from a stream. */
    public static ChannelsConfig load(InputStream in) {
        return load(in, "channels config");
    }

    /** The channels, in file order. */
    public List<Channel> channels() {
        return channels;
    }

    /** The channel called {@code name}. */
    public Optional<Channel> channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
