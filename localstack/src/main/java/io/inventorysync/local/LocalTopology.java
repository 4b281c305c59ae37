package io.inventorysync.local;

import io.inventorysync.admin.SourceAdmin;
import io.inventorysync.channels.Channel;
import io.inventorysync.channels.ChannelPools;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.channels.Target;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.vendor.ShopifyTarget;
import io.inventorysync.http.Json;
import io.inventorysync.functions.ChangePublisherFunction;
import io.inventorysync.functions.HoldExpirySweeperFunction;
import io.inventorysync.functions.IngestRelayFunction;
import io.inventorysync.functions.InventoryQueryFunction;
import io.inventorysync.functions.ReconcilerFunction;
import io.inventorysync.functions.ShopifyConnectorFunction;
import io.inventorysync.functions.SnapshotsFunction;
import io.inventorysync.functions.SquarePullFunction;
import io.inventorysync.functions.VendorAdapterFunction;
import io.inventorysync.functions.MovementProcessorFunction;
import io.inventorysync.functions.ReservationsFunction;
import io.inventorysync.functions.SourceAdminFunction;
import io.inventorysync.functions.WebhookFunction;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.StreamImages;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * What the CDK stack deploys, made on the local engines from the same definitions: the table
 * ({@link InventoryTable}), the movements queue and its dead-letter queue ({@link Settings}), a
 * queue per channel and the bus's routes ({@code channels.json}), the sources, the functions with
 * the environment the stack gives them, the HTTP API's routes and the triggers (queue, the stream
 * for the publisher and for the ingest relay, schedule).
 */
final class LocalTopology implements AutoCloseable {
    static final String TABLE = "inventory";
    static final String BUS = "inventory";
    /** The demo sources registered unless {@code --source} names others. */
    static final List<String> DEMO_SOURCES = List.of("pos-demo", "shop-web");
    /** Sources registered at start whose id starts so may reserve (canReserve). */
    static final String STOREFRONT_PREFIX = "shop-";
    /** Locally a rotated secret is live within seconds (deployed: {@link Settings#SECRET_CACHE_TTL_DEFAULT}). */
    private static final String LOCAL_SECRET_CACHE_SECONDS = "5";
    private static final String LOCAL_SWEEP_THREADS = "2";

    private final Running running = new Running();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> channelQueues = new LinkedHashMap<>();
    private String movementsDlqUrl;
    private String movementsUrl;
    private URI apiUrl;
    private URI webhookUrl;

    private LocalTopology() {
    }

