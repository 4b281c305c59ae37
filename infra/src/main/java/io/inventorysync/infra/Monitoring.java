package io.inventorysync.infra;

import io.inventorysync.settings.Settings;
import io.inventorysync.store.InventoryTable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alarms to an SNS topic (subscribe the on-call address or chat to it) and a dashboard of the key
 * figures. Every alarm is named {@code <stack>-<what>} (the README's "Operate" table lists them
 * and says what to do). The topic is encrypted with a key of its own whose policy, like the
 * topic's, lets CloudWatch use it for this account's alarms of this stack only: the AWS-managed
 * SNS key's policy cannot be changed, so CloudWatch could never publish to a topic encrypted with it.
 */
public final class Monitoring extends Construct {
    private final Topic topic;
    private final Key key;
    private final List<String> alarmNames = new ArrayList<>();
    private final String alarmPrefix;

    /**
     * What is watched.
     *
     * @param deadLetterQueues by the alarm's name without the stack prefix and {@code NotEmpty}
     * @param functions        every function, for the throttles alarm
     * @param webhookUrl       whether the webhook has a function URL ({@code webhookFunctionUrl}): the HTTP
     *                         API's metrics do not see its requests, so it gets alarms of its own
     */
    public record Watched(HttpApi api, Table table, Queue movements, Map<String, Queue> deadLetterQueues,
                          InventoryFunction processor, InventoryFunction publisher, InventoryFunction ingestRelay,
                          InventoryFunction sweeper,
                          InventoryFunction webhook, InventoryFunction reservations, List<InventoryFunction> functions,
                          Queue reconcile, InventoryFunction reconciler, boolean webhookUrl) {
    }

    /** The webhook URL's latency alarm: p99 over this (ms) in {@link #URL_LATENCY_PERIODS} 5-minute periods in a row. */
    static final double URL_LATENCY_P99_MS = 3_000;
    static final int URL_LATENCY_PERIODS = 3;

    public Monitoring(Construct scope, String id, boolean prod, Watched w) {
        super(scope, id);
        Stack stack = Stack.of(this);
        this.alarmPrefix = stack.getStackName() + "-";
        // Confused-deputy guard on both grants: CloudWatch acting for this account's alarms of this stack.
        Map<String, Object> fromOurAlarms = Map.of(
                "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
                "ArnLike", Map.of("aws:SourceArn", "arn:" + stack.getPartition() + ":cloudwatch:" + stack.getRegion()
                        + ":" + stack.getAccount() + ":alarm:" + alarmPrefix + "*"));
        this.key = Key.Builder.create(this, "AlarmsKey")
                .description("inventory-sync " + stack.getStackName() + ": encrypts the alarm topic")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(7))
                .removalPolicy(prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsEncryptForTheTopic")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(fromOurAlarms)
                .build());
        this.topic = Topic.Builder.create(this, "Alarms")
                .displayName("inventory-sync alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(fromOurAlarms)
                .build());
        SnsAction notify = new SnsAction(topic);

