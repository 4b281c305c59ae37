package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.LedgerEntry;
import io.inventorysync.store.ReservationResult;
import io.inventorysync.store.StoreException;
import io.inventorysync.store.TransientFailures;
import io.inventorysync.testing.FaultInjector;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Samples;
import io.inventorysync.testing.Signer;
import io.inventorysync.testing.SqsFaults;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole ingest path (webhook, the table's stream, the relay, SQS, the processor) with throttling
 * injected into DynamoDB (including lost responses) and into SQS (throttled and partially failed
 * batches, on the relay's sends): every sample still ends at its exact level, with nothing lost and
 * nothing applied twice.
 */
class IngestFaultsIT {

    @Test
    void samples_shouldEndExact_whenDynamoDbAndSqsAreThrottled() {
        // given
        FaultInjector dynamoFaults = new FaultInjector(11, 0.20, 0.05);
        SqsFaults sqsFaults = new SqsFaults(13, 0.20, 0.20);
        DynamoDbClient faultyDynamo = LocalDynamoDb.clientWithoutSdkRetries(dynamoFaults);
        SqsClient faultySqs = LocalSqs.client(sqsFaults);
        IngestPipeline pipeline = new IngestPipeline(faultyDynamo, faultySqs, Clock.systemUTC());
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(faultyDynamo).tableName(pipeline.table)
                .transientFailures(new TransientFailures(3, Duration.ofMillis(1), Duration.ofMillis(4))).build();
        dynamoFaults.enabled(false);
        String secret = pipeline.register("pos-acme", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        dynamoFaults.enabled(true);
        WebhookFunction webhook = new WebhookFunction(new IngestService(pipeline.sources, pipeline.signingSecrets,
                store, Clock.systemUTC()));
        MovementProcessorFunction processor = new MovementProcessorFunction(new MovementProcessor(store,
                new SqsPoisonQueue(faultySqs, pipeline.queues.deadLetterUrl()), Clock.systemUTC()));

        // when: every sample posted until accepted (a sender retries 5xx), then drained
        for (Path sample : Samples.inbound()) {
            if (sample.getFileName().toString().startsWith("09-")) {
                placeHold(store);
            }
            String body = Samples.read(sample);
            int status = 0;
            for (int attempt = 0; attempt < 20 && status != 202; attempt++) {
                status = webhook.handleRequest(IngestPipeline.post("pos-acme", body, Signer.headers(secret, body)), null)
                        .getStatusCode();
                assertThat(status).as(sample + ": only retryable failures").isIn(202, 503);
            }
            assertThat(status).as(sample.toString()).isEqualTo(202);
            // What SQS still refused after the relay's retries is delivered again from its record.
            assertThat(pipeline.relay.deliverUntilDone(20)).as(sample + ": everything relayed").isTrue();
            pipeline.drain(10, e -> processor.handleRequest(e, null).getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        }

        // then
        dynamoFaults.enabled(false);
        assertThat(dynamoFaults.injected()).isPositive();
        assertThat(sqsFaults.injected()).isPositive();
        assertLevel(store, "BLU-SHIRT-M", "store-12", 13, 5);
        assertLevel(store, "RED-SOCK", "store-12", 7, 4);
        assertLevel(store, "BLU-SHIRT-M", "web-dc", 4, 4);
        assertThat(store.ledger("RED-SOCK", "store-12")).extracting(LedgerEntry::eventId).doesNotHaveDuplicates();
        assertThat(pipeline.queueDepth(pipeline.queues.deadLetterUrl())).isZero();
    }

    /** The storefront retries its hold until the store answers, as it would a 503. */
    private static void placeHold(InventoryStore store) {
        ReservationRequest hold = new ReservationRequest("chk-9f2", "shop-web", "web-dc", 900,
                List.of(new ReservationLine("BLU-SHIRT-M", 1)));
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                assertThat(store.reserve(hold)).isInstanceOf(ReservationResult.Held.class);
                return;
            } catch (StoreException e) {
                assertThat(e.isRetryable()).isTrue();
            }
        }
        throw new AssertionError("hold never placed");
    }

    private static void assertLevel(InventoryStore store, String sku, String location, long onHand, long version) {
        StockLevel level = store.level(sku, location).orElseThrow();
        assertThat(level.onHand()).as(sku + " @ " + location).isEqualTo(onHand);
        assertThat(level.version()).as(sku + " @ " + location + " version").isEqualTo(version);
    }
}
