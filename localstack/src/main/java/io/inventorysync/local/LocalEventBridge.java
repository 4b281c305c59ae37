package io.inventorysync.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.inventorysync.channels.Channel;
import io.inventorysync.http.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.event.ruler.Machine;

/**
 * An EventBridge endpoint on loopback that speaks the real {@code PutEvents} protocol (AWS JSON 1.1),
 * so the SDK's own client talks to it. It keeps every accepted event as EventBridge would deliver
 * it (the envelope), routes it with aws/event-ruler to the channels whose patterns match (the same
 * patterns {@code channels.json} gives the deployed rules), counts calls, and fails on demand:
 * whole calls throttled, or single entries refused, as the service does under load.
 */
public final class LocalEventBridge extends AwsJsonEndpoint {
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final Random random = new Random(7);
    private volatile double entryFailureRate;
    private volatile Machine rules;
    private volatile Map<String, Consumer<String>> deliveries = Map.of();

    public EventBridgeClient client() {
        return EventBridgeClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /**
     * Routes every accepted event to the channels one of whose {@link Channel#eventPatterns()} (the
     * deployed rules: its detail-types, and its own number when it has a pool) matches it.
     *
     * @param deliveries what to do with a matching envelope (JSON), per channel name
     */
    public void route(List<Channel> channels, Map<String, Consumer<String>> deliveries) {
        Machine machine = Machine.builder().build();
        for (Channel channel : channels) {
            try {
                for (String pattern : channel.eventPatterns()) {
                    machine.addRule(channel.name(), pattern);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("channel " + channel.name() + ": pattern not accepted", e);
            }
        }
        this.deliveries = Map.copyOf(deliveries);
        this.rules = machine;
    }

    /** The next {@code n} calls fail as a whole with {@code ThrottlingException}. */
    public void throttleNextCalls(int n) {
        throttleNext.set(n);
    }

    /** Each entry is refused ({@code InternalFailure}) with this probability. */
    public void failEntries(double rate) {
        entryFailureRate = rate;
    }

    public List<JsonNode> accepted() {
        return List.copyOf(accepted);
    }

    public int calls() {
        return calls.get();
    }

    public void reset() {
        accepted.clear();
        calls.set(0);
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        if (!"AWSEvents.PutEvents".equals(target)) {
            error(exchange, "UnknownOperationException", "only PutEvents");
            return;
        }
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            error(exchange, "ThrottlingException", "Rate exceeded");
            return;
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode entries = response.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : request.path("Entries")) {
            ObjectNode result = entries.addObject();
            if (fails()) {
                failed++;
                result.put("ErrorCode", "InternalFailure").put("ErrorMessage", "injected");
                continue;
            }
            String id = UUID.randomUUID().toString();
            result.put("EventId", id);
            ObjectNode envelope = Json.MAPPER.createObjectNode();
            envelope.put("version", "0").put("id", id).put("detail-type", entry.path("DetailType").asText())
                    .put("source", entry.path("Source").asText()).put("account", "000000000000")
                    .put("time", entry.hasNonNull("Time") ? timeOf(entry.get("Time")) : Instant.now().toString())
                    .put("region", "us-east-1").putArray("resources");
            envelope.set("detail", Json.MAPPER.readTree(entry.path("Detail").asText()));
            accepted.add(envelope);
            deliver(Json.MAPPER.writeValueAsString(envelope));
        }
        response.put("FailedEntryCount", failed);
        respond(exchange, 200, Json.MAPPER.writeValueAsString(response));
    }

    private void deliver(String envelope) {
        Machine machine = rules;
        if (machine == null) {
            return;
        }
        try {
            for (String channel : machine.rulesForJSONEvent(envelope)) {
                deliveries.getOrDefault(channel, e -> { }).accept(envelope);
            }
        } catch (Exception e) {
            throw new IllegalStateException("routing failed", e);
        }
    }

    private synchronized boolean fails() {
        return entryFailureRate > 0 && random.nextDouble() < entryFailureRate;
    }

    /** The SDK sends {@code Time} as epoch seconds (a JSON number, possibly fractional). */
    private static String timeOf(JsonNode time) {
        if (time.isNumber()) {
            return Instant.ofEpochMilli(Math.round(time.asDouble() * 1000)).toString();
        }
        return time.asText();
    }

    /** Envelopes of one detail-type, in arrival order. */
    public List<JsonNode> accepted(String detailType) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode e : accepted) {
            if (e.path("detail-type").asText().equals(detailType)) {
                matching.add(e);
            }
        }
        return matching;
    }
}
