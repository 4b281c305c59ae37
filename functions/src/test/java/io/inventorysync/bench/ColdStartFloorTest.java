package io.inventorysync.bench;

import io.inventorysync.settings.Settings;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cold-start benchmark's SDK floor is only as right as its two parts: the recorder (what a
 * function's first event calls) and the floor's requests (the same calls, nothing more). Against
 * DynamoDB Local, ElasticMQ and the Secrets Manager / EventBridge stubs.
 */
class ColdStartFloorTest {
    private static DynamoDbClient setUp;
    private static String table;
    private static String queueUrl;
    private static AwsJsonStubs stubs;

    @BeforeAll
    static void engines() {
        setUp = LocalDynamoDb.client();
        table = LocalDynamoDb.createTable(setUp);
        queueUrl = LocalSqs.client().createQueue(r -> r.queueName("floor-test-" + System.nanoTime())).queueUrl();
        stubs = new AwsJsonStubs();
        stubs.secrets.put(Settings.SOURCE_SECRET_PREFIX + "pos-bench", "whsec_floor");
    }

    @AfterAll
    static void stop() {
        stubs.close();
    }

    /** One client per service, each with {@code interceptor}, against the local engines. */
    private static Map<String, SdkClient> clients(ExecutionInterceptor interceptor) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        return Map.of(
                "dynamodb", LocalDynamoDb.clientWithoutSdkRetries(interceptor),
                "sqs", LocalSqs.client(interceptor),
                "secretsmanager", SecretsManagerClient.builder().endpointOverride(stubs.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor)).build(),
                "eventbridge", EventBridgeClient.builder().endpointOverride(stubs.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor)).build());
    }

    private static Map<String, String> env() {
        return Map.of("TABLE_NAME", table, "EVENT_BUS_NAME", "inventory", ColdStartChild.FLOOR_QUEUE_URL, queueUrl);
    }

    @Test
    void recorder_shouldRecordEachCallsServiceAndOperationInOrder_failedCallsAndEveryServiceIncluded() {
        List<String> recorded = new ArrayList<>();
        Map<String, SdkClient> c = clients(new ColdStartChild.Recorder(recorded));
        DynamoDbClient dynamo = (DynamoDbClient) c.get("dynamodb");
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("rec#1"), "SK", AttributeValue.fromS("x"));
        dynamo.query(r -> r.tableName(table).keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("rec#none"))));
        ((SecretsManagerClient) c.get("secretsmanager")).getSecretValue(r -> r.secretId(Settings.SOURCE_SECRET_PREFIX + "pos-bench"));
        dynamo.getItem(r -> r.tableName(table).key(key));
        dynamo.putItem(r -> r.tableName(table).item(key));
        // A claim that finds its item: the call fails, and is recorded all the same (the function made it).
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(key).conditionExpression("attribute_not_exists(PK)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        dynamo.transactWriteItems(r -> r.transactItems(t -> t.put(p -> p.tableName(table).item(
                Map.of("PK", AttributeValue.fromS("rec#2"), "SK", AttributeValue.fromS("x"))))));
        ((SqsClient) c.get("sqs")).sendMessage(r -> r.queueUrl(queueUrl).messageBody("rec"));
        ((EventBridgeClient) c.get("eventbridge")).putEvents(r -> r.entries(e -> e.eventBusName("inventory")
                .source("test").detailType("Test").detail("{}")));

        assertThat(recorded).containsExactly("dynamodb:Query", "secretsmanager:GetSecretValue", "dynamodb:GetItem",
                "dynamodb:PutItem", "dynamodb:PutItem", "dynamodb:TransactWriteItems", "sqs:SendMessage", "eventbridge:PutEvents");
        // The clients the floor builds are named as the calls are.
        assertThat(c.entrySet()).allSatisfy(e -> assertThat(ColdStartChild.Recorder.clientService(e.getValue())).isEqualTo(e.getKey()));
    }

    @Test
    void floor_shouldIssueExactlyTheRecordedOperations_inOrder_andTheyAllSucceed() {
        List<String> ops = List.of("dynamodb:Query", "secretsmanager:GetSecretValue", "dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:TransactWriteItems", "dynamodb:UpdateItem", "dynamodb:BatchGetItem", "dynamodb:GetItem",
                "sqs:SendMessage", "eventbridge:PutEvents", "dynamodb:PutItem");
        List<String> issued = new ArrayList<>();
        Map<String, SdkClient> c = clients(new ColdStartChild.Recorder(issued));
        long putEvents = stubs.putEventsCalls.get();
        long secretReads = stubs.getSecretValueCalls.get();

        ColdStartChild.FloorRequests.issue(ops, c::get, env(), "t1");

        assertThat(issued).isEqualTo(ops);
        // Minimal but real: the writes wrote their throwaway items (under bench-floor#), the send sent, the stubs answered.
        for (int n : new int[] {4, 5, 6, 11}) {
            assertThat(setUp.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                    "PK", AttributeValue.fromS("bench-floor#t1#" + n), "SK", AttributeValue.fromS("floor")))).hasItem())
                    .as("item of call %d", n).isTrue();
        }
        assertThat(LocalSqs.client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()).anySatisfy(m -> assertThat(m.body()).isEqualTo("bench-floor#t1#9"));
        assertThat(stubs.putEventsCalls.get() - putEvents).isEqualTo(1);
        assertThat(stubs.getSecretValueCalls.get() - secretReads).isEqualTo(1);
    }

    @Test
    void floor_shouldRefuseAnOperationItHasNoRequestFor_ratherThanLeaveItOut() {
        List<String> issued = new ArrayList<>();
        Map<String, SdkClient> c = clients(new ColdStartChild.Recorder(issued));
        assertThatThrownBy(() -> ColdStartChild.FloorRequests.issue(List.of("dynamodb:GetItem", "dynamodb:DescribeTable"),
                c::get, env(), "t2")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dynamodb:DescribeTable");
        assertThat(issued).containsExactly("dynamodb:GetItem");
    }

    @Test
    void aWarmChild_shouldPrintItsFirstEventsCallsOnly() throws Exception {
        // A real child JVM (the baseline, from the test class path): the recorder is a global interceptor
        // through the warm run's own directory on its class path; the floor's operations come from its stdout.
        setUp.putItem(r -> r.tableName(table).item(Map.of("PK", AttributeValue.fromS("STOCK#RES-SKU-1"),
                "SK", AttributeValue.fromS("LOC#web-dc"))));
        Map<String, String> env = new java.util.HashMap<>(Map.of("TABLE_NAME", table, "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL_DYNAMODB", LocalDynamoDb.endpoint().toString()));
        Path classPath = Path.of(System.getProperty("java.class.path"));
        System.setProperty("bench.warm", "3");
        System.setProperty("bench.warmup", "0");
        try {
            Map<String, String> warm = new java.util.LinkedHashMap<>();
            ColdStartBenchmark.runChild(ColdStartBenchmark.childClasses(), classPath, env, "baseline", "warm", "t3",
                    List.of("-D" + ColdStartChild.BASELINE_INIT_CALL + "=true"), warm);
            // One GetItem at the first event: neither the init's DescribeTable nor the three warm events' GetItems
            // after it (the line is printed after them) are recorded.
            assertThat(warm).containsEntry("ops", "dynamodb:GetItem").containsEntry("clients", "");
        } finally {
            System.clearProperty("bench.warm");
            System.clearProperty("bench.warmup");
        }
    }
}
