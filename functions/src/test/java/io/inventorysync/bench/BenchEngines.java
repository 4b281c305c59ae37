package io.inventorysync.bench;

import io.inventorysync.domain.EventValidator;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.Validated;
import io.inventorysync.http.Json;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Signer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local engines a benchmark's functions run against, started once in the benchmark's JVM:
 * DynamoDB Local (server mode) with the table, ElasticMQ with the movements queue and its DLQ,
 * the Secrets Manager and EventBridge stubs; two registered sources ({@code pos-bench}, a POS,
 * and {@code shop-bench}, a storefront) and stock to reserve ({@code RES-SKU-0..49} at
 * {@code web-dc}). {@link #environment()} is a function's environment, with Lambda's names.
 */
final class BenchEngines {
    final DynamoDbClient dynamo = LocalDynamoDb.client();
    final String table = LocalDynamoDb.createTable(dynamo);
    final LocalSqs.FifoQueues queues = LocalSqs.createMovementQueues(LocalSqs.client(), Settings.MOVEMENTS_MAX_RECEIVE_COUNT);
    final AwsJsonStubs stubs = new AwsJsonStubs();
    final DynamoDbInventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).build();
    final String posSecret = register("pos-bench");
    final String shopSecret = register("shop-bench");

    BenchEngines(int stockPerSku) {
        for (int i = 0; i < 50; i++) {
            for (Movement m : movements("{\"eventId\":\"seed-" + i + "\",\"type\":\"RECEIPT\",\"occurredAt\":\""
                    + Instant.now().minusSeconds(3600) + "\",\"locationId\":\"web-dc\",\"lines\":[{\"sku\":\"RES-SKU-" + i
                    + "\",\"quantity\":" + stockPerSku + "}]}")) {
                store.apply(m);
            }
        }
    }

    private String register(String sourceId) {
        String secret = Signer.newSecret();
        stubs.secrets.put(Settings.SOURCE_SECRET_PREFIX + sourceId, secret);
        new DynamoDbSourceRegistry(dynamo, table).register(new Source(sourceId, Settings.SOURCE_SECRET_PREFIX + sourceId,
                Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withCanReserve(sourceId.startsWith("shop-")));
        return secret;
    }

    /** Lambda's environment variable names and the SDK's standard ones, pointing at the local engines. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(Settings.TABLE_NAME, table);
        env.put(Settings.MOVEMENTS_QUEUE_URL, queues.url());
        env.put(Settings.MOVEMENTS_DLQ_URL, queues.deadLetterUrl());
        env.put(Settings.EVENT_BUS_NAME, "inventory");
        env.put(Environment.AWS_REGION, "us-east-1");
        env.put(Environment.AWS_ACCESS_KEY_ID, "local");
        env.put(Environment.AWS_SECRET_ACCESS_KEY, "local");
        env.put(Environment.AWS_ENDPOINT_URL_DYNAMODB, LocalDynamoDb.endpoint().toString());
        env.put(Environment.AWS_ENDPOINT_URL_SQS, LocalSqs.endpoint().toString());
        env.put(Environment.AWS_ENDPOINT_URL_EVENTBRIDGE, stubs.endpoint().toString());
        env.put(Environment.AWS_ENDPOINT_URL_SECRETS_MANAGER, stubs.endpoint().toString());
        return env;
    }

    /** The movements of one event given as JSON, validated as the webhook validates it. */
    static List<Movement> movements(String json) {
        try {
            Validated<InventoryEvent> event = new EventValidator(Clock.systemUTC()).validate(Json.MAPPER.readValue(json, Object.class), "");
            if (!(event instanceof Validated.Valid<InventoryEvent> valid)) {
                throw new IllegalArgumentException("invalid benchmark event: " + event);
            }
            return Movements.of("pos-bench", valid.value());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
