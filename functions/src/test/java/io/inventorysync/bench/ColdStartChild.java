package io.inventorysync.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import org.crac.Resource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One function container, as Lambda's Java runtime runs it, in a fresh JVM started by
 * {@link ColdStartBenchmark} with only the function's own jar (and this class) on the class path
 * and the function's settings in the process environment: builds the handler with its public
 * no-argument constructor (Lambda's init), optionally runs the CRaC hooks SnapStart would run
 * (beforeCheckpoint then afterRestore: the priming), then hands it one event and prints one
 * {@code RESULT} line; in {@code warm} mode it then times further events.
 *
 * <p>Arguments: {@code target} (a function's name or {@code baseline}), {@code mode}
 * ({@code cold}, {@code primed}, {@code warm}, or {@code floor}: the function's SDK floor, {@link Floor},
 * instead of its handler), a run id that keeps the events' ids unique. A warm run also prints the
 * SDK clients its container built and its first event's SDK calls ({@code SDK clients=},
 * {@code SDK ops=}; {@link Recorder}): the calls after the warm events, the recorder off from the end of
 * the first event on (and off at init: the init's calls are not the first event's).
 * Nothing here may use a class that the function jar does not ship.
 */
public final class ColdStartChild {
    private ColdStartChild() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        String mode = args[1];
        String run = args[2];
        long start = System.nanoTime();

        RequestHandler<Object, Object> handler = mode.equals(FLOOR) ? new Floor(run) : handler(target);
        long initialised = System.nanoTime();
        if (mode.equals("warm")) {
            // The SDK clients the container built at init (the floor builds the same ones at its init).
            System.out.println("SDK clients=" + String.join(",", Recorder.builtClients()));
        }
        if (!mode.equals("cold") && !mode.equals(FLOOR) && !target.equals("baseline")) {
            snapStartHooks();
        }
        long primed = System.nanoTime();
        // With -Dbench.classLog, the class-load log shows this marker: what loads after it is the first event's.
        Class.forName(FirstEvent.class.getName());
        int classesBefore = mode.equals("cold") ? 0 : ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();

        long restored = System.nanoTime();
        IntFunction<Object> events = mode.equals(FLOOR) ? i -> Map.of() : events(target, run);
        // In the warm run, the recorder (a global SDK interceptor on this run's class path only) notes
        // the (service, operation) of every SDK call of the first event, for the floor runs.
        if (mode.equals("warm")) {
            Recorder.on = true;
        }
        Object first = handler.handleRequest(events.apply(0), null);
        if (mode.equals("warm")) {
            Recorder.on = false;
        }
        check(mode.equals(FLOOR) ? FLOOR : target, first);
        long handled = System.nanoTime();

        int classesAfter = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.printf("RESULT uptimeMs=%d initMs=%.1f primeMs=%.1f firstEventMs=%.1f classes=%d classesAtFirstEvent=%d%n",
                ManagementFactory.getRuntimeMXBean().getUptime(), (initialised - start) / 1e6, (primed - initialised) / 1e6,
                (handled - restored) / 1e6, classesAfter, classesAfter - classesBefore);

        if (mode.equals("warm")) {
            int warmUp = Integer.getInteger("bench.warmup", 200);
            int measured = Integer.getInteger("bench.warm", 500);
            long[] times = new long[measured];
            for (int i = 1; i <= warmUp + measured; i++) {
                Object event = events.apply(i);
                long t = System.nanoTime();
                Object result = handler.handleRequest(event, null);
                long took = System.nanoTime() - t;
                check(target, result);
                if (i > warmUp) {
                    times[i - warmUp - 1] = took;
                }
            }
            Arrays.sort(times);
            System.out.printf("WARM p50Ms=%.2f p99Ms=%.2f n=%d%n", times[measured / 2] / 1e6,
                    times[(int) (measured * 0.99)] / 1e6, measured);
            // Printed after the warm events, so a recorder left on would show their calls too (ColdStartFloorTest).
            System.out.println("SDK ops=" + String.join(",", Recorder.FIRST_EVENT));
        }
        System.out.flush();
        System.exit(0);
    }

    /** The system property that makes the {@link Baseline}'s init make a call (a test of the recorder). */
    static final String BASELINE_INIT_CALL = "bench.baselineInitCall";
    /** The floor's mode: the function's SDK clients and its first event's SDK calls, nothing else. */
    static final String FLOOR = "floor";
    /** The standard queue the floor's SQS sends go to (never a queue a function reads). */
    static final String FLOOR_QUEUE_URL = "BENCH_FLOOR_QUEUE_URL";
    /** The global interceptors' class-path resource (read by the SDK at every client build). */
    static final String GLOBAL_INTERCEPTORS = "software/amazon/awssdk/global/handlers/execution.interceptors";

    /**
     * Records the SDK calls of a function's first event as {@code service:operation} (the service
     * normalized by {@link #service}), in the order they start, retries not repeated. In a child, a
     * global interceptor (listed in {@link #GLOBAL_INTERCEPTORS} in a directory only the warm run has
     * on its class path) recording into {@link #FIRST_EVENT} while {@link #on}; in a test, given to a
     * client, recording into its own list.
     */
    public static final class Recorder implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        static final List<String> FIRST_EVENT = new java.util.concurrent.CopyOnWriteArrayList<>();
        static volatile boolean on;
        private final List<String> into;
        private final boolean always;

        /** The global interceptor the SDK instantiates for every client of the warm run. */
        public Recorder() {
            this(FIRST_EVENT, false);
        }

        Recorder(List<String> into) {
            this(into, true);
        }

        private Recorder(List<String> into, boolean always) {
            this.into = into;
            this.always = always;
        }

        @Override
        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (always || on) {
                into.add(service(attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.SERVICE_NAME))
                        + ":" + attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME));
            }
        }

        /** A service's name as the floor names it: {@code dynamodb}, {@code sqs}, {@code secretsmanager}, {@code eventbridge}. */
        static String service(String sdkServiceName) {
            return sdkServiceName.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * The SDK clients the function's containers built so far, by service, in order: read from the
         * one priming resource every container registers its {@code AwsClients} with.
         */
        static List<String> builtClients() throws Exception {
            Class<?> priming = Class.forName("io.inventorysync.functions.Priming");
            Field instance = priming.getDeclaredField("INSTANCE");
            instance.setAccessible(true);
            Field containers = priming.getDeclaredField("containers");
            containers.setAccessible(true);
            List<String> services = new ArrayList<>();
            for (Object aws : (List<?>) containers.get(instance.get(null))) {
                // A method handle, not getDeclaredMethod: that resolves every method's types, and a jar
                // holds only its own services' clients.
                java.lang.invoke.MethodHandle built = java.lang.invoke.MethodHandles.privateLookupIn(aws.getClass(),
                        java.lang.invoke.MethodHandles.lookup()).findVirtual(aws.getClass(), "built",
                        java.lang.invoke.MethodType.methodType(List.class));
                List<?> clients;
                try {
                    clients = (List<?>) built.invoke(aws);
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
                for (Object client : clients) {
                    services.add(clientService(client));
                }
            }
            return services;
        }

        /** A client's service, named as {@link #service} names a call's (by the SDK's name, not its class: a jar holds only its services). */
        static String clientService(Object client) {
            String name = ((software.amazon.awssdk.core.SdkClient) client).serviceName();
            return name.equals("events") ? "eventbridge" : name;
        }
    }

    /**
     * The SDK floor of a function: a handler that builds the SDK clients the function's containers
     * build at init (through the function's own {@code AwsClients}, so with the same builders,
     * HTTP client and retry settings), one of a service the first event calls but init did not build
     * on its first use (a deferred client), and whose one event makes the same sequence of SDK
     * operations as the function's first event ({@code -Dbench.floorClients}, {@code -Dbench.floorOps},
     * both as the warm run recorded them), each with a minimal valid request ({@link FloorRequests}).
     * No domain code, no metrics, no log line, no Jackson databind.
     */
    static final class Floor implements RequestHandler<Object, Object> {
        private final Map<String, software.amazon.awssdk.core.SdkClient> clients = new HashMap<>();
        private final Object aws;
        private final List<String> ops = list(System.getProperty("bench.floorOps", ""));
        private final String run;

        Floor(String run) {
            this.run = run;
            try {
                Class<?> type = Class.forName("io.inventorysync.functions.AwsClients");
                var constructor = type.getDeclaredConstructor(io.inventorysync.settings.Environment.class);
                constructor.setAccessible(true);
                aws = constructor.newInstance(io.inventorysync.settings.Environment.process());
                for (String service : list(System.getProperty("bench.floorClients", ""))) {
                    // A second client of a service is built as the container builds it; the calls use the first.
                    software.amazon.awssdk.core.SdkClient client = build(service);
                    clients.putIfAbsent(service, client);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private software.amazon.awssdk.core.SdkClient build(String service) {
            String[] method = switch (service) {
                case "dynamodb" -> new String[] {"dynamoDb", "software.amazon.awssdk.services.dynamodb.DynamoDbClient"};
                case "sqs" -> new String[] {"sqs", "software.amazon.awssdk.services.sqs.SqsClient"};
                case "secretsmanager" -> new String[] {"secretsManager", "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient"};
                case "eventbridge" -> new String[] {"eventBridge", "software.amazon.awssdk.services.eventbridge.EventBridgeClient"};
                default -> throw new IllegalArgumentException("no floor client for " + service);
            };
            // A method handle of the one builder method (getDeclaredMethod would resolve every client type).
            try {
                return (software.amazon.awssdk.core.SdkClient) java.lang.invoke.MethodHandles.privateLookupIn(aws.getClass(),
                        java.lang.invoke.MethodHandles.lookup()).findVirtual(aws.getClass(), method[0],
                        java.lang.invoke.MethodType.methodType(Class.forName(method[1]))).invoke(aws);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object handleRequest(Object input, com.amazonaws.services.lambda.runtime.Context context) {
            FloorRequests.issue(ops, service -> clients.computeIfAbsent(service, this::build), System.getenv(), run);
            return Boolean.TRUE;
        }

        private static List<String> list(String joined) {
            return joined.isBlank() ? List.of() : List.of(joined.split(","));
        }
    }

    /**
     * The floor's requests: for each recorded {@code service:operation}, one minimal valid request of
     * that operation against the function's engines, and nothing else. DynamoDB: a read of a key no
     * item has ({@code PK=bench-floor#absent}), a write of a throwaway item {@code PK=bench-floor#<run>#<n>};
     * SQS: the floor's own queue ({@link #FLOOR_QUEUE_URL}); Secrets Manager: the benchmark's
     * {@code pos-bench} key; EventBridge: one entry to the function's bus. An operation without a
     * request here fails the floor run (so a function's new call is noticed, not left out).
     */
    static final class FloorRequests {
        private FloorRequests() {
        }

        static void issue(List<String> ops, java.util.function.Function<String, software.amazon.awssdk.core.SdkClient> clients,
                          Map<String, String> env, String run) {
            String table = env.get("TABLE_NAME");
            int n = 0;
            for (String op : ops) {
                n++;
                String item = "bench-floor#" + run + "#" + n;
                switch (op) {
                    case "dynamodb:GetItem" -> dynamo(clients).getItem(r -> r.tableName(table).key(absent()));
                    case "dynamodb:PutItem" -> dynamo(clients).putItem(r -> r.tableName(table).item(key(item)));
                    case "dynamodb:UpdateItem" -> dynamo(clients).updateItem(r -> r.tableName(table).key(key(item))
                            .updateExpression("SET #v = :v").expressionAttributeNames(Map.of("#v", "v"))
                            .expressionAttributeValues(Map.of(":v", ddb("1", true))));
                    case "dynamodb:DeleteItem" -> dynamo(clients).deleteItem(r -> r.tableName(table).key(absent()));
                    case "dynamodb:Query" -> dynamo(clients).query(r -> r.tableName(table).keyConditionExpression("PK = :p")
                            .expressionAttributeValues(Map.of(":p", absent().get("PK"))).limit(1));
                    case "dynamodb:Scan" -> dynamo(clients).scan(r -> r.tableName(table).limit(1));
                    case "dynamodb:BatchGetItem" -> dynamo(clients).batchGetItem(r -> r.requestItems(Map.of(table,
                            software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(absent()).build())));
                    case "dynamodb:BatchWriteItem" -> dynamo(clients).batchWriteItem(r -> r.requestItems(Map.of(table, List.of(
                            software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(key(item))).build()))));
                    case "dynamodb:TransactWriteItems" -> dynamo(clients).transactWriteItems(r -> r.transactItems(
                            software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder()
                                    .put(p -> p.tableName(table).item(key(item))).build()));
                    case "dynamodb:TransactGetItems" -> dynamo(clients).transactGetItems(r -> r.transactItems(
                            software.amazon.awssdk.services.dynamodb.model.TransactGetItem.builder()
                                    .get(g -> g.tableName(table).key(absent())).build()));
                    case "sqs:SendMessage" -> sqs(clients).sendMessage(r -> r.queueUrl(env.get(FLOOR_QUEUE_URL)).messageBody(item));
                    case "sqs:SendMessageBatch" -> sqs(clients).sendMessageBatch(r -> r.queueUrl(env.get(FLOOR_QUEUE_URL)).entries(
                            software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder().id("1").messageBody(item).build()));
                    case "sqs:ReceiveMessage" -> sqs(clients).receiveMessage(r -> r.queueUrl(env.get(FLOOR_QUEUE_URL))
                            .maxNumberOfMessages(1).waitTimeSeconds(0).visibilityTimeout(0));
                    case "sqs:GetQueueAttributes" -> sqs(clients).getQueueAttributes(r -> r.queueUrl(env.get(FLOOR_QUEUE_URL))
                            .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                    case "secretsmanager:GetSecretValue" -> ((software.amazon.awssdk.services.secretsmanager.SecretsManagerClient)
                            clients.apply("secretsmanager")).getSecretValue(r -> r.secretId(
                            io.inventorysync.settings.Settings.SOURCE_SECRET_PREFIX + "pos-bench"));
                    case "eventbridge:PutEvents" -> ((software.amazon.awssdk.services.eventbridge.EventBridgeClient)
                            clients.apply("eventbridge")).putEvents(r -> r.entries(
                            software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry.builder()
                                    .eventBusName(env.get("EVENT_BUS_NAME")).source("bench.floor").detailType("BenchFloor")
                                    .detail("{}").build()));
                    default -> throw new IllegalArgumentException("no floor request for " + op);
                }
            }
        }

        private static DynamoDbClient dynamo(java.util.function.Function<String, software.amazon.awssdk.core.SdkClient> clients) {
            return (DynamoDbClient) clients.apply("dynamodb");
        }

        private static software.amazon.awssdk.services.sqs.SqsClient sqs(
                java.util.function.Function<String, software.amazon.awssdk.core.SdkClient> clients) {
            return (software.amazon.awssdk.services.sqs.SqsClient) clients.apply("sqs");
        }

        private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> absent() {
            return key("bench-floor#absent");
        }

        private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String pk) {
            return Map.of("PK", ddb(pk, false), "SK", ddb("floor", false));
        }

        private static software.amazon.awssdk.services.dynamodb.model.AttributeValue ddb(String value, boolean number) {
            return number ? software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(value)
                    : software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
        }
    }

    /** Loaded just before the first event: a marker in the {@code -Xlog:class+load} log. */
    static final class FirstEvent {
    }

    /**
     * What SnapStart runs around its snapshot: the functions' CRaC resource (the priming) before,
     * and after the restore. org.crac's global context refuses to be called outside a CRaC JVM, so
     * the one resource every function registers is called as the runtime would call it.
     */
    private static void snapStartHooks() throws Exception {
        Field instance = Class.forName("io.inventorysync.functions.Priming").getDeclaredField("INSTANCE");
        instance.setAccessible(true);
        Resource priming = (Resource) instance.get(null);
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<Object, Object> handler(String target) throws Exception {
        if (target.equals("baseline")) {
            return new Baseline();
        }
        return (RequestHandler<Object, Object>) Class.forName("io.inventorysync.functions." + target)
                .getConstructor().newInstance();
    }

    /**
     * The baseline: a handler that builds one SDK client (as the functions do) and makes one call. With
     * {@value #BASELINE_INIT_CALL} (tests only, never the benchmark's runs) its init makes a call too
     * ({@code DescribeTable}), which the recorder must leave out.
     */
    static final class Baseline implements RequestHandler<Object, Object> {
        private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        private final String table = System.getenv("TABLE_NAME");

        Baseline() {
            if (Boolean.getBoolean(BASELINE_INIT_CALL)) {
                dynamo.describeTable(r -> r.tableName(table));
            }
        }

        @Override
        public Object handleRequest(Object input, com.amazonaws.services.lambda.runtime.Context context) {
            return dynamo.getItem(r -> r.tableName(table).key(Map.of(
                    "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("STOCK#RES-SKU-1"),
                    "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LOC#web-dc")))).hasItem();
        }
    }

    private static IntFunction<Object> events(String target, String run) {
        return switch (target) {
            case "baseline" -> i -> Map.of();
            case "WebhookFunction" -> i -> {
                String body = "{\"eventId\":\"cs-" + run + "-" + i + "\",\"type\":\"SALE\",\"occurredAt\":\""
                        + Instant.now().minusSeconds(5) + "\",\"locationId\":\"store-1\",\"lines\":[{\"sku\":\"WEB-SKU-"
                        + (i % 50) + "\",\"quantity\":1}]}";
                return http("POST", "/v1/sources/pos-bench/events", Map.of("sourceId", "pos-bench"), body,
                        System.getenv("BENCH_POS_SECRET"));
            };
            case "ReservationsFunction" -> i -> {
                String body = "{\"reservationId\":\"cs-" + run + "-" + i + "\",\"locationId\":\"web-dc\",\"ttlSeconds\":900,"
                        + "\"lines\":[{\"sku\":\"RES-SKU-" + (i % 50) + "\",\"quantity\":1}]}";
                return http("POST", "/v1/reservations", Map.of(), body, System.getenv("BENCH_SHOP_SECRET"));
            };
            case "InventoryQueryFunction" -> i -> http("GET", "/v1/inventory/RES-SKU-" + (i % 50) + "/locations/web-dc",
                    Map.of("sku", "RES-SKU-" + (i % 50), "locationId", "web-dc"), null, (String) null);
            case "MovementProcessorFunction" -> i -> sqs(run, i);
            case "HoldExpirySweeperFunction" -> i -> new ScheduledEvent();
            case "ChangePublisherFunction" -> i -> stream(i);
            case "IngestRelayFunction" -> i -> stream(i, "BENCH_RECEIPT_IMAGE", "INSERT");
            case "SourceAdminFunction" -> i -> http("GET", "/v1/admin/sources/pos-bench", Map.of("sourceId", "pos-bench"),
                    null, (String) null);
            case "SnapshotsFunction" -> i -> {
                // One single-part, one-line snapshot: received, then queued for the reconciler.
                String body = "{\"snapshotId\":\"post-" + run + "-" + i + "\",\"asOf\":\"" + Instant.now().minusSeconds(60)
                        + "\",\"measure\":\"ON_HAND\",\"mode\":\"REPORT\",\"part\":1,\"parts\":1,\"lines\":[{\"sku\":\"RES-SKU-"
                        + (i % 50) + "\",\"locationId\":\"web-dc\",\"quantity\":5}]}";
                return http("POST", "/v1/sources/pos-bench/snapshots", Map.of("sourceId", "pos-bench"), body,
                        System.getenv("BENCH_POS_SECRET"));
            };
            // A snapshot the parent received (one line), reconciled.
            case "ReconcilerFunction" -> i -> sqsBody("{\"sourceId\":\"pos-bench\",\"snapshotId\":\"cs-"
                    + (run.equals("warm") ? "warm" : run) + "-" + i + "\"}");
            case "VendorAdapterFunction" -> i -> {
                // A Shopify orders/create delivery (one line), HMAC of the raw body with the shop's key.
                String body = "{\"id\":" + (5_940_139_000_000L + Math.abs((run + i).hashCode())) + ",\"processed_at\":\""
                        + Instant.now().minusSeconds(5) + "\",\"location_id\":1,\"line_items\":[{\"variant_id\":1,"
                        + "\"sku\":\"WEB-SKU-" + (i % 50) + "\",\"quantity\":1}]}";
                Map<String, String> headers = new HashMap<>();
                headers.put("x-shopify-topic", "orders/create");
                headers.put("x-shopify-hmac-sha256", rawHmac(System.getenv("BENCH_SHOPIFY_SECRET"), body));
                headers.put("content-type", "application/json");
                return http("POST", "/v1/sources/shopify-bench/adapters/shopify",
                        Map.of("sourceId", "shopify-bench"), body, headers);
            };
            // The benchmark's Square source has pulled before: the run pulls its one page (one change) from the fake Square.
            case "SquarePullFunction" -> i -> new ScheduledEvent();
            // One ChannelAvailabilityChanged from the channel's queue, pushed to the fake shop.
            case "ShopifyConnectorFunction" -> i -> sqsBody("{\"detail-type\":\"ChannelAvailabilityChanged\",\"detail\":"
                    + "{\"schemaVersion\":\"1\",\"channel\":\"shopify-bench\",\"sku\":\"BLU-SHIRT-M\",\"available\":"
                    + (1000 - i % 500) + ",\"version\":" + (System.nanoTime() / 1000) + "}}");
            default -> throw new IllegalArgumentException(target);
        };
    }

    private static void check(String target, Object result) {
        boolean ok = switch (result) {
            case APIGatewayV2HTTPResponse r -> r.getStatusCode() == (target.equals("WebhookFunction")
                    || target.equals("SnapshotsFunction") ? 202 : target.equals("ReservationsFunction") ? 201 : 200);
            case SQSBatchResponse r -> r.getBatchItemFailures().isEmpty();
            case StreamsEventResponse r -> r.getBatchItemFailures().isEmpty();
            case Boolean b -> b;
            // The Square pull pulled one page for the benchmark's Square source.
            case Map<?, ?> pages when target.equals("SquarePullFunction") -> Integer.valueOf(1).equals(pages.get(BenchSquare.SOURCE));
            default -> result != null;
        };
        if (!ok) {
            throw new IllegalStateException(target + " answered " + (result instanceof APIGatewayV2HTTPResponse r
                    ? r.getStatusCode() + " " + r.getBody() : result));
        }
    }

    private static APIGatewayV2HTTPEvent http(String method, String path, Map<String, String> pathParameters,
                                              String body, String secret) {
        Map<String, String> headers = new HashMap<>();
        if (secret != null) {
            String id = "msg_" + System.nanoTime();
            long ts = Instant.now().getEpochSecond();
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", Long.toString(ts));
            headers.put("webhook-signature", "v1," + hmac(secret, id + "." + ts + "." + (body == null ? "" : body)));
            headers.put("content-type", "application/json");
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + path).withRawPath(path)
                .withHeaders(headers).withPathParameters(pathParameters).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    private static APIGatewayV2HTTPEvent http(String method, String path, Map<String, String> pathParameters,
                                              String body, Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + path).withRawPath(path)
                .withHeaders(headers).withPathParameters(pathParameters).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    /** A vendor's signature: HMAC-SHA256 of the raw body under the key's UTF-8 bytes, base64. */
    private static String rawHmac(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One message of a standard queue with the given body. */
    private static SQSEvent sqsBody(String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m-" + System.nanoTime());
        m.setBody(body);
        m.setAttributes(Map.of("SentTimestamp", Long.toString(System.currentTimeMillis()), "ApproximateReceiveCount", "1"));
        m.setMessageAttributes(Map.of());
        m.setEventSource("aws:sqs");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    private static String hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One movement message as the queue delivers it; the body is the parent's, under a fresh event id. */
    private static SQSEvent sqs(String run, int i) {
        String eventId = "cs-" + run + "-" + i;
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m-" + eventId);
        m.setBody(System.getenv("BENCH_MOVEMENT").replace("__EVENT_ID__", eventId));
        m.setAttributes(Map.of("MessageGroupId", "PROC-SKU#store-1",
                "SentTimestamp", Long.toString(System.currentTimeMillis()), "ApproximateReceiveCount", "1"));
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        for (String[] kv : new String[][] {{"sourceId", "pos-bench"}, {"eventId", eventId}, {"lineKey", "1"},
                {"sku", "PROC-SKU"}, {"locationId", "store-1"}}) {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType("String");
            a.setStringValue(kv[1]);
            attributes.put(kv[0], a);
        }
        m.setMessageAttributes(attributes);
        m.setEventSource("aws:sqs");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    /** One stream record of a stock level (the parent's item, as DynamoDB JSON): an insert. */
    private static DynamodbEvent stream(int i) {
        return stream(i, "BENCH_STOCK_IMAGE", "INSERT");
    }

    /**
     * One stream record whose new image is the parent's item named by {@code variable} (a stock level;
     * for the ingest relay, a real receipt holding its event, as the store wrote it).
     */
    private static DynamodbEvent stream(int i, String variable, String eventName) {
        Map<String, AttributeValue> image = attributes(System.getenv(variable));
        StreamRecord record = new StreamRecord();
        record.setKeys(Map.of("PK", image.get("PK"), "SK", image.get("SK")));
        record.setNewImage(image);
        record.setSequenceNumber(Long.toString(1_000_000L + i));
        record.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
        r.setEventName(eventName);
        r.setEventSource("aws:dynamodb");
        r.setDynamodb(record);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(List.of(r)));
        return event;
    }

    /**
     * The parent's flat encoding of an item: {@code name=T:value} entries separated by newlines,
     * {@code T} being S, N or BOOL (a stock level's and a receipt's items have no other types).
     */
    private static Map<String, AttributeValue> attributes(String encoded) {
        Map<String, AttributeValue> image = new HashMap<>();
        for (String line : encoded.split("\n")) {
            int eq = line.indexOf('=');
            int colon = line.indexOf(':', eq);
            String type = line.substring(eq + 1, colon);
            String value = line.substring(colon + 1);
            AttributeValue v = new AttributeValue();
            switch (type) {
                case "S" -> v.setS(value);
                case "N" -> v.setN(value);
                case "BOOL" -> v.setBOOL(Boolean.parseBoolean(value));
                default -> throw new IllegalArgumentException(type);
            }
            image.put(line.substring(0, eq), v);
        }
        return image;
    }
}
