package io.inventorysync.local;

import io.inventorysync.admin.SourceAdmin;
import io.inventorysync.channels.Channel;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.domain.Source;
import io.inventorysync.functions.ChangePublisherFunction;
import io.inventorysync.functions.HoldExpirySweeperFunction;
import io.inventorysync.functions.InventoryQueryFunction;
import io.inventorysync.functions.MovementProcessorFunction;
import io.inventorysync.functions.ReservationsFunction;
import io.inventorysync.functions.WebhookFunction;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.InventoryTable;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The whole integration on one machine, in one JVM, with no Docker and no AWS account: DynamoDB
 * Local (server mode), ElasticMQ (SQS), a local EventBridge that routes with the channels'
 * patterns, a local Secrets Manager, the HTTP API in front of the real handlers, and pollers that
 * drive the handlers as Lambda would. Handlers are configured only through the SDK's standard
 * settings (set here as JVM system properties: {@code aws.endpointUrlDynamoDb} and the like) and
 * their usual environment names: none of them knows it is local.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String TABLE = "inventory";
    public static final String BUS = "inventory";
    /** The demo sources registered unless {@code --source} names others. */
    public static final List<String> DEMO_SOURCES = List.of("pos-demo", "shop-web");

    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> channelQueues = new LinkedHashMap<>();
    private String movementsDlqUrl;
    private URI apiUrl;
    private SqsClient sqs;
    private EventSourcePollers pollers;

    /** Command-line options. */
    public record Options(int port, Map<String, String> sources, Path dataDir, Path channelsFile, boolean demo,
                          Path eventsDir, int sweepEverySeconds) {
        static Options parse(String[] args) {
            int port = 8080;
            Map<String, String> sources = new LinkedHashMap<>();
            Path dataDir = null;
            Path channels = Path.of("infra/channels.json");
            Path events = Path.of("events");
            boolean demo = false;
            int sweepEvery = 60;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--source" -> {
                        String[] pair = args[++i].split("=", 2);
                        if (pair.length != 2 || !pair[1].startsWith("whsec_")) {
                            throw new IllegalArgumentException("--source takes ID=whsec_<base64>");
                        }
                        sources.put(pair[0], pair[1]);
                    }
                    case "--data-dir" -> dataDir = Path.of(args[++i]);
                    case "--channels" -> channels = Path.of(args[++i]);
                    case "--events" -> events = Path.of(args[++i]);
                    case "--demo" -> demo = true;
                    case "--sweep-every" -> sweepEvery = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (options: --port N, --source ID=whsec_..., --data-dir DIR, --channels FILE, --demo,"
                            + " --sweep-every SECONDS, --verbose)");
                }
            }
            return new Options(port, sources, dataDir, channels, demo, events, sweepEvery);
        }
    }

    /**
     * Where the local cloud's own lines go (the summary, the demo): the terminal, even when the
     * functions' JSON logs and EMF metrics are sent to a file.
     */
    private static PrintStream console = System.out;

    static PrintStream console() {
        return console;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        List<String> rest = new ArrayList<>(List.of(args));
        boolean verbose = rest.remove("--verbose");
        try {
            options = Options.parse(rest.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!verbose) {
            sendLogsToFile();
        }
        LocalCloud cloud = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.println("stopping the local cloud");
            cloud.close();
            stopped.countDown();
        }));
        cloud.printSummary();
        if (options.demo()) {
            new Demo(cloud, options.eventsDir()).run();
        }
        stopped.await();
    }

    /**
     * The handlers log JSON lines and print EMF metric objects to standard output, as on Lambda;
     * between the demo's lines nobody can read them. Unless {@code --verbose}, standard output and
     * error go to a file named here, and only the local cloud's own lines reach the terminal.
     */
    private static void sendLogsToFile() throws IOException {
        Path dir = Files.isDirectory(Path.of("localstack", "target")) ? Path.of("localstack", "target")
                : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = dir.resolve("local-cloud-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".log").toAbsolutePath();
        PrintStream log = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
        console = System.out;
        console.println("Logs and metrics of the functions and engines: " + file + " (--verbose prints them here)");
        System.setOut(log);
        System.setErr(log);
    }

    /** Starts every engine and handler; returns once the API answers. */
    public static LocalCloud start(Options options) {
        LocalCloud cloud = new LocalCloud();
        cloud.startEngines(options);
        cloud.startProduct(options);
        return cloud;
    }

    private void startEngines(Options options) {
        int dynamoPort = freePort();
        List<String> dynamoArgs = new ArrayList<>(List.of("-port", Integer.toString(dynamoPort), "-disableTelemetry"));
        if (options.dataDir() != null) {
            try {
                Files.createDirectories(options.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dynamoArgs.addAll(List.of("-dbPath", options.dataDir().toString()));
        } else {
            dynamoArgs.add("-inMemory");
        }
        try {
            DynamoDBProxyServer dynamo = ServerRunner.createServerFromCommandLineArgs(dynamoArgs.toArray(String[]::new));
            dynamo.start();
            running.add(dynamo::stop);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
        int sqsPort = freePort();
        var elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort).start();
        elasticMq.waitUntilStarted();
        running.add(elasticMq::stopAndWait);
        LocalEventBridge bus = new LocalEventBridge();
        running.add(bus);
        LocalSecretsManager secrets = new LocalSecretsManager();
        running.add(secrets);
        this.bus = bus;
        this.secretsManager = secrets;

        endpoints.put("DYNAMODB_URL", "http://127.0.0.1:" + dynamoPort);
        endpoints.put("SQS_URL", "http://127.0.0.1:" + sqsPort);
        endpoints.put("EVENTBRIDGE_URL", bus.endpoint().toString());
        endpoints.put("SECRETS_MANAGER_URL", secrets.endpoint().toString());
        // The SDK's standard settings, for every client in this JVM (the handlers' included).
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.endpointUrlDynamoDb", endpoints.get("DYNAMODB_URL"));
        System.setProperty("aws.endpointUrlSqs", endpoints.get("SQS_URL"));
        System.setProperty("aws.endpointUrlEventBridge", endpoints.get("EVENTBRIDGE_URL"));
        System.setProperty("aws.endpointUrlSecretsManager", endpoints.get("SECRETS_MANAGER_URL"));
    }

    private LocalEventBridge bus;
    private LocalSecretsManager secretsManager;

    private void startProduct(Options options) {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        running.add(dynamo);
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        running.add(sqs);
        createTable(dynamo);
        String dlq = sqs.createQueue(r -> r.queueName("movements-dlq.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String movements = sqs.createQueue(r -> r.queueName("movements.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"5\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}")))
                .queueUrl();
        movementsDlqUrl = dlq;
        ChannelsConfig channels = ChannelsConfig.load(options.channelsFile());
        Map<String, Consumer<String>> deliveries = new LinkedHashMap<>();
        for (Channel channel : channels.channels()) {
            String url = sqs.createQueue(r -> r.queueName("channel-" + channel.name())).queueUrl();
            channelQueues.put(channel.name(), url);
            deliveries.put(channel.name(), envelope -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(envelope)));
        }
        bus.route(channels.channels(), deliveries);

        Map<String, String> given = new LinkedHashMap<>(options.sources());
        if (given.isEmpty()) {
            given.putAll(demoSecrets(options.dataDir()));
        }
        DynamoDbSourceRegistry registry = new DynamoDbSourceRegistry(dynamo, TABLE);
        given.forEach((id, secret) -> {
            secretsManager.put(SourceAdmin.SECRET_PREFIX + id, secret);
            registry.register(new Source(id, SourceAdmin.SECRET_PREFIX + id,
                    id.equals("pos-demo") ? Map.of("SKU-4471", "BLU-SHIRT-M") : Map.of(),
                    Source.UnknownSkuPolicy.PASS_THROUGH));
            sources.put(id, secret);
        });

        // The functions' environment, as the stack sets it.
        System.setProperty("TABLE_NAME", TABLE);
        System.setProperty("MOVEMENTS_QUEUE_URL", movements);
        System.setProperty("MOVEMENTS_DLQ_URL", dlq);
        System.setProperty("EVENT_BUS_NAME", BUS);
        System.setProperty("RESERVATION_SOURCES", String.join(",", given.keySet()));
        System.setProperty("SECRET_CACHE_TTL_SECONDS", "5");
        System.setProperty("SWEEP_THREADS", "2");

        WebhookFunction webhook = new WebhookFunction();
        ReservationsFunction reservations = new ReservationsFunction();
        InventoryQueryFunction query = new InventoryQueryFunction();
        FrontDoor api = new FrontDoor(options.port())
                .route("POST", "/v1/sources/{sourceId}/events", webhook)
                .route("GET", "/v1/sources/{sourceId}/events/{eventId}", webhook)
                .route("POST", "/v1/reservations", reservations)
                .route("GET", "/v1/reservations/{reservationId}", reservations)
                .route("POST", "/v1/reservations/{reservationId}/commit", reservations)
                .route("POST", "/v1/reservations/{reservationId}/release", reservations)
                .route("GET", "/v1/inventory/{sku}", query)
                .route("GET", "/v1/inventory/{sku}/locations/{locationId}", query);
        api.start();
        running.add(api);
        apiUrl = api.url();

        pollers = new EventSourcePollers();
        running.add(pollers);
        pollers.pollQueue(sqs, movements, new MovementProcessorFunction());
        pollers.pollStream(new TableStream(dynamo, URI.create(endpoints.get("DYNAMODB_URL")), TABLE),
                new ChangePublisherFunction());
        pollers.schedule(new HoldExpirySweeperFunction(), options.sweepEverySeconds());
    }

    private static void createTable(DynamoDbClient dynamo) {
        if (dynamo.listTables().tableNames().contains(TABLE)) {
            return;
        }
        dynamo.createTable(InventoryTable.createTableRequest(TABLE));
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(TABLE));
        dynamo.updateTimeToLive(r -> r.tableName(TABLE).timeToLiveSpecification(InventoryTable.timeToLiveSpecification()));
    }

    /** Secrets of the demo sources: new each run, or kept in the data directory when there is one. */
    private static Map<String, String> demoSecrets(Path dataDir) {
        Properties kept = new Properties();
        Path file = dataDir == null ? null : dataDir.resolve("local-source-secrets.properties");
        try {
            if (file != null && Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    kept.load(in);
                }
            }
            Map<String, String> secrets = new LinkedHashMap<>();
            for (String id : DEMO_SOURCES) {
                secrets.put(id, kept.getProperty(id, SourceAdmin.newSecret()));
                kept.setProperty(id, secrets.get(id));
            }
            if (file != null) {
                try (var out = Files.newOutputStream(file)) {
                    kept.store(out, "local demo signing secrets (local use only)");
                }
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void printSummary() {
        PrintStream out = console;
        out.println();
        out.println("inventory-sync local cloud is up (Ctrl-C stops it).");
        sources.forEach((id, secret) -> out.println("  source " + id + " signs with " + secret));
        channelQueues.forEach((name, url) -> out.println("  channel " + name + " receives in " + url));
        String sample = "events/inbound/v1/samples/01-receipt.json";
        out.println("  try: localstack/send " + apiUrl + " pos-demo " + sources.getOrDefault("pos-demo", "<secret>")
                + " " + sample);
        out.println("       curl " + apiUrl + "/v1/inventory/BLU-SHIRT-M");
        out.println("API_URL=" + apiUrl);
        endpoints.forEach((name, url) -> out.println(name + "=" + url));
        out.flush();
    }

    public URI apiUrl() {
        return apiUrl;
    }

    public Map<String, String> endpoints() {
        return Map.copyOf(endpoints);
    }

    public Map<String, String> sources() {
        return Map.copyOf(sources);
    }

    public Map<String, String> channelQueues() {
        return Map.copyOf(channelQueues);
    }

    public String movementsDeadLetterQueueUrl() {
        return movementsDlqUrl;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // stopping: keep stopping the rest
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
