package io.inventorysync.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alarms to an SNS topic (subscribe the on-call address or chat to it) and a dashboard of the key
 * figures. The README's "Operate" section says what to do for each alarm.
 */
public final class Monitoring extends Construct {
    private final Topic topic;

    /** What is watched. */
    public record Watched(HttpApi api, Queue movements, List<Queue> deadLetterQueues, InventoryFunction processor,
                          InventoryFunction publisher, InventoryFunction webhook, InventoryFunction reservations) {
    }

    public Monitoring(Construct scope, String id, Watched w) {
        super(scope, id);
        this.topic = Topic.Builder.create(this, "Alarms")
                .displayName("inventory-sync alarms")
                .masterKey(Alias.fromAliasName(this, "SnsKey", "alias/aws/sns"))
                .enforceSsl(true)
                .build();
        SnsAction notify = new SnsAction(topic);

        for (Queue dlq : w.deadLetterQueues()) {
            alarm(dlq.getNode().getScope().getNode().getId() + dlq.getNode().getId() + "NotEmpty",
                    "Messages are waiting in a dead-letter queue: inspect, fix, redrive (README, Operate).",
                    dlq.metricApproximateNumberOfMessagesVisible(minutes(1, "Maximum")), 0, notify);
        }
        alarm("ProcessorErrors", "The movement processor failed invocations.",
                w.processor().alias().metricErrors(minutes(5, "Sum")), 0, notify);
        alarm("PublisherErrors", "The change publisher failed invocations: channels may be behind.",
                w.publisher().alias().metricErrors(minutes(5, "Sum")), 0, notify);
        alarm("MovementsBacklog", "The oldest movement has waited over 5 minutes: stock levels are behind.",
                w.movements().metricApproximateAgeOfOldestMessage(minutes(1, "Maximum")), 300, notify);
        alarm("StreamIteratorAge", "The outbox is over 5 minutes behind the table: channels are behind.",
                lambdaMetric("IteratorAge", w.publisher(), "Maximum"), 300_000, notify);
        alarm("Api5xx", "The HTTP API answered 5xx.", apiMetric(w.api(), "5xx"), 5, notify);

        Dashboard.Builder.create(this, "Dashboard")
                .widgets(List.of(
                        List.of(graph("API requests and errors", apiMetric(w.api(), "Count"), apiMetric(w.api(), "4xx"),
                                        apiMetric(w.api(), "5xx")),
                                graph("API latency (p99, ms)", apiLatency(w.api()))),
                        List.of(graph("Movements queue: oldest message (s)",
                                        w.movements().metricApproximateAgeOfOldestMessage(minutes(1, "Maximum"))),
                                graph("Outbox iterator age (ms)", lambdaMetric("IteratorAge", w.publisher(), "Maximum"))),
                        List.of(graph("Function errors", w.processor().alias().metricErrors(minutes(5, "Sum")),
                                        w.publisher().alias().metricErrors(minutes(5, "Sum")),
                                        w.webhook().alias().metricErrors(minutes(5, "Sum")),
                                        w.reservations().alias().metricErrors(minutes(5, "Sum"))),
                                graph("Dead-letter queues", w.deadLetterQueues().stream()
                                        .map(q -> (IMetric) q.metricApproximateNumberOfMessagesVisible(minutes(1, "Maximum")))
                                        .toArray(IMetric[]::new)))))
                .build();
    }

    public Topic topic() {
        return topic;
    }

    private void alarm(String id, String description, IMetric metric, double threshold, SnsAction action) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
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
