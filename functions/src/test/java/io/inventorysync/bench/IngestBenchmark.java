package io.inventorysync.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Source;
import io.inventorysync.functions.Handlers;
import io.inventorysync.http.Json;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Signer;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The ingest path in process, on DynamoDB Local and ElasticMQ:
 * <ul>
 *   <li>webhook handler latency per single-line event (signature check, validation, receipt,
 *       enqueue), p50 and p99;</li>
 *   <li>processor throughput (movements applied per second through the handler, messages already
 *       received) against the floor: the same transactions pre-built and issued with the SDK.</li>
 * </ul>
 * Run: {@code mvn -B -q -pl functions -am test-compile exec:exec@bench -Dexec.skip -Dexec.executable=true} (optional {@code -Dbench.events=N}).
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    public static void main(String[] args) {
        int events = Integer.getInteger("bench.events", 2_000);
        IngestPipeline pipeline = new IngestPipeline(LocalDynamoDb.clientWithoutSdkRetries(), LocalSqs.client(),
                Clock.systemUTC());
        String secret = pipeline.register("pos-bench", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        var webhook = Handlers.webhook(new IngestService(pipeline.sources, pipeline.signingSecrets, pipeline.store,
                Clock.systemUTC()));
        var processor = Handlers.processor(new MovementProcessor(pipeline.store,
                new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), Clock.systemUTC()));

        // Warm-up, then the measured run: each event is signed before the clock starts.
        post(webhook, signed(secret, "warm", events / 4));
        drain(pipeline, processor);
        List<APIGatewayV2HTTPEvent> requests = signed(secret, "bench", events);
        long[] latencies = post(webhook, requests);
        Arrays.sort(latencies);

        List<List<Message>> batches = receiveAll(pipeline);
        long start = System.nanoTime();
        for (List<Message> batch : batches) {
            SQSBatchResponse response = processor.handleRequest(io.inventorysync.functions.SqsEvents.of(batch), null);
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("benchmark batch had failures");
            }
        }
        double processorRate = events / ((System.nanoTime() - start) / 1e9);

        List<TransactWriteItemsRequest> raw = rawTransactions(
                DynamoDbInventoryStore.builder().dynamoDbClient(pipeline.dynamo).tableName(pipeline.table).build(), batches);
        start = System.nanoTime();
        raw.forEach(pipeline.dynamo::transactWriteItems);
        double floorRate = events / ((System.nanoTime() - start) / 1e9);

        System.out.printf("%nIngest benchmark: %d single-line events, DynamoDB Local + ElasticMQ in-process, JDK %s, %d cores%n",
                events, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf("| webhook handler per event, p50 (ms) | %.2f |%n", latencies[latencies.length / 2] / 1e6);
        System.out.printf("| webhook handler per event, p99 (ms) | %.2f |%n", latencies[(int) (latencies.length * 0.99)] / 1e6);
        System.out.printf("| processor, movements/s (batches of 10) | %.0f |%n", processorRate);
        System.out.printf("| raw TransactWriteItems floor, movements/s | %.0f |%n", floorRate);
        System.out.printf("| ratio processor / floor (target >= 0.80) | %.2f |%n", processorRate / floorRate);
        System.exit(0);
    }

    private static List<APIGatewayV2HTTPEvent> signed(String secret, String prefix, int count) {
        List<APIGatewayV2HTTPEvent> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String body = "{\"eventId\":\"" + prefix + "-" + i + "\",\"type\":\"" + (i % 4 == 0 ? "RECEIPT" : "SALE")
                    + "\",\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\",\"locationId\":\"store-" + (i % 5)
                    + "\",\"lines\":[{\"sku\":\"SKU-" + (i % 200) + "\",\"quantity\":" + (1 + i % 3) + "}]}";
            requests.add(IngestPipeline.post("pos-bench", body, Signer.headers(secret, body)));
        }
        return requests;
    }

    private static long[] post(com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent,
            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse> webhook, List<APIGatewayV2HTTPEvent> requests) {
        long[] latencies = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            long t = System.nanoTime();
            int status = webhook.handleRequest(requests.get(i), null).getStatusCode();
            latencies[i] = System.nanoTime() - t;
            if (status != 202) {
                throw new IllegalStateException("benchmark event refused: " + status);
            }
        }
        return latencies;
    }

    private static void drain(IngestPipeline pipeline,
                              com.amazonaws.services.lambda.runtime.RequestHandler<com.amazonaws.services.lambda.runtime.events.SQSEvent, SQSBatchResponse> processor) {
        pipeline.drain(10, e -> processor.handleRequest(e, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    /** Receives (and deletes) every message, so the processor's timing holds no queue I/O. */
    private static List<List<Message>> receiveAll(IngestPipeline pipeline) {
        List<List<Message>> batches = new ArrayList<>();
        while (true) {
            List<Message> batch = pipeline.sqs.receiveMessage(r -> r.queueUrl(pipeline.queues.url()).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return batches;
            }
            batch.forEach(m -> pipeline.sqs.deleteMessage(r -> r.queueUrl(pipeline.queues.url()).receiptHandle(m.receiptHandle())));
            batches.add(batch);
        }
    }

    /** The same movements, as the store would write them, under other event ids (so they apply). */
    private static List<TransactWriteItemsRequest> rawTransactions(DynamoDbInventoryStore store,
                                                                    List<List<Message>> batches) {
        List<TransactWriteItemsRequest> requests = new ArrayList<>();
        for (List<Message> batch : batches) {
            for (Message message : batch) {
                Movement m;
                try {
                    MovementMessage msg = Json.MAPPER.readValue(message.body(), MovementMessage.class);
                    m = new MovementMessage(msg.v(), msg.sourceId(), "raw-" + msg.eventId(), msg.lineNo(), msg.leg(),
                            msg.type(), msg.sku(), msg.sourceSku(), msg.locationId(), msg.quantity(), msg.condition(),
                            msg.occurredAt(), msg.reference(), msg.reservationId(), msg.counterpartLocationId(),
                            msg.reason(), msg.from(), msg.to(), msg.reasonCode(), msg.receivedAt()).toMovement();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                requests.add(store.transactionOf(m));
            }
        }
        return requests;
    }
}
