package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.StoreException;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor on real queues and table: poison parked, order per record kept, nothing lost. */
class MovementProcessorIT {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private IngestPipeline pipeline;
    private SqsMovementQueue queue;

    @BeforeEach
    void setUp() {
        pipeline = new IngestPipeline(LocalDynamoDb.client(), LocalSqs.client(), Clock.systemUTC());
        queue = new SqsMovementQueue(pipeline.sqs, pipeline.queues.url(), Duration.ofMillis(5));
    }

    @Test
    void process_shouldParkPoisonAndRecordItRejected_withoutBlockingOtherSkus() {
        // given: an unreadable message for one record, and good movements for others
        // (its receipt only: the message below stands for what was sent, so nothing is relayed for it)
        pipeline.store.recordUnqueuedReceipts(List.of(new EventReceipt("pos-acme", "bad-1", "fp", 1, Instant.now())));
        pipeline.sqs.sendMessage(r -> r.queueUrl(pipeline.queues.url()).messageGroupId("BROKEN#store-12")
                .messageDeduplicationId("bad-1").messageBody("{not json")
                .messageAttributes(Map.of(
                        SqsMovementQueue.ATTR_SOURCE_ID, string("pos-acme"),
                        SqsMovementQueue.ATTR_EVENT_ID, string("bad-1"),
                        SqsMovementQueue.ATTR_LINE_KEY, string("0"),
                        SqsMovementQueue.ATTR_SKU, string("BROKEN"),
                        SqsMovementQueue.ATTR_LOCATION_ID, string("store-12"))));
        queue.send(List.of(Events.one("r-1", ChangeType.RECEIPT, T0, "store-12", "GOOD-1", 5),
                Events.one("r-2", ChangeType.RECEIPT, T0, "store-12", "GOOD-2", 7)), Instant.MAX);
        MovementProcessorFunction processor = processor(pipeline.store);
        // when
        List<List<String>> failures = pipeline.drain(10, e -> process(processor, e));
        // then
        assertThat(failures).allSatisfy(f -> assertThat(f).isEmpty());
        assertThat(pipeline.store.level("GOOD-1", "store-12").orElseThrow().onHand()).isEqualTo(5);
        assertThat(pipeline.store.level("GOOD-2", "store-12").orElseThrow().onHand()).isEqualTo(7);
        EventStatus status = pipeline.store.eventStatus("pos-acme", "bad-1").orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.Status.REJECTED);
        assertThat(status.lines().getFirst().reason()).startsWith("UNREADABLE_MESSAGE");
        List<Message> parked = pipeline.sqs.receiveMessage(r -> r.queueUrl(pipeline.queues.deadLetterUrl())
                .messageAttributeNames("All")).messages();
        assertThat(parked).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{not json");
            assertThat(m.messageAttributes().get("rejectionReason").stringValue()).startsWith("UNREADABLE_MESSAGE");
        });
    }

    @Test
    void process_shouldRetryTheFailedMessageAndEveryLaterOneOfItsGroup_butNotOtherGroups() {
        // given: three movements on one record and one on another, in one batch
        queue.send(List.of(
                Events.one("a-1", ChangeType.RECEIPT, T0, "store-12", "HOT", 10),
                Events.one("a-2", ChangeType.SALE, T0.plusSeconds(1), "store-12", "HOT", 1),
                Events.one("a-3", ChangeType.SALE, T0.plusSeconds(2), "store-12", "HOT", 2),
                Events.one("b-1", ChangeType.RECEIPT, T0, "store-12", "COLD", 4)), Instant.MAX);
        // the store is throttled once, on the second movement of HOT
        Set<String> failOnce = ConcurrentHashMap.newKeySet();
        failOnce.add("a-2");
        InventoryStore flaky = failingOnce(pipeline.store, failOnce);
        MovementProcessorFunction processor = processor(flaky);
        List<Message> batch = receive(10);
        // when
        List<String> failed = process(processor, io.inventorysync.functions.SqsEvents.of(batch));
        // then: a-2 and a-3 (same group, after it) are retried; a-1 and b-1 are done
        assertThat(failed).containsExactlyInAnyOrderElementsOf(batch.stream()
                .filter(m -> m.body().contains("\"a-2\"") || m.body().contains("\"a-3\"")).map(Message::messageId).toList());
        assertThat(pipeline.store.level("COLD", "store-12").orElseThrow().onHand()).isEqualTo(4);
        assertThat(pipeline.store.level("HOT", "store-12").orElseThrow().onHand()).isEqualTo(10);
        // and once redelivered, in order, the record ends exact
        batch.forEach(m -> {
            if (failed.contains(m.messageId())) {
                pipeline.sqs.changeMessageVisibility(r -> r.queueUrl(pipeline.queues.url())
                        .receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            } else {
                pipeline.sqs.deleteMessage(r -> r.queueUrl(pipeline.queues.url()).receiptHandle(m.receiptHandle()));
            }
        });
        pipeline.drain(10, e -> process(processor, e));
        assertThat(pipeline.store.level("HOT", "store-12").orElseThrow().onHand()).isEqualTo(7);
        assertThat(pipeline.store.level("HOT", "store-12").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void process_shouldReportDuplicate_andWriteNothing_whenSqsRedelivers() {
        // given
        Movement receipt = Events.one("d-1", ChangeType.RECEIPT, T0, "store-12", "SKU", 3);
        queue.send(List.of(receipt), Instant.MAX);
        MovementProcessorFunction processor = processor(pipeline.store);
        List<Message> batch = receive(10);
        // when: the same batch handed over twice
        process(processor, io.inventorysync.functions.SqsEvents.of(batch));
        List<String> again = process(processor, io.inventorysync.functions.SqsEvents.of(batch));
        // then
        assertThat(again).isEmpty();
        assertThat(pipeline.store.level("SKU", "store-12").orElseThrow().onHand()).isEqualTo(3);
        assertThat(pipeline.store.apply(receipt).outcome()).isEqualTo(Outcome.DUPLICATE);
    }

    private List<Message> receive(int max) {
        return pipeline.sqs.receiveMessage(r -> r.queueUrl(pipeline.queues.url()).maxNumberOfMessages(max)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }

    private MovementProcessorFunction processor(InventoryStore store) {
        return new MovementProcessorFunction(new MovementProcessor(store,
                new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), Clock.systemUTC()));
    }

    private static List<String> process(MovementProcessorFunction processor, SQSEvent event) {
        return processor.handleRequest(event, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** Failure injection: {@code apply} of the named events fails once with a retryable error. */
    private static InventoryStore failingOnce(InventoryStore store, Set<String> eventIds) {
        return (InventoryStore) Proxy.newProxyInstance(InventoryStore.class.getClassLoader(),
                new Class<?>[] {InventoryStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("apply") && args[0] instanceof Movement m
                            && eventIds.remove(m.key().eventId())) {
                        throw new StoreException("injected throttling", true, null);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
