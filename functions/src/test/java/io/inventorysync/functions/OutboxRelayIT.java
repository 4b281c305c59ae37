package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.inventorysync.domain.Source;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.ingest.OutboxRelay;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.LedgerEntry;
import io.inventorysync.store.QueueOutbox;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, item 6: a failure while sending never leaves part of a request applied. On DynamoDB
 * Local and ElasticMQ, SQS goes down at every batch position of a 100-event request (and stays
 * down for the rest of it); the request is still accepted whole, what was not sent stays in the
 * outbox, and once the relay has run every movement is applied exactly once. A refused request,
 * and one whose durable write fails, leave nothing anywhere.
 */
class OutboxRelayIT {
    private static final String POS = "pos-relay";
    private static final int EVENTS = 100;
    private static final int SKUS = 10;

    private final SqsOutage outage = new SqsOutage();
    private final AtomicBoolean dynamoDown = new AtomicBoolean();
    private IngestPipeline pipeline;
    private SqsClient faultySqs;
    private String secret;
    private WebhookFunction webhook;
    private OutboxRelay relay;
    private MovementProcessorFunction processor;

    @BeforeEach
    void setUp() {
        faultySqs = LocalSqs.client(outage);
        pipeline = new IngestPipeline(LocalDynamoDb.clientWithoutSdkRetries(new DynamoDbOutage(dynamoDown)), faultySqs,
                Clock.systemUTC());
        secret = pipeline.register(POS, Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        // Four lanes, as deployed: the outage hits whichever lanes send after it starts.
        SqsMovementQueue queue = new SqsMovementQueue(faultySqs, pipeline.queues.url(), Duration.ofMillis(1), 4,
                Clock.systemUTC());
        webhook = new WebhookFunction(new IngestService(pipeline.sources, pipeline.signingSecrets, pipeline.store, queue,
                Clock.systemUTC()));
        relay = new OutboxRelay(pipeline.store, queue, Clock.systemUTC(), Duration.ZERO);
        processor = new MovementProcessorFunction(new MovementProcessor(pipeline.store,
                new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), Clock.systemUTC()));
    }

    @Test
    void postEvents_shouldApplyEveryMovementOnce_whenSqsFailsAtAnyBatchPositionAndTheRelayRuns() {
        // 100 movements over four lanes are 10 to 13 batch calls: past the last, SQS never fails
        for (int position = 0; position <= 14; position++) {
            // given: SQS fails from the position-th batch call on
            String location = "store-" + position;
            String body = request("p" + position, location);
            outage.failFromCall(position);

            // when
            int status = post(body);
            int queuedBeforeRelay = pipeline.queueDepth(pipeline.queues.url());
            List<QueueOutbox.HeldEvent> held = pipeline.store.held(Instant.now().plusSeconds(1))
                    .filter(h -> h.event().event().locationId().equals(location)).toList();
            outage.recover();
            OutboxRelay.Result relayed = relay.run(() -> Long.MAX_VALUE, Telemetry.start("test"));
            drain();

            // then: accepted whole; what was not queued was held, and the relay sent it
            assertThat(status).as("position " + position).isEqualTo(202);
            assertThat(held.size()).as("position %d: every event not queued is held, and only those", position)
                    .isEqualTo(EVENTS - queuedBeforeRelay);
            assertThat(relayed.relayed()).isEqualTo(held.size());
            assertThat(relayed.stillHeld()).isZero();
            assertAppliedOnce(location);
            assertThat(pipeline.store.held(Instant.MAX)).isEmpty();
        }
        assertThat(pipeline.queueDepth(pipeline.queues.deadLetterUrl())).isZero();
    }

    @Test
    void postEvents_shouldBeAnsweredAsTheSameAcceptedRequest_whenTheAnswerWasLostAndTheSenderRetries() {
        // given: a request accepted while SQS failed half way; its 202 never reached the sender
        String body = request("lost", "store-lost");
        Map<String, String> headers = Signer.headers(secret, body);
        outage.failFromCall(EVENTS / 20);
        assertThat(webhook.handleRequest(IngestPipeline.post(POS, body, headers), null).getStatusCode()).isEqualTo(202);
        outage.recover();

        // when: the sender retries the same delivery (same webhook-id), before the relay has run
        var retry = webhook.handleRequest(IngestPipeline.post(POS, body, headers), null);
        relay.run(() -> Long.MAX_VALUE, Telemetry.start("test"));
        drain();

        // then
        assertThat(retry.getStatusCode()).isEqualTo(202);
        assertThat(retry.getBody()).contains("\"eventId\":\"lost-0\"").contains("\"eventId\":\"lost-99\"");
        assertAppliedOnce("store-lost");
        assertThat(pipeline.store.held(Instant.MAX)).isEmpty();
    }

