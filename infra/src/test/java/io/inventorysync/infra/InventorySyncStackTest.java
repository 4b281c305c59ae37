package io.inventorysync.infra;

import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.store.InventoryTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The synthesized template, asserted by intent (what is wired to what), not by logical ids. */
class InventorySyncStackTest {
    private static Template prod;
    private static Template dev;

    @BeforeAll
    static void synthesizeOnce() {
        prod = Template.fromStack(Stacks.synthesize(StackSettings.Stage.PROD));
        dev = Template.fromStack(Stacks.synthesize(StackSettings.Stage.DEV));
    }

    @Test
    void table_shouldBeTheOneDefinitionOfTheStore() {
        // then: keys and indexes exactly as InventoryTable (which the store's tests create)
        Map<String, Map<String, Object>> tables = prod.findResources("AWS::DynamoDB::Table");
        assertThat(tables).hasSize(1);
        Map<String, Object> props = properties(tables.values().iterator().next());
        assertThat(keys(props.get("KeySchema"))).isEqualTo(InventoryTable.keySchema().stream()
                .map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList());
        List<String> indexes = new ArrayList<>();
        for (Object index : (List<?>) props.get("GlobalSecondaryIndexes")) {
            Map<?, ?> gsi = (Map<?, ?>) index;
            indexes.add(gsi.get("IndexName") + " " + keys(gsi.get("KeySchema")) + " "
                    + ((Map<?, ?>) gsi.get("Projection")).get("ProjectionType"));
        }
        assertThat(indexes).containsExactlyInAnyOrderElementsOf(InventoryTable.globalSecondaryIndexes().stream()
                .map(g -> g.indexName() + " " + keys(g.keySchema().stream().map(k -> Map.of("AttributeName",
                        k.attributeName(), "KeyType", k.keyTypeAsString())).toList()) + " "
                        + g.projection().projectionTypeAsString()).toList());
        prod.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "TimeToLiveSpecification", Map.of("AttributeName", InventoryTable.TTL_ATTRIBUTE, "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "DeletionProtectionEnabled", true));
        prod.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
        dev.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete"));
    }

    @Test
    void movementsQueue_shouldBeFifoWithDlqSseAndSslOnly() {
        Capture dlq = new Capture();
        prod.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "FifoQueue", true,
                "ContentBasedDeduplication", false,
                "SqsManagedSseEnabled", true,
                "VisibilityTimeout", 180,
                "RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(dlq, "Arn")),
                        "maxReceiveCount", MovementQueues.MAX_RECEIVE_COUNT))));
        assertThat(dlq.asString()).startsWith("MovementsDeadLetters");
        prod.hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void functions_shouldRunJava25OnArmWithSnapStartBehindLiveAliases() {
        Map<String, Map<String, Object>> functions = prod.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Runtime", "java25")))));
        assertThat(functions).hasSize(6);
        prod.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"))));
        prod.resourceCountIs("AWS::Lambda::Alias", 6);
        prod.allResourcesProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
        prod.allResourcesProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 365)));
        dev.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 14)));
    }

    @Test
    void triggers_shouldUseAliasesReportFailuresAndFilterTheStream() {
        Map<String, Map<String, Object>> mappings = prod.findResources("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(2).allSatisfy((id, mapping) -> assertThat(
                properties(mapping).get("FunctionName").toString()).as("the trigger calls the live alias").contains(":live"));
        prod.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Movements.*"), "Arn")),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BatchSize", 10,
                "ScalingConfig", Map.of("MaximumConcurrency", 20))));
        prod.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Inventory.*"), "StreamArn")),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", 10,
                "MaximumRecordAgeInSeconds", 86_400,
                "StartingPosition", "TRIM_HORIZON",
                "FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern",
                        "{\"dynamodb\":{\"NewImage\":{\"itemType\":{\"S\":[\"STOCK\",\"HOLD\"]}}}}"))),
                "DestinationConfig", Match.objectLike(Map.of("OnFailure", Match.anyValue())))));
        prod.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 minute)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                        Match.stringLikeRegexp("HoldExpirySweeperLive.*"))))))));
    }

    @Test
    void api_shouldRouteContractV1ToAliasesWithIamOnReadsAccessLogsAndThrottling() {
        Map<String, Map<String, Object>> routes = prod.findResources("AWS::ApiGatewayV2::Route");
        List<String> keys = routes.values().stream().map(r -> (String) properties(r).get("RouteKey")).toList();
        assertThat(keys).containsExactlyInAnyOrder(
                "POST /v1/sources/{sourceId}/events", "GET /v1/sources/{sourceId}/events/{eventId}",
                "POST /v1/reservations", "GET /v1/reservations/{reservationId}",
                "POST /v1/reservations/{reservationId}/commit", "POST /v1/reservations/{reservationId}/release",
                "POST /v1/reservations/{reservationId}/fulfil", "POST /v1/reservations/{reservationId}/cancel",
                "GET /v1/inventory/{sku}", "GET /v1/inventory/{sku}/locations/{locationId}");
        routes.values().forEach(r -> {
            Map<String, Object> p = properties(r);
            boolean read = ((String) p.get("RouteKey")).startsWith("GET /v1/inventory");
            assertThat(p.get("AuthorizationType")).as((String) p.get("RouteKey")).isEqualTo(read ? "AWS_IAM" : "NONE");
        });
        prod.allResourcesProperties("AWS::ApiGatewayV2::Integration", Match.objectLike(Map.of(
                "PayloadFormatVersion", "2.0",
                "IntegrationUri", Map.of("Ref", Match.stringLikeRegexp(".*Live.*")))));
        prod.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "AccessLogSettings", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
                "DefaultRouteSettings", Map.of("ThrottlingBurstLimit", 500, "ThrottlingRateLimit", 200))));
    }

    @Test
    void grants_shouldBeScopedAndHaveNoWildcardActions() {
        for (Map<String, Object> policy : prod.findResources("AWS::IAM::Policy").values()) {
            for (Object statement : (List<?>) ((Map<?, ?>) properties(policy).get("PolicyDocument")).get("Statement")) {
                Object actions = ((Map<?, ?>) statement).get("Action");
                List<?> list = actions instanceof List<?> l ? l : List.of(actions);
                assertThat(list).as(statement.toString()).noneMatch(a -> a.toString().contains("*"));
            }
        }
        // The read API's function may only read.
        var readTable = Match.objectLike(Map.of(
                "Action", Match.arrayWith(List.of("dynamodb:Query", "dynamodb:GetItem")),
                "Resource", Match.arrayWith(List.of(Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("Inventory.*"), "Arn"))))));
        prod.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("InventoryQueryRole.*"))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(readTable))))));
        Map<String, Map<String, Object>> queryPolicies = prod.findResources("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref",
                        Match.stringLikeRegexp("InventoryQueryRole.*"))))))));
        assertThat(queryPolicies.toString()).doesNotContain("dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem");
        assertThat(prod.toJSON().toString()).doesNotContain("whsec_");
    }

    @Test
    void sourceSecrets_shouldBeCreatedPerSourceWithoutAnyKeyInTheTemplate() {
        prod.resourceCountIs("AWS::SecretsManager::Secret", 2);
        prod.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "Name", InventorySyncStack.SOURCE_SECRETS_PREFIX + "pos-acme",
                "GenerateSecretString", Match.objectLike(Map.of("PasswordLength", 32)))));
        prod.allResourcesProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "SecretString", Match.absent())));
    }

    @Test
    void bus_shouldHaveAnArchiveAndOneRulePerChannelEachWithRetryAndDlq() {
        ChannelsConfig channels = ChannelsConfig.load(Stacks.infraDir().resolve("channels.json"));
        prod.resourceCountIs("AWS::Events::EventBus", 1);
        prod.resourceCountIs("AWS::Events::Archive", 1);
        Map<String, Map<String, Object>> channelRules = prod.findResources("AWS::Events::Rule",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("EventPattern", Match.anyValue())))));
        Map<String, Map<String, Object>> archiveRule = new java.util.HashMap<>(channelRules);
        archiveRule.values().removeIf(r -> ((String) properties(r).getOrDefault("Description", "")).startsWith("channel "));
        assertThat(channelRules.size() - archiveRule.size()).isEqualTo(channels.channels().size());
        for (var channel : channels.channels()) {
            prod.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                    "Description", "channel " + channel.name(),
                    "Targets", List.of(Match.objectLike(Map.of(
                            "RetryPolicy", Map.of("MaximumRetryAttempts", channel.retry().maximumRetryAttempts(),
                                    "MaximumEventAgeInSeconds", channel.retry().maximumEventAgeSeconds()),
                            "DeadLetterConfig", Map.of("Arn", Match.anyValue())))))));
        }
        prod.resourceCountIs("AWS::Events::ApiDestination", 1);
        prod.hasResourceProperties("AWS::Events::Connection", Match.objectLike(Map.of("AuthorizationType", "API_KEY")));
    }

    @Test
    void alarms_shouldWatchEveryDlqAndTheKeyFiguresAndNotify() {
        int deadLetterQueues = prod.findResources("AWS::SQS::Queue").size() - 3;
        Map<String, Map<String, Object>> alarms = prod.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms.values().stream().filter(a -> "ApproximateNumberOfMessagesVisible"
                .equals(properties(a).get("MetricName")))).hasSize(deadLetterQueues);
        List<String> metrics = alarms.values().stream().map(a -> (String) properties(a).get("MetricName")).toList();
        assertThat(metrics).contains("Errors", "ApproximateAgeOfOldestMessage", "IteratorAge", "5xx");
        prod.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("MonitoringAlarms.*"))))));
        prod.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void outputs_shouldGiveWhatAnOperatorNeeds() {
        assertThat(prod.findOutputs("*").keySet()).contains("ApiUrl", "EventBusName", "EventBusArn", "TableName",
                "AlarmTopicArn", "ChannelQueuewebstorefront", "ChannelQueueanalytics", "MovementsDeadLetterQueueUrl");
    }

    @Test
    void settings_shouldSayToBuildFirst_whenTheFunctionJarIsMissing() {
        assertThatThrownBy(() -> new StackSettings(StackSettings.Stage.DEV, Path.of("no/such/functions.jar"),
                ChannelsConfig.load(Stacks.infraDir().resolve("channels.json")), List.of(), List.of("shop-web"), false))
                .hasMessageContaining("mvn package");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static List<String> keys(Object keySchema) {
        return ((List<?>) keySchema).stream().map(k -> ((Map<?, ?>) k).get("AttributeName") + ":"
                + ((Map<?, ?>) k).get("KeyType")).toList();
    }
}