        w.deadLetterQueues().forEach((name, dlq) -> alarm(name + "NotEmpty",
                "Messages are waiting in a dead-letter queue: inspect, fix, redrive (README, Operate).",
                dlq.metricApproximateNumberOfMessagesVisible(minutes(1, "Maximum")), 0, notify));
        alarm("ProcessorErrors", "The movement processor failed invocations.",
                w.processor().alias().metricErrors(minutes(5, "Sum")), 0, notify);
        alarm("PublisherErrors", "The change publisher failed invocations: channels may be behind.",
                w.publisher().alias().metricErrors(minutes(5, "Sum")), 0, notify);
        alarm("SweeperErrors", "The hold-expiry sweeper failed: expired checkout holds keep stock reserved until it runs.",
                w.sweeper().alias().metricErrors(minutes(5, "Sum")), 0, notify);
        // A metric math alarm may use at most 10 metrics (the expression included): one alarm per 9 functions.
        List<IMetric> functionThrottles = throttles(w.functions());
        for (int from = 0, group = 1; from < functionThrottles.size(); from += MAX_METRICS_PER_ALARM, group++) {
            List<IMetric> some = functionThrottles.subList(from, Math.min(from + MAX_METRICS_PER_ALARM, functionThrottles.size()));
            alarm(group == 1 ? "FunctionThrottles" : "FunctionThrottles" + group, "A function was throttled (account "
                    + "concurrency or a reserved limit): work waits or API callers get 429/5xx.",
                    sum("Throttles of functions", "fn", some), 0, notify);
        }
        // The table and its indexes, two metrics each: one alarm per 9 of them, as for the functions.
        List<IMetric> tableThrottles = tableThrottles(w.table());
        for (int from = 0, group = 1; from < tableThrottles.size(); from += MAX_METRICS_PER_ALARM, group++) {
            List<IMetric> some = tableThrottles.subList(from, Math.min(from + MAX_METRICS_PER_ALARM, tableThrottles.size()));
            alarm(group == 1 ? "TableThrottles" : "TableThrottles" + group, "DynamoDB throttled reads or writes on the "
                    + "table or its indexes: functions retry, then report failures.",
                    sum("Throttle events of the table and its indexes", "tbl", some), 0, notify);
        }
        alarm("IngestRelayIteratorAge", "The ingest relay is over 5 minutes behind the table: accepted events are not "
                + "queued yet (SQS failing, or a record retried). A record is retried until 23 h old, then its "
                + "position goes to IngestRelayFailures; its receipt stays in the table for IngestRedriveCommand.",
                lambdaMetric("IteratorAge", w.ingestRelay(), "Maximum"), Settings.INGEST_RELAY_ITERATOR_AGE_ALARM.toMillis(),
                notify);
        // End to end: events were accepted (202) and none was relayed, in 2 of the last 6 five-minute periods.
        // It does not depend on the relay running (IteratorAge is only published when it does): a disabled
        // mapping, a filter that stops matching or a relay that cannot start all leave EventsRelayed at 0 while
        // EventsAccepted grows. Two periods, not one: an event accepted in a period's last moment and relayed
        // (under a second later) in the next makes one such period at low traffic; the next period then
        // relays it, so one straddled boundary makes one; a healthy relay makes two only if two events, each in an
        // otherwise quiet stretch, land within its delay (about a second) before two boundaries in 30 minutes
        // (about 1 in 300 events lands so; two such, far rarer). A stuck relay makes one per period with traffic.
        alarm("IngestNotRelayed", "Events were accepted (202) and none was relayed to the movements queue in 2 of "
                + "the last 6 five-minute periods: the relay's mapping is disabled, its filter no longer matches, "
                + "or the relay cannot run. Accepted receipts keep their events in the table: fix the mapping, then "
                + "run IngestRedriveCommand for the window (README, Operations).",
                ingestNotRelayed(), 0, INGEST_NOT_RELAYED_EVALUATION_PERIODS, INGEST_NOT_RELAYED_DATAPOINTS, notify);
        alarm("IngestRelayErrors", "The ingest relay failed invocations: accepted events wait for their movements to be queued.",
                w.ingestRelay().alias().metricErrors(minutes(5, "Sum")), 0, notify);
        alarm("MovementsBacklog", "The oldest movement has waited over 5 minutes: stock levels are behind.",
                w.movements().metricApproximateAgeOfOldestMessage(minutes(1, "Maximum")), 300, notify);
        alarm("StreamIteratorAge", "The outbox is over 5 minutes behind the table: channels are behind.",
                lambdaMetric("IteratorAge", w.publisher(), "Maximum"), 300_000, notify);
        alarm("Api5xx", "The HTTP API answered 5xx.", apiMetric(w.api(), "5xx"), 5, notify);
        if (w.webhookUrl()) {
            // The function URL's requests never reach the HTTP API's metrics: its own, on the live alias's URL.
            alarm("WebhookUrl5xx", "The webhook's function URL answered 5xx (function errors, timeouts, or 503 "
                    + "STORE_UNAVAILABLE): senders retry; see the webhook's logs. A throttle is a 429 (Url4xxCount, "
                    + "FunctionThrottles), not counted here.",
                    urlMetric("Url5xxCount", w.webhook(), "Sum"), 5, notify);
            alarm("WebhookUrlLatency", "The webhook's function URL took over 3 s at p99 for 15 minutes: senders may "
                    + "time out and retry (harmless, but slow); check the table's throttles and the function's duration.",
                    urlMetric("UrlRequestLatency", w.webhook(), "p99"), URL_LATENCY_P99_MS, URL_LATENCY_PERIODS,
                    URL_LATENCY_PERIODS, notify);
        }
        alarm("ReconcilerErrors", "The reconciler failed a run: it resumes from its cursor when the request is "
                + "delivered again; after 5 failures the request goes to ReconcileDeadLetters.",
                w.reconciler().alias().metricErrors(minutes(5, "Sum")), 0, notify);
        alarm("ReconcileBacklog", "A snapshot has waited over an hour to be reconciled: reports and corrections are behind.",
                w.reconcile().metricApproximateAgeOfOldestMessage(minutes(1, "Maximum")), 3600, notify);
        alarm("ChannelAvailabilityFailures", "Channels' numbers could not be computed (contention or DynamoDB errors): "
                + "their stream records are retried, and a channel may show a stale number until they pass.",
                Metric.Builder.create().namespace("InventorySync").metricName("ChannelAvailabilityFailures")
                        .dimensionsMap(Map.of("Function", "ChangePublisher")).period(Duration.minutes(5))
                        .statistic("Sum").build(), 0, notify);

