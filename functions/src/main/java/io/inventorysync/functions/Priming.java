package io.inventorysync.functions;

import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.Validated;
import io.inventorysync.http.HttpReply;
import io.inventorysync.http.Json;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.outbox.ChangeEvents;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.store.DynamoDbInventoryStore;
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

    private static final String SAMPLE = "{\"eventId\":\"prime-1\",\"type\":\"SALE\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
            + "\"locationId\":\"store-1\",\"lines\":[{\"sku\":\"PRIME\",\"quantity\":1}]}";

    /** While true, every client of this container talks to {@link OfflineConnection}s only. */
    private static volatile boolean offline;

    private final List<AwsClients> containers = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    /** Registers the priming hook for a container whose clients {@code aws} built. */
    static void register(AwsClients aws) {
        INSTANCE.containers.add(aws);
        Core.getGlobalContext().register(INSTANCE);
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
        Object raw = Json.MAPPER.readValue(SAMPLE, Object.class);
        Validated<InventoryEvent> event = new EventValidator(Clock.systemUTC()).validate(raw, "");
        InventoryEvent valid = ((Validated.Valid<InventoryEvent>) event).value();
        var movement = Movements.of("prime", valid).getFirst();
        String message = Json.write(MovementMessage.of(movement));
        Json.MAPPER.readValue(message, MovementMessage.class).toMovement();
        int store = DynamoDbInventoryStore.warmUp(movement);
        HttpReply reply = HttpReply.json(202, Map.of("accepted", List.of(Map.of("eventId", "prime-1"))));
        HttpReply problem = HttpReply.problem(400, "INVALID_EVENT", "Invalid event", "prime");
        return message.length() + store + reply.body().length() + problem.body().length()
                + ChangeEvents.of(Map.of(), Map.of()).size();
    }

    /** Each registered container's clients, through their calls, offline; returns the calls made. */
    int primeClients() {
        int calls = 0;
        offline = true;
        try {
            for (AwsClients aws : containers) {
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
        } finally {
            offline = false;
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
            return 3;
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
                "DynamoDB_20120810.Query", "{\"Count\":0,\"ScannedCount\":0,\"Items\":[]}");
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
            return new ByteArrayInputStream(ANSWERS.getOrDefault(target, "{}").getBytes(StandardCharsets.UTF_8));
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