    @Test
    void postEvents_shouldApplyNothing_whenEventOneIsNewAndEventTwoReusesAnIdWithAnotherBody() {
        // given
        String first = "{\"eventId\":\"rival-2\",\"type\":\"RECEIPT\",\"occurredAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"locationId\":\"store-rival\",\"lines\":[{\"sku\":\"S-1\",\"quantity\":1}]}";
        assertThat(post(first)).isEqualTo(202);
        drain();

        // when: event 1 is new, event 2 is rival-2 with another quantity
        String body = "{\"events\":[" + first.replace("rival-2", "rival-1").replace("S-1", "S-9") + ","
                + first.replace("\"quantity\":1", "\"quantity\":5") + "]}";
        int status = post(body);
        relay.run(() -> Long.MAX_VALUE, Telemetry.start("test"));
        drain();

        // then: nothing of the refused request is recorded, held, queued or applied
        assertThat(status).isEqualTo(409);
        assertThat(pipeline.store.receipt(POS, "rival-1")).isEmpty();
        assertThat(pipeline.store.level("S-9", "store-rival")).isEmpty();
        assertThat(pipeline.store.level("S-1", "store-rival").orElseThrow().onHand()).isEqualTo(1);
        assertThat(pipeline.store.held(Instant.MAX)).isEmpty();
    }

    @Test
    void postEvents_shouldQueueAndHoldNothing_whenTheDurableWriteFails() {
        // given
        String body = request("down", "store-down");
        dynamoDown.set(true);

        // when
        int status = post(body);
        dynamoDown.set(false);
        relay.run(() -> Long.MAX_VALUE, Telemetry.start("test"));

        // then: 503, and retrying the same request unchanged is safe
        assertThat(status).isEqualTo(503);
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();
        assertThat(pipeline.store.receipt(POS, "down-0")).isEmpty();
        assertThat(pipeline.store.held(Instant.MAX)).isEmpty();
        assertThat(post(body)).isEqualTo(202);
        drain();
        assertAppliedOnce("store-down");
    }

    /** 100 one-line receipts at {@code location}, over 10 SKUs: event i receives i + 1 units of S-(i % 10). */
    private static String request(String prefix, String location) {
        StringBuilder b = new StringBuilder("{\"events\":[");
        String at = Instant.now().minusSeconds(60).toString();
        for (int i = 0; i < EVENTS; i++) {
            b.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(prefix).append('-').append(i)
                    .append("\",\"type\":\"RECEIPT\",\"occurredAt\":\"").append(at).append("\",\"locationId\":\"")
                    .append(location).append("\",\"lines\":[{\"sku\":\"S-").append(i % SKUS)
                    .append("\",\"quantity\":").append(i + 1).append("}]}");
        }
        return b.append("]}").toString();
    }

    private void assertAppliedOnce(String location) {
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            expected.merge("S-" + (i % SKUS), (long) i + 1, Long::sum);
        }
        expected.forEach((sku, onHand) -> {
            var level = pipeline.store.level(sku, location).orElseThrow();
            assertThat(level.onHand()).as(sku + " @ " + location).isEqualTo(onHand);
            assertThat(level.version()).as(sku + " @ " + location + ": one change per movement").isEqualTo(EVENTS / SKUS);
            assertThat(pipeline.store.ledger(sku, location)).extracting(LedgerEntry::eventId).doesNotHaveDuplicates()
                    .hasSize(EVENTS / SKUS);
        });
        String anyEvent = pipeline.store.ledger("S-0", location).getFirst().eventId();
        assertThat(pipeline.store.eventStatus(POS, anyEvent)).map(EventStatus::status).contains(EventStatus.Status.APPLIED);
    }

    private int post(String body) {
        APIGatewayV2HTTPEvent request = IngestPipeline.post(POS, body, Signer.headers(secret, body));
        return webhook.handleRequest(request, null).getStatusCode();
    }

    private void drain() {
        pipeline.drain(10, e -> processor.handleRequest(e, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    /** SQS that fails every {@code SendMessageBatch} from the n-th call on, until it recovers. */
    private static final class SqsOutage implements ExecutionInterceptor {
        private final AtomicInteger calls = new AtomicInteger();
        private volatile int failFrom = Integer.MAX_VALUE;

        void failFromCall(int n) {
            calls.set(0);
            failFrom = n;
        }

        void recover() {
            failFrom = Integer.MAX_VALUE;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest && calls.getAndIncrement() >= failFrom) {
                throw SqsException.builder().statusCode(503).message("injected: unavailable")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable")
                                .errorMessage("injected").serviceName("Sqs").build()).build();
            }
        }
    }

    /**
     * DynamoDB that refuses the receipts' transaction while down (the store retries, then gives up);
     * the request id's one-item claim still passes.
     */
    private record DynamoDbOutage(AtomicBoolean down) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (down.get() && context.request() instanceof TransactWriteItemsRequest tx && tx.transactItems().size() > 1) {
                throw DynamoDbException.builder().statusCode(500).message("injected: unavailable")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError")
                                .errorMessage("injected").serviceName("DynamoDb").build()).build();
            }
        }
    }
}
