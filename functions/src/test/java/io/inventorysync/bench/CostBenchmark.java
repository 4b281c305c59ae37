package io.inventorysync.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.inventorysync.auth.SecretsManagerSigningSecrets;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.channels.Channel;
import io.inventorysync.channels.ChannelPools;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.channels.Target;
import io.inventorysync.functions.ChangePublisherFunction;
import io.inventorysync.functions.Handlers;
import io.inventorysync.functions.SqsEvents;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.outbox.ChangePublisher;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.reservations.ReservationService;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.StreamImages;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Signer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Cost per million single-line movements, and per reservation lifecycle (create, commit), from
 * counts measured end to end on the local engines: the real services and handlers in process,
 * with metering SDK clients (DynamoDB units from {@code ReturnConsumedCapacity=INDEXES} on every
 * call, SQS and AWS requests by operation), Lambda durations timed around each handler call at the
 * deployed memory sizes, the stream records the table's filter would deliver (handed to the
 * publisher in batches as they fill, the channel numbers' own records included), and the events the
 * publisher put on the bus matched against {@code infra/channels.json}. The publisher is built by
 * {@code ChangePublisherFunction.publisher}, the factory the function itself uses, from a default
 * deploy's settings: with the pools of the shipped {@code infra/channels.json}, so each recomputed
 * channel number's {@code Query} and {@code PutItem} and its {@code ChannelAvailabilityChanged}
 * event are metered too. Three traffic shapes for
 * movements: steady (one event per request; full batches: 10 messages, up to 100 stream records,
 * for the publisher and for the ingest relay, which reads the receipts' records and sends the movements),
 * trickle (one event per request; every message and record alone) and batched (senders put 10
 * single-line events in one request, {@code {"events":[...]}}, through the same handlers; then as
 * steady); steady and batched are measured twice, on a mix of sales at stores without stock (0.75
 * {@code StockWentNegative} per movement) and on stock that never goes negative; and those two on stock that never goes
 * negative again through the webhook's other front door, its function URL ({@code webhookFunctionUrl}): the same
 * requests as function-URL events (route key {@code $default}, no path parameters, routed by the webhook on its raw
 * path), no HTTP API request. Prices are us-east-1 public list prices (see {@link Price}); DynamoDB is priced both on
 * demand and on provisioned capacity at a target utilisation ({@code -Dbench.utilization=70}, per
 * cent). Lambda GB-seconds are priced at the times measured here, and again at reference warm
 * times ({@link #REFERENCE_WARM_MS}) to show what this machine's load adds.
 *
 * <p>Run: {@code mvn -B -ntp -pl functions -am test-compile exec:exec@bench -Dexec.skip -Dexec.executable=true
 * -Dbench.main=io.inventorysync.bench.CostBenchmark} (options {@code -Dbench.events=2000}).
 */
public final class CostBenchmark {
    /** Memory sizes as deployed (infra InventorySyncStack), MB. */
    static final int WEBHOOK_MB = 1024;
    static final int PROCESSOR_MB = 1024;
    static final int RESERVATIONS_MB = 1024;
    static final int PUBLISHER_MB = 1024;
    static final int RELAY_MB = Settings.INGEST_RELAY_MEMORY_MB;
    static final int SNAPSHOTS_MB = 1024;
    static final int RECONCILER_MB = 2048;
    /** The movement shapes: the first columns of the tables, and the rows of the monthly table. */
    static final int MOVEMENT_SHAPES = 7;
    /** Events per request in the batched shape (the contract allows up to 100). */
    static final int EVENTS_PER_BATCHED_REQUEST = 10;

    /**
     * Reference warm times on Lambda, ms per invocation of the steady shape: the README's floor
     * (webhook 20 ms per one-event request, processor 10 ms per batch of 10 messages) and, for the
     * publisher, which the floor does not name, 26 ms per batch (the top of the issue's 6 to 26 ms
     * anchor for warm invokes). Each function's times in every shape are divided by the same factor:
     * its steady mean measured here over its reference (this machine's inflation). Functions without
     * a reference (reservations, snapshots, reconciler) stay as measured. The ingest relay, a stream
     * consumer that makes a few calls per batch as the publisher does, takes the publisher's 26 ms.
     */
    static final Map<String, Double> REFERENCE_WARM_MS = Map.of("webhook", 20.0, "processor", 10.0, "publisher", 26.0,
            "relay", 26.0);

    /** us-east-1 public list prices, USD, looked up on 2026-11-29 (see README). */
    enum Price {
        HTTP_API_REQUEST(1.00 / 1e6),
        LAMBDA_REQUEST(0.20 / 1e6),
        LAMBDA_ARM_GB_SECOND(0.0000133334),
        DYNAMODB_WRU(0.625 / 1e6),
        DYNAMODB_RRU(0.125 / 1e6),
        /** Provisioned capacity: per WCU-hour and RCU-hour, standard table class. */
        DYNAMODB_WCU_HOUR(0.00065),
        DYNAMODB_RCU_HOUR(0.00013),
        SQS_FIFO_REQUEST(0.50 / 1e6),
        SQS_STANDARD_REQUEST(0.40 / 1e6),
        EVENTBRIDGE_EVENT(1.00 / 1e6),
        EVENTBRIDGE_API_DESTINATION(0.20 / 1e6),
        SECRETS_MANAGER_CALL(0.05 / 1e4),
        /** CloudWatch Logs ingestion (standard class), per byte: $0.50 per GB, a GB taken as 10^9 bytes (the higher figure). */
        CLOUDWATCH_LOGS_BYTE(0.50 / 1e9),
        STREAM_READ_BY_LAMBDA(0);

        final double usd;

        Price(double usd) {
            this.usd = usd;
        }
    }

    /**
     * Lambda's own lines per invocation (text log format, the default), an estimate from the formats
     * AWS documents: {@code START RequestId: <id> Version: <n>}, {@code END RequestId: <id>} and
     * {@code REPORT RequestId: <id>\tDuration: … ms\tBilled Duration: … ms\tMemory Size: … MB\tMax Memory Used: … MB\t},
     * with representative values; a cold start's INIT/RESTORE lines and X-Ray's fields are left out.
     */
    static final String[] PLATFORM_LINES = {
            "START RequestId: 8f507cfc-9b1e-4697-b07a-ac58fc914c95 Version: 12\n",
            "END RequestId: 8f507cfc-9b1e-4697-b07a-ac58fc914c95\n",
            "REPORT RequestId: 8f507cfc-9b1e-4697-b07a-ac58fc914c95\tDuration: 21.37 ms\tBilled Duration: 22 ms\t"
                    + "Memory Size: 1024 MB\tMax Memory Used: 187 MB\t\n"};
    /**
     * What the EMF library adds to each line in Lambda that it does not write outside it (its Lambda
     * environment's properties; the bench runs the Local one): measured lines plus this, an estimate.
     */
    static final String EMF_LAMBDA_PROPERTIES = ",\"executionEnvironment\":\"AWS_Lambda_java21\",\"functionVersion\":\"12\","
            + "\"logStreamId\":\"2026/11/30/[12]0123456789abcdef0123456789abcdef\"";
    /**
     * Bytes CloudWatch Logs counts per log event beyond its message (PutLogEvents sizes a batch as the
     * messages plus 26 bytes an event); counted here as ingested, the higher reading.
     */
    static final int LOG_EVENT_OVERHEAD = 26;

    private CostBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        int events = Integer.getInteger("bench.events", 2_000);
        int utilization = Integer.getInteger("bench.utilization", 70);
        if (utilization < 20 || utilization > 90) {
            throw new IllegalArgumentException("bench.utilization must be 20 to 90 (per cent), as auto scaling's target");
        }
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        LogMeter.install();
        BenchEngines engines = new BenchEngines(10_000_000);
        List<Channel> channels = ChannelsConfig.load(channelsFile()).channels();

        Counts warmUp = new Counts();
        movements(engines, warmUp, events / 4, 1, 10, 100, "warm", null);
        Counts warmUpBatched = new Counts();
        movements(engines, warmUpBatched, events / 4, EVENTS_PER_BATCHED_REQUEST, 10, 100, "warmb", null);
        Counts steady = new Counts();
        movements(engines, steady, events, 1, 10, 100, "steady", null);
        Counts trickle = new Counts();
        movements(engines, trickle, events / 4, 1, 1, 1, "trickle", null);
        Counts batched = new Counts();
        movements(engines, batched, events, EVENTS_PER_BATCHED_REQUEST, 10, 100, "batched", null);
        // As batched, on stock that never goes negative (SKUs received in bulk first, not counted):
        // one event per movement on the bus instead of this mix's 1.75 (StockWentNegative).
        Counts inStock = new Counts();
        movements(engines, inStock, events, EVENTS_PER_BATCHED_REQUEST, 10, 100, "instock", "STOCKED-");
        // As steady (one event per request: a POS posting each sale as it happens), on stock that
        // never goes negative, the same way (its own 200 SKUs, received in bulk first).
        Counts inStockSteady = new Counts();
        movements(engines, inStockSteady, events, 1, 10, 100, "instock1", "STOCKED1-");
        // The same two on stock that never goes negative, through the webhook's function URL instead of the HTTP API.
        Counts urlSteady = new Counts();
        movements(engines, urlSteady, events, 1, 10, 100, "url1", "URLSTOCK1-", Door.FUNCTION_URL);
        Counts urlBatched = new Counts();
        movements(engines, urlBatched, events, EVENTS_PER_BATCHED_REQUEST, 10, 100, "urlb", "URLSTOCKB-", Door.FUNCTION_URL);
        Counts holds = new Counts();
        reservations(engines, holds, events / 4, 100);
        Counts holdsTrickle = new Counts();
        reservations(engines, holdsTrickle, events / 8, 1);
        Counts snapshot = new Counts();
        snapshotLines(engines, snapshot, Integer.getInteger("bench.snapshotLines", 2_000));
        double loadAfter = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        Counts[] all = {steady, inStockSteady, trickle, batched, inStock, urlSteady, urlBatched, holds, holdsTrickle, snapshot};
        String[] names = {"movement, steady", "movement, steady, stock never negative", "movement, trickle",
                "movement, batched 10 per request", "movement, batched 10 per request, stock never negative",
                "movement, steady, stock never negative, function URL", "movement, batched 10 per request, stock never negative, function URL",
                "reservation lifecycle, steady",
                "reservation lifecycle, trickle", "snapshot line"};
        // Inflation of this machine per function: its steady mean over the reference warm time.
        Map<String, Double> inflation = new LinkedHashMap<>();
        REFERENCE_WARM_MS.forEach((function, ms) -> inflation.put(function, steady.meanMs(function) / ms));

        System.out.printf("%nCost per million, us-east-1 list prices (2026-11-29), counts measured on DynamoDB Local + ElasticMQ, JDK %s, %d cores, "
                        + "load average %.1f before and %.1f after the run%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.printf("Provisioned capacity at %d %% utilisation: a WCU (RCU) hour does 3,600 units, %d are used: $%.4f per million write units, "
                        + "$%.4f per million read units%n", utilization, 36 * utilization,
                Price.DYNAMODB_WCU_HOUR.usd / (36.0 * utilization) * 1e6, Price.DYNAMODB_RCU_HOUR.usd / (36.0 * utilization) * 1e6);
        StringBuilder header = new StringBuilder("| item | unit price (USD) |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String name : names) {
            header.append(" ").append(name).append(": units | USD per million |");
            rule.append("---|---|");
        }
        System.out.println(header);
        System.out.println(rule);
        // Totals: on demand and provisioned, each with Lambda as measured and at reference warm times.
        double[] onDemand = new double[all.length];
        double[] provisioned = new double[all.length];
        double[] lambdaMeasured = new double[all.length];
        double[] lambdaReference = new double[all.length];
        for (String item : steady.items(channels)) {
            Price price = Counts.priceOf(item);
            StringBuilder row = new StringBuilder("| " + item + " | " + String.format("%.10f", price.usd).replaceAll("0+$", "") + " |");
            for (int i = 0; i < all.length; i++) {
                double per = all[i].units(item, channels) / all[i].units;
                double usd = per * price.usd * 1e6;
                onDemand[i] += usd;
                if (price == Price.DYNAMODB_WRU) {
                    provisioned[i] += per * Price.DYNAMODB_WCU_HOUR.usd / (36.0 * utilization) * 1e6;
                } else if (price == Price.DYNAMODB_RRU) {
                    provisioned[i] += per * Price.DYNAMODB_RCU_HOUR.usd / (36.0 * utilization) * 1e6;
                } else {
                    provisioned[i] += usd;
                }
                if (price == Price.LAMBDA_ARM_GB_SECOND) {
                    lambdaMeasured[i] = usd;
                }
                row.append(String.format(" %.4f | %.3f |", per, usd));
            }
            System.out.println(row);
        }
        StringBuilder wcu = new StringBuilder("| DynamoDB write units on provisioned capacity at " + utilization + " % | "
                + String.format("%.4f", Price.DYNAMODB_WCU_HOUR.usd) + " per WCU-hour |");
        StringBuilder rcu = new StringBuilder("| DynamoDB read units on provisioned capacity at " + utilization + " % | "
                + String.format("%.4f", Price.DYNAMODB_RCU_HOUR.usd) + " per RCU-hour |");
        StringBuilder reference = new StringBuilder("| Lambda GB-seconds at reference warm times (estimate: measured / this machine's inflation) | "
                + String.format("%.10f", Price.LAMBDA_ARM_GB_SECOND.usd).replaceAll("0+$", "") + " |");
        for (int i = 0; i < all.length; i++) {
            double w = all[i].wru.sum() / all[i].units;
            double r = all[i].rru.sum() / all[i].units;
            wcu.append(String.format(" %.4f | %.3f |", w, w * Price.DYNAMODB_WCU_HOUR.usd / (36.0 * utilization) * 1e6));
            rcu.append(String.format(" %.4f | %.3f |", r, r * Price.DYNAMODB_RCU_HOUR.usd / (36.0 * utilization) * 1e6));
            double gbs = all[i].gbSecondsAtReference(inflation) / all[i].units;
            lambdaReference[i] = gbs * Price.LAMBDA_ARM_GB_SECOND.usd * 1e6;
            reference.append(String.format(" %.4f | %.3f |", gbs, lambdaReference[i]));
        }
        // CloudWatch Logs: not among the issue's items (so not in the totals above), shown beside them.
        double[] logs = new double[all.length];
        StringBuilder logRow = new StringBuilder("| CloudWatch Logs ingestion ($0.50 per GB, us-east-1; bytes per unit: "
                + "application and EMF lines measured, Lambda's START/END/REPORT estimated, 26 B an event) | "
                + String.format("%.10f", Price.CLOUDWATCH_LOGS_BYTE.usd).replaceAll("0+$", "") + " per byte |");
        for (int i = 0; i < all.length; i++) {
            double bytes = all[i].logBytes() / all[i].units;
            logs[i] = bytes * Price.CLOUDWATCH_LOGS_BYTE.usd * 1e6;
            logRow.append(String.format(" %.1f | %.3f |", bytes, logs[i]));
        }
        System.out.println(wcu);
        System.out.println(rcu);
        System.out.println(reference);
        System.out.println(logRow);
        totalRow("**total, on demand** (Lambda as measured)", onDemand, null, null);
        totalRow("**total, provisioned at " + utilization + " %** (Lambda as measured)", provisioned, null, null);
        totalRow("total, on demand, Lambda at reference warm times", onDemand, lambdaMeasured, lambdaReference);
        totalRow("total, provisioned at " + utilization + " %, Lambda at reference warm times", provisioned, lambdaMeasured, lambdaReference);
        double[] onDemandLogs = new double[all.length];
        double[] provisionedLogs = new double[all.length];
        for (int i = 0; i < all.length; i++) {
            onDemandLogs[i] = onDemand[i] + logs[i];
            provisionedLogs[i] = provisioned[i] + logs[i];
        }
        totalRow("total with CloudWatch Logs, on demand (Lambda as measured)", onDemandLogs, null, null);
        totalRow("total with CloudWatch Logs, provisioned at " + utilization + " % (Lambda as measured)", provisionedLogs, null, null);
        totalRow("total with CloudWatch Logs, on demand, Lambda at reference warm times", onDemandLogs, lambdaMeasured, lambdaReference);
        totalRow("**total with CloudWatch Logs, provisioned at " + utilization + " %, Lambda at reference warm times**",
                provisionedLogs, lambdaMeasured, lambdaReference);
        System.out.printf("%nCloudWatch Logs per unit (bytes, lines): the issue's items leave logs out; a retailer pays them. "
                + "Application lines at INFO (the deployed level) in the production layout, EMF lines as printed plus %d B of "
                + "Lambda properties each (estimate), Lambda's START/END/REPORT %d B an invocation (estimate), %d B an event:%n"
                + "| scenario | invocations | application lines | application B | EMF lines | EMF B | platform B | event overhead B | total B | USD per million |%n"
                + "|---|---|---|---|---|---|---|---|---|---|%n", EMF_LAMBDA_PROPERTIES.length(), platformBytes(), LOG_EVENT_OVERHEAD);
        for (int i = 0; i < all.length; i++) {
            Counts c = all[i];
            System.out.printf("| %s | %.3f | %.3f | %.1f | %.3f | %.1f | %.1f | %.1f | %.1f | %.3f |%n", names[i],
                    c.invocations() / (double) c.units, c.logs.lines(c.logs.application()) / (double) c.units,
                    c.logs.bytes(c.logs.application()) / (double) c.units, c.logs.lines(c.logs.emf()) / (double) c.units,
                    c.emfBytes() / c.units, c.invocations() * (double) platformBytes() / c.units,
                    c.logEvents() * (double) LOG_EVENT_OVERHEAD / c.units, c.logBytes() / c.units, logs[i]);
        }
        System.out.printf("By function, steady (bytes per invocation): %s%n", steady.lambda.keySet().stream()
                .map(f -> String.format("%s: application %.0f, EMF %.0f", f,
                        steady.logs.application().containsKey(f) ? steady.logs.application().get(f).bytes.get() / (double) steady.lambda.get(f)[0] : 0,
                        steady.logs.emf().containsKey(f) ? steady.logs.emf().get(f).bytes.get() / (double) steady.lambda.get(f)[0] : 0))
                .toList());
        System.out.printf("%nA retailer with 100,000 movements a day (3.04 million a month), USD a month for the movement pipeline:%n"
                + "| shape | on demand | provisioned at %d %% | on demand, Lambda at reference | provisioned, Lambda at reference | "
                + "provisioned, Lambda at reference, with CloudWatch Logs |%n|---|---|---|---|---|---|%n",
                utilization);
        for (int i = 0; i < MOVEMENT_SHAPES; i++) {
            System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", names[i], 3.04 * onDemand[i], 3.04 * provisioned[i],
                    3.04 * (onDemand[i] - lambdaMeasured[i] + lambdaReference[i]), 3.04 * (provisioned[i] - lambdaMeasured[i] + lambdaReference[i]),
                    3.04 * (provisioned[i] - lambdaMeasured[i] + lambdaReference[i] + logs[i]));
        }
        System.out.printf("%nFront door, per million movements on stock that never goes negative (the same movements, each door measured):%n"
                + "| shape | door | HTTP API requests | on demand | provisioned at %d %% | on demand, Lambda at reference | provisioned, Lambda at reference "
                + "| CloudWatch Logs | provisioned, Lambda at reference, with CloudWatch Logs |%n"
                + "|---|---|---|---|---|---|---|---|---|%n", utilization);
        int[][] doors = {{1, 5}, {4, 6}};
        for (int[] pair : doors) {
            for (int i : pair) {
                System.out.printf("| %s | %s | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", i == pair[0] ? names[i] : "", i == pair[0]
                                ? "HTTP API" : "function URL", (double) all[i].httpRequests / all[i].units, onDemand[i], provisioned[i],
                        onDemand[i] - lambdaMeasured[i] + lambdaReference[i], provisioned[i] - lambdaMeasured[i] + lambdaReference[i],
                        logs[i], provisioned[i] - lambdaMeasured[i] + lambdaReference[i] + logs[i]);
            }
        }
        System.out.printf("%nThis machine's inflation (steady mean measured / reference warm time): %s%n", inflation.entrySet().stream()
                .map(e -> String.format("%s %.2f ms / %.0f ms = %.1f×", e.getKey(), steady.meanMs(e.getKey()),
                        REFERENCE_WARM_MS.get(e.getKey()), e.getValue())).toList());
        System.out.printf("%nDynamoDB write units as DynamoDB Local reports them (transactions' index writes at 2 per KB) and as AWS bills them "
                + "(index writes of a transaction at 1 per KB), per unit:%n| scenario | DynamoDB Local WRU | AWS-billed WRU |%n|---|---|---|%n");
        for (int i = 0; i < all.length; i++) {
            System.out.printf("| %s | %.3f | %.3f |%n", names[i], all[i].wruLocal.sum() / all[i].units, all[i].wru.sum() / all[i].units);
        }
        System.out.printf("%nWrites by operation (DynamoDB Local's figures, per unit of the scenario): calls, table WRU, index WRU by index%n");
        for (int i = 0; i < all.length; i++) {
            Counts c = all[i];
            for (var e : c.byOperation.entrySet()) {
                double[] v = e.getValue();
                System.out.printf("| %s | %s | %.3f calls | table %.3f | indexes %s |%n", names[i], e.getKey(), v[0] / c.units,
                        v[1] / c.units, c.byIndex.getOrDefault(e.getKey(), Map.of()).entrySet().stream()
                                .map(x -> x.getKey() + " " + String.format("%.3f", x.getValue() / c.units)).toList());
            }
        }
        System.out.printf("%nTransactions as AWS bills them (computed from the items, per unit of the scenario): table WRU, index WRU%n");
        for (int i = 0; i < all.length; i++) {
            Counts c = all[i];
            for (var e : c.billedByOperation.entrySet()) {
                System.out.printf("| %s | %s | table %.3f | indexes %.3f |%n", names[i], e.getKey(), e.getValue()[0] / c.units, e.getValue()[1] / c.units);
            }
        }
        System.out.printf("%nMeasured ingest relay time per invocation (ms, mean): %.2f (steady batch) / %.2f (trickle, one record) / %.2f (batched); "
                        + "heap %.2f MB (steady batch)%n", steady.meanMs("relay"), trickle.meanMs("relay"), batched.meanMs("relay"),
                steady.meanAllocatedMb("relay"));
        System.out.printf("Measured Lambda time per invocation (ms, mean): webhook %.2f (one event) / %.2f (10 events), processor %.2f (steady batch) "
                        + "/ %.2f (trickle) / %.2f (batched), reservations %.2f, publisher %.2f (steady) / %.2f (trickle) / %.2f (batched), "
                        + "snapshots %.2f, reconciler %.2f%n",
                steady.meanMs("webhook"), batched.meanMs("webhook"), steady.meanMs("processor"), trickle.meanMs("processor"),
                batched.meanMs("processor"), holds.meanMs("reservations"), steady.meanMs("publisher"), trickle.meanMs("publisher"),
                batched.meanMs("publisher"), snapshot.meanMs("snapshots"), snapshot.meanMs("reconciler"));
        System.out.printf("Measured Lambda time per invocation, one event per request on stock never negative (ms, mean): webhook %.2f, "
                        + "ingest relay %.2f, processor %.2f, publisher %.2f%n", inStockSteady.meanMs("webhook"), inStockSteady.meanMs("relay"),
                inStockSteady.meanMs("processor"), inStockSteady.meanMs("publisher"));
        System.out.printf("The same through the function URL (ms, mean): webhook %.2f, ingest relay %.2f, processor %.2f, publisher %.2f; "
                        + "webhook %.2f per 10-event request%n", urlSteady.meanMs("webhook"), urlSteady.meanMs("relay"),
                urlSteady.meanMs("processor"), urlSteady.meanMs("publisher"), urlBatched.meanMs("webhook"));
        System.out.printf("Heap allocated per invocation (MB, mean, the handler's thread): webhook %.2f / %.2f (10 events), processor %.2f "
                        + "(batch of 10), reservations %.2f, publisher %.2f (steady batch), snapshots %.2f (1,000-line part), reconciler %.2f%n",
                steady.meanAllocatedMb("webhook"), batched.meanAllocatedMb("webhook"), steady.meanAllocatedMb("processor"),
                holds.meanAllocatedMb("reservations"), steady.meanAllocatedMb("publisher"), snapshot.meanAllocatedMb("snapshots"),
                snapshot.meanAllocatedMb("reconciler"));
        System.out.printf("Memory priced (MB, as infra InventorySyncStack deploys them): webhook %d, processor %d, reservations %d, publisher %d, "
                + "ingest relay %d, snapshots %d, reconciler %d%n", WEBHOOK_MB, PROCESSOR_MB, RESERVATIONS_MB, PUBLISHER_MB, RELAY_MB,
                SNAPSHOTS_MB, RECONCILER_MB);
        System.out.printf("Per movement (steady): %.2f WRU, %.2f RRU, %.3f PutEvents entries, %.3f stream records%n",
                steady.wru.sum() / steady.units, steady.rru.sum() / steady.units,
                (double) steady.putEventsEntries / steady.units, (double) steady.streamKeys.size() / steady.units);
    }

    /** Lambda's START/END/REPORT lines of one invocation, bytes (estimate, {@link #PLATFORM_LINES}). */
    static int platformBytes() {
        int bytes = 0;
        for (String line : PLATFORM_LINES) {
            bytes += line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    private static void totalRow(String label, double[] totals, double[] lambdaMeasured, double[] lambdaReference) {
        StringBuilder row = new StringBuilder("| " + label + " | |");
        for (int i = 0; i < totals.length; i++) {
            double total = lambdaMeasured == null ? totals[i] : totals[i] - lambdaMeasured[i] + lambdaReference[i];
            row.append(String.format(" | **%.2f** |", total));
        }
        System.out.println(row);
    }

    /**
     * Single-line movements: webhook POSTs of {@code perRequest} events each (one event alone, or
     * {@code {"events":[...]}}), the processor in batches, the publisher on the stream records.
     * A quarter receipts, the rest sales, over 200 SKUs at 5 stores.
     *
     * @param stockedSkus {@code null}: the mix of sales at stores without stock ({@code SKU-0..199},
     *                    not stocked first; a quarter of them only received, the rest only sold:
     *                    0.75 {@code StockWentNegative} per movement beside its
     *                    {@code InventoryLevelChanged}); otherwise the prefix of 200 SKUs of this
     *                    shape's own, received in bulk at their stores first (not counted), so that
     *                    stock never goes negative: one event per movement on the bus
     */
    /** How a request reaches the webhook: the HTTP API (one request billed each), or its function URL (none). */
    enum Door { HTTP_API, FUNCTION_URL }

    private static void movements(BenchEngines engines, Counts counts, int n, int perRequest, int processorBatch, int streamBatch,
                                  String prefix, String stockedSkus) {
        movements(engines, counts, n, perRequest, processorBatch, streamBatch, prefix, stockedSkus, Door.HTTP_API);
    }

    /**
     * @param door {@link Door#FUNCTION_URL}: every request is a function URL's event (route key {@code $default},
     *             no path parameters, the raw path), which the webhook routes itself; no HTTP API request counted
     */
    private static void movements(BenchEngines engines, Counts counts, int n, int perRequest, int processorBatch, int streamBatch,
                                  String prefix, String stockedSkus, Door door) {
        Meters meters = new Meters(counts);
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = meters.dynamo();
        SqsClient sqs = meters.sqs();
        DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(engines.table).clock(clock).build();
        var webhook = Handlers.webhook(new IngestService(new DynamoDbSourceRegistry(dynamo, engines.table),
                new SecretsManagerSigningSecrets(meters.secrets(engines), Settings.SECRET_CACHE_TTL_DEFAULT, clock), store, clock));
        // The ingest relay as IngestRelayFunction builds it: the movements queue's lanes, the DLQ for poison.
        var relay = Handlers.ingestRelay(new io.inventorysync.ingest.IngestRelay(new SqsMovementQueue(sqs, engines.queues.url(),
                Settings.QUEUE_SEND_BASE_DELAY, Settings.QUEUE_SEND_LANES, clock),
                new SqsPoisonQueue(sqs, engines.queues.deadLetterUrl()), store::recordRelayRefusal, clock));
        var processor = Handlers.processor(new MovementProcessor(store, new SqsPoisonQueue(sqs, engines.queues.deadLetterUrl()), clock));
        String sku = stockedSkus == null ? "SKU-" : stockedSkus;
        if (stockedSkus != null) {
            for (int i = 0; i < 200; i++) {
                for (var m : BenchEngines.movements("{\"eventId\":\"" + prefix + "-seed-" + i + "\",\"type\":\"RECEIPT\",\"occurredAt\":\""
                        + Instant.now().minusSeconds(3600) + "\",\"locationId\":\"store-" + (i % 5) + "\",\"lines\":[{\"sku\":\"" + sku + i
                        + "\",\"quantity\":1000000}]}")) {
                    engines.store.apply(m);
                }
            }
        }
        long entriesBefore = engines.stubs.putEventsEntries.get();

        for (int from = 0; from < n; from += perRequest) {
            List<String> bodies = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + perRequest); i++) {
                bodies.add("{\"eventId\":\"" + prefix + "-" + i + "\",\"type\":\"" + (i % 4 == 0 ? "RECEIPT" : "SALE")
                        + "\",\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\",\"locationId\":\"store-" + (i % 5)
                        + "\",\"lines\":[{\"sku\":\"" + sku + (i % 200) + "\",\"quantity\":" + (1 + i % 3) + "}]}");
            }
            String body = perRequest == 1 ? bodies.getFirst() : "{\"events\":[" + String.join(",", bodies) + "]}";
            APIGatewayV2HTTPEvent request = door == Door.HTTP_API
                    ? IngestPipeline.post("pos-bench", body, Signer.headers(engines.posSecret, body))
                    : IngestPipeline.functionUrl("POST", "/v1/sources/pos-bench/events", "", body,
                            Signer.headers(engines.posSecret, body), false);
            if (door == Door.HTTP_API) {
                counts.httpRequests++;
            }
            int status = counts.time("webhook", WEBHOOK_MB, () -> webhook.handleRequest(request, null)).getStatusCode();
            if (status != 202) {
                throw new IllegalStateException("webhook answered " + status);
            }
            // The relay's stream mapping hands it each batch of receipt records as it fills.
            relayFull(counts, relay, streamBatch, false);
        }
        relayFull(counts, relay, streamBatch, true);
        // Lambda's event source mapping: receive up to the batch size, invoke, delete in one batch call.
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(engines.queues.url()).maxNumberOfMessages(processorBatch)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            SQSBatchResponse response = counts.time("processor", PROCESSOR_MB, () -> processor.handleRequest(SqsEvents.of(batch), null));
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("processor reported failures");
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(engines.queues.url()).entries(batch.stream().map(m ->
                    DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
            // The stream mapping hands the publisher each batch as it fills, while the processor goes on.
            publishFull(engines, meters, counts, streamBatch, false);
        }
        publish(engines, meters, counts, streamBatch);
        counts.putEventsEntries += engines.stubs.putEventsEntries.get() - entriesBefore;
        counts.units = n;
    }

    /** Reservation lifecycles: create then commit, each a signed POST; then the publisher on the stream records. */
    private static void reservations(BenchEngines engines, Counts counts, int n, int streamBatch) {
        Meters meters = new Meters(counts);
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = meters.dynamo();
        DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(engines.table).clock(clock).build();
        var handler = Handlers.reservations(new ReservationService(new SourceAuthenticator(new DynamoDbSourceRegistry(dynamo, engines.table),
                new SecretsManagerSigningSecrets(meters.secrets(engines), Settings.SECRET_CACHE_TTL_DEFAULT, clock)), store,
                new io.inventorysync.auth.Storefronts(new DynamoDbSourceRegistry(dynamo, engines.table), clock), clock));
        long entriesBefore = engines.stubs.putEventsEntries.get();
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < n; i++) {
            String id = "cost-" + run + "-" + i;
            String create = "{\"reservationId\":\"" + id + "\",\"locationId\":\"web-dc\",\"ttlSeconds\":900,"
                    + "\"lines\":[{\"sku\":\"RES-SKU-" + (i % 50) + "\",\"quantity\":1}]}";
            call(handler, counts, IngestPipeline.request("POST", "/v1/reservations", Map.of(), create,
                    Signer.headers(engines.shopSecret, create), false), 201);
            String commit = "{\"fulfilment\":\"DEFERRED\"}";
            call(handler, counts, IngestPipeline.request("POST", "/v1/reservations/" + id + "/commit", Map.of("reservationId", id), commit,
                    Signer.headers(engines.shopSecret, commit), false), 200);
            String fulfil = "{\"fulfilmentId\":\"ship-" + i + "\"}";
            call(handler, counts, IngestPipeline.request("POST", "/v1/reservations/" + id + "/fulfil", Map.of("reservationId", id), fulfil,
                    Signer.headers(engines.shopSecret, fulfil), false), 200);
            publishFull(engines, meters, counts, streamBatch, false);
        }
        publish(engines, meters, counts, streamBatch);
        counts.putEventsEntries += engines.stubs.putEventsEntries.get() - entriesBefore;
        counts.units = n;
    }

    /**
     * One snapshot of {@code lines} lines (REPORT, every line as the master has it but 1 % drifted),
     * posted in parts of 1,000 through the snapshot service (signed, one request each), then
     * reconciled by the reconciler from its queue; the drift records' stream records published.
     */
    private static void snapshotLines(BenchEngines engines, Counts counts, int lines) {
        Meters meters = new Meters(counts);
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = meters.dynamo();
        SqsClient sqs = meters.sqs();
        String queue = LocalSqs.client().createQueue(r -> r.queueName("reconcile-cost")).queueUrl();
        DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(engines.table).clock(clock).build();
        var snapshots = new io.inventorysync.reconcile.SnapshotService(new DynamoDbSourceRegistry(dynamo, engines.table),
                new SecretsManagerSigningSecrets(meters.secrets(engines), Settings.SECRET_CACHE_TTL_DEFAULT, clock), store,
                new io.inventorysync.store.DynamoDbSnapshots(dynamo, engines.table),
                new io.inventorysync.reconcile.SqsReconcileQueue(sqs, queue), io.inventorysync.domain.SnapshotPolicy::of, java.util.Set.of(), clock);
        // The master's records: as many SKUs at web-dc (RES-SKU-0..49 are seeded by the engines; the rest here).
        for (int i = 0; i < lines; i++) {
            for (var m : BenchEngines.movements("{\"eventId\":\"snap-seed-" + i + "\",\"type\":\"RECEIPT\",\"occurredAt\":\""
                    + Instant.now().minusSeconds(7200) + "\",\"locationId\":\"dc-snap\",\"lines\":[{\"sku\":\"SNAP-" + i + "\",\"quantity\":"
                    + (10 + i % 7) + "}]}")) {
                engines.store.apply(m);
            }
        }
        counts.streamKeys.clear();
        String snapshotId = "cost-" + Long.toString(System.nanoTime(), 36);
        String asOf = Instant.now().minusSeconds(60).toString();
        int parts = (lines + 999) / 1000;
        for (int p = 1; p <= parts; p++) {
            StringBuilder body = new StringBuilder("{\"snapshotId\":\"" + snapshotId + "\",\"asOf\":\"" + asOf
                    + "\",\"measure\":\"ON_HAND\",\"mode\":\"REPORT\",\"part\":" + p + ",\"parts\":" + parts + ",\"lines\":[");
            for (int i = (p - 1) * 1000; i < Math.min(lines, p * 1000); i++) {
                body.append(i == (p - 1) * 1000 ? "" : ",").append("{\"sku\":\"SNAP-").append(i).append("\",\"locationId\":\"dc-snap\",\"quantity\":")
                        .append(10 + i % 7 + (i % 100 == 37 ? 5 : 0)).append('}');
            }
            String json = body.append("]}").toString();
            Map<String, String> headers = new java.util.HashMap<>(Signer.headers(engines.posSecret, json));
            headers.put("content-type", "application/json");
            counts.httpRequests++;
            var result = counts.time("snapshots", SNAPSHOTS_MB, () -> snapshots.receive(new io.inventorysync.reconcile.SnapshotService.Request(
                    "pos-bench", headers, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "POST /v1/sources/pos-bench/snapshots")));
            if (!(result instanceof io.inventorysync.reconcile.SnapshotResult.Accepted)) {
                throw new IllegalStateException("snapshot part refused: " + result);
            }
        }
        // The reconciler, as its event source mapping invokes it (batch of 1 from its queue).
        var reconciler = io.inventorysync.reconcile.ReconcileRequests.on(dynamo, engines.table, sqs, queue, clock);
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1)).messages();
            if (batch.isEmpty()) {
                break;
            }
            List<String> retry = counts.time("reconciler", RECONCILER_MB, () -> reconciler.handle(batch.stream()
                    .map(m -> new io.inventorysync.reconcile.ReconcileRequests.Message(m.messageId(), m.body())).toList(), () -> Long.MAX_VALUE));
            if (!retry.isEmpty()) {
                throw new IllegalStateException("reconciler asked for a retry");
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(batch.stream().map(m ->
                    DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        }
        long entriesBefore = engines.stubs.putEventsEntries.get();
        publish(engines, meters, counts, 100);
        counts.putEventsEntries += engines.stubs.putEventsEntries.get() - entriesBefore;
        counts.units = lines;
    }

    private static void call(com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent,
            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse> handler, Counts counts, APIGatewayV2HTTPEvent request, int expected) {
        counts.httpRequests++;
        var response = counts.time("reservations", RESERVATIONS_MB, () -> handler.handleRequest(request, null));
        if (response.getStatusCode() != expected) {
            throw new IllegalStateException("reservations answered " + response.getStatusCode() + " " + response.getBody());
        }
    }

    /**
     * Hands the ingest relay the receipt records written since the last call (the relay's filter:
     * a receipt holding an event; the meter saw each write, and its item is the record's new
     * image), in batches of {@code batch}: only full batches unless {@code flush}. Timed at the
     * relay's memory; its SQS sends go through the metered client.
     */
    private static void relayFull(Counts counts, com.amazonaws.services.lambda.runtime.RequestHandler<DynamodbEvent,
            StreamsEventResponse> relay, int batch, boolean flush) {
        while (counts.relayImages.size() - counts.relayedOver >= (flush ? 1 : batch)) {
            List<Map<String, AttributeValue>> images;
            synchronized (counts.relayImages) {
                images = List.copyOf(counts.relayImages.subList(counts.relayedOver,
                        Math.min(counts.relayImages.size(), counts.relayedOver + batch)));
            }
            counts.relayedOver += images.size();
            List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
            for (Map<String, AttributeValue> item : images) {
                StreamRecord record = new StreamRecord();
                record.setKeys(image(Map.of("PK", item.get("PK"), "SK", item.get("SK"))));
                record.setNewImage(image(item));
                record.setSequenceNumber(Long.toString(++counts.sequence));
                DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
                r.setEventName("INSERT");
                r.setDynamodb(record);
                records.add(r);
            }
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(records);
            StreamsEventResponse response = counts.time("relay", RELAY_MB, () -> relay.handleRequest(event, null));
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("relay reported failures");
            }
        }
    }

    /**
     * The stream records the table's filter delivers (one per write of a stock level or a hold; the
     * meter saw each), as the stream mapping hands them over: the item's current image as the new
     * image, in batches of {@code batch}.
     */
    private static void publish(BenchEngines engines, Meters meters, Counts counts, int batch) {
        // The channel numbers' own records (written by the publisher) come in later batches, as on AWS.
        while (counts.handedOver < counts.streamKeys.size()) {
            publishFull(engines, meters, counts, batch, true);
        }
    }

    /**
     * Hands the publisher the stream records written since the last call, in batches of
     * {@code batch}, as the stream mapping does while the writes go on: only full batches unless
     * {@code flush}. Each record's new image is the item as it is now.
     */
    private static void publishFull(BenchEngines engines, Meters meters, Counts counts, int batch, boolean flush) {
        if (counts.publisher == null) {
            counts.publisher = Handlers.publisher(publisher(engines, meters));
        }
        while (counts.streamKeys.size() - counts.handedOver >= (flush ? 1 : batch)) {
            List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
            List<Map<String, AttributeValue>> keys;
            synchronized (counts.streamKeys) {
                keys = List.copyOf(counts.streamKeys.subList(counts.handedOver, Math.min(counts.streamKeys.size(), counts.handedOver + batch)));
            }
            counts.handedOver += keys.size();
            for (Map<String, AttributeValue> key : keys) {
                Map<String, AttributeValue> item = engines.dynamo.getItem(r -> r.tableName(engines.table).key(key)).item();
                StreamRecord record = new StreamRecord();
                record.setKeys(image(key));
                record.setNewImage(image(item));
                record.setSequenceNumber(Long.toString(++counts.sequence));
                DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
                r.setEventName("MODIFY");
                r.setDynamodb(record);
                records.add(r);
            }
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(records);
            var handler = counts.publisher;
            StreamsEventResponse response = counts.time("publisher", PUBLISHER_MB, () -> handler.handleRequest(event, null));
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("publisher reported failures");
            }
        }
    }

    /**
     * The publisher built by {@code ChangePublisherFunction}'s own factory, from the settings of a
     * default deploy: the pools of the shipped {@code infra/channels.json} in {@code CHANNEL_POOLS}
     * (as the CDK app writes them), the bench table and bus; the metering clients in place of the
     * container's (the DynamoDB one built only when some channel has a pool, as there).
     */
    static ChangePublisher publisher(BenchEngines engines, Meters meters) {
        Map<String, String> settings = new LinkedHashMap<>(engines.environment());
        settings.put(Settings.CHANNEL_POOLS, ChannelPools.toJson(ChannelsConfig.load(channelsFile())));
        return ChangePublisherFunction.publisher(Environment.of(settings), meters::dynamo, meters.eventBridge(engines));
    }

    static Path channelsFile() {
        return Path.of(System.getProperty("infra.dir", "../infra"), "channels.json");
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            var a = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
            if (v.s() != null) {
                a.setS(v.s());
            } else if (v.n() != null) {
                a.setN(v.n());
            } else if (v.bool() != null) {
                a.setBOOL(v.bool());
            } else if (v.hasL()) {
                a.setL(v.l().stream().map(e -> image(Map.of("e", e)).get("e")).toList());
            } else if (v.hasM()) {
                a.setM(image(v.m()));
            } else if (v.nul() != null) {
                a.setNULL(v.nul());
            } else if (v.hasSs()) {
                a.setSS(v.ss());
            }
            image.put(k, a);
        });
        return image;
    }

    /** What one scenario used, and the Lambda time it took. */
    static final class Counts {
        /** Write units as AWS bills them (see {@link CapacityMeter}). */
        final DoubleAdder wru = new DoubleAdder();
        /** Write units as DynamoDB Local reports them. */
        final DoubleAdder wruLocal = new DoubleAdder();
        /** Per operation: calls, table write units; per operation and index: index write units (DynamoDB Local's). */
        final Map<String, double[]> byOperation = new java.util.TreeMap<>();
        final Map<String, Map<String, Double>> byIndex = new java.util.TreeMap<>();
        /** Per transaction size: table and index write units as AWS bills them (computed from the items). */
        final Map<String, double[]> billedByOperation = new java.util.TreeMap<>();
        final DoubleAdder rru = new DoubleAdder();
        final Map<String, AtomicLong> sqsRequests = new ConcurrentHashMap<>();
        final AtomicLong secretsCalls = new AtomicLong();
        final List<Map<String, AttributeValue>> streamKeys = new ArrayList<>();
        /** The receipts written holding an event: the ingest relay's stream records (their new images). */
        final List<Map<String, AttributeValue>> relayImages = new ArrayList<>();
        int relayedOver;
        final Map<String, long[]> lambda = new LinkedHashMap<>();
        /** The log lines the timed handler calls wrote ({@link LogMeter}). */
        final LogMeter.Sink logs = new LogMeter.Sink();
        long httpRequests;
        long putEventsEntries;
        /** Stream records handed to the publisher so far (of {@link #streamKeys}), and their last sequence number. */
        int handedOver;
        long sequence;
        /** The publisher of this scenario, built once (as once per container). */
        com.amazonaws.services.lambda.runtime.RequestHandler<DynamodbEvent, StreamsEventResponse> publisher;
        int units;

        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

        /** Time the meter spent reading transactions' images inside a timed call: not the function's. */
        final AtomicLong meterNanos = new AtomicLong();

        <T> T time(String function, int memoryMb, java.util.function.Supplier<T> call) {
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            long meterBefore = meterNanos.get();
            long start = System.nanoTime();
            T result = LogMeter.during(logs, function, call);
            long ms = (long) Math.ceil((System.nanoTime() - start - (meterNanos.get() - meterBefore)) / 1e6);
            long[] c = lambda.computeIfAbsent(function, f -> new long[4]);
            c[0]++;
            c[1] += ms;
            c[2] += ms * memoryMb;
            c[3] += THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            return result;
        }

        long invocations() {
            return lambda.values().stream().mapToLong(c -> c[0]).sum();
        }

        /** EMF bytes as Lambda would write them: as printed here plus the Lambda environment's properties. */
        double emfBytes() {
            return logs.bytes(logs.emf()) + (double) logs.lines(logs.emf()) * EMF_LAMBDA_PROPERTIES.length();
        }

        /** Log events: every application and EMF line, and three platform lines an invocation. */
        long logEvents() {
            return logs.lines(logs.application()) + logs.lines(logs.emf()) + PLATFORM_LINES.length * invocations();
        }

        /** CloudWatch Logs bytes ingested: application, EMF, platform lines, and each event's overhead. */
        double logBytes() {
            return logs.bytes(logs.application()) + emfBytes() + (double) invocations() * platformBytes()
                    + (double) logEvents() * LOG_EVENT_OVERHEAD;
        }

        /** Heap allocated by the handler's thread per invocation, MB (garbage made, not memory kept). */
        double meanAllocatedMb(String function) {
            long[] c = lambda.get(function);
            return c == null ? 0 : c[3] / 1e6 / c[0];
        }

        /**
         * GB-seconds with each function's time divided by its inflation (functions without one as
         * measured): the same invocations at reference warm times.
         */
        double gbSecondsAtReference(Map<String, Double> inflation) {
            double mbMs = 0;
            for (var e : lambda.entrySet()) {
                mbMs += e.getValue()[2] / inflation.getOrDefault(e.getKey(), 1.0);
            }
            return mbMs / 1024.0 / 1000.0;
        }

        double meanMs(String function) {
            long[] c = lambda.get(function);
            return c == null ? 0 : (double) c[1] / c[0];
        }

        List<String> items(List<Channel> channels) {
            return List.of("HTTP API requests", "Lambda requests", "Lambda GB-seconds (arm64)", "DynamoDB write request units",
                    "DynamoDB read request units", "SQS FIFO requests (send, receive, delete)", "EventBridge events put",
                    "channel deliveries to SQS targets", "channel deliveries to API destinations",
                    "Secrets Manager calls", "DynamoDB Streams reads by Lambda");
        }

        static Price priceOf(String item) {
            return switch (item) {
                case "HTTP API requests" -> Price.HTTP_API_REQUEST;
                case "Lambda requests" -> Price.LAMBDA_REQUEST;
                case "Lambda GB-seconds (arm64)" -> Price.LAMBDA_ARM_GB_SECOND;
                case "DynamoDB write request units" -> Price.DYNAMODB_WRU;
                case "DynamoDB read request units" -> Price.DYNAMODB_RRU;
                case "SQS FIFO requests (send, receive, delete)" -> Price.SQS_FIFO_REQUEST;
                case "EventBridge events put" -> Price.EVENTBRIDGE_EVENT;
                case "channel deliveries to SQS targets" -> Price.SQS_STANDARD_REQUEST;
                case "channel deliveries to API destinations" -> Price.EVENTBRIDGE_API_DESTINATION;
                case "Secrets Manager calls" -> Price.SECRETS_MANAGER_CALL;
                default -> Price.STREAM_READ_BY_LAMBDA;
            };
        }

        double units(String item, List<Channel> channels) {
            return switch (item) {
                case "HTTP API requests" -> httpRequests;
                case "Lambda requests" -> lambda.values().stream().mapToLong(c -> c[0]).sum();
                case "Lambda GB-seconds (arm64)" -> lambda.values().stream().mapToLong(c -> c[2]).sum() / 1024.0 / 1000.0;
                case "DynamoDB write request units" -> wru.sum();
                case "DynamoDB read request units" -> rru.sum();
                case "SQS FIFO requests (send, receive, delete)" -> sqsRequests.values().stream().mapToLong(AtomicLong::get).sum();
                case "EventBridge events put" -> putEventsEntries;
                case "channel deliveries to SQS targets" -> deliveries(channels, Target.Kind.SQS);
                case "channel deliveries to API destinations" -> deliveries(channels, Target.Kind.HTTPS);
                case "Secrets Manager calls" -> secretsCalls.get();
                default -> streamKeys.size() + relayImages.size();
            };
        }

        /**
         * The events matched per channel kind: every event put here is an {@code InventoryLevelChanged}
         * (or a depletion) of a bench SKU; a channel matches by detail type, location and SKU prefix.
         */
        private final List<String[]> published = new ArrayList<>();

        private double deliveries(List<Channel> channels, Target.Kind kind) {
            long n = 0;
            for (String[] e : published) {
                for (Channel c : channels) {
                    // A pool's number goes to its own channel only (ChannelRouting's availability rule).
                    if (c.target().kind() == kind && e[0].equals("ChannelAvailabilityChanged")) {
                        n += c.availability() != null && c.name().equals(e[3]) ? 1 : 0;
                    } else if (c.target().kind() == kind && c.detailTypes().contains(e[0])
                            && (c.locationIds() == null || c.locationIds().isEmpty() || c.locationIds().contains(e[2]))
                            && (c.skuPrefixes() == null || c.skuPrefixes().isEmpty() || c.skuPrefixes().stream().anyMatch(e[1]::startsWith))) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    /** Metering clients of one scenario. */
    static final class Meters {
        private final Counts counts;

        Meters(Counts counts) {
            this.counts = counts;
        }

        DynamoDbClient dynamo() {
            return DynamoDbClient.builder().endpointOverride(LocalDynamoDb.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(new CapacityMeter(counts)))
                    .build();
        }

        SqsClient sqs() {
            return LocalSqs.client(new ExecutionInterceptor() {
                @Override
                public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                    counts.sqsRequests.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                            k -> new AtomicLong()).incrementAndGet();
                }
            });
        }

        SecretsManagerClient secrets(BenchEngines engines) {
            return SecretsManagerClient.builder().endpointOverride(engines.stubs.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                            counts.secretsCalls.incrementAndGet();
                        }
                    }))
                    .build();
        }

        EventBridgeClient eventBridge(BenchEngines engines) {
            return EventBridgeClient.builder().endpointOverride(engines.stubs.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                            if (context.request() instanceof software.amazon.awssdk.services.eventbridge.model.PutEventsRequest put) {
                                put.entries().forEach(e -> counts.published.add(new String[] {e.detailType(),
                                        field(e.detail(), "sku"), field(e.detail(), "locationId"), field(e.detail(), "channel")}));
                            }
                        }
                    }))
                    .build();
        }

        private static String field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":\"");
            if (at < 0) {
                return "";
            }
            int from = at + name.length() + 4;
            return json.substring(from, json.indexOf('"', from));
        }
    }

    /**
     * Asks every DynamoDB call for its consumed capacity (table and indexes) and adds it up, reads
     * and writes apart; notes the keys of stock levels and holds written, the records the stream's
     * filter delivers to the publisher.
     */
    static final class CapacityMeter implements ExecutionInterceptor {
        private static final ReturnConsumedCapacity ALL = ReturnConsumedCapacity.INDEXES;
        /** Reads the images around a transaction; not metered (AWS bills none of these reads). */
        private static final DynamoDbClient IMAGES = LocalDynamoDb.client();
        private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<List<Map<String, AttributeValue>>> BEFORE =
                new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("CostBenchmark.before");
        private final Counts counts;

        CapacityMeter(Counts counts) {
            this.counts = counts;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest r) {
                long start = System.nanoTime();
                attributes.putAttribute(BEFORE, r.transactItems().stream().map(CapacityMeter::image).toList());
                counts.meterNanos.addAndGet(System.nanoTime() - start);
            }
            return switch (context.request()) {
                case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(ALL).build();
                case QueryRequest r -> r.toBuilder().returnConsumedCapacity(ALL).build();
                case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ALL).build();
                case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ALL).build();
                case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(ALL).build();
                case software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ALL).build();
                default -> context.request();
            };
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            switch (context.response()) {
                case GetItemResponse r -> read(r.consumedCapacity());
                case QueryResponse r -> read(r.consumedCapacity());
                case PutItemResponse r -> write("PutItem", r.consumedCapacity(), false);
                case UpdateItemResponse r -> write("UpdateItem", r.consumedCapacity(), false);
                case software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse r -> write("DeleteItem", r.consumedCapacity(), false);
                case TransactWriteItemsResponse r -> {
                    String op = "TransactWriteItems(" + ((TransactWriteItemsRequest) context.request()).transactItems().size() + ")";
                    r.consumedCapacity().forEach(c -> write(op, c, true));
                    long start = System.nanoTime();
                    billTransaction(op, ((TransactWriteItemsRequest) context.request()).transactItems(), attributes.getAttribute(BEFORE));
                    counts.meterNanos.addAndGet(System.nanoTime() - start);
                    for (TransactWriteItem item : ((TransactWriteItemsRequest) context.request()).transactItems()) {
                        if (item.put() != null) {
                            relayRecord(item.put().item());
                        }
                        Map<String, AttributeValue> key = item.put() != null ? Map.of("PK", item.put().item().get("PK"), "SK", item.put().item().get("SK"))
                                : item.update() != null ? item.update().key() : null;
                        String pk = key == null ? "" : key.get("PK").s();
                        if (pk.startsWith("STOCK#") || pk.startsWith("RES#")) {
                            synchronized (counts.streamKeys) {
                                counts.streamKeys.add(key);
                            }
                        }
                    }
                }
                default -> {
                }
            }
            if (context.request() instanceof PutItemRequest p && context.response() instanceof PutItemResponse) {
                relayRecord(p.item());
            }
            if (context.request() instanceof PutItemRequest || context.request() instanceof UpdateItemRequest) {
                Map<String, AttributeValue> key = context.request() instanceof PutItemRequest p ? p.item() : ((UpdateItemRequest) context.request()).key();
                String pk = key.get("PK") == null ? "" : key.get("PK").s();
                String sk = key.get("SK") == null ? "" : key.get("SK").s();
                if (pk.startsWith("STOCK#") || pk.startsWith("RES#") || sk.startsWith("DRIFT#")) {
                    synchronized (counts.streamKeys) {
                        counts.streamKeys.add(Map.of("PK", key.get("PK"), "SK", key.get("SK")));
                    }
                }
            }
        }

        /** A receipt written holding its event: a record the ingest relay's filter lets through. */
        private void relayRecord(Map<String, AttributeValue> item) {
            if (StreamImages.newlyHeld(Map.of(), item).isPresent()) {
                synchronized (counts.relayImages) {
                    counts.relayImages.add(item);
                }
            }
        }

        private void read(ConsumedCapacity c) {
            if (c != null && c.capacityUnits() != null) {
                counts.rru.add(c.capacityUnits());
            }
        }

        /**
         * Keeps DynamoDB Local's figures (by operation and index, and the "DynamoDB Local WRU" total)
         * and, outside transactions, takes them as what AWS bills. A transaction is billed from its
         * items instead ({@link #billTransaction}): DynamoDB Local reports one item's units for the
         * whole transaction, and its index writes at 2 per KB where AWS bills 1 (README, "How
         * DynamoDB bills a write").
         */
        private void write(String operation, ConsumedCapacity c, boolean transaction) {
            if (c == null || c.capacityUnits() == null) {
                return;
            }
            double table = c.table() != null && c.table().capacityUnits() != null ? c.table().capacityUnits() : c.capacityUnits();
            double indexes = 0;
            synchronized (counts.byOperation) {
                double[] op = counts.byOperation.computeIfAbsent(operation, k -> new double[2]);
                op[0]++;
                op[1] += table;
                if (c.hasGlobalSecondaryIndexes()) {
                    for (var e : c.globalSecondaryIndexes().entrySet()) {
                        double units = e.getValue().capacityUnits() == null ? 0 : e.getValue().capacityUnits();
                        indexes += units;
                        counts.byIndex.computeIfAbsent(operation, k -> new java.util.TreeMap<>()).merge(e.getKey(), units, Double::sum);
                    }
                }
            }
            counts.wruLocal.add(c.capacityUnits());
            if (!transaction) {
                counts.wru.add(c.table() == null ? c.capacityUnits() : table + indexes);
            }
        }

        /**
         * A transaction as AWS bills it, from the items themselves: DynamoDB Local reports the units
         * of one item of a transaction, not their sum (a 10-put transaction of small items reports 2,
         * as a 1-put one; checked directly on DynamoDB Local 3.3.1). Each Put, Update and Delete: 2
         * units per KB of the larger of the item's before and after images (prepare and commit);
         * each index entry the transaction puts, changes or deletes: 1 unit per KB of the entry
         * (README, "How DynamoDB bills a write", rules a to c).
         */
        private void billTransaction(String operation, List<TransactWriteItem> items, List<Map<String, AttributeValue>> before) {
            double table = 0;
            double indexes = 0;
            for (int i = 0; i < items.size(); i++) {
                TransactWriteItem item = items.get(i);
                if (item.conditionCheck() != null) {
                    continue; // the store's transactions have none
                }
                Map<String, AttributeValue> old = before.get(i);
                Map<String, AttributeValue> now = image(item);
                table += 2 * kb(Math.max(size(old), size(now)));
                for (var index : io.inventorysync.store.InventoryTable.globalSecondaryIndexes()) {
                    String pk = index.keySchema().get(0).attributeName();
                    String sk = index.keySchema().get(1).attributeName();
                    boolean all = index.projection().projectionType() == software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL;
                    boolean had = old != null && old.containsKey(pk) && old.containsKey(sk);
                    boolean has = now != null && now.containsKey(pk) && now.containsKey(sk);
                    if (had && has && old.get(pk).equals(now.get(pk)) && old.get(sk).equals(now.get(sk))) {
                        indexes += all && !old.equals(now) ? kb(size(now)) : 0;
                    } else {
                        indexes += (had ? kb(all ? size(old) : 0) : 0) + (has ? kb(all ? size(now) : 0) : 0);
                    }
                }
            }
            counts.wru.add(table + indexes);
            synchronized (counts.byOperation) {
                double[] billed = counts.billedByOperation.computeIfAbsent(operation, k -> new double[2]);
                billed[0] += table;
                billed[1] += indexes;
            }
        }

        /** The item a transaction's entry names, as stored now (null when there is none). */
        private static Map<String, AttributeValue> image(TransactWriteItem item) {
            String table;
            Map<String, AttributeValue> key;
            if (item.put() != null) {
                table = item.put().tableName();
                key = Map.of("PK", item.put().item().get("PK"), "SK", item.put().item().get("SK"));
            } else if (item.update() != null) {
                table = item.update().tableName();
                key = item.update().key();
            } else if (item.delete() != null) {
                table = item.delete().tableName();
                key = item.delete().key();
            } else {
                table = item.conditionCheck().tableName();
                key = item.conditionCheck().key();
            }
            GetItemResponse found = IMAGES.getItem(r -> r.tableName(table).key(key).consistentRead(true));
            return found.hasItem() && !found.item().isEmpty() ? found.item() : null;
        }

        /** Whole KB an item (or index entry) counts for; at least 1 (a keys-only index entry is well under it). */
        private static double kb(long bytes) {
            return Math.max(1, Math.ceil(bytes / 1024.0));
        }

        /** An item's size by DynamoDB's rules (names and values in UTF-8; numbers about a byte per two digits). */
        static long size(Map<String, AttributeValue> item) {
            if (item == null) {
                return 0;
            }
            long bytes = 0;
            for (var e : item.entrySet()) {
                bytes += utf8(e.getKey()) + size(e.getValue());
            }
            return bytes;
        }

        private static long size(AttributeValue v) {
            if (v.s() != null) {
                return utf8(v.s());
            } else if (v.n() != null) {
                return v.n().replaceAll("[^0-9]", "").length() / 2 + 2;
            } else if (v.b() != null) {
                return v.b().asByteArray().length;
            } else if (v.bool() != null || v.nul() != null) {
                return 1;
            } else if (v.hasL()) {
                return 3 + v.l().stream().mapToLong(e -> 1 + size(e)).sum();
            } else if (v.hasM()) {
                return 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + size(e.getValue())).sum();
            } else if (v.hasSs()) {
                return v.ss().stream().mapToLong(CapacityMeter::utf8).sum();
            } else if (v.hasNs()) {
                return v.ns().stream().mapToLong(n -> n.length() / 2 + 2).sum();
            }
            return 1;
        }

        private static long utf8(String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
    }
}