    /** Creates everything on {@code engines} and starts the API and the triggers. */
    static LocalTopology deploy(LocalEngines engines, LocalCloud.Options options) {
        LocalTopology topology = new LocalTopology();
        try {
            topology.build(engines, options);
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    private void build(LocalEngines engines, LocalCloud.Options options) {
        // Read first: a bad channels file stops the start before anything runs.
        ChannelsConfig channels = ChannelsConfig.load(options.channelsFile());
        DynamoDbClient dynamo = engines.dynamoDbClient();
        SqsClient sqs = engines.sqsClient();
        createTable(dynamo);
        movementsDlqUrl = sqs.createQueue(r -> r.queueName("movements-dlq.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(Settings.MOVEMENTS_DLQ_RETENTION)))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(movementsDlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        movementsUrl = sqs.createQueue(r -> r.queueName("movements.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                QueueAttributeName.VISIBILITY_TIMEOUT, seconds(Settings.MOVEMENTS_VISIBILITY_TIMEOUT),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(Settings.MOVEMENTS_RETENTION),
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + Settings.MOVEMENTS_MAX_RECEIVE_COUNT
                        + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}")))
                .queueUrl();
        String movements = movementsUrl;
        // The reconcile queue, as the stack deploys it: standard, a DLQ after its receive count.
        String reconcileDlq = sqs.createQueue(r -> r.queueName("reconcile-dlq")).queueUrl();
        String reconcileDlqArn = sqs.getQueueAttributes(r -> r.queueUrl(reconcileDlq)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String reconcile = sqs.createQueue(r -> r.queueName("reconcile").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, seconds(Settings.RECONCILE_VISIBILITY_TIMEOUT),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(Settings.RECONCILE_RETENTION),
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + Settings.RECONCILE_MAX_RECEIVE_COUNT
                        + "\",\"deadLetterTargetArn\":\"" + reconcileDlqArn + "\"}"))).queueUrl();

        Map<String, Consumer<String>> deliveries = new LinkedHashMap<>();
        for (Channel channel : channels.channels()) {
            String url = sqs.createQueue(r -> r.queueName("channel-" + channel.name())).queueUrl();
            channelQueues.put(channel.name(), url);
            deliveries.put(channel.name(), envelope -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(envelope)));
        }
        engines.bus().route(channels.channels(), deliveries);

        Map<String, String> given = new LinkedHashMap<>(options.sources());
        if (given.isEmpty()) {
            given.putAll(demoSecrets(options.dataDir()));
        }
        DynamoDbSourceRegistry registry = new DynamoDbSourceRegistry(dynamo, TABLE);
        given.forEach((id, secret) -> {
            engines.secretsManager().put(Settings.SOURCE_SECRET_PREFIX + id, secret);
            // Storefronts (ids starting shop-) may reserve; any other source is registered through
            // the admin routes, open here as the read API is.
            registry.register(new Source(id, Settings.SOURCE_SECRET_PREFIX + id,
                    id.equals("pos-demo") ? Map.of("SKU-4471", "BLU-SHIRT-M") : Map.of(),
                    Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(id.startsWith(STOREFRONT_PREFIX)));
            sources.put(id, secret);
        });

        // The functions' environment, as the stack sets it, plus the SDK's settings for these engines.
        Map<String, String> variables = new HashMap<>(engines.awsEnvironment());
        variables.put(Settings.TABLE_NAME, TABLE);
        variables.put(Settings.MOVEMENTS_QUEUE_URL, movements);
        variables.put(Settings.MOVEMENTS_DLQ_URL, movementsDlqUrl);
        variables.put(Settings.EVENT_BUS_NAME, BUS);
        variables.put(Settings.RECONCILE_QUEUE_URL, reconcile);
        variables.put(Settings.CHANNEL_POOLS, ChannelPools.toJson(channels));
        variables.put(Settings.SECRET_CACHE_TTL_SECONDS, LOCAL_SECRET_CACHE_SECONDS);
        variables.put(Settings.SWEEP_THREADS, LOCAL_SWEEP_THREADS);
        Environment env = Environment.of(variables);

        WebhookFunction webhook = new WebhookFunction(env);
        ReservationsFunction reservations = new ReservationsFunction(env);
        InventoryQueryFunction query = new InventoryQueryFunction(env);
        SnapshotsFunction snapshots = new SnapshotsFunction(env);
        SourceAdminFunction admin = new SourceAdminFunction(env);
        VendorAdapterFunction adapters = new VendorAdapterFunction(env);
        FrontDoor api = new FrontDoor(options.port())
                .route("POST", "/v1/sources/{sourceId}/events", webhook)
                .route("GET", "/v1/sources/{sourceId}/events/{eventId}", webhook)
                .route("POST", "/v1/sources/{sourceId}/adapters/shopify", adapters)
                .route("POST", "/v1/sources/{sourceId}/adapters/square", adapters)
                .route("POST", "/v1/sources/{sourceId}/snapshots", snapshots)
                .route("GET", "/v1/sources/{sourceId}/snapshots/{snapshotId}", snapshots)
                .route("POST", "/v1/reservations", reservations)
                .route("GET", "/v1/reservations/{reservationId}", reservations)
                .route("POST", "/v1/reservations/{reservationId}/commit", reservations)
                .route("POST", "/v1/reservations/{reservationId}/release", reservations)
                .route("POST", "/v1/reservations/{reservationId}/fulfil", reservations)
                .route("POST", "/v1/reservations/{reservationId}/cancel", reservations)
                .route("GET", "/v1/inventory/{sku}", query)
                .route("GET", "/v1/inventory/{sku}/locations/{locationId}", query)
                .route("GET", "/v1/inventory/{sku}/locations/{locationId}/ledger", query)
                .route("PUT", "/v1/admin/sources/{sourceId}", admin)
                .route("GET", "/v1/admin/sources/{sourceId}", admin)
                .route("POST", "/v1/admin/sources/{sourceId}/secrets", admin)
                .route("GET", "/v1/channels/{channel}/availability/{sku}", query);
        api.start();
        running.add(api);
        apiUrl = api.url();
        // The webhook's function URL (deployed with webhookFunctionUrl): the same function, a second door.
        FrontDoor url = FrontDoor.functionUrl(options.webhookUrlPort(), webhook);
        url.start();
        running.add(url);
        webhookUrl = url.url();

        EventSourcePollers pollers = new EventSourcePollers();
        running.add(pollers);
        pollers.pollQueue(sqs, movements, new MovementProcessorFunction(env));
        pollers.pollQueue(sqs, reconcile, new ReconcilerFunction(env));
        pollers.pollStream(new TableStream(dynamo, engines.dynamoDbUrl(), TABLE), new ChangePublisherFunction(env));
        // The ingest relay: the receipts holding an event (the stack's filter), sent to the movements queue;
        // as deployed, a failing record is retried without a cap (the local stream keeps its records).
        pollers.pollStream(new TableStream(dynamo, engines.dynamoDbUrl(), TABLE, StreamImages.HELD_RECEIPT_FILTER),
                new IngestRelayFunction(env), Settings.INGEST_RELAY_BATCH_SIZE, Integer.MAX_VALUE);
        pollers.schedule(new HoldExpirySweeperFunction(env), options.sweepEverySeconds());
        // The Square pull's schedule (every 5 minutes deployed), against whatever apiBaseUrl each source names.
        pollers.schedule(new SquarePullFunction(env), options.squarePullEverySeconds());
        connectors(channels, engines, sqs, variables, pollers);
    }

    /**
     * A connector per channel whose target is a Shopify store with an {@code endpoint} (a fake shop, a
     * development store), reading the channel's queue as the stack's connector does; a channel without
     * one would push to a real shop from a laptop, so it only fills its queue here. A token secret that
     * does not exist is created with a placeholder (the contract's rule for the local cloud).
     */
    private void connectors(ChannelsConfig channels, LocalEngines engines, SqsClient sqs,
                            Map<String, String> variables, EventSourcePollers pollers) {
        for (Channel channel : channels.channels()) {
            if (channel.target().kind() != Target.Kind.SHOPIFY || channel.target().shopify().endpoint() == null) {
                continue;
            }
            ShopifyTarget shop = channel.target().shopify();
            engines.secretsManager().putIfAbsent(shop.tokenSecretName(), "local-placeholder-token");
            Map<String, String> connector = new HashMap<>(variables);
            connector.put(Settings.CHANNEL_NAME, channel.name());
            connector.put(Settings.CHANNEL_TARGET, Json.write(shop.toJson()));
            pollers.pollQueue(sqs, channelQueues.get(channel.name()), new ShopifyConnectorFunction(Environment.of(connector)));
        }
    }

    private static String seconds(java.time.Duration duration) {
        return Long.toString(duration.toSeconds());
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

    URI webhookUrl() {
        return webhookUrl;
    }

    URI apiUrl() {
        return apiUrl;
    }

    Map<String, String> sources() {
        return Map.copyOf(sources);
    }

    Map<String, String> channelQueues() {
        return Map.copyOf(channelQueues);
    }

    String movementsQueueUrl() {
        return movementsUrl;
    }

    String movementsDeadLetterQueueUrl() {
        return movementsDlqUrl;
    }

    /** Stops the API and the triggers, last started first. */
    @Override
    public void close() {
        running.close();
    }
}