        List<List<software.amazon.awscdk.services.cloudwatch.IWidget>> rows = new ArrayList<>(List.of(
                        List.of(graph("API requests and errors", apiMetric(w.api(), "Count"), apiMetric(w.api(), "4xx"),
                                        apiMetric(w.api(), "5xx")),
                                graph("API latency (p99, ms)", apiLatency(w.api()))),
                        List.of(graph("Movements queue: oldest message (s)",
                                        w.movements().metricApproximateAgeOfOldestMessage(minutes(1, "Maximum"))),
                                graph("Stream iterator age (ms): publisher, ingest relay",
                                        lambdaMetric("IteratorAge", w.publisher(), "Maximum"),
                                        lambdaMetric("IteratorAge", w.ingestRelay(), "Maximum"))),
                        List.of(graph("Function errors", w.processor().alias().metricErrors(minutes(5, "Sum")),
                                        w.publisher().alias().metricErrors(minutes(5, "Sum")),
                                        w.ingestRelay().alias().metricErrors(minutes(5, "Sum")),
                                        w.sweeper().alias().metricErrors(minutes(5, "Sum")),
                                        w.webhook().alias().metricErrors(minutes(5, "Sum")),
                                        w.reservations().alias().metricErrors(minutes(5, "Sum"))),
                                graph("Dead-letter queues", w.deadLetterQueues().values().stream()
                                        .map(q -> (IMetric) q.metricApproximateNumberOfMessagesVisible(minutes(1, "Maximum")))
                                        .toArray(IMetric[]::new))),
                        List.of(graph("Throttles (functions, table)",
                                sum("Function throttles", "fn", throttles(w.functions())),
                                sum("Table throttle events", "tbl", tableThrottles(w.table()))))));
        if (w.webhookUrl()) {
            rows.add(List.of(graph("Webhook function URL: requests and errors",
                            urlMetric("UrlRequestCount", w.webhook(), "Sum"), urlMetric("Url4xxCount", w.webhook(), "Sum"),
                            urlMetric("Url5xxCount", w.webhook(), "Sum")),
                    graph("Webhook function URL latency (p99, ms)", urlMetric("UrlRequestLatency", w.webhook(), "p99"))));
        }
        Dashboard.Builder.create(this, "Dashboard").widgets(rows).build();
    }

    public Topic topic() {
        return topic;
    }

    public Key key() {
        return key;
    }

    /** Every alarm's name, as synthesized ({@code <stack>-<what>}). */
    public List<String> alarmNames() {
        return List.copyOf(alarmNames);
    }

    private void alarm(String id, String description, IMetric metric, double threshold, SnsAction action) {
        alarm(id, description, metric, threshold, 1, 1, action);
    }

    /** An alarm raised when {@code datapoints} of the last {@code periods} periods are over {@code threshold}. */
    private void alarm(String id, String description, IMetric metric, double threshold, int periods, int datapoints,
                       SnsAction action) {
        Alarm.Builder builder = Alarm.Builder.create(this, id)
                .alarmName(alarmPrefix + id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING);
        if (datapoints != periods) {
            builder.datapointsToAlarm(datapoints);
        }
        Alarm alarm = builder.build();
        alarm.addAlarmAction(action);
        alarmNames.add(id);
    }

    /** Period of the end-to-end ingest alarm: accepted events summed over it, relayed events summed over it. */
    static final Duration INGEST_NOT_RELAYED_PERIOD = Duration.minutes(5);
    /** Periods the end-to-end ingest alarm looks at (30 minutes), and how many must be "accepted, none relayed". */
    static final int INGEST_NOT_RELAYED_EVALUATION_PERIODS = 6;
    static final int INGEST_NOT_RELAYED_DATAPOINTS = 2;

    /**
     * 1 in a 5-minute period where the webhook, the vendor adapter or the Square pull accepted events ({@code EventsAccepted},
     * their EMF metric) and the relay relayed none ({@code EventsRelayed}, FILL 0 when it did not run), else 0.
     */
    private static MathExpression ingestNotRelayed() {
        Map<String, IMetric> using = new LinkedHashMap<>();
        using.put("webhook", ingestMetric("EventsAccepted", "Webhook"));
        using.put("adapter", ingestMetric("EventsAccepted", "VendorAdapter"));
        using.put("pull", ingestMetric("EventsAccepted", "SquarePull"));
        using.put("relayed", ingestMetric("EventsRelayed", "IngestRelay"));
        return MathExpression.Builder.create()
                .expression("IF((FILL(webhook, 0) + FILL(adapter, 0) + FILL(pull, 0)) > 0 AND FILL(relayed, 0) == 0, 1, 0)")
                .usingMetrics(using).label("Accepted events with none relayed").period(INGEST_NOT_RELAYED_PERIOD).build();
    }

    private static Metric ingestMetric(String name, String function) {
        return Metric.Builder.create().namespace("InventorySync").metricName(name)
                .dimensionsMap(Map.of("Function", function)).period(INGEST_NOT_RELAYED_PERIOD).statistic("Sum").build();
    }

    /** Metrics one metric math alarm sums: CloudWatch allows 10 per alarm, the expression being one of them. */
    static final int MAX_METRICS_PER_ALARM = 9;

    private static List<IMetric> throttles(List<InventoryFunction> functions) {
        return functions.stream().map(f -> (IMetric) f.alias().metricThrottles(minutes(5, "Sum"))).toList();
    }

    /** Throttle events of the table and of each index (an index's throttling also holds back table writes). */
    private static List<IMetric> tableThrottles(Table table) {
        List<IMetric> metrics = new ArrayList<>();
        for (String name : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
            metrics.add(dynamoMetric(name, Map.of("TableName", table.getTableName())));
        }
        for (var index : InventoryTable.globalSecondaryIndexes()) {
            metrics.add(dynamoMetric("WriteThrottleEvents", Map.of("TableName", table.getTableName(),
                    "GlobalSecondaryIndexName", index.indexName())));
            metrics.add(dynamoMetric("ReadThrottleEvents", Map.of("TableName", table.getTableName(),
                    "GlobalSecondaryIndexName", index.indexName())));
        }
        return metrics;
    }

    private static Metric dynamoMetric(String name, Map<String, String> dimensions) {
        return Metric.Builder.create().namespace("AWS/DynamoDB").metricName(name).dimensionsMap(dimensions)
                .statistic("Sum").period(Duration.minutes(5)).build();
    }

    /** One line that adds metrics up; a missing metric counts as 0 (FILL), so "no data" is "no throttles". */
    private static MathExpression sum(String label, String idPrefix, List<IMetric> metrics) {
        Map<String, IMetric> using = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            using.put(idPrefix + i, metrics.get(i));
        }
        String expression = String.join(" + ", using.keySet().stream().map(k -> "FILL(" + k + ", 0)").toList());
        return MathExpression.Builder.create().expression(expression).usingMetrics(using).label(label)
                .period(Duration.minutes(5)).build();
    }

    private static MetricOptions minutes(int minutes, String statistic) {
        return MetricOptions.builder().period(Duration.minutes(minutes)).statistic(statistic).build();
    }

    private static Metric lambdaMetric(String name, InventoryFunction function, String statistic) {
        return Metric.Builder.create().namespace("AWS/Lambda").metricName(name)
                .dimensionsMap(Map.of("FunctionName", function.function().getFunctionName(),
                        "Resource", function.function().getFunctionName() + ":" + function.alias().getAliasName()))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    /** A function URL metric of the URL on {@code function}'s alias ({@code Resource} = function:alias). */
    private static Metric urlMetric(String name, InventoryFunction function, String statistic) {
        return Metric.Builder.create().namespace("AWS/Lambda").metricName(name)
                .dimensionsMap(Map.of("FunctionName", function.function().getFunctionName(),
                        "Resource", function.function().getFunctionName() + ":" + function.alias().getAliasName()))
                .statistic(statistic).period(Duration.minutes(5)).build();
    }

    private static Metric apiMetric(HttpApi api, String name) {
        return Metric.Builder.create().namespace("AWS/ApiGateway").metricName(name)
                .dimensionsMap(Map.of("ApiId", api.getApiId())).statistic("Sum").period(Duration.minutes(5)).build();
    }

    private static Metric apiLatency(HttpApi api) {
        return Metric.Builder.create().namespace("AWS/ApiGateway").metricName("Latency")
                .dimensionsMap(Map.of("ApiId", api.getApiId())).statistic("p99").period(Duration.minutes(5)).build();
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(new ArrayList<>(List.of(metrics))).width(12).build();
    }
}
