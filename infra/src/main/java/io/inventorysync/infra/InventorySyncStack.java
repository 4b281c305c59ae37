package io.inventorysync.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.ItemType;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.CfnOutput;
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
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole product in one stack: the table, the movements queue, every function behind its
 * {@code live} alias, the HTTP API of contract v1, the triggers, the bus with one rule per channel,
 * alarms and a dashboard.
 */
public final class InventorySyncStack extends Stack {
    static final String SOURCE_SECRETS_PREFIX = "inventory-sync/sources/";
    private static final Duration PROCESSOR_TIMEOUT = Duration.seconds(30);

    private final Map<String, InventoryFunction> functions = new HashMap<>();

    public InventorySyncStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);
        InventoryDatabase database = new InventoryDatabase(this, "Inventory", settings);
        MovementQueues movements = new MovementQueues(this, "Movements", PROCESSOR_TIMEOUT);
        ChannelRouting routing = new ChannelRouting(this, "Channels", settings);
        Queue publisherFailures = Queue.Builder.create(this, "PublisherFailures")
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).retentionPeriod(Duration.days(14)).build();

        String table = database.table().getTableName();
        InventoryFunction webhook = function("Webhook", settings, "WebhookFunction", 1024, Duration.seconds(10),
                Map.of("TABLE_NAME", table, "MOVEMENTS_QUEUE_URL", movements.queue().getQueueUrl()));
        InventoryFunction processor = function("MovementProcessor", settings, "MovementProcessorFunction", 1024,
                PROCESSOR_TIMEOUT, Map.of("TABLE_NAME", table, "MOVEMENTS_DLQ_URL", movements.deadLetters().getQueueUrl()));
        InventoryFunction reservations = function("Reservations", settings, "ReservationsFunction", 1024,
                Duration.seconds(10), Map.of("TABLE_NAME", table, "RESERVATION_SOURCES",
                        String.join(",", settings.storefronts())));
        InventoryFunction query = function("InventoryQuery", settings, "InventoryQueryFunction", 512,
                Duration.seconds(10), Map.of("TABLE_NAME", table));
        InventoryFunction sweeper = function("HoldExpirySweeper", settings, "HoldExpirySweeperFunction", 1024,
                Duration.seconds(55), Map.of("TABLE_NAME", table, "SWEEP_THREADS", "4"));
        InventoryFunction publisher = function("ChangePublisher", settings, "ChangePublisherFunction", 1024,
                Duration.seconds(30), Map.of("EVENT_BUS_NAME", routing.bus().getEventBusName()));

        // Least privilege, by grants only.
        database.table().grantReadWriteData(webhook.alias());
        database.table().grantReadWriteData(processor.alias());
        database.table().grantReadWriteData(reservations.alias());
        database.table().grantReadWriteData(sweeper.alias());
        database.table().grantReadData(query.alias());
        movements.queue().grantSendMessages(webhook.alias());
        movements.deadLetters().grantSendMessages(processor.alias());
        routing.bus().grantPutEventsTo(publisher.alias());
        PolicyStatement readSourceSecrets = PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(arn("secretsmanager", "secret:" + SOURCE_SECRETS_PREFIX + "*")))
                .build();
        webhook.function().addToRolePolicy(readSourceSecrets);
        // Storefronts' secrets only: a Secrets Manager ARN ends in its name, a dash and six random characters.
        reservations.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(settings.storefronts().stream()
                        .map(s -> arn("secretsmanager", "secret:" + SOURCE_SECRETS_PREFIX + s + "-??????")).toList())
                .build());
        sourceSecrets(settings);

        // Triggers.
        processor.alias().addEventSource(SqsEventSource.Builder.create(movements.queue())
                .batchSize(10).reportBatchItemFailures(true).maxConcurrency(20).build());
        publisher.alias().addEventSource(DynamoEventSource.Builder.create(database.table())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(100)
                .bisectBatchOnError(true)
                .retryAttempts(10)
                .maxRecordAge(Duration.hours(24))
                .reportBatchItemFailures(true)
                .onFailure(new SqsDlq(publisherFailures))
                .filters(List.of(FilterCriteria.filter(Map.of("dynamodb", Map.of("NewImage", Map.of(
                        InventoryTable.ITEM_TYPE, Map.of("S", FilterRule.or(ItemType.PUBLISHED.stream().map(ItemType::name)
                                .toArray(String[]::new)))))))))
                .build());
        Rule.Builder.create(this, "HoldExpirySchedule")
                .description("release checkout holds past expiresAt, every minute")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(new LambdaFunction(sweeper.alias())))
                .build();

        HttpApi api = api(settings, webhook, reservations, query);

        List<Queue> deadLetterQueues = new ArrayList<>(List.of(movements.deadLetters(), publisherFailures));
        deadLetterQueues.addAll(routing.deadLetterQueues());
        Monitoring monitoring = new Monitoring(this, "Monitoring", new Monitoring.Watched(api, movements.queue(),
                deadLetterQueues, processor, publisher, webhook, reservations));

        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).build();
        CfnOutput.Builder.create(this, "EventBusName").value(routing.bus().getEventBusName()).build();
        CfnOutput.Builder.create(this, "EventBusArn").value(routing.bus().getEventBusArn()).build();
        CfnOutput.Builder.create(this, "TableName").value(table).build();
        CfnOutput.Builder.create(this, "MovementsDeadLetterQueueUrl").value(movements.deadLetters().getQueueUrl()).build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(monitoring.topic().getTopicArn()).build();
        routing.channelQueues().forEach((name, queue) -> CfnOutput.Builder.create(this, "ChannelQueue-" + name)
                .description("the queue channel " + name + " reads").value(queue.getQueueUrl()).build());

        acknowledgeFindings(movements, publisherFailures, routing);
    }

    private InventoryFunction function(String id, StackSettings settings, String handler, int memoryMb,
                                       Duration timeout, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        InventoryFunction function = new InventoryFunction(this, id, settings, new InventoryFunction.Spec(
                "io.inventorysync.functions." + handler + "::handleRequest", memoryMb, timeout, env));
        functions.put(id, function);
        return function;
    }

    private HttpApi api(StackSettings settings, InventoryFunction webhook, InventoryFunction reservations,
                        InventoryFunction query) {
        HttpApi api = HttpApi.Builder.create(this, "Api").description("inventory-sync contract v1").build();
        route(api, "/v1/sources/{sourceId}/events", HttpMethod.POST, webhook, false);
        route(api, "/v1/sources/{sourceId}/events/{eventId}", HttpMethod.GET, webhook, false);
        route(api, "/v1/reservations", HttpMethod.POST, reservations, false);
        route(api, "/v1/reservations/{reservationId}", HttpMethod.GET, reservations, false);
        route(api, "/v1/reservations/{reservationId}/commit", HttpMethod.POST, reservations, false);
        route(api, "/v1/reservations/{reservationId}/release", HttpMethod.POST, reservations, false);
        route(api, "/v1/reservations/{reservationId}/fulfil", HttpMethod.POST, reservations, false);
        route(api, "/v1/reservations/{reservationId}/cancel", HttpMethod.POST, reservations, false);
        route(api, "/v1/inventory/{sku}", HttpMethod.GET, query, true);
        route(api, "/v1/inventory/{sku}/locations/{locationId}", HttpMethod.GET, query, true);

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
                        "Sources and storefronts sign every request with Standard Webhooks (HMAC-SHA256, per-source "
                                + "secret, 5-minute replay window); the function verifies it in constant time before "
                                + "reading anything. An API Gateway authorizer cannot verify a signature over the body.")));
            }
        }
    }

    /**
     * One secret per source named in context: created with a random placeholder (not a signing key,
     * so nothing usable is ever in the template); {@code SourceAdmin register} replaces it with a
     * {@code whsec_} key and prints that once.
     */
    private void sourceSecrets(StackSettings settings) {
        for (String source : settings.sources()) {
            Secret secret = Secret.Builder.create(this, "SourceSecret-" + source)
                    .secretName(SOURCE_SECRETS_PREFIX + source)
                    .description("Standard Webhooks signing keys of source " + source
                            + ", space-separated; set with SourceAdmin register")
                    .generateSecretString(SecretStringGenerator.builder().passwordLength(32).excludePunctuation(true).build())
                    .removalPolicy(settings.isProd() ? software.amazon.awscdk.RemovalPolicy.RETAIN
                            : software.amazon.awscdk.RemovalPolicy.DESTROY)
                    .build();
            NagSuppressions.addResourceSuppressions(secret, List.of(suppression("AwsSolutions-SMG4",
                    "A signing key is shared with the sending system, so it cannot rotate unattended: it is rotated "
                            + "with `SourceAdmin register --rotate`, which keeps the previous key valid until the next "
                            + "rotation so the sender can switch without a gap.")));
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
        routing.deadLetterQueues().forEach(q -> NagSuppressions.addResourceSuppressions(q, List.of(suppression(
                "AwsSolutions-SQS3", "This is a dead-letter queue of a channel (its rule's target, or its consumer's "
                        + "redrive); an alarm fires on its first message."))));
        functions.values().forEach(f -> NagSuppressions.addResourceSuppressions(f, List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("Grants on the inventory table include its "
                        + "own indexes (table/index/*): the audit trail and the active-holds index. The webhook reads "
                        + "source signing secrets under the inventory-sync/sources/ prefix (one secret per source, "
                        + "created by the stack or the admin CLI); the Reservations function only its storefronts' "
                        + "secrets, whose ARNs end in six random characters.")
                        .appliesTo(List.of(
                                RegexAppliesTo.builder().regex("/^Resource::<Inventory[A-Za-z0-9]*\\.Arn>\\/index\\/\\*$/g").build(),
                                RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:secretsmanager:.+:secret:"
                                        + SOURCE_SECRETS_PREFIX.replace("/", "\\/") + ".*$/g").build()))
                        .build()), true));
        NagSuppressions.addResourceSuppressions(functions.get("ChangePublisher"), List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("Consuming the table's stream needs "
                        + "dynamodb:ListStreams, which IAM cannot scope to a resource.").appliesTo(List.of("Resource::*"))
                        .build()), true);
    }

    static NagPackSuppression suppression(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
