package io.inventorysync.functions;

import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.Validated;
import io.inventorysync.http.HttpReply;
import io.inventorysync.http.Json;
import io.inventorysync.http.JsonText;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.outbox.ChangeEvents;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming: before Lambda takes the snapshot of an initialised container, runs the code
 * paths every invocation takes, so their classes are loaded and warm in the snapshot rather than
 * on the first request:
 * <ul>
 *   <li>JSON in and out, validation, the table schemas, update expressions and event building, on
 *       made-up data;</li>
 *   <li>every SDK client the container built, through the calls the functions make (DynamoDB
 *       {@code GetItem}, {@code Query}, {@code TransactWriteItems}; SQS {@code SendMessageBatch};
 *       Secrets Manager {@code GetSecretValue}; EventBridge {@code PutEvents}): endpoint rules,
 *       credentials, signing, marshalling, the URLConnection client and unmarshalling all run, but
 *       the client's connections are {@linkplain OfflineConnection offline} while priming, answered
 *       from canned responses. Nothing leaves the container and nothing is written.</li>
 * </ul>
 * Clients are primed by service name and each service by its own nested class, so a function jar
 * that does not ship a service (see {@code functions/pom.xml}) never loads its primer.
 */
final class Priming implements Resource {
    /** Registered by every handler's container; CRaC keeps only weak references to resources. */
    static final Priming INSTANCE = new Priming();

    /** A signed request's body as the webhook takes it: plain JSON, so its read is the streaming one a first request takes. */
    static final String SAMPLE = "{\"eventId\":\"prime-1\",\"type\":\"SALE\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
            + "\"locationId\":\"store-1\",\"lines\":[{\"sku\":\"PRIME\",\"quantity\":1}]}";

    /** While true, every client of this container talks to {@link OfflineConnection}s only. */
    private static volatile boolean offline;

    private final List<AwsClients> containers = new CopyOnWriteArrayList<>();
    /** Each container's own requests, run offline after its clients (see {@link #register(AwsClients, Runnable)}). */
    private final List<Runnable> requests = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    /** Registers the priming hook for a container whose clients {@code aws} built. */
    static void register(AwsClients aws) {
        register(aws, () -> { });
    }

    /**
     * Registers the priming hook for a container whose clients {@code aws} built, with what its
     * first request does that the shared priming does not: {@code requests} runs while the clients
     * are offline (so it may call the handler itself with made-up events: nothing it sends leaves
     * the container), after every client was primed. It must not log as a real request would.
     */
    static void register(AwsClients aws, Runnable requests) {
        INSTANCE.containers.add(aws);
        INSTANCE.requests.add(requests);
        Core.getGlobalContext().register(INSTANCE);
    }

    /**
     * The invocation's metrics, recorded, flushed and dropped (serialized by the EMF library as a real
     * flush is, so its serializers are warm in the snapshot; no line is written), for a function
     * that records metrics on every invocation.
     */
    static void telemetry() {
        io.inventorysync.telemetry.Telemetry metrics = io.inventorysync.telemetry.Telemetry.discarded();
        metrics.milliseconds("Prime", 0);
        metrics.count("Prime", 0, "Code", "PRIME");
        metrics.flush();
    }

    /**
     * Runs {@code run} with {@code extra} answers (by {@code X-Amz-Target}) beside the canned ones,
     * e.g. an item for {@code GetItem}. Only for code that caches nothing it reads: a cache primed
     * with a made-up item (a source, a key) would outlive the priming.
     */
    static <T> T answering(Map<String, String> extra, java.util.function.Supplier<T> run) {
        answers = extra;
        try {
            return run.get();
        } finally {
            answers = Map.of();
        }
    }

    /** Extra canned answers of {@link #answering}. */
    private static volatile Map<String, String> answers = Map.of();

