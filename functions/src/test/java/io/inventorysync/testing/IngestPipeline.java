package io.inventorysync.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.inventorysync.auth.SigningSecrets;
import io.inventorysync.domain.Source;
import io.inventorysync.functions.SqsEvents;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.SourceRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ingest path on real engines: a DynamoDB Local table, an ElasticMQ FIFO queue with its DLQ,
 * registered sources with known secrets. Builds API Gateway and SQS events the way AWS sends them.
 */
public final class IngestPipeline {
    public final DynamoDbClient dynamo;
    public final SqsClient sqs;
    public final String table;
    public final LocalSqs.FifoQueues queues;
    public final InventoryStore store;
    public final SourceRegistry sources;
    public final Map<String, String> secrets = new HashMap<>();
    public final SigningSecrets signingSecrets = source -> {
        String secret = secrets.get(source.sourceId());
        return secret == null ? List.of() : List.of(secret.split(" "));
    };

    /** The ingest relay on the table's real stream, sending through {@link #sqs} (faults included). */
    public final StreamRelay relay;

    public IngestPipeline(DynamoDbClient dynamo, SqsClient sqs, java.time.Clock clock) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        this.queues = LocalSqs.createMovementQueues(LocalSqs.client(), 3);
        this.store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build();
        this.sources = new DynamoDbSourceRegistry(dynamo, table);
        this.relay = new StreamRelay(LocalDynamoDb.client(), table, new io.inventorysync.ingest.IngestRelay(
                new io.inventorysync.movements.SqsMovementQueue(sqs, queues.url(), java.time.Duration.ofMillis(2),
                        io.inventorysync.settings.Settings.QUEUE_SEND_LANES, java.time.Clock.systemUTC()),
                new io.inventorysync.processor.SqsPoisonQueue(sqs, queues.deadLetterUrl()), store::recordRelayRefusal, clock));
    }

    /** Relays every receipt written so far to the movements queue, as the stream's consumer would. */
    public void relay() {
        if (!relay.deliverUntilDone(20)) {
            throw new IllegalStateException("the relay did not catch up in 20 deliveries");
        }
    }

    /** Registers a source and returns its new secret. */
    public String register(String sourceId, Map<String, String> aliases, Source.UnknownSkuPolicy policy) {
        String secret = Signer.newSecret();
        secrets.put(sourceId, secret);
        sources.register(new Source(sourceId, Settings.SOURCE_SECRET_PREFIX + sourceId, aliases, policy));
        return secret;
    }

    /** Registers a storefront (a source that may reserve, every location) and returns its new secret. */
    public String registerStorefront(String sourceId) {
        return register(new Source(sourceId, Settings.SOURCE_SECRET_PREFIX + sourceId, Map.of(),
                Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(true));
    }

    /** Registers {@code source} as configured and returns its new secret. */
    public String register(Source source) {
        String secret = Signer.newSecret();
        secrets.put(source.sourceId(), secret);
        sources.register(source);
        return secret;
    }

    public static APIGatewayV2HTTPEvent post(String sourceId, String body, Map<String, String> headers) {
        return request("POST", "/v1/sources/" + sourceId + "/events", Map.of("sourceId", sourceId), body, headers, false);
    }

    public static APIGatewayV2HTTPEvent get(String sourceId, String eventId, Map<String, String> headers) {
        return request("GET", "/v1/sources/" + sourceId + "/events/" + eventId,
                Map.of("sourceId", sourceId, "eventId", eventId), null, headers, false);
    }

    /** An HTTP API (payload 2.0) event; {@code base64} as API Gateway sends binary-looking bodies. */
    public static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> pathParameters,
                                                String body, Map<String, String> headers, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withHeaders(headers)
                .withPathParameters(pathParameters)
                .withBody(body == null ? null : base64
                        ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    /**
     * A function URL's event (payload 2.0 as Lambda sends it for a URL): route key {@code $default},
     * no path parameters, the raw path as the client sent it (percent-encoded), the raw query string
     * and its parsed map; {@code base64} as Lambda sends bodies it does not take for text.
     */
    public static APIGatewayV2HTTPEvent functionUrl(String method, String rawPath, String rawQuery, String body,
                                                    Map<String, String> headers, boolean base64) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(headers)
                .withBody(body == null ? null : base64
                        ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath)
                                .build())
                        .build())
                .build();
    }

    /**
     * Relays what the webhook accepted ({@link #relay()}), then plays the SQS event source mapping
     * until the queue is empty: receives up to {@code batchSize}
     * messages, hands them to {@code handler} as an {@link SQSEvent}, deletes the ones not reported
     * failed and makes the failed ones visible again at once (instead of waiting out the timeout).
     *
     * @return every batch response, in order
     */
    public List<List<String>> drain(int batchSize, Function<SQSEvent, List<String>> handler) {
        relay();
        return drainQueue(batchSize, handler);
    }

    /** As {@link #drain} without relaying first: only what is in the movements queue now. */
    public List<List<String>> drainQueue(int batchSize, Function<SQSEvent, List<String>> handler) {
        List<List<String>> failures = new ArrayList<>();
        for (int round = 0; round < 1_000; round++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queues.url()).maxNumberOfMessages(batchSize)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return failures;
            }
            List<String> failed = handler.apply(SqsEvents.of(messages));
            failures.add(failed);
            for (Message m : messages) {
                if (failed.contains(m.messageId())) {
                    sqs.changeMessageVisibility(r -> r.queueUrl(queues.url()).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                } else {
                    sqs.deleteMessage(r -> r.queueUrl(queues.url()).receiptHandle(m.receiptHandle()));
                }
            }
        }
        throw new IllegalStateException("queue did not drain");
    }

    public int queueDepth(String url) {
        var attrs = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return attrs.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
