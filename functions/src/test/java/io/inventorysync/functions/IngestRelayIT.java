package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Source;
import io.inventorysync.ingest.IngestRelay;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.OutboxEvent;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest relay on the table's real stream (DynamoDB Local) and the movements queue (ElasticMQ):
 * the webhook writes and answers, the relay sends, the processor applies. How it fails: the
 * function dying after the durable write, SQS failing for a whole delivery, a sender's retry, the
 * largest request.
 */
class IngestRelayIT {
    private static final String SALE = "{\"eventId\":\"till-1\",\"type\":\"SALE\",\"occurredAt\":\"%s\","
            + "\"locationId\":\"store-12\",\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":2}]}";

    /** Fails every {@code SendMessageBatch} while {@link #failing} is positive, counting it down. */
    private static final class SqsOutage implements ExecutionInterceptor {
        final AtomicInteger failing = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest && failing.getAndDecrement() > 0) {
                throw SqsException.builder().statusCode(503).message("injected outage").build();
            }
        }
    }

    /**
     * Makes SQS itself refuse, as malformed, the entries of {@code SendMessageBatch} whose SKU is in {@link #skus}:
     * their body gets U+FFFE, which SQS refuses (a failed entry, {@code SenderFault}) while taking the others.
     */
    private static final class SqsRefusal implements ExecutionInterceptor {
        final java.util.Set<String> skus = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public software.amazon.awssdk.core.SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest r && !skus.isEmpty()) {
                return r.toBuilder().entries(r.entries().stream().map(e -> {
                    var sku = e.messageAttributes().get(io.inventorysync.movements.SqsMovementQueue.ATTR_SKU);
                    return sku != null && skus.contains(sku.stringValue())
                            ? e.toBuilder().messageBody(e.messageBody() + "\uFFFE").build() : e;
                }).toList()).build();
            }
            return context.request();
        }
    }

    private final SqsOutage outage = new SqsOutage();
    private final SqsRefusal refusal = new SqsRefusal();
    private final IngestPipeline pipeline = new IngestPipeline(LocalDynamoDb.client(), LocalSqs.client(outage, refusal),
            Clock.systemUTC());
    private final String secret = pipeline.register("pos-acme", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
    private final WebhookFunction webhook = new WebhookFunction(new IngestService(pipeline.sources, pipeline.signingSecrets,
            pipeline.store, Clock.systemUTC()));
    private final MovementProcessorFunction processor = new MovementProcessorFunction(new MovementProcessor(pipeline.store,
            new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), Clock.systemUTC()));

    private int post(String body) {
        return webhook.handleRequest(IngestPipeline.post("pos-acme", body, Signer.headers(secret, body)), null).getStatusCode();
    }

    private void drain() {
        pipeline.drain(10, e -> processor.handleRequest(e, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void anAcceptedRequest_shouldBeRelayedFromTheStream_andAppliedOnce_thoughTheWebhookSentNothing() {
        // given: the webhook answered and its container died (it never calls SQS anyway)
        String sale = String.format(SALE, Instant.now().minusSeconds(60));
        assertThat(post(sale)).isEqualTo(202);
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();
        assertThat(pipeline.store.eventStatus("pos-acme", "till-1")).map(EventStatus::status).contains(EventStatus.Status.QUEUED);

        // when: the relay reads the stream, the processor applies
        drain();

        // then
        assertThat(pipeline.store.level("BLU-SHIRT-M", "store-12").orElseThrow().onHand()).isEqualTo(-2);
        assertThat(pipeline.store.eventStatus("pos-acme", "till-1")).map(EventStatus::status).contains(EventStatus.Status.APPLIED);
    }

    @Test
    void aDeliveryThatSqsFails_shouldBeDeliveredAgainFromItsRecord_andTheRetriedRequestAppliedOnce() {
        // given: SQS down for every attempt of the relay's first delivery (5 attempts a batch)
        String sale = String.format(SALE, Instant.now().minusSeconds(60));
        String other = sale.replace("till-1", "till-2").replace("BLU-SHIRT-M", "RED-SOCK");
        assertThat(post(sale)).isEqualTo(202);
        assertThat(post(other)).isEqualTo(202);
        outage.failing.set(10);

        // when: the first delivery fails; the sender (its answer lost) retries till-1; the stream delivers again
        boolean firstDelivery = pipeline.relay.deliver();
        assertThat(post(sale)).as("the same answer to a retry").isEqualTo(202);
        drain();

        // then: the failure named the first record; nothing lost, nothing applied twice
        assertThat(firstDelivery).isFalse();
        assertThat(pipeline.relay.results().getFirst().failedAt()).isPresent();
        assertThat(pipeline.store.level("BLU-SHIRT-M", "store-12").orElseThrow().onHand()).isEqualTo(-2);
        assertThat(pipeline.store.level("RED-SOCK", "store-12").orElseThrow().onHand()).isEqualTo(-2);
        assertThat(pipeline.store.ledger("BLU-SHIRT-M", "store-12")).hasSize(1);
        assertThat(pipeline.queueDepth(pipeline.queues.deadLetterUrl())).isZero();
    }

    @Test
    void theLargestRequest_shouldBeRelayedWhole_fromTheRealStreamRecords() {
        // given: 100 events of 100 lines, each line its own SKU, accepted in one transaction
        List<OutboxEvent> events = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(60);
        for (int e = 0; e < 100; e++) {
            List<EventLine> lines = new ArrayList<>();
            for (int l = 0; l < 100; l++) {
                lines.add(new EventLine("SKU-" + l, 1));
            }
            InventoryEvent event = new InventoryEvent("big-" + e, ChangeType.RECEIPT, at, "store-" + (e % 7), lines,
                    null, null, null, null, null, null);
            events.add(new OutboxEvent(new EventReceipt("pos-acme", "big-" + e, "fp-" + e, 100, Instant.now()), event));
        }
        long written = System.nanoTime();
        assertThat(pipeline.store.recordReceipts(events, "token")).isEmpty();

        // when
        long start = System.nanoTime();
        pipeline.relay();
        long millis = (System.nanoTime() - start) / 1_000_000;

        // then: every movement is in the queue, nothing failed (the source's own record is ignored)
        assertThat(pipeline.relay.results()).allSatisfy(r -> assertThat(r.failedAt()).isEmpty());
        assertThat(pipeline.relay.results().stream().mapToInt(IngestRelay.Result::relayed).sum()).isEqualTo(100);
        assertThat(pipeline.relay.results().stream().mapToInt(IngestRelay.Result::movementsQueued).sum()).isEqualTo(10_000);
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(10_000);
        System.out.printf("largest request: written in %,d ms, relayed (10,000 movements) in %,d ms%n",
                (start - written) / 1_000_000, millis);
    }

    @Test
    void aRivalBody_shouldBeRefused_andNothingOfItRelayed() {
        // given
        String sale = String.format(SALE, Instant.now().minusSeconds(60));
        assertThat(post(sale)).isEqualTo(202);
        drain();

        // when: the same id with another body
        assertThat(post(sale.replace("\"quantity\":2", "\"quantity\":9"))).isEqualTo(409);
        pipeline.relay();

        // then
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();
        assertThat(pipeline.relay.results().stream().mapToInt(IngestRelay.Result::relayed).sum()).isEqualTo(1);
        assertThat(pipeline.store.level("BLU-SHIRT-M", "store-12").orElseThrow().onHand()).isEqualTo(-2);
    }

    @Test
    void aHeldEventWithACharacterSqsRefuses_shouldBeParkedInTheDeadLetterQueue_andTheNextRecordStillRelayed() {
        // given: a held event whose SKU has U+FFFE (SQS refuses it in a body and in an attribute), then a good one
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        IngestRelay relay = new IngestRelay(new io.inventorysync.movements.SqsMovementQueue(pipeline.sqs, pipeline.queues.url(),
                java.time.Duration.ofMillis(2), io.inventorysync.settings.Settings.QUEUE_SEND_LANES, Clock.systemUTC()),
                new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), pipeline.store::recordRelayRefusal,
                Clock.systemUTC());
        OutboxEvent bad = held("odd-1", "BAD\uFFFESKU", now);
        OutboxEvent good = held("good-1", "BLU-SHIRT-M", now);
        assertThat(pipeline.store.recordReceipts(List.of(bad, good), "t1")).isEmpty();

        // when
        IngestRelay.Result result = relay.relay(List.of(
                new IngestRelay.Change("100", Map.of(), io.inventorysync.store.StreamImages.heldReceiptImage(
                        new io.inventorysync.store.HeldEvent(bad, "t1"))),
                new IngestRelay.Change("101", Map.of(), io.inventorysync.store.StreamImages.heldReceiptImage(
                        new io.inventorysync.store.HeldEvent(good, "t1")))),
                Instant.now().plusSeconds(30), io.inventorysync.telemetry.Telemetry.discarded());

        // then: parked (not blocking the shard), the next record relayed
        assertThat(result.failedAt()).as("poison never blocks the records behind it").isEmpty();
        assertThat(result.parked()).isEqualTo(1);
        assertThat(result.relayed()).isEqualTo(1);
        var parked = pipeline.sqs.receiveMessage(r -> r.queueUrl(pipeline.queues.deadLetterUrl()).maxNumberOfMessages(10)
                .messageAttributeNames("All").waitTimeSeconds(0)).messages();
        assertThat(parked).hasSize(1);
        var message = parked.getFirst();
        assertThat(message.messageAttributes().get(IngestRelay.POISON_BODY_ENCODING).stringValue()).isEqualTo("base64");
        assertThat(message.messageAttributes().get("eventId").stringValue()).isEqualTo("odd-1");
        assertThat(message.messageAttributes().get("rejectionReason").stringValue()).startsWith("REFUSED_BY_QUEUE");
        assertThat(message.messageAttributes().values()).allSatisfy(v -> assertThat(v.stringValue()).isNotEmpty());
        String text = new String(java.util.Base64.getDecoder().decode(message.body()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("BAD\uFFFESKU").contains("odd-1");
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(1);
        // and its status says it was refused, with the stable code (not QUEUED for ever); the good one is queued
        assertThat(pipeline.store.eventStatus("pos-acme", "odd-1")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.REJECTED);
            assertThat(st.reason()).isEqualTo(IngestRelay.REFUSED_BY_QUEUE);
        });
        assertThat(pipeline.store.eventStatus("pos-acme", "good-1")).map(EventStatus::status).contains(EventStatus.Status.QUEUED);
    }

    @Test
    void aPoisonRecordParkedTwice_shouldBeRecordedOnce_andAStatusAlreadyAppliedNeverOverwritten() {
        // given: two held events SQS refuses; the second's movement was applied before (say, by an earlier
        // send under another encoding) so its status is APPLIED
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        IngestRelay relay = new IngestRelay(new io.inventorysync.movements.SqsMovementQueue(pipeline.sqs, pipeline.queues.url(),
                java.time.Duration.ofMillis(2), io.inventorysync.settings.Settings.QUEUE_SEND_LANES, Clock.systemUTC()),
                new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), pipeline.store::recordRelayRefusal,
                Clock.systemUTC());
        OutboxEvent twice = held("odd-2", "BAD\uFFFESKU", now);
        OutboxEvent applied = held("odd-3", "BAD\uFFFEOTHER", now);
        assertThat(pipeline.store.recordReceipts(List.of(twice, applied), "t1")).isEmpty();
        pipeline.store.apply(applied.movements().getFirst());
        assertThat(pipeline.store.eventStatus("pos-acme", "odd-3")).map(EventStatus::status).contains(EventStatus.Status.APPLIED);
        var records = List.of(
                new IngestRelay.Change("200", Map.of(), io.inventorysync.store.StreamImages.heldReceiptImage(
                        new io.inventorysync.store.HeldEvent(twice, "t1"))),
                new IngestRelay.Change("201", Map.of(), io.inventorysync.store.StreamImages.heldReceiptImage(
                        new io.inventorysync.store.HeldEvent(applied, "t1"))));

        // when: delivered, then delivered again (Lambda retrying the batch)
        IngestRelay.Result first = relay.relay(records, Instant.now().plusSeconds(30), io.inventorysync.telemetry.Telemetry.discarded());
        String refusedAt = refusedAt("odd-2");
        IngestRelay.Result again = relay.relay(records, Instant.now().plusSeconds(30), io.inventorysync.telemetry.Telemetry.discarded());

        // then: both parked each time, never blocking; the refusal recorded once (its time unchanged)
        assertThat(List.of(first, again)).allSatisfy(r -> {
            assertThat(r.parked()).isEqualTo(2);
            assertThat(r.failedAt()).isEmpty();
        });
        assertThat(refusedAt).isNotNull();
        assertThat(refusedAt("odd-2")).isEqualTo(refusedAt);
        assertThat(pipeline.store.eventStatus("pos-acme", "odd-2")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.REJECTED);
            assertThat(st.reason()).isEqualTo(IngestRelay.REFUSED_BY_QUEUE);
        });
        // and the applied event's status stands: its ledger has every outcome
        assertThat(pipeline.store.eventStatus("pos-acme", "odd-3")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.APPLIED);
            assertThat(st.reason()).isNull();
            assertThat(st.lines()).singleElement().extracting(EventStatus.Line::outcome)
                    .isEqualTo(io.inventorysync.domain.Outcome.APPLIED);
        });
    }

    @Test
    void aSendersRetryOfAnEventTheRelayRefused_shouldBeAnsweredAsAReplay_andKeepItsRefusal_andNotBeRelayedAgain() {
        // given: an accepted sale whose movement SQS refuses: relayed, parked, recorded REJECTED
        refusal.skus.add("POISON-1");
        String sale = String.format(SALE, Instant.now().minusSeconds(60)).replace("BLU-SHIRT-M", "POISON-1");
        assertThat(post(sale)).isEqualTo(202);
        pipeline.relay();
        String refusedAt = refusedAt("till-1");
        assertThat(refusedAt).isNotNull();
        int firstDeliveries = pipeline.relay.results().size();

        // when: the sender (its answer lost) sends the same request again
        int retried = post(sale);
        assertThat(pipeline.store.eventStatus("pos-acme", "till-1")).get().extracting(EventStatus::status)
                .as("never QUEUED in between").isEqualTo(EventStatus.Status.REJECTED);
        pipeline.relay();

        // then: answered as any replay; nothing relayed, parked or recorded again; the refusal stands
        assertThat(retried).isEqualTo(202);
        assertThat(pipeline.relay.results().subList(firstDeliveries, pipeline.relay.results().size()))
                .allSatisfy(r -> assertThat(r.relayed() + r.parked()).isZero());
        assertThat(refusedAt("till-1")).isEqualTo(refusedAt);
        assertThat(pipeline.store.eventStatus("pos-acme", "till-1")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.REJECTED);
            assertThat(st.reason()).isEqualTo(IngestRelay.REFUSED_BY_QUEUE);
        });
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();
        assertThat(pipeline.queueDepth(pipeline.queues.deadLetterUrl())).isEqualTo(1);
        // and a rival body under the refused id is still a conflict
        assertThat(post(sale.replace("\"quantity\":2", "\"quantity\":3"))).isEqualTo(409);
    }

    @Test
    void anEventSqsTookInPart_shouldReadItsRefusedLineRejected_andStayQueuedUntilTheOthersApply_thenApplied() {
        // given: a three-line sale; SQS refuses the middle line's movement and takes the others
        refusal.skus.add("POISON-2");
        String sale = "{\"eventId\":\"part-1\",\"type\":\"SALE\",\"occurredAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"locationId\":\"store-12\",\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1},"
                + "{\"sku\":\"POISON-2\",\"quantity\":1},{\"sku\":\"RED-SOCK\",\"quantity\":1}]}";
        assertThat(post(sale)).isEqualTo(202);

        // when: relayed
        pipeline.relay();

        // then: the refused line reads REJECTED at once, the event QUEUED (its other lines are in the queue)
        EventStatus before = pipeline.store.eventStatus("pos-acme", "part-1").orElseThrow();
        assertThat(before.status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(before.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo("POISON-2");
            assertThat(l.outcome()).isEqualTo(io.inventorysync.domain.Outcome.REJECTED);
            assertThat(l.reason()).isEqualTo(IngestRelay.REFUSED_BY_QUEUE);
        });
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(2);
        assertThat(pipeline.queueDepth(pipeline.queues.deadLetterUrl())).isEqualTo(1);

        // when: the queued lines apply
        drain();

        // then: APPLIED (some lines applied, one refused: as for a line the processor rejects), final
        EventStatus after = pipeline.store.eventStatus("pos-acme", "part-1").orElseThrow();
        assertThat(after.status()).isEqualTo(EventStatus.Status.APPLIED);
        assertThat(after.reason()).isNull();
        assertThat(after.lines()).extracting(EventStatus.Line::sku, EventStatus.Line::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BLU-SHIRT-M", io.inventorysync.domain.Outcome.APPLIED),
                org.assertj.core.groups.Tuple.tuple("POISON-2", io.inventorysync.domain.Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("RED-SOCK", io.inventorysync.domain.Outcome.APPLIED));
        assertThat(pipeline.store.level("POISON-2", "store-12")).isEmpty();
        // and a retry of it changes nothing: not relayed again (its refused line stays refused)
        assertThat(post(sale)).isEqualTo(202);
        pipeline.relay();
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();
        assertThat(pipeline.store.eventStatus("pos-acme", "part-1")).get().extracting(EventStatus::status)
                .isEqualTo(EventStatus.Status.APPLIED);
    }

    @Test
    void aPartRefusalDeliveredTwice_shouldBeRecordedOnce_andQueueEachTakenLineOnce() {
        // given: a two-line held event SQS takes in part, and its stream record
        refusal.skus.add("POISON-3");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        InventoryEvent e = new InventoryEvent("part-2", ChangeType.SALE, now, "store-12",
                List.of(new EventLine("POISON-3", 1), new EventLine("BLU-SHIRT-M", 1)), null, null, null, null, null, null);
        OutboxEvent event = new OutboxEvent(new EventReceipt("pos-acme", "part-2", "fp-part-2",
                io.inventorysync.domain.Movements.of("pos-acme", e).size(), now), e);
        assertThat(pipeline.store.recordReceipts(List.of(event), "t1")).isEmpty();
        IngestRelay relay = new IngestRelay(new io.inventorysync.movements.SqsMovementQueue(pipeline.sqs, pipeline.queues.url(),
                java.time.Duration.ofMillis(2), io.inventorysync.settings.Settings.QUEUE_SEND_LANES, Clock.systemUTC()),
                new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), pipeline.store::recordRelayRefusal,
                Clock.systemUTC());
        var records = List.of(new IngestRelay.Change("300", Map.of(), io.inventorysync.store.StreamImages.heldReceiptImage(
                new io.inventorysync.store.HeldEvent(event, "t1"))));

        // when: delivered, then delivered again (Lambda retrying the batch)
        IngestRelay.Result first = relay.relay(records, Instant.now().plusSeconds(30), io.inventorysync.telemetry.Telemetry.discarded());
        String refusedAt = refusedAt("part-2");
        IngestRelay.Result again = relay.relay(records, Instant.now().plusSeconds(30), io.inventorysync.telemetry.Telemetry.discarded());

        // then: parked each time, never blocking; recorded once (line 0 only); the taken line queued once
        assertThat(List.of(first, again)).allSatisfy(r -> {
            assertThat(r.parked()).isEqualTo(1);
            assertThat(r.failedAt()).isEmpty();
            // the taken line counted once per delivery, not again for the lone re-send that found the refusal
            assertThat(r.movementsQueued()).isEqualTo(1);
        });
        assertThat(refusedAt("part-2")).isNotNull().isEqualTo(refusedAt);
        assertThat(refusedLines("part-2")).isEqualTo("0");
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(1);
        assertThat(pipeline.store.eventStatus("pos-acme", "part-2")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.QUEUED);
            assertThat(st.lines()).extracting(EventStatus.Line::sku).containsExactly("POISON-3");
        });
    }

    @Test
    void aHundredLineEventWithItsLastLineRefused_shouldReadNinetyNineAppliedAndOneRejected() {
        // given: the largest event (100 lines), SQS refusing only the last line's movement
        refusal.skus.add("SKU-99");
        StringBuilder lines = new StringBuilder();
        for (int l = 0; l < 100; l++) {
            lines.append(l == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(l).append("\",\"quantity\":1}");
        }
        String body = "{\"eventId\":\"big-1\",\"type\":\"RECEIPT\",\"occurredAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"locationId\":\"store-12\",\"lines\":[" + lines + "]}";
        assertThat(post(body)).isEqualTo(202);

        // when
        pipeline.relay();
        EventStatus before = pipeline.store.eventStatus("pos-acme", "big-1").orElseThrow();
        drain();
        EventStatus after = pipeline.store.eventStatus("pos-acme", "big-1").orElseThrow();

        // then
        assertThat(refusedLines("big-1")).isEqualTo("99");
        assertThat(before.status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(before.lines()).singleElement().extracting(EventStatus.Line::sku).isEqualTo("SKU-99");
        assertThat(after.status()).isEqualTo(EventStatus.Status.APPLIED);
        assertThat(after.lines()).hasSize(100);
        assertThat(after.lines().getLast()).satisfies(l -> {
            assertThat(l.sku()).isEqualTo("SKU-99");
            assertThat(l.outcome()).isEqualTo(io.inventorysync.domain.Outcome.REJECTED);
            assertThat(l.reason()).isEqualTo(IngestRelay.REFUSED_BY_QUEUE);
        });
        assertThat(after.lines().subList(0, 99)).allSatisfy(l ->
                assertThat(l.outcome()).isEqualTo(io.inventorysync.domain.Outcome.APPLIED));
    }

    /**
     * The second {@code SendMessageBatch}: SQS takes its first {@link #taken} entries and answers the others
     * throttled (failed, not the sender's fault); every later call fails as a network failure would, until
     * {@link #healed}.
     */
    private static final class SecondBatchFails implements ExecutionInterceptor {
        static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Integer> CALL =
                new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("call");
        final AtomicInteger calls = new AtomicInteger();
        final int taken;
        final List<String> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean healed;

        SecondBatchFails(int taken) {
            this.taken = taken;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest) {
                int call = calls.incrementAndGet();
                attributes.putAttribute(CALL, call);
                if (!healed && call > 2) {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("injected: connection reset");
                }
            }
        }

        @Override
        public software.amazon.awssdk.core.SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest r && Integer.valueOf(2).equals(attributes.getAttribute(CALL))) {
                r.entries().subList(taken, r.entries().size()).forEach(e -> dropped.add(e.id()));
                return r.toBuilder().entries(r.entries().subList(0, taken)).build();
            }
            return context.request();
        }

        @Override
        public software.amazon.awssdk.core.SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse r
                    && Integer.valueOf(2).equals(attributes.getAttribute(CALL))) {
                return r.toBuilder().failed(dropped.stream().map(id -> software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry
                        .builder().id(id).code("ThrottlingException").message("injected throttle").senderFault(false).build())
                        .toList()).build();
            }
            return context.response();
        }
    }

    @Test
    void aBatchFailingAfterSqsTookPartOfIt_shouldHandBackExactlyWhatWasNotTaken_andCountWhatSqsAcknowledged() {
        // given: three ten-line events in one lane (three batches of ten); SQS takes the first batch, four
        // entries of the second and answers its other six throttled, then fails every call (network)
        SecondBatchFails faults = new SecondBatchFails(4);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<OutboxEvent> events = new ArrayList<>();
        for (String id : List.of("lane-a", "lane-b", "lane-c")) {
            List<EventLine> lines = new ArrayList<>();
            for (int l = 0; l < 10; l++) {
                lines.add(new EventLine("SKU-" + l, 1));
            }
            InventoryEvent e = new InventoryEvent(id, ChangeType.SALE, now, "store-12", lines, null, null, null, null, null, null);
            events.add(new OutboxEvent(new EventReceipt("pos-acme", id, "fp-" + id, 10, now), e));
        }
        assertThat(pipeline.store.recordReceipts(events, "t1")).isEmpty();
        List<io.inventorysync.movements.MovementQueue.Sent> answers = new ArrayList<>();
        var sqsQueue = new io.inventorysync.movements.SqsMovementQueue(LocalSqs.client(faults), pipeline.queues.url(),
                java.time.Duration.ofMillis(1));
        io.inventorysync.movements.MovementQueue observed = (movements, deadline) -> {
            var sent = sqsQueue.send(movements, deadline);
            answers.add(sent);
            return sent;
        };
        IngestRelay relay = new IngestRelay(observed, new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()),
                pipeline.store::recordRelayRefusal, Clock.systemUTC());
        List<IngestRelay.Change> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(new IngestRelay.Change(String.valueOf(400 + i), Map.of(), io.inventorysync.store.StreamImages
                    .heldReceiptImage(new io.inventorysync.store.HeldEvent(events.get(i), "t1"))));
        }

        // when
        IngestRelay.Result first = relay.relay(records, Instant.now().plusSeconds(30), io.inventorysync.telemetry.Telemetry.discarded());

        // then: handed back exactly the six entries of the second batch SQS did not take, and the third batch
        var b = events.get(1).movements();
        var c = events.get(2).movements();
        assertThat(answers).singleElement().satisfies(sent -> {
            List<io.inventorysync.domain.Movement> expected = new ArrayList<>(b.subList(4, 10));
            expected.addAll(c);
            assertThat(sent.unsent()).containsExactlyElementsOf(expected);
            assertThat(sent.refused()).isEmpty();
            assertThat(sent.refusal()).isNull();
        });
        assertThat(faults.calls.get()).as("the second batch's five attempts; the third batch never sent").isEqualTo(6);
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(14);
        // and: the relay counts the 14 queued, one event relayed, and asks again from the second record,
        // recording no refusal (a throttle is no refusal): every event reads QUEUED
        assertThat(first.movementsQueued()).isEqualTo(14);
        assertThat(first.relayed()).isEqualTo(1);
        assertThat(first.parked()).isZero();
        assertThat(first.failedAt()).contains("401");
        for (String id : List.of("lane-a", "lane-b", "lane-c")) {
            assertThat(refusedAt(id)).isNull();
            assertThat(pipeline.store.eventStatus("pos-acme", id)).get().extracting(EventStatus::status)
                    .isEqualTo(EventStatus.Status.QUEUED);
        }

        // when: SQS is back, and the stream delivers again from the second record
        faults.healed = true;
        answers.clear();
        IngestRelay.Result again = relay.relay(records.subList(1, 3), Instant.now().plusSeconds(30),
                io.inventorysync.telemetry.Telemetry.discarded());

        // then: all sent (SQS drops the four copies it already held: 30 distinct messages in the queue), yet
        // MovementsQueued counts SQS's acknowledgements, the four duplicates within the dedup window included:
        // 20 now, 34 over both deliveries for 30 movements (README, "Design decisions: ingest")
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(30);
        assertThat(again.movementsQueued()).isEqualTo(20);
        assertThat(first.movementsQueued() + again.movementsQueued()).isEqualTo(34);
        drain();
        // and: each movement applied once
        assertThat(again.failedAt()).isEmpty();
        assertThat(again.relayed()).isEqualTo(2);
        assertThat(answers).singleElement().satisfies(sent -> assertThat(sent.complete()).isTrue());
        for (String id : List.of("lane-a", "lane-b", "lane-c")) {
            assertThat(pipeline.store.eventStatus("pos-acme", id)).get().extracting(EventStatus::status)
                    .isEqualTo(EventStatus.Status.APPLIED);
        }
        assertThat(pipeline.store.level("SKU-0", "store-12").orElseThrow().onHand()).isEqualTo(-3);
        assertThat(pipeline.store.ledger("SKU-9", "store-12")).hasSize(3);
    }

    private String refusedLines(String eventId) {
        var item = pipeline.dynamo.getItem(r -> r.tableName(pipeline.table).consistentRead(true).key(Map.of(
                "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MOVE#pos-acme#" + eventId),
                "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RECEIPT")))).item();
        var lines = item.get("relayRefusedLines");
        return lines == null ? null : lines.s();
    }

    private String refusedAt(String eventId) {
        var item = pipeline.dynamo.getItem(r -> r.tableName(pipeline.table).consistentRead(true).key(Map.of(
                "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MOVE#pos-acme#" + eventId),
                "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RECEIPT")))).item();
        var at = item.get("relayRefusedAt");
        return at == null ? null : at.s();
    }

    /** Answers {@code SendMessageBatch} with neither successful nor failed entries while {@link #left} is positive. */
    private static final class EmptyAnswers implements ExecutionInterceptor {
        final AtomicInteger left = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public software.amazon.awssdk.core.SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse r) {
                calls.incrementAndGet();
                if (left.getAndDecrement() > 0) {
                    return r.toBuilder().successful(List.of()).failed(List.of()).build();
                }
            }
            return context.response();
        }
    }

    @Test
    void anSqsAnswerWithNoEntries_shouldBeAFailedAttempt_retriedThenGivenUp_neverAnException() {
        // given: one lane (an exception would reach the caller), SQS answering empty twice, then for good
        EmptyAnswers empty = new EmptyAnswers();
        var sqs = LocalSqs.client(empty);
        var queue = new io.inventorysync.movements.SqsMovementQueue(sqs, pipeline.queues.url(), java.time.Duration.ofMillis(1));
        List<io.inventorysync.domain.Movement> movements = io.inventorysync.domain.Movements.of("pos-acme",
                held("empty-1", "BLU-SHIRT-M", Instant.now()).event());
        empty.left.set(2);

        // when: retried past the empty answers
        var sent = queue.send(movements, Instant.now().plusSeconds(30));

        // then: sent on the third attempt (the copies SQS took unanswered are deduplicated)
        assertThat(sent.complete()).isTrue();
        assertThat(empty.calls.get()).isEqualTo(3);
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(movements.size());

        // when: SQS answers empty every time
        empty.left.set(Integer.MAX_VALUE);
        empty.calls.set(0);
        List<io.inventorysync.domain.Movement> more = io.inventorysync.domain.Movements.of("pos-acme",
                held("empty-2", "RED-SOCK", Instant.now()).event());
        var given = queue.send(more, Instant.now().plusSeconds(30));

        // then: given up as for any failing batch (5 attempts), handed back unsent, not refused as malformed
        assertThat(given.unsent()).isEqualTo(more);
        assertThat(given.refusal()).isNull();
        assertThat(empty.calls.get()).isEqualTo(5);
    }

    private static OutboxEvent held(String eventId, String sku, Instant at) {
        InventoryEvent e = new InventoryEvent(eventId, ChangeType.SALE, at, "store-12", List.of(new EventLine(sku, 1)),
                null, null, null, null, null, null);
        return new OutboxEvent(new EventReceipt("pos-acme", eventId, "fp-" + eventId,
                io.inventorysync.domain.Movements.of("pos-acme", e).size(), at), e);
    }
}