    /** A made-up API Gateway (HTTP API, payload 2.0) request. */
    static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent request(String method, String path,
            Map<String, String> pathParameters, String body) {
        var http = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).build();
        return com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder().withVersion("2.0")
                .withRouteKey(method + " " + path).withRawPath(path).withPathParameters(pathParameters)
                .withHeaders(Map.of("content-type", "application/json")).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext
                        .builder().withHttp(http).build())
                .build();
    }

    /**
     * A made-up stream record of a receipt newly holding the sample event (an INSERT), its image
     * written by the store's own mapping: the ingest relay's first event.
     */
    static com.amazonaws.services.lambda.runtime.events.DynamodbEvent heldReceiptRecord() {
        try {
            Object raw = Json.MAPPER.readValue(SAMPLE, Object.class);
            InventoryEvent valid = ((Validated.Valid<InventoryEvent>) new EventValidator(Clock.systemUTC()).validate(raw, "")).value();
            var receipt = new io.inventorysync.store.EventReceipt("prime", valid.eventId(), "prime", 1, java.time.Instant.now());
            var image = io.inventorysync.store.StreamImages.heldReceiptImage(new io.inventorysync.store.HeldEvent(
                    new io.inventorysync.store.OutboxEvent(receipt, valid), "prime"));
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> v1 = new java.util.HashMap<>();
            image.forEach((k, v) -> {
                var a = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
                if (v.n() != null) {
                    a.setN(v.n());
                } else {
                    a.setS(v.s());
                }
                v1.put(k, a);
            });
            var stream = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord();
            stream.setSequenceNumber("1");
            stream.setNewImage(v1);
            var record = new com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord();
            record.setEventName("INSERT");
            record.setDynamodb(stream);
            var event = new com.amazonaws.services.lambda.runtime.events.DynamodbEvent();
            event.setRecords(List.of(record));
            return event;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The HTTP client every SDK client of a function uses: URLConnection, offline while priming. */
    static SdkHttpClient httpClient() {
        return new PrimableHttpClient(UrlConnectionHttpClient.create());
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        prime();
        primeClients();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Every environment restored from this snapshot has the same random state: re-seed the
        // retry jitter, or they would all back off for the same times. Clients need nothing: they
        // open their connections on first use after the restore.
        JitteredBackoff.reseed();
    }

    /** One pass through the hot paths; returns what it built so nothing is optimised away. */
    static int prime() throws Exception {
        // A signed request's body as the routes read it (JsonText: streaming, no mapper for a plain body)...
        Object raw = JsonText.readTree(SAMPLE.getBytes(StandardCharsets.UTF_8));
        // ...and the mapper, which reads what is not plain and writes the publisher's JSON.
        Json.MAPPER.readValue(SAMPLE, Object.class);
        // The connector's and Square's request bodies, the connector's queue messages and the shop's
        // answers, as their first events write and read them (JsonText, streaming: issue 16, sixth round).
        JsonText.writeBytes(Map.of("query", "prime", "variables", Map.of("limit", 1, "cursor", "prime")));
        JsonText.readObject(SAMPLE);
        Validated<InventoryEvent> event = new EventValidator(Clock.systemUTC()).validate(raw, "");
        InventoryEvent valid = ((Validated.Valid<InventoryEvent>) event).value();
        var movement = Movements.of("prime", valid).getFirst();
        // The movement's message as the relay writes it and the processor reads it (streaming, as written).
        String message = MovementMessage.json(movement);
        MovementMessage.read(message).toMovement();
        int store = DynamoDbInventoryStore.warmUp(movement);
        HttpReply reply = HttpReply.json(202, Map.of("accepted", List.of(Map.of("eventId", "prime-1"))));
        HttpReply problem = HttpReply.problem(400, "INVALID_EVENT", "Invalid event", "prime");
        return message.length() + store + reply.body().length() + problem.body().length()
                + ChangeEvents.of(Map.of(), Map.of()).size();
    }

    /** Each registered container's clients, through their calls, offline; returns the calls made. */
    int primeClients() {
        return offline(this::primeEveryClient);
    }

    /** Runs {@code run} with every client of this JVM offline. */
    static <T> T offline(java.util.function.Supplier<T> run) {
        offline = true;
        try {
            return run.get();
        } finally {
            offline = false;
        }
    }

    private int primeEveryClient() {
        int calls = 0;
        {
            for (AwsClients aws : containers) {
                aws.buildDeferred();
                for (SdkClient client : aws.built()) {
                    calls += switch (client.serviceName()) {
                        case "dynamodb" -> DynamoDbPrimer.prime((DynamoDbClient) client);
                        case "sqs" -> SqsPrimer.prime((SqsClient) client);
                        case "secretsmanager" -> SecretsManagerPrimer.prime((SecretsManagerClient) client);
                        case "events" -> EventBridgePrimer.prime((EventBridgeClient) client);
                        default -> 0;
                    };
                }
            }
            for (Runnable r : requests) {
                r.run();
                calls++;
            }
        }
        return calls;
    }

    private static final class DynamoDbPrimer {
        static int prime(DynamoDbClient dynamo) {
            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("STOCK#PRIME"), "SK", AttributeValue.fromS("LOC#prime"));
            dynamo.getItem(r -> r.tableName("prime").key(key).consistentRead(true));
            dynamo.query(r -> r.tableName("prime").keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("STOCK#PRIME"))).consistentRead(true));
            dynamo.transactWriteItems(r -> r.transactItems(
                    t -> t.put(p -> p.tableName("prime").item(key).conditionExpression("attribute_not_exists(PK)")),
                    t -> t.update(u -> u.tableName("prime").key(key).updateExpression("SET onHand = if_not_exists(onHand, :z) + :d")
                            .expressionAttributeValues(Map.of(":z", AttributeValue.fromN("0"), ":d", AttributeValue.fromN("1"))))));
            dynamo.putItem(r -> r.tableName("prime").item(key).conditionExpression("attribute_not_exists(PK)")
                    .returnValuesOnConditionCheckFailure(software.amazon.awssdk.services.dynamodb.model
                            .ReturnValuesOnConditionCheckFailure.ALL_OLD));
            dynamo.updateItem(r -> r.tableName("prime").key(key).updateExpression("SET onHand = :d")
                    .expressionAttributeValues(Map.of(":d", AttributeValue.fromN("1"))));
            dynamo.batchGetItem(r -> r.requestItems(Map.of("prime",
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(key).consistentRead(true).build())));
            // The stores' keyed read paths (KeyedReads, the item schemas' mapping): a key read, an index query and its pages.
            var sources = new DynamoDbSourceRegistry(dynamo, "prime");
            sources.source("prime");
            sources.storefronts();
            return 8;
        }
    }

    private static final class SqsPrimer {
        static int prime(SqsClient sqs) {
            sqs.sendMessageBatch(r -> r.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/prime.fifo")
                    .entries(e -> e.id("0").messageBody("{}").messageGroupId("PRIME#prime").messageDeduplicationId("prime")
                            .messageAttributes(Map.of("sku", software.amazon.awssdk.services.sqs.model.MessageAttributeValue
                                    .builder().dataType("String").stringValue("PRIME").build()))));
            return 1;
        }
    }

    private static final class SecretsManagerPrimer {
        static int prime(SecretsManagerClient secrets) {
            secrets.getSecretValue(r -> r.secretId("inventory-sync/sources/prime"));
            return 1;
        }
    }

    private static final class EventBridgePrimer {
        static int prime(EventBridgeClient events) {
            events.putEvents(r -> r.entries(e -> e.eventBusName("prime").source("inventory")
                    .detailType(ChangeEvents.LEVEL_CHANGED).detail("{}")));
            return 1;
        }
    }

    /** The URLConnection client, or its offline twin while priming. */
    private record PrimableHttpClient(SdkHttpClient online) implements SdkHttpClient {
        private static final SdkHttpClient OFFLINE = UrlConnectionHttpClient.create(OfflineConnection::new);

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return (offline ? OFFLINE : online).prepareRequest(request);
        }

        @Override
        public String clientName() {
            return online.clientName();
        }

        @Override
        public void close() {
            online.close();
        }
    }

    /**
     * A connection that never connects: it takes the request body and answers 200 with a canned
     * body for the operation named in {@code X-Amz-Target} (an empty result for each).
     */
    static final class OfflineConnection extends HttpURLConnection {
        private static final Map<String, String> ANSWERS = Map.of(
                "AmazonSQS.SendMessageBatch", "{\"Successful\":[],\"Failed\":[]}",
                "secretsmanager.GetSecretValue", "{\"Name\":\"prime\",\"SecretString\":\"whsec_cHJpbWU=\"}",
                "AWSEvents.PutEvents", "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"prime\"}]}",
                "DynamoDB_20120810.Query", "{\"Count\":0,\"ScannedCount\":0,\"Items\":[]}",
                "DynamoDB_20120810.BatchGetItem", "{\"Responses\":{},\"UnprocessedKeys\":{}}");
        private final OutputStream sent = new ByteArrayOutputStream();
        private String target = "";

        OfflineConnection(URI uri) {
            super(url(uri));
        }

        private static URL url(URI uri) {
            try {
                return uri.toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public void setRequestProperty(String key, String value) {
            super.setRequestProperty(key, value);
            if ("X-Amz-Target".equalsIgnoreCase(key)) {
                target = value;
            }
        }

        @Override
        public void addRequestProperty(String key, String value) {
            super.addRequestProperty(key, value);
            if ("X-Amz-Target".equalsIgnoreCase(key)) {
                target = value;
            }
        }

        @Override
        public void connect() {
            connected = true;
        }

        @Override
        public void disconnect() {
            connected = false;
        }

        @Override
        public boolean usingProxy() {
            return false;
        }

        @Override
        public OutputStream getOutputStream() {
            return sent;
        }

        @Override
        public int getResponseCode() {
            return HTTP_OK;
        }

        @Override
        public String getResponseMessage() {
            return "OK";
        }

        @Override
        public InputStream getInputStream() {
            String answer = answers.getOrDefault(target, ANSWERS.getOrDefault(target, "{}"));
            return new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public InputStream getErrorStream() {
            return null;
        }

        @Override
        public String getHeaderField(String name) {
            List<String> values = getHeaderFields().get(name);
            return values == null ? null : values.getFirst();
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            return Map.of("Content-Type", List.of("application/x-amz-json-1.0"), "x-amzn-RequestId", List.of("prime"));
        }
    }
}
