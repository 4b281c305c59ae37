package io.inventorysync.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.StreamImages;
import io.inventorysync.store.ItemType;
import io.inventorysync.channels.ChannelPools;
import io.inventorysync.settings.Settings;
import io.inventorysync.channels.Channel;
import io.inventorysync.channels.Target;
import io.inventorysync.domain.vendor.ShopifyTarget;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.InvokeMode;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.StreamImages;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole product in one stack: the table, the movements queue, every function behind its
 * {@code live} alias, the HTTP API of contract v1, the triggers, the bus with one rule per channel,
 * alarms and a dashboard.
 */
public final class InventorySyncStack extends Stack {
    private static final Duration PROCESSOR_TIMEOUT = cdk(Settings.PROCESSOR_TIMEOUT);
    /** The sweeper runs every minute; it stops a little before the next run would start. */
    static final Duration SWEEPER_TIMEOUT = cdk(Settings.SWEEPER_TIMEOUT);
    /** Caps the JIT at C1: only for the functions measured at least as fast with it (README, "JIT tiering"). */
    static final String C1_ONLY = Settings.FUNCTION_JVM_OPTIONS;

    /** What each function does to the table: its calls, and nothing else (a transaction's Put is PutItem). */
    static final List<String> WEBHOOK_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem");
    static final List<String> PROCESSOR_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem");
    static final List<String> RESERVATIONS_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem");
    /** The admin function reads and writes source items only ({@code SOURCE#...} partitions). */
    static final List<String> ADMIN_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem");
    /** What the admin function does to this stage's source secrets: create, read, and put new values. */
    static final List<String> ADMIN_SECRET_ACTIONS = List.of("secretsmanager:CreateSecret",
            "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue");
    static final List<String> SWEEPER_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem");
    static final List<String> QUERY_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query");
    /** Snapshot parts: the header and part in one transaction (Put, Update), the status read, request claims. */
    static final List<String> SNAPSHOTS_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query",
            "dynamodb:PutItem", "dynamodb:UpdateItem");
    /** The reconciler: batch reads of the records, the ledger index, drift records, corrections (Put, Update). */
    static final List<String> RECONCILER_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
    /** The vendor adapters: the ingest path's, the hold steps', their own state (orders, pull positions) and drift records. */
    static final List<String> ADAPTER_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem");
    /** A Shopify connector reads and records the last number it pushed, and writes its drift records once. */
    static final List<String> CONNECTOR_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem");
    /** The publisher reads a SKU's partition and stores channels' numbers, only when some channel has a pool. */
    static final List<String> PUBLISHER_TABLE_ACTIONS = List.of("dynamodb:Query", "dynamodb:PutItem");
    /**
     * The ingest relay records on a receipt that it parked its event (one conditional UpdateItem), on the
     * event partitions only ({@code MOVE#...}); it reads nothing from the table but its stream.
     */
    static final List<String> INGEST_RELAY_TABLE_ACTIONS = List.of("dynamodb:UpdateItem");
    static final String EVENT_PARTITIONS = "MOVE#*";
    /**
     * The relay's one table write, held to what it is: on event partitions only, naming only the key
     * and the three refusal attributes (the partition holds the ledger's LINE# entries too, which it must
     * never write), returning nothing.
     */
    static final Map<String, Object> RELAY_TABLE_CONDITIONS = Map.of(
            "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(EVENT_PARTITIONS)),
            "ForAllValues:StringEquals", Map.of("dynamodb:Attributes", List.of(InventoryTable.PK, InventoryTable.SK,
                    InventoryTable.RELAY_REFUSAL, InventoryTable.RELAY_REFUSED_AT, InventoryTable.RELAY_REFUSED_LINES)),
            "StringEqualsIfExists", Map.of("dynamodb:ReturnValues", "NONE"));

    private final Map<String, InventoryFunction> functions = new LinkedHashMap<>();
    private final StackSettings settings;
    private final Monitoring monitoring;

    public InventorySyncStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);
        this.settings = settings;
        InventoryDatabase database = new InventoryDatabase(this, "Inventory", settings);
        MovementQueues movements = new MovementQueues(this, "Movements");
        ChannelRouting routing = new ChannelRouting(this, "Channels", settings);
        Queue publisherFailures = Queue.Builder.create(this, "PublisherFailures")
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).retentionPeriod(Duration.days(14)).build();
        Queue relayFailures = Queue.Builder.create(this, "IngestRelayFailures")
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).retentionPeriod(Duration.days(14)).build();

        Table table = database.table();
        String tableName = table.getTableName();
        // JIT tiering is decided per function from the benchmarks (README, "JIT tiering"): the C1 cap
        // (JAVA_TOOL_OPTIONS) stays where it measured at least as well (the request/response functions'
        // latency, the publisher's throughput); the processor and the sweeper, which run store
        // transactions back to back, measured faster without it, so the java25 runtime chooses for them.
        // The webhook only writes receipts (each holding its event) and answers: no queue.
        InventoryFunction webhook = function("Webhook", "WebhookFunction", 1024, cdk(Settings.WEBHOOK_TIMEOUT),
                Map.of(Settings.TABLE_NAME, tableName, Settings.JAVA_TOOL_OPTIONS, C1_ONLY));
        // The ingest relay reads the table's stream (receipts holding an event) and sends the movements.
        // Asynchronous and throughput-bound (up to 9,800 movements a request): the runtime chooses its JIT (not measured).
        InventoryFunction ingestRelay = function("IngestRelay", "IngestRelayFunction", Settings.INGEST_RELAY_MEMORY_MB,
                cdk(Settings.INGEST_RELAY_TIMEOUT), Map.of(Settings.MOVEMENTS_QUEUE_URL, movements.queue().getQueueUrl(),
                        Settings.MOVEMENTS_DLQ_URL, movements.deadLetters().getQueueUrl(), Settings.TABLE_NAME, tableName));
        InventoryFunction processor = function("MovementProcessor", "MovementProcessorFunction", 1024,
                PROCESSOR_TIMEOUT, Map.of(Settings.TABLE_NAME, tableName,
                        Settings.MOVEMENTS_DLQ_URL, movements.deadLetters().getQueueUrl()));
        InventoryFunction reservations = function("Reservations", "ReservationsFunction", 1024,
                Duration.seconds(10), Map.of(Settings.TABLE_NAME, tableName, Settings.JAVA_TOOL_OPTIONS, C1_ONLY));
        InventoryFunction admin = function("SourceAdmin", "SourceAdminFunction", 512, Duration.seconds(10),
                Map.of(Settings.TABLE_NAME, tableName, Settings.SOURCE_SECRET_PREFIX_VARIABLE, settings.sourceSecretsPrefix(),
                        Settings.JAVA_TOOL_OPTIONS, C1_ONLY));
        String pools = ChannelPools.toJson(settings.channels());
        boolean anyPool = settings.channels().channels().stream().anyMatch(c -> c.availability() != null);
        InventoryFunction query = function("InventoryQuery", "InventoryQueryFunction", 512,
                Duration.seconds(10), Map.of(Settings.TABLE_NAME, tableName, Settings.CHANNEL_POOLS, pools,
                        Settings.JAVA_TOOL_OPTIONS, C1_ONLY));
        InventoryFunction sweeper = function("HoldExpirySweeper", "HoldExpirySweeperFunction", 1024,
                SWEEPER_TIMEOUT, Map.of(Settings.TABLE_NAME, tableName,
                        Settings.SWEEP_THREADS, Integer.toString(Settings.SWEEP_THREADS_DEFAULT)));
        Queue reconcileDeadLetters = Queue.Builder.create(this, "ReconcileDeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).retentionPeriod(Duration.days(14)).build();
        Queue reconcile = Queue.Builder.create(this, "ReconcileRequests")
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
                .retentionPeriod(cdk(Settings.RECONCILE_RETENTION))
                .visibilityTimeout(cdk(Settings.RECONCILE_VISIBILITY_TIMEOUT))
                .deadLetterQueue(software.amazon.awscdk.services.sqs.DeadLetterQueue.builder().queue(reconcileDeadLetters)
                        .maxReceiveCount(Settings.RECONCILE_MAX_RECEIVE_COUNT).build())
                .build();
        InventoryFunction snapshots = function("Snapshots", "SnapshotsFunction", 1024, Duration.seconds(10),
                Map.of(Settings.TABLE_NAME, tableName, Settings.RECONCILE_QUEUE_URL, reconcile.getQueueUrl(),
                        Settings.CHANNEL_POOLS, pools, Settings.JAVA_TOOL_OPTIONS, C1_ONLY));
        InventoryFunction reconciler = function("Reconciler", "ReconcilerFunction", 2048,
                cdk(Settings.RECONCILER_TIMEOUT), Map.of(Settings.TABLE_NAME, tableName,
                        Settings.RECONCILE_QUEUE_URL, reconcile.getQueueUrl()));
        InventoryFunction publisher = function("ChangePublisher", "ChangePublisherFunction", 1024,
                cdk(Settings.PUBLISHER_TIMEOUT), anyPool
                        ? Map.of(Settings.EVENT_BUS_NAME, routing.bus().getEventBusName(), Settings.TABLE_NAME, tableName,
                                Settings.CHANNEL_POOLS, pools, Settings.JAVA_TOOL_OPTIONS, C1_ONLY)
                        : Map.of(Settings.EVENT_BUS_NAME, routing.bus().getEventBusName(),
                                Settings.JAVA_TOOL_OPTIONS, C1_ONLY));

        // Least privilege: each function gets the table calls it makes, on the table (and the one
        // index it reads), never grantReadWriteData's DeleteItem, BatchWriteItem or Scan.
        allowTable(webhook, table, WEBHOOK_TABLE_ACTIONS);
        // The processor finds the hold a sale names, and the reservations function the storefronts,
        // through the LedgerByRecord index (HOLDID#{id} and STOREFRONTS partitions).
        allowTable(processor, table, PROCESSOR_TABLE_ACTIONS, InventoryTable.LEDGER_BY_RECORD_INDEX);
        allowTable(reservations, table, RESERVATIONS_TABLE_ACTIONS, InventoryTable.LEDGER_BY_RECORD_INDEX);
        admin.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(ADMIN_TABLE_ACTIONS).resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("SOURCE#*"))))
                .build());
        allowTable(sweeper, table, SWEEPER_TABLE_ACTIONS, InventoryTable.ACTIVE_HOLDS_INDEX);
        // The ledger route reads the LedgerByRecord index (a level's movements, newest first).
        allowTable(query, table, QUERY_TABLE_ACTIONS, InventoryTable.LEDGER_BY_RECORD_INDEX);
        if (anyPool) {
            // Channels' numbers are computed by the stream consumer (README, "Per-channel availability").
            allowTable(publisher, table, PUBLISHER_TABLE_ACTIONS);
        }
        allowTable(snapshots, table, SNAPSHOTS_TABLE_ACTIONS);
        // The relay's one table write: a parked event's refusal on its receipt (README, "Design decisions: ingest").
        ingestRelay.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(INGEST_RELAY_TABLE_ACTIONS).resources(List.of(table.getTableArn()))
                .conditions(RELAY_TABLE_CONDITIONS)
                .build());
        allowTable(reconciler, table, RECONCILER_TABLE_ACTIONS, InventoryTable.LEDGER_BY_RECORD_INDEX,
                InventoryTable.STOCK_BY_LOCATION_INDEX);
        reconcile.grantSendMessages(snapshots.alias());
        reconcile.grantSendMessages(reconciler.alias());
        // Only the relay sends movements; poison it can never send is parked in the movements DLQ.
        movements.queue().grantSendMessages(ingestRelay.alias());
        movements.deadLetters().grantSendMessages(ingestRelay.alias());
        movements.deadLetters().grantSendMessages(processor.alias());
        routing.bus().grantPutEventsTo(publisher.alias());
        // Source secrets are data, created by the admin function (or SourceAdmin), never by the stack
        // (no per-source state here): the webhook and the reservations function may read any of this
        // stage's (storefronts are sources whose configuration says canReserve, not a deployed list);
        // only the admin function may create them or put values in them. The snapshots function
        // verifies the same signatures as the webhook, so it reads the same secrets.
        for (InventoryFunction reader : List.of(webhook, reservations, snapshots)) {
            reader.function().addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(List.of(arn("secretsmanager", "secret:" + settings.sourceSecretsPrefix() + "*")))
                    .build());
        }
        admin.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(ADMIN_SECRET_ACTIONS)
                .resources(List.of(arn("secretsmanager", "secret:" + settings.sourceSecretsPrefix() + "*")))
                .build());

        // Triggers.
        processor.alias().addEventSource(SqsEventSource.Builder.create(movements.queue())
                .batchSize(Settings.PROCESSOR_BATCH_SIZE).reportBatchItemFailures(true)
                .maxConcurrency(Settings.PROCESSOR_MAX_CONCURRENCY).build());
        publisher.alias().addEventSource(DynamoEventSource.Builder.create(table)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(Settings.PUBLISHER_BATCH_SIZE)
                .bisectBatchOnError(true)
                .retryAttempts(Settings.PUBLISHER_RETRY_ATTEMPTS)
                .maxRecordAge(cdk(Settings.PUBLISHER_MAX_RECORD_AGE))
                .reportBatchItemFailures(true)
                .onFailure(new SqsDlq(publisherFailures))
                .filters(List.of(FilterCriteria.filter(Map.of("dynamodb", Map.of("NewImage", Map.of(
                        InventoryTable.ITEM_TYPE, Map.of("S", FilterRule.or(ItemType.PUBLISHED.stream().map(ItemType::name)
                                .toArray(String[]::new)))))))))
                .build());
        // The ingest relay: as the publisher's mapping, on receipts holding an event (the filter is
        // defined once, StreamImages.HELD_RECEIPT_FILTER, and matched the same way by the local cloud).
        // TRIM_HORIZON: a first deploy relays the last 24 h of receipts too (duplicates the ledger drops).
        // A failing record is retried (bisecting) with no retry cap (unset: unlimited) until it is
        // INGEST_RELAY_MAX_RECORD_AGE (23 h) old, an hour before the stream trims it, then its batch's
        // position goes to IngestRelayFailures (alarmed) and IngestRedriveCommand re-sends it from the table.
        ingestRelay.alias().addEventSource(DynamoEventSource.Builder.create(table)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(Settings.INGEST_RELAY_BATCH_SIZE)
                .bisectBatchOnError(true)
                .maxRecordAge(cdk(Settings.INGEST_RELAY_MAX_RECORD_AGE))
                .reportBatchItemFailures(true)
                .onFailure(new SqsDlq(relayFailures))
                .filters(List.of(FilterCriteria.filter(StreamImages.HELD_RECEIPT_FILTER)))
                .build());
        reconciler.alias().addEventSource(SqsEventSource.Builder.create(reconcile)
                .batchSize(Settings.RECONCILER_BATCH_SIZE).reportBatchItemFailures(true)
                .maxConcurrency(Settings.RECONCILER_MAX_CONCURRENCY).build());
        Rule.Builder.create(this, "HoldExpirySchedule")
                .description("release checkout holds past expiresAt, every minute")
                .schedule(Schedule.rate(cdk(Settings.SWEEP_INTERVAL)))
                .targets(List.of(new LambdaFunction(sweeper.alias())))
                .build();

        InventoryFunction adapter = vendorAdapters(table, movements, routing);

        HttpApi api = api(webhook, reservations, query, snapshots, admin);
        route(api, "/v1/sources/{sourceId}/adapters/shopify", HttpMethod.POST, adapter, false);
        route(api, "/v1/sources/{sourceId}/adapters/square", HttpMethod.POST, adapter, false);
        FunctionUrl webhookUrl = settings.webhookFunctionUrl().enabled() ? webhookUrl(webhook, settings.webhookFunctionUrl()) : null;

        Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();
        deadLetterQueues.put("MovementsDeadLetters", movements.deadLetters());
        deadLetterQueues.put("PublisherFailures", publisherFailures);
        deadLetterQueues.put("IngestRelayFailures", relayFailures);
        deadLetterQueues.put("ReconcileDeadLetters", reconcileDeadLetters);
        deadLetterQueues.putAll(routing.deadLetterQueues());
        this.monitoring = new Monitoring(this, "Monitoring", settings.isProd(), new Monitoring.Watched(api, table,
                movements.queue(), deadLetterQueues, processor, publisher, ingestRelay, sweeper, webhook, reservations,
                List.copyOf(functions.values()), reconcile, reconciler, webhookUrl != null));

        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).build();
        if (webhookUrl != null) {
            CfnOutput.Builder.create(this, "WebhookFunctionUrl")
                    .description("the webhook's function URL: POST {url}v1/sources/{sourceId}/events and GET "
                            + "{url}v1/sources/{sourceId}/events/{eventId}, as through ApiUrl")
                    .value(webhookUrl.getUrl()).build();
        }
        CfnOutput.Builder.create(this, "EventBusName").value(routing.bus().getEventBusName()).build();
        CfnOutput.Builder.create(this, "EventBusArn").value(routing.bus().getEventBusArn()).build();
        CfnOutput.Builder.create(this, "TableName").value(tableName).build();
        CfnOutput.Builder.create(this, "SourceSecretPrefix")
                .description("SOURCE_SECRET_PREFIX for SourceAdmin: where this stage's source signing secrets live")
                .value(settings.sourceSecretsPrefix()).build();
        CfnOutput.Builder.create(this, "MovementsQueueArn").value(movements.queue().getQueueArn()).build();
        CfnOutput.Builder.create(this, "MovementsDeadLetterQueueUrl").value(movements.deadLetters().getQueueUrl()).build();
        CfnOutput.Builder.create(this, "MovementsDeadLetterQueueArn").value(movements.deadLetters().getQueueArn()).build();
        CfnOutput.Builder.create(this, "PublisherFailuresQueueUrl").value(publisherFailures.getQueueUrl()).build();
        CfnOutput.Builder.create(this, "IngestRelayFailuresQueueUrl").value(relayFailures.getQueueUrl()).build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(monitoring.topic().getTopicArn()).build();
        routing.channelQueues().forEach((name, queue) -> {
            CfnOutput.Builder.create(this, "ChannelQueue-" + name)
                    .description("the queue channel " + name + " reads").value(queue.getQueueUrl()).build();
            CfnOutput.Builder.create(this, "ChannelQueueArn-" + name)
                    .description("redrive destination for channel " + name).value(queue.getQueueArn()).build();
        });
        routing.consumerDeadLetterQueues().forEach((name, queue) -> CfnOutput.Builder.create(this,
                "ChannelConsumerDeadLettersArn-" + name).description("what channel " + name + "'s reader gave up on")
                .value(queue.getQueueArn()).build());
        routing.deadLetterQueues().forEach((name, queue) -> {
            if (name.endsWith("-DeadLetters")) {
                CfnOutput.Builder.create(this, "ChannelDeadLettersUrl-" + name.substring(0, name.length() - "-DeadLetters".length()))
                        .description("what EventBridge could not deliver to the channel").value(queue.getQueueUrl()).build();
            }
        });

        CfnOutput.Builder.create(this, "ReconcileQueueUrl").value(reconcile.getQueueUrl()).build();
        CfnOutput.Builder.create(this, "ReconcileDeadLetterQueueUrl").value(reconcileDeadLetters.getQueueUrl()).build();

        NagSuppressions.addResourceSuppressions(reconcileDeadLetters, List.of(suppression("AwsSolutions-SQS3",
                "This is the reconcile queue's dead-letter queue; an alarm fires on its first message.")));
        acknowledgeFindings(movements, publisherFailures, routing);
        NagSuppressions.addResourceSuppressions(relayFailures, List.of(suppression("AwsSolutions-SQS3",
                "This is the on-failure destination of the ingest relay's stream mapping; an alarm fires on its first message.")));
    }

    /**
     * The webhook's second front door ({@code webhookFunctionUrl}): a function URL on its {@code live}
     * alias (the SnapStart version the HTTP API invokes), no IAM auth (every request is signed by its
     * source and verified by the function, as through the HTTP API), no CORS (senders are servers),
     * buffered. {@code addFunctionUrl} grants what the URL needs in the function's resource policy
     * (invoke through a URL whose auth type is NONE, and only through it); nothing else gains a right.
     * The URL has no stage throttle: the webhook gets a reserved concurrency
     * ({@code webhookFunctionUrl.reservedConcurrency}, unless 0), so anonymous traffic through it is
     * refused by Lambda (429) past that many concurrent executions instead of taking the account's
     * unreserved concurrency, which the processor, relay, publisher and reservations share.
     */
    private FunctionUrl webhookUrl(InventoryFunction webhook, WebhookFunctionUrl setting) {
        FunctionUrl url = webhook.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE)
                .invokeMode(InvokeMode.BUFFERED)
                .build());
        if (setting.capped()) {
            ((CfnFunction) webhook.function().getNode().getDefaultChild())
                    .setReservedConcurrentExecutions(setting.reservedConcurrency());
        }
        return url;
    }

    /**
     * Contract v1.1's vendor adapters: the adapter routes' function, the scheduled Square pull, and
     * a connector per channel whose target is a Shopify store, reading that channel's queue (whose
     * redrive parks a push the shop keeps failing in the channel's consumer DLQ, alarmed like every DLQ).
     */
    private InventoryFunction vendorAdapters(Table table, MovementQueues movements, ChannelRouting routing) {
        String tableName = table.getTableName();
        // The adapters write receipts as the webhook does: the ingest relay sends their movements.
        Map<String, String> env = Map.of(Settings.TABLE_NAME, tableName);
        InventoryFunction adapter = function("VendorAdapter", "VendorAdapterFunction", 1024, cdk(Settings.ADAPTER_TIMEOUT),
                Map.of(Settings.TABLE_NAME, tableName, Settings.JAVA_TOOL_OPTIONS, C1_ONLY));
        InventoryFunction squarePull = function("SquarePull", "SquarePullFunction", 1024,
                cdk(Settings.SQUARE_PULL_TIMEOUT), env);
        for (InventoryFunction f : List.of(adapter, squarePull)) {
            allowTable(f, table, ADAPTER_TABLE_ACTIONS);
            f.function().addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(List.of(arn("secretsmanager", "secret:" + settings.sourceSecretsPrefix() + "*"),
                            arn("secretsmanager", "secret:" + Settings.VENDOR_SECRET_PREFIX + "*")))
                    .build());
        }
        Rule.Builder.create(this, "SquarePullSchedule")
                .description("pull Square's inventory changes for every Square source, in case a notification was lost")
                .schedule(Schedule.rate(cdk(Settings.SQUARE_PULL_INTERVAL)))
                .targets(List.of(new LambdaFunction(squarePull.alias())))
                .build();
        for (Channel channel : settings.channels().channels()) {
            if (channel.target().kind() != Target.Kind.SHOPIFY) {
                continue;
            }
            ShopifyTarget shop = channel.target().shopify();
            InventoryFunction connector = function("ShopifyConnector-" + channel.name(), "ShopifyConnectorFunction", 512,
                    cdk(Settings.CONNECTOR_TIMEOUT), Map.of(Settings.TABLE_NAME, tableName,
                            Settings.CHANNEL_NAME, channel.name(), Settings.CHANNEL_TARGET, json(shop.toJson()),
                            Settings.JAVA_TOOL_OPTIONS, C1_ONLY));
            allowTable(connector, table, CONNECTOR_TABLE_ACTIONS);
            connector.function().addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(List.of(arn("secretsmanager", "secret:" + shop.tokenSecretName() + "-??????")))
                    .build());
            connector.alias().addEventSource(SqsEventSource.Builder.create(routing.channelQueues().get(channel.name()))
                    .batchSize(Settings.CONNECTOR_BATCH_SIZE)
                    .maxBatchingWindow(cdk(Settings.CONNECTOR_BATCHING_WINDOW))
                    .reportBatchItemFailures(true).build());
            NagSuppressions.addResourceSuppressions(connector, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                    .reason("The shop's access token is the one secret named in channels.json; a Secrets Manager ARN "
                            + "ends in six random characters, so its name is followed by -??????.")
                    .appliesTo(List.of(RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:secretsmanager:"
                            + ".+:secret:.*-\\?\\?\\?\\?\\?\\?$/g").build()))
                    .build()), true);
        }
        for (InventoryFunction f : List.of(adapter, squarePull)) {
            NagSuppressions.addResourceSuppressions(f, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                    .reason("Source signing secrets and vendor tokens are data, created per source (no deploy needed), "
                            + "so their names are known only as this stage's source prefix and the vendor prefix.")
                    .appliesTo(List.of(RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:secretsmanager:"
                            + ".+:secret:(" + settings.sourceSecretsPrefix().replace("/", "\\/") + "|"
                            + Settings.VENDOR_SECRET_PREFIX.replace("/", "\\/") + ").*$/g").build()))
                    .build()), true);
        }
        return adapter;
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a Shopify target is plain maps and strings", e);
        }
    }

    /** The alarms, their topic and its key. */
    public Monitoring monitoring() {
        return monitoring;
    }

    private void allowTable(InventoryFunction function, Table table, List<String> actions, String... indexes) {
        List<String> resources = new ArrayList<>(List.of(table.getTableArn()));
        for (String index : indexes) {
            resources.add(table.getTableArn() + "/index/" + index);
        }
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(actions).resources(resources).build());
    }

    private InventoryFunction function(String id, String handler, int memoryMb, Duration timeout,
                                       Map<String, String> environment) {
        InventoryFunction function = new InventoryFunction(this, id, settings, new InventoryFunction.Spec(
                "io.inventorysync.functions." + handler + "::handleRequest", memoryMb, timeout, environment));
        functions.put(id, function);
        return function;
    }

    private HttpApi api(InventoryFunction webhook, InventoryFunction reservations, InventoryFunction query,
                        InventoryFunction snapshots, InventoryFunction admin) {
        HttpApi api = HttpApi.Builder.create(this, "Api").description("inventory-sync contract v1").build();
        route(api, "/v1/sources/{sourceId}/events", HttpMethod.POST, webhook, false);
        route(api, "/v1/sources/{sourceId}/events/{eventId}", HttpMethod.GET, webhook, false);
        route(api, "/v1/sources/{sourceId}/snapshots", HttpMethod.POST, snapshots, false);
        route(api, "/v1/sources/{sourceId}/snapshots/{snapshotId}", HttpMethod.GET, snapshots, false);
        route(api, "/v1/reservations", HttpMethod.POST, reservations, false);
        route(api, "/v1/reservations/{reservationId}", HttpMethod.GET, reservations, false);
        route(api, "/v1/reservations/{reservationId}/commit", HttpMethod.POST, reservations, false);
        route(api, "/v1/reservations/{reservationId}/release", HttpMethod.POST, reservations, false);
        route(api, "/v1/reservations/{reservationId}/fulfil", HttpMethod.POST, reservations, false);
        route(api, "/v1/reservations/{reservationId}/cancel", HttpMethod.POST, reservations, false);
        route(api, "/v1/inventory/{sku}", HttpMethod.GET, query, true);
        route(api, "/v1/inventory/{sku}/locations/{locationId}", HttpMethod.GET, query, true);
        route(api, "/v1/inventory/{sku}/locations/{locationId}/ledger", HttpMethod.GET, query, true);
        route(api, "/v1/admin/sources/{sourceId}", HttpMethod.PUT, admin, true);
        route(api, "/v1/admin/sources/{sourceId}", HttpMethod.GET, admin, true);
        route(api, "/v1/admin/sources/{sourceId}/secrets", HttpMethod.POST, admin, true);
        route(api, "/v1/channels/{channel}/availability/{sku}", HttpMethod.GET, query, true);

        LogGroup accessLogs = LogGroup.Builder.create(this, "ApiAccessLogs")
                .retention(settings.isProd() ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS)
                .build();
        CfnStage stage = (CfnStage) api.getDefaultStage().getNode().getDefaultChild();
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                        + "\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
                        + "\"latencyMs\":\"$context.responseLatency\",\"error\":\"$context.integrationErrorMessage\"}")
                .build());
        stage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .throttlingBurstLimit(500).throttlingRateLimit(200).build());
        return api;
    }

    private void route(HttpApi api, String path, HttpMethod method, InventoryFunction target, boolean iam) {
        AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                .path(path).methods(List.of(method))
                .integration(new HttpLambdaIntegration(target.getNode().getId() + method + path.hashCode(), target.alias()));
        if (iam) {
            options.authorizer(new HttpIamAuthorizer());
        }
        for (HttpRoute route : api.addRoutes(options.build())) {
            if (!iam) {
                NagSuppressions.addResourceSuppressions(route, List.of(suppression("AwsSolutions-APIG4",
                        path.contains("/adapters/")
                                ? "Vendors sign every delivery with their own HMAC-SHA256 over the raw body (Shopify) or "
                                + "the notification URL and body (Square) under the source's vendor secret; the function "
                                + "verifies it in constant time before reading anything. An API Gateway authorizer cannot "
                                + "verify a signature over the body."
                                : "Sources and storefronts sign every request with Standard Webhooks (HMAC-SHA256, per-source "
                                + "secret, 5-minute replay window); the function verifies it in constant time before "
                                + "reading anything. An API Gateway authorizer cannot verify a signature over the body.")));
            }
        }
    }

    private String arn(String service, String resource) {
        return "arn:" + getPartition() + ":" + service + ":" + getRegion() + ":" + getAccount() + ":" + resource;
    }

    private void acknowledgeFindings(MovementQueues movements, Queue publisherFailures, ChannelRouting routing) {
        NagSuppressions.addResourceSuppressions(movements.deadLetters(), List.of(suppression("AwsSolutions-SQS3",
                "This is the movements queue's dead-letter queue; an alarm fires on its first message.")));
        NagSuppressions.addResourceSuppressions(publisherFailures, List.of(suppression("AwsSolutions-SQS3",
                "This is the on-failure destination of the stream consumer; an alarm fires on its first message.")));
        routing.deadLetterQueues().values().forEach(q -> NagSuppressions.addResourceSuppressions(q, List.of(suppression(
                "AwsSolutions-SQS3", "This is a dead-letter queue of a channel (its rule's target, or its consumer's "
                        + "redrive); an alarm fires on its first message."))));
        // Only secrets are wildcarded (the table grants name the table and the one index the sweeper reads).
        String secretsPrefix = settings.sourceSecretsPrefix().replace("/", "\\/");
        for (InventoryFunction f : List.of(functions.get("Webhook"), functions.get("Snapshots"),
                functions.get("Reservations"), functions.get("SourceAdmin"))) {
            NagSuppressions.addResourceSuppressions(f, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                    .reason("Source signing secrets are data, created by the admin function (one per source, no deploy "
                            + "needed), so their names are known only as this stage's prefix: the webhook, the "
                            + "snapshots function and the reservations function may read any of them (storefronts are data too), the admin function "
                            + "alone may create them and put values in them.")
                    .appliesTo(List.of(RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:secretsmanager:"
                            + ".+:secret:" + secretsPrefix + ".*$/g").build()))
                    .build()), true);
        }
        for (String consumer : List.of("ChangePublisher", "IngestRelay")) {
            NagSuppressions.addResourceSuppressions(functions.get(consumer), List.of(
                    NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("Consuming the table's stream needs "
                            + "dynamodb:ListStreams, which IAM cannot scope to a resource.").appliesTo(List.of("Resource::*"))
                            .build()), true);
        }
        if (settings.localstack()) {
            functions.values().forEach(f -> NagSuppressions.addResourceSuppressions(f, List.of(suppression(
                    "AwsSolutions-L1", "-c localstack=true only: LocalStack has no java25 runtime, so the LocalStack "
                            + "deployment runs java21; the AWS deployment runs java25.")), true));
        }
    }

    static NagPackSuppression suppression(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }

    /** A setting's duration, as CDK takes it. */
    static Duration cdk(java.time.Duration duration) {
        return Duration.seconds(duration.toSeconds());
    }
}
