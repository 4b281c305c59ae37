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
        prod = Stacks.template(Stacks.Variant.PROD);
        dev = Stacks.template(Stacks.Variant.DEV);
    }

    @Test
    void table_shouldBeTheOneDefinitionOfTheStore() {
        // the stock-by-location index (completeFor) is among them, keys only; 4 of DynamoDB's 20 per table
        assertThat(InventoryTable.globalSecondaryIndexes()).hasSizeLessThanOrEqualTo(20)
                .anySatisfy(g -> {
                    assertThat(g.indexName()).isEqualTo(InventoryTable.STOCK_BY_LOCATION_INDEX);
                    assertThat(g.projection().projectionTypeAsString()).isEqualTo("KEYS_ONLY");
                });
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
                "DeduplicationScope", "messageGroup",
                "FifoThroughputLimit", "perMessageGroupId",
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
    void functions_shouldEachDeployTheirOwnJar() {
        // given: every function's code asset (CDK names an asset by the hash of its file)
        Map<String, Map<String, Object>> functions = prod.findResources("AWS::Lambda::Function");
        List<String> keys = functions.values().stream()
                .map(f -> String.valueOf(((Map<?, ?>) properties(f).get("Code")).get("S3Key"))).toList();
        // then: one package per jar its functions name (each holds only what its functions load; the
        // vendor adapter loads what the webhook loads and shares its jar)
        long jars = functions.values().stream().map(f -> String.valueOf(properties(f).get("Handler")))
                .map(h -> h.substring(h.lastIndexOf('.') + 1, h.indexOf("::")))
                .map(io.inventorysync.settings.Settings.FUNCTION_JARS::get).distinct().count();
        assertThat(keys).hasSize(functions.size());
        assertThat(keys.stream().distinct().count()).isEqualTo(jars).isEqualTo(functions.size() - 1);
    }

    @Test
    void functions_shouldRunJava25OnArmWithSnapStartBehindLiveAliases() {
        Map<String, Map<String, Object>> functions = prod.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Runtime", "java25")))));
        assertThat(functions).hasSize(12);
        prod.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"))));
        prod.resourceCountIs("AWS::Lambda::Alias", 12);
        prod.allResourcesProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
        // JIT tiering decided per function from the benchmarks (README, "JIT tiering"): the C1 cap on the
        // request/response functions and the publisher; the processor and the sweeper leave it to the runtime.
        List<String> capped = prod.findResources("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "JAVA_TOOL_OPTIONS", InventorySyncStack.C1_ONLY)))))))).values().stream()
                .map(f -> properties(f).get("Handler").toString().replaceAll(".*\\.(\\w+)Function::.*", "$1")).toList();
        assertThat(capped).containsExactlyInAnyOrder("Webhook", "Reservations", "SourceAdmin", "InventoryQuery",
                "ChangePublisher", "Snapshots", "VendorAdapter");
        List<String> uncapped = prod.findResources("AWS::Lambda::Function", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "JAVA_TOOL_OPTIONS", Match.absent())))))))).values().stream()
                .map(f -> properties(f).get("Handler").toString().replaceAll(".*\\.(\\w+)Function::.*", "$1")).toList();
        assertThat(uncapped).containsExactlyInAnyOrder("MovementProcessor", "HoldExpirySweeper", "Reconciler", "SquarePull",
                "IngestRelay");
        prod.allResourcesProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 365)));
        dev.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 14)));
    }

    @Test
    void triggers_shouldUseAliasesReportFailuresAndFilterTheStream() {
        Map<String, Map<String, Object>> mappings = prod.findResources("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(4).allSatisfy((id, mapping) -> assertThat(
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
                        "{\"dynamodb\":{\"NewImage\":{\"itemType\":{\"S\":[\"STOCK\",\"HOLD\",\"DRIFT\",\"CHANNEL\"]}}}}"))),
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
                "GET /v1/inventory/{sku}", "GET /v1/inventory/{sku}/locations/{locationId}",
                "GET /v1/inventory/{sku}/locations/{locationId}/ledger",
                "POST /v1/sources/{sourceId}/snapshots", "GET /v1/sources/{sourceId}/snapshots/{snapshotId}",
                "PUT /v1/admin/sources/{sourceId}", "GET /v1/admin/sources/{sourceId}",
                "POST /v1/admin/sources/{sourceId}/secrets", "GET /v1/channels/{channel}/availability/{sku}",
                "POST /v1/sources/{sourceId}/adapters/shopify", "POST /v1/sources/{sourceId}/adapters/square");
        routes.values().forEach(r -> {
            Map<String, Object> p = properties(r);
            String key = (String) p.get("RouteKey");
            boolean read = key.startsWith("GET /v1/inventory") || key.startsWith("GET /v1/channels")
                    || key.contains(" /v1/admin/");
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
    void grants_shouldGiveEachFunctionItsOwnTableCallsOnly() {
        for (Map<String, Object> policy : prod.findResources("AWS::IAM::Policy").values()) {
            for (Object statement : statements(policy)) {
                assertThat(actions(statement)).as(statement.toString()).noneMatch(a -> a.contains("*"))
                        .doesNotContain("dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:Scan");
            }
        }
        // The webhook only puts (request claims, receipts holding their events), reads sources and
        // queries event status: since the stream relays, nothing releases receipts, so no UpdateItem.
        assertThat(tableActions("Webhook")).containsExactlyInAnyOrderElementsOf(InventorySyncStack.WEBHOOK_TABLE_ACTIONS)
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem");
        assertThat(tableActions("MovementProcessor")).containsExactlyInAnyOrder(
                "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(tableActions("Reservations")).containsExactlyInAnyOrder(
                "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(tableActions("SourceAdmin")).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem");
        assertThat(tableActions("HoldExpirySweeper")).containsExactlyInAnyOrder(
                "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(tableActions("InventoryQuery")).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query");
        assertThat(tableActions("Snapshots")).containsExactlyInAnyOrder(
                "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(tableActions("Reconciler")).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:BatchGetItem",
                "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        // The processor and the reservations function query the ledger index only (the hold a sale
        // names, the storefronts), the sweeper the active-holds one only.
        assertThat(indexes("MovementProcessor")).containsExactly("/index/" + InventoryTable.LEDGER_BY_RECORD_INDEX);
        assertThat(indexes("Reservations")).containsExactly("/index/" + InventoryTable.LEDGER_BY_RECORD_INDEX);
        assertThat(indexes("Webhook")).isEmpty();
        // The ledger route and the reconciler (movements at asOf) read the ledger index only; snapshots none.
        assertThat(indexes("InventoryQuery")).containsExactly("/index/" + InventoryTable.LEDGER_BY_RECORD_INDEX);
        // The reconciler also walks the stock records of completeFor locations (StockByLocation).
        assertThat(indexes("Reconciler")).containsExactlyInAnyOrder("/index/" + InventoryTable.LEDGER_BY_RECORD_INDEX,
                "/index/" + InventoryTable.STOCK_BY_LOCATION_INDEX);
        assertThat(indexes("Snapshots")).isEmpty();
        // The publisher reads a SKU's partition and stores channels' numbers (a channel has a pool as shipped):
        // besides its stream, Query and PutItem, never an update of a level.
        assertThat(tableActions("ChangePublisher")).containsAll(InventorySyncStack.PUBLISHER_TABLE_ACTIONS)
                .doesNotContain("dynamodb:UpdateItem", "dynamodb:GetItem");
        // The sweeper reads the active holds only (no outbox index any more).
        assertThat(indexes("HoldExpirySweeper")).containsExactly("/index/" + InventoryTable.ACTIVE_HOLDS_INDEX);
        assertThat(prod.toJSON().toString()).doesNotContain("/index/*").doesNotContain("whsec_");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> environment(String handler) {
        return prod.findResources("AWS::Lambda::Function").values().stream()
                .filter(f -> properties(f).get("Handler").toString().contains("." + handler + "::"))
                .map(f -> (Map<String, Object>) ((Map<String, Object>) properties(f).get("Environment")).get("Variables"))
                .findFirst().orElseThrow();
    }

    private static Object indexArn(Capture index) {
        return Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Inventory.*"), "Arn")), index)));
    }

    @Test
    void ingestRelay_shouldBeTheOnlySender_fromTheStreamsReceipts_withLeastPrivilegeAndAlarms() {
        // Its mapping: the receipts holding an event (the shared filter), from the stream's start,
        // retried (bisecting) with no retry cap until just under the stream's 24 h, then reported to its
        // failure queue (a retry cap would give up on a record that SQS refuses for a few hours).
        Map<String, Object> mapping = prod.findResources("AWS::Lambda::EventSourceMapping").values().stream()
                .map(InventorySyncStackTest::properties)
                .filter(p -> p.get("FunctionName").toString().contains("IngestRelay")).findFirst().orElseThrow();
        assertThat(mapping.get("EventSourceArn").toString()).contains("StreamArn");
        assertThat(mapping).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BisectBatchOnFunctionError", true)
                .containsEntry("BatchSize", io.inventorysync.settings.Settings.INGEST_RELAY_BATCH_SIZE)
                .containsEntry("MaximumRecordAgeInSeconds", (int) io.inventorysync.settings.Settings.INGEST_RELAY_MAX_RECORD_AGE.toSeconds())
                .containsEntry("StartingPosition", "TRIM_HORIZON")
                .containsEntry("FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern",
                        "{\"dynamodb\":{\"NewImage\":{\"itemType\":{\"S\":[\"RECEIPT\"]},\"queuedEvent\":{\"S\":[{\"exists\":true}]}}}}"))));
        String failures = mapping.get("DestinationConfig").toString();
        assertThat(failures).contains("OnFailure").contains("IngestRelayFailures");
        assertThat(mapping).doesNotContainKey("MaximumRetryAttempts");
        assertThat(io.inventorysync.settings.Settings.INGEST_RELAY_MAX_RECORD_AGE)
                .isLessThan(java.time.Duration.ofHours(24)).isGreaterThanOrEqualTo(java.time.Duration.ofHours(23));
        // Its memory and timeout: the largest request (9,800 movements) is relayed in one invocation.
        prod.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.inventorysync.functions.IngestRelayFunction::handleRequest",
                "MemorySize", io.inventorysync.settings.Settings.INGEST_RELAY_MEMORY_MB,
                "Timeout", (int) io.inventorysync.settings.Settings.INGEST_RELAY_TIMEOUT.toSeconds())));
        // Least privilege: the stream (via its mapping), sending to the movements queue and its DLQ, and one
        // table write: UpdateItem of a parked event's receipt (its refusal), on the table and on event
        // partitions (MOVE#...) only: no read, no put, no delete, no index.
        Object queueUrl = environment("IngestRelayFunction").get("MOVEMENTS_QUEUE_URL");
        assertThat(environment("IngestRelayFunction")).containsOnlyKeys("MOVEMENTS_QUEUE_URL", "MOVEMENTS_DLQ_URL", "TABLE_NAME");
        assertThat(tableActions("IngestRelay")).containsExactlyInAnyOrder("dynamodb:DescribeStream",
                "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams", "dynamodb:UpdateItem");
        List<Object> relayTableWrites = policiesOf(prod, "IngestRelay").stream().<Object>flatMap(p -> statements(p).stream())
                .filter(st -> actions(st).contains("dynamodb:UpdateItem")).toList();
        assertThat(relayTableWrites).singleElement().satisfies(st -> {
            assertThat(actions(st)).containsExactly("dynamodb:UpdateItem");
            // one resource, the table itself (not a list with an index, not a wildcard)
            assertThat(((Map<?, ?>) st).get("Resource")).isInstanceOfSatisfying(Map.class, r -> assertThat(r.toString())
                    .matches("\\{Fn::GetAtt=\\[Inventory\\w*, Arn\\]\\}"));
            assertThat(((Map<?, ?>) st).get("Condition")).isEqualTo(Map.of(
                    "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("MOVE#*")),
                    // MOVE# holds the ledger's LINE# entries too: only the key and the refusal may be named
                    "ForAllValues:StringEquals", Map.of("dynamodb:Attributes",
                            List.of("PK", "SK", "relayRefusal", "relayRefusedAt", "relayRefusedLines")),
                    "StringEqualsIfExists", Map.of("dynamodb:ReturnValues", "NONE")));
        });
        List<String> relayActions = policiesOf(prod, "IngestRelay").stream().flatMap(p -> statements(p).stream())
                .flatMap(st -> actions(st).stream()).distinct().toList();
        assertThat(relayActions).allMatch(a -> a.startsWith("dynamodb:") || a.startsWith("sqs:") || a.startsWith("logs:"))
                .contains("sqs:SendMessage").noneMatch(a -> a.equals("sqs:ReceiveMessage") || a.equals("sqs:DeleteMessage"));
        String queueId = (String) ((Map<?, ?>) queueUrl).get("Ref");
        prod.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("IngestRelayRole.*"))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", Match.arrayWith(List.of("sqs:SendMessage")),
                        "Resource", Map.of("Fn::GetAtt", List.of(queueId, "Arn"))))))))));
        // Nobody else sends movements: the webhook, the adapters and the sweeper have no queue and no sqs: grant.
        for (String other : List.of("Webhook", "VendorAdapter", "SquarePull", "HoldExpirySweeper")) {
            assertThat(policiesOf(prod, other).stream().flatMap(p -> statements(p).stream()).flatMap(st -> actions(st).stream()))
                    .as(other).noneMatch(a -> a.startsWith("sqs:"));
        }
        for (String handler : List.of("WebhookFunction", "VendorAdapterFunction", "HoldExpirySweeperFunction")) {
            assertThat(environment(handler)).as(handler).doesNotContainKey("MOVEMENTS_QUEUE_URL");
        }
        // No outbox index on the table any more.
        assertThat(prod.toJSON().toString()).doesNotContain("HeldEventsByAge").doesNotContain("OldestHeldEventAge");
        // Alarms: the relay falling behind (iterator age over 5 minutes), its errors, its failure queue.
        prod.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "InventorySync-prod-IngestRelayIteratorAge",
                "Namespace", "AWS/Lambda",
                "MetricName", "IteratorAge",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Resource", "Value", Map.of("Fn::Join", List.of("",
                        List.of(Map.of("Ref", Match.stringLikeRegexp("IngestRelay.*")), ":live")))))),
                "Threshold", 300_000)));
        prod.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "InventorySync-prod-IngestRelayErrors", "MetricName", "Errors")));
        prod.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "InventorySync-prod-IngestRelayFailuresNotEmpty")));
        // End to end: events accepted (webhook + vendor adapter + Square pull) and none relayed in 2 of the last 6
        // five-minute periods. It must not rest on the relay's own Lambda metrics, which stop when its mapping is
        // disabled; one such period is not enough (an event accepted at a period's end is relayed in the next:
        // the boundary false alarm), two within 30 minutes are only made by a relay that relays nothing.
        Map<String, Object> notRelayed = prod.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(InventorySyncStackTest::properties)
                .filter(p -> "InventorySync-prod-IngestNotRelayed".equals(p.get("AlarmName"))).findFirst().orElseThrow();
        assertThat(notRelayed).containsEntry("ComparisonOperator", "GreaterThanThreshold").containsEntry("Threshold", 0)
                .containsEntry("EvaluationPeriods", 6).containsEntry("DatapointsToAlarm", 2)
                .containsEntry("TreatMissingData", "notBreaching").doesNotContainKey("MetricName");
        assertThat(notRelayed.get("AlarmActions").toString()).isNotEmpty();
        List<?> queries = (List<?>) notRelayed.get("Metrics");
        String math = queries.toString();
        assertThat(math).contains("IF((FILL(webhook, 0) + FILL(adapter, 0) + FILL(pull, 0)) > 0 AND FILL(relayed, 0) == 0, 1, 0)");
        for (String[] metric : List.of(new String[] {"webhook", "EventsAccepted", "Webhook"},
                new String[] {"adapter", "EventsAccepted", "VendorAdapter"},
                new String[] {"pull", "EventsAccepted", "SquarePull"},
                new String[] {"relayed", "EventsRelayed", "IngestRelay"})) {
            Map<?, ?> query = queries.stream().map(q -> (Map<?, ?>) q).filter(q -> metric[0].equals(q.get("Id")))
                    .findFirst().orElseThrow();
            assertThat(query.get("MetricStat")).isEqualTo(Map.of(
                    "Metric", Map.of("Namespace", "InventorySync", "MetricName", metric[1],
                            "Dimensions", List.of(Map.of("Name", "Function", "Value", metric[2]))),
                    "Period", 300, "Stat", "Sum"));
            assertThat(query.get("ReturnData")).isEqualTo(false);
        }
    }

    @Test
    void stack_shouldCarryNoPerSourceState_andReadOnlyItsStagesSecrets() {
        // No secret per source: SourceAdmin creates them, so no later deploy can delete or orphan one.
        prod.resourceCountIs("AWS::SecretsManager::Secret", 0);
        dev.resourceCountIs("AWS::SecretsManager::Secret", 0);
        assertThat(secretResources(prod, "Webhook")).containsExactly(":secret:inventory-sync/prod/sources/*");
        assertThat(secretResources(dev, "Webhook")).containsExactly(":secret:inventory-sync/dev/sources/*");
        assertThat(secretResources(prod, "Snapshots")).containsExactly(":secret:inventory-sync/prod/sources/*");
        // Storefronts are data (canReserve), so the reservations function reads the stage's prefix too.
        assertThat(secretResources(prod, "Reservations")).containsExactly(":secret:inventory-sync/prod/sources/*");
        assertThat(prod.toJSON().toString()).doesNotContain("RESERVATION_SOURCES");
        // The vendor adapters read source secrets (the vendors' signing keys) and vendor tokens only.
        for (String vendorFunction : List.of("VendorAdapter", "SquarePull")) {
            assertThat(secretResources(prod, vendorFunction)).containsExactlyInAnyOrder(
                    ":secret:inventory-sync/prod/sources/*", ":secret:" + io.inventorysync.settings.Settings.VENDOR_SECRET_PREFIX + "*");
            assertThat(tableActions(vendorFunction)).containsExactlyInAnyOrderElementsOf(InventorySyncStack.ADAPTER_TABLE_ACTIONS);
        }
        assertThat(prod.findOutputs("SourceSecretPrefix").values().iterator().next())
                .containsEntry("Value", "inventory-sync/prod/sources/");
    }

    @Test
    void dynamicReferences_shouldAllResolveToWhatTheStackCreates_whenShipped() {
        // The shipped configuration needs no secret made by hand: the first deploy cannot fail on one.
        assertThat(DynamicReferences.in(prod.toJSON())).isEmpty();
        assertThat(DynamicReferences.in(dev.toJSON())).isEmpty();
    }

    @Test
    void bus_shouldHaveAnArchiveAndOneRulePerChannelEachWithRetryAndDlq() {
        ChannelsConfig channels = ChannelsConfig.load(Stacks.infraDir().resolve("channels.json"));
        prod.resourceCountIs("AWS::Events::EventBus", 1);
        prod.resourceCountIs("AWS::Events::Archive", 1);
        // aws-cdk's empty KmsKeyIdentifier is removed: the archive uses the AWS-owned key.
        prod.hasResourceProperties("AWS::Events::Archive", Match.objectLike(Map.of(
                "KmsKeyIdentifier", Match.absent(),
                "RetentionDays", 365)));
        Map<String, Map<String, Object>> channelRules = prod.findResources("AWS::Events::Rule",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("EventPattern", Match.anyValue())))));
        Map<String, Map<String, Object>> archiveRule = new java.util.HashMap<>(channelRules);
        archiveRule.values().removeIf(r -> ((String) properties(r).getOrDefault("Description", "")).startsWith("channel "));
        // one rule per pattern: its detail-types, and its own number when it has a pool
        assertThat(channelRules.size() - archiveRule.size())
                .isEqualTo(channels.channels().stream().mapToInt(c -> c.eventPatterns().size()).sum());
        for (var channel : channels.channels()) {
            channel.availabilityPattern().ifPresent(pattern -> prod.hasResourceProperties("AWS::Events::Rule",
                    Match.objectLike(Map.of(
                            "EventPattern", Map.of("source", List.of("inventory"),
                                    "detail-type", List.of("ChannelAvailabilityChanged"),
                                    "detail", Map.of("channel", List.of(channel.name()))),
                            "Targets", List.of(Match.objectLike(Map.of(
                                    "RetryPolicy", Map.of("MaximumRetryAttempts", channel.retry().maximumRetryAttempts(),
                                            "MaximumEventAgeInSeconds", channel.retry().maximumEventAgeSeconds()),
                                    "DeadLetterConfig", Map.of("Arn", Match.anyValue()))))))));
        }
        // the functions get the pools from the same file: the publisher computes them, the read API answers them
        String pools = io.inventorysync.channels.ChannelPools.toJson(channels);
        for (String function : List.of("ChangePublisher", "InventoryQuery")) {
            prod.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", Match.stringLikeRegexp(".*" + function + "Function::handleRequest"),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            io.inventorysync.settings.Settings.CHANNEL_POOLS, pools))))));
        }
        for (var channel : channels.channels()) {
            prod.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                    "Description", "channel " + channel.name(),
                    "Targets", List.of(Match.objectLike(Map.of(
                            "RetryPolicy", Map.of("MaximumRetryAttempts", channel.retry().maximumRetryAttempts(),
                                    "MaximumEventAgeInSeconds", channel.retry().maximumEventAgeSeconds()),
                            "DeadLetterConfig", Map.of("Arn", Match.anyValue())))))));
        }
        // As shipped, no channel calls an endpoint (the HTTPS one is in channels.example.json: ChannelRulesTest).
        prod.resourceCountIs("AWS::Events::ApiDestination", 0);
        prod.resourceCountIs("AWS::Events::Connection", 0);
    }

    @Test
    void reconciliation_shouldRunFromItsQueueWithADlq_sizedForAThousandParts_andAlarmOnFailuresAndBacklog() {
        // the queue: visibility six times the reconciler's 15 minutes, a DLQ after 5 receives
        prod.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "VisibilityTimeout", (int) io.inventorysync.settings.Settings.RECONCILE_VISIBILITY_TIMEOUT.toSeconds(),
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount",
                        io.inventorysync.settings.Settings.RECONCILE_MAX_RECEIVE_COUNT,
                        "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ReconcileDeadLetters.*"), "Arn")))))));
        // the snapshots function knows the channels' pools (CHANNEL_AVAILABLE of a channel without one: 404),
        // the same as the read route's
        assertThat(environment("SnapshotsFunction")).containsKey("CHANNEL_POOLS")
                .containsEntry("CHANNEL_POOLS", environment("InventoryQueryFunction").get("CHANNEL_POOLS"));
        // the function: Lambda's longest run, one snapshot per invocation, failures reported per message
        prod.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.inventorysync.functions.ReconcilerFunction::handleRequest", "Timeout", 900,
                "MemorySize", 2048)));
        prod.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ReconcileRequests.*"), "Arn")),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"), "BatchSize", 1,
                "ScalingConfig", Map.of("MaximumConcurrency", 2))));
        // alarms: failures, backlog, and the DLQ's first message
        for (String alarm : List.of("ReconcilerErrors", "ReconcileBacklog", "ReconcileDeadLettersNotEmpty")) {
            prod.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "AlarmName", "InventorySync-prod-" + alarm)));
        }
        // the reconciler reads the ledger index (recent entries, the as-of proof); nothing may Scan
        prod.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("ReconcilerRole.*"))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", Match.arrayWith(List.of("dynamodb:BatchGetItem")),
                        "Resource", Match.arrayWith(List.of(Map.of("Fn::Join", List.of("", List.of(
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Inventory.*"), "Arn")),
                                "/index/" + InventoryTable.LEDGER_BY_RECORD_INDEX)))))))))))));
    }

    @Test
    void alarms_shouldWatchEveryDlqAndTheKeyFiguresAndNotify() {
        // the movements and reconcile queues and the channel queues are not dead-letter queues
        int deadLetterQueues = prod.findResources("AWS::SQS::Queue").size() - 4;
        Map<String, Map<String, Object>> alarms = prod.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms.values().stream().filter(a -> "ApproximateNumberOfMessagesVisible"
                .equals(properties(a).get("MetricName")))).hasSize(deadLetterQueues);
        List<String> metrics = alarms.values().stream().map(a -> (String) properties(a).get("MetricName")).toList();
        assertThat(metrics).contains("Errors", "ApproximateAgeOfOldestMessage", "IteratorAge", "5xx",
                "ChannelAvailabilityFailures");
        prod.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", Match.stringLikeRegexp("^InventorySync-prod-.+"),
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("MonitoringAlarms.*"))))));
        prod.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void alarms_shouldCoverSweeperErrorsAndThrottlesOfEveryFunctionAndTheTable() {
        // The sweeper: holds are never released while it fails.
        prod.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "InventorySync-prod-SweeperErrors",
                "MetricName", "Errors",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Resource", "Value", Map.of("Fn::Join", List.of("",
                        List.of(Map.of("Ref", Match.stringLikeRegexp("HoldExpirySweeper.*")), ":live")))))))));
        // Throttles: alarms summing each function's (alias) Throttles, every function in one of them and none
        // over CloudWatch's 10 metrics per alarm; and one alarm on the table's and its indexes'.
        List<Map<String, Object>> functionThrottles = prod.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> properties(a))
                .filter(p -> String.valueOf(p.get("AlarmName")).startsWith("InventorySync-prod-FunctionThrottles"))
                .toList();
        assertThat(functionThrottles).isNotEmpty();
        int summed = 0;
        for (Map<String, Object> alarm : functionThrottles) {
            List<?> metrics = (List<?>) alarm.get("Metrics");
            assertThat(metrics).hasSizeLessThanOrEqualTo(10);
            summed += (int) metrics.stream().map(Object::toString).filter(m -> m.contains("MetricName=Throttles")).count();
        }
        assertThat(summed).isEqualTo(prod.findResources("AWS::Lambda::Function").size());
        // The table's and its three indexes' throttles: 8 metrics, one alarm (at most 9 + the expression)
        Capture table = new Capture();
        prod.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "InventorySync-prod-TableThrottles", "Metrics", table)));
        assertThat(table.asArray()).hasSizeLessThanOrEqualTo(10);
        assertThat(prod.findResources("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("Properties", Match.objectLike(
                Map.of("AlarmName", "InventorySync-prod-TableThrottles2")))))).isEmpty();
        String tableMetrics = table.asArray().toString();
        assertThat(tableMetrics).contains("ReadThrottleEvents", "WriteThrottleEvents", "AWS/DynamoDB");
        for (var index : InventoryTable.globalSecondaryIndexes()) {
            assertThat(tableMetrics).contains(index.indexName());
        }
    }

    @Test
    void alarmTopic_shouldBeEncryptedWithAKeyCloudWatchMayUse_andLetCloudWatchPublish() {
        Capture key = new Capture();
        prod.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn")))));
        assertThat(key.asString()).startsWith("MonitoringAlarmsKey");
        Object conditions = Match.objectLike(Map.of(
                "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                "ArnLike", Map.of("aws:SourceArn", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        ":alarm:InventorySync-prod-*")))))));
        Object cloudWatchUsesTheKey = Match.objectLike(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                "Condition", conditions));
        prod.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of(
                "EnableKeyRotation", true,
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(cloudWatchUsesTheKey))))));
        prod.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Resource", Map.of("Ref", Match.stringLikeRegexp("MonitoringAlarms.*")),
                        "Condition", conditions))))))));
    }

    @Test
    void outputs_shouldGiveWhatAnOperatorNeeds() {
        assertThat(prod.findOutputs("*").keySet()).contains("ApiUrl", "EventBusName", "EventBusArn", "TableName",
                "SourceSecretPrefix", "AlarmTopicArn", "ChannelQueuewebstorefront", "ChannelQueueanalytics",
                "MovementsQueueArn", "MovementsDeadLetterQueueUrl", "MovementsDeadLetterQueueArn",
                "PublisherFailuresQueueUrl", "ChannelQueueArnwebstorefront", "ChannelConsumerDeadLettersArnwebstorefront",
                "ChannelDeadLettersUrlwebstorefront");
    }

    @Test
    void settings_shouldSayToBuildFirst_whenTheFunctionJarIsMissing() {
        assertThatThrownBy(() -> new StackSettings(StackSettings.Stage.DEV, Path.of("no/such/functions.jar"),
                ChannelsConfig.load(Stacks.infraDir().resolve("channels.json")), false))
                .hasMessageContaining("mvn package");
    }

    @Test
    void adminFunction_shouldAloneWriteSourceItemsAndSecretValues_underItsStagesPrefix() {
        // given: every statement of every role
        Map<String, List<String>> secretWriters = new java.util.TreeMap<>();
        for (String name : List.of("Webhook", "MovementProcessor", "Reservations", "InventoryQuery", "HoldExpirySweeper",
                "ChangePublisher", "SourceAdmin")) {
            List<String> writes = policiesOf(prod, name).stream().flatMap(p -> statements(p).stream())
                    .flatMap(st -> actions(st).stream())
                    .filter(a -> a.equals("secretsmanager:PutSecretValue") || a.equals("secretsmanager:CreateSecret"))
                    .toList();
            if (!writes.isEmpty()) {
                secretWriters.put(name, writes);
            }
        }
        // then: only the admin function creates secrets and puts values, only under the stage's prefix
        assertThat(secretWriters).containsOnlyKeys("SourceAdmin");
        assertThat(secretWriters.get("SourceAdmin")).containsExactlyInAnyOrder("secretsmanager:CreateSecret",
                "secretsmanager:PutSecretValue");
        assertThat(secretResources(prod, "SourceAdmin")).containsExactly(":secret:inventory-sync/prod/sources/*");
        // its table writes are limited to source items (SOURCE#... partitions)
        prod.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("SourceAdminRole.*"))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("dynamodb:GetItem", "dynamodb:PutItem"),
                        "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("SOURCE#*")))))))))));
        // the stage's prefix reaches the function, so the secrets it creates are the ones the others may read
        prod.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.inventorysync.functions.SourceAdminFunction::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "SOURCE_SECRET_PREFIX", "inventory-sync/prod/sources/"))))));
    }

    /** The index suffixes ({@code /index/...}) the role of function {@code name} may use. */
    private static List<String> indexes(String name) {
        return policiesOf(prod, name).stream().flatMap(p -> statements(p).stream())
                .flatMap(st -> {
                    Object resource = ((Map<?, ?>) st).get("Resource");
                    return (resource instanceof List<?> l ? l : List.of(resource)).stream();
                })
                .filter(r -> r instanceof Map<?, ?> m && m.containsKey("Fn::Join"))
                .map(r -> ((List<?>) ((List<?>) ((Map<?, ?>) r).get("Fn::Join")).get(1)))
                .map(parts -> parts.get(parts.size() - 1).toString())
                .filter(last -> last.startsWith("/index/")).toList();
    }

    /** Every dynamodb: action the role of function {@code name} is allowed, across its policies. */
    private static List<String> tableActions(String name) {
        return policiesOf(prod, name).stream().flatMap(p -> statements(p).stream()).flatMap(st -> actions(st).stream())
                .filter(a -> a.startsWith("dynamodb:")).distinct().toList();
    }

    /** The literal tail of each Secrets Manager resource the role of {@code name} may read. */
    private static List<String> secretResources(Template template, String name) {
        return policiesOf(template, name).stream().flatMap(p -> statements(p).stream())
                .filter(st -> actions(st).contains("secretsmanager:GetSecretValue"))
                .flatMap(st -> {
                    Object resource = ((Map<?, ?>) st).get("Resource");
                    return (resource instanceof List<?> l ? l : List.of(resource)).stream();
                })
                .map(r -> {
                    List<?> parts = (List<?>) ((List<?>) ((Map<?, ?>) r).get("Fn::Join")).get(1);
                    String last = parts.get(parts.size() - 1).toString();
                    return last.substring(last.indexOf(":secret:"));
                }).toList();
    }

    private static List<Map<String, Object>> policiesOf(Template template, String name) {
        return List.copyOf(template.findResources("AWS::IAM::Policy", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", Match.stringLikeRegexp(name + "Role.*")))))))).values());
    }

    private static List<?> statements(Map<String, Object> policy) {
        return (List<?>) ((Map<?, ?>) properties(policy).get("PolicyDocument")).get("Statement");
    }

    private static List<String> actions(Object statement) {
        Object actions = ((Map<?, ?>) statement).get("Action");
        return (actions instanceof List<?> l ? l : List.of(actions)).stream().map(Object::toString).toList();
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
