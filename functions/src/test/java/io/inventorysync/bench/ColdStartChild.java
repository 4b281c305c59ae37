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
 * ({@code cold}, {@code primed} or {@code warm}), a run id that keeps the events' ids unique.
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

        RequestHandler<Object, Object> handler = handler(target);
        long initialised = System.nanoTime();
        if (!mode.equals("cold") && !target.equals("baseline")) {
            snapStartHooks();
        }
        long primed = System.nanoTime();
        // With -Dbench.classLog, the class-load log shows this marker: what loads after it is the first event's.
        Class.forName(FirstEvent.class.getName());
        int classesBefore = mode.equals("cold") ? 0 : ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();

        long restored = System.nanoTime();
        IntFunction<Object> events = events(target, run);
        check(target, handler.handleRequest(events.apply(0), null));
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
        }
        System.out.flush();
        System.exit(0);
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

    /** The baseline: a handler that builds one SDK client (as the functions do) and makes one call. */
    static final class Baseline implements RequestHandler<Object, Object> {
        private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        private final String table = System.getenv("TABLE_NAME");

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
            // No Square source has pulled yet: the run lists the sources to pull and pulls none.
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
