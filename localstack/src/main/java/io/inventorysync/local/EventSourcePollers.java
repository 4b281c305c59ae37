package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.inventorysync.functions.SqsEvents;
import io.inventorysync.settings.Settings;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Drives the handlers the way Lambda's event source mappings and EventBridge schedules do: an SQS
 * poller (batches of 10, {@code batchItemFailures} made visible again after a short visibility
 * timeout, so ElasticMQ's receive count and redrive to the DLQ apply), DynamoDB Streams pollers
 * (the publisher's and the ingest relay's, each its own reader with its own filter, batches of 100,
 * re-delivering from the earliest failed record, as with bisect on error), and a schedule for the
 * hold-expiry sweeper.
 */
final class EventSourcePollers implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(EventSourcePollers.class);
    /** How long a failed message stays invisible before its retry (the queue's visibility timeout, shortened). */
    private static final int RETRY_VISIBILITY_SECONDS = 2;
    /** Deliveries of a stream record before it is given up (the deployed mapping: 10 retries, then the on-failure queue). */
    private static final int STREAM_ATTEMPTS = Settings.PUBLISHER_RETRY_ATTEMPTS + 1;

    /** How long {@link #close} lets the runs under way finish: a Square page's 5 s call and more. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(15);

    /** Concurrent batches on the movements queue (the deployed mapping allows 20): FIFO keeps each group in order. */
    static final int QUEUE_CONCURRENCY = 4;

    /**
     * One thread per registered poller: each poll blocks (an SQS long poll, a handler run), so a pool
     * sized in advance starves whichever poller was added last (the reconcile queue's pollers once
     * took the threads the sweeper's schedule needed). Every registration adds its threads.
     */
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(0);

    /** Grows the pool by {@code pollers} threads, before their tasks are scheduled. */
    private void reserveThreads(int pollers) {
        scheduler.setCorePoolSize(scheduler.getCorePoolSize() + pollers);
        scheduler.prestartAllCoreThreads();
    }

    /** Threads the pollers registered so far hold (one each). */
    int threads() {
        return scheduler.getCorePoolSize();
    }

    void pollQueue(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        reserveThreads(QUEUE_CONCURRENCY);
        for (int i = 0; i < QUEUE_CONCURRENCY; i++) {
            scheduler.scheduleWithFixedDelay(() -> receiveBatch(sqs, queueUrl, handler), 0, 50, TimeUnit.MILLISECONDS);
        }
    }

    private void receiveBatch(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        try {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(Settings.PROCESSOR_BATCH_SIZE)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return;
            }
            {
                List<String> reported = handler.handleRequest(SqsEvents.of(messages), null).getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
                java.util.Set<String> failed = messagesToRetry(messages.stream().map(Message::messageId).toList(), reported);
                for (Message m : messages) {
                    if (failed.contains(m.messageId())) {
                        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                                .visibilityTimeout(RETRY_VISIBILITY_SECONDS));
                    } else {
                        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!scheduler.isShutdown()) {
                LOG.error("SQS poller: {}", e.getMessage(), e);
            }
        }
    }

    /** The publisher's mapping: batches of {@link Settings#PUBLISHER_BATCH_SIZE}, {@link #STREAM_ATTEMPTS} deliveries. */
    void pollStream(TableStream stream, RequestHandler<DynamodbEvent, StreamsEventResponse> handler) {
        pollStream(stream, handler, Settings.PUBLISHER_BATCH_SIZE, STREAM_ATTEMPTS);
    }

    /**
     * A stream mapping with its batch size and the deliveries of a failing record before it is given
     * up (the ingest relay: {@link Settings#INGEST_RELAY_BATCH_SIZE}, retried as long as deployed).
     */
    void pollStream(TableStream stream, RequestHandler<DynamodbEvent, StreamsEventResponse> handler, int batchSize,
                    int attemptsPerRecord) {
        List<DynamodbEvent.DynamodbStreamRecord> pending = new ArrayList<>();
        Map<String, Integer> attempts = new HashMap<>();
        reserveThreads(1);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pending.addAll(stream.poll());
                while (!pending.isEmpty()) {
                    List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>(pending.subList(0, Math.min(batchSize, pending.size())));
                    List<StreamsEventResponse.BatchItemFailure> failures;
                    try {
                        failures = handler.handleRequest(TableStream.event(batch), null).getBatchItemFailures();
                    } catch (RuntimeException e) {
                        // A failed invocation: as Lambda does, count it against the batch's first record.
                        LOG.error("stream handler failed", e);
                        failures = List.of(StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(batch.getFirst().getDynamodb().getSequenceNumber()).build());
                    }
                    int done = recordsDone(batch.stream().map(r -> r.getDynamodb().getSequenceNumber()).toList(),
                            failures == null ? List.of() : failures.stream()
                                    .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
                    if (done < batch.size()) {
                        String first = batch.get(done).getDynamodb().getSequenceNumber();
                        if (attempts.merge(first, 1, Integer::sum) >= attemptsPerRecord) {
                            LOG.error("stream record {} given up after {} deliveries", first, attemptsPerRecord);
                            done++;
                        }
                    }
                    pending.subList(0, done).clear();
                    if (done < batch.size()) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                if (!scheduler.isShutdown()) {
                    LOG.error("stream poller: {}", e.getMessage(), e);
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    /**
     * How many leading records of a stream batch are done, as Lambda reads a partial batch response
     * ({@code ReportBatchItemFailures}): none reported, all; otherwise those before the earliest
     * reported record (the checkpoint is the lowest sequence number reported). An identifier that is
     * null, empty or not a record of the batch makes the whole batch a failure (none done), as Lambda
     * does, rather than a success.
     */
    static int recordsDone(List<String> sequenceNumbers, List<String> reported) {
        int done = sequenceNumbers.size();
        for (String id : reported) {
            int at = id == null || id.isEmpty() ? -1 : sequenceNumbers.indexOf(id);
            if (at < 0) {
                return 0;
            }
            done = Math.min(done, at);
        }
        return done;
    }

    /**
     * The messages of an SQS batch to deliver again, as Lambda reads a partial batch response: those
     * reported; every message of the batch when an identifier is null, empty or not a message of the
     * batch (Lambda then fails the whole batch).
     */
    static java.util.Set<String> messagesToRetry(List<String> messageIds, List<String> reported) {
        for (String id : reported) {
            if (id == null || id.isEmpty() || !messageIds.contains(id)) {
                return java.util.Set.copyOf(messageIds);
            }
        }
        return java.util.Set.copyOf(reported);
    }

    void schedule(RequestHandler<ScheduledEvent, ?> handler, long periodSeconds) {
        schedule(handler, TimeUnit.SECONDS.toMillis(periodSeconds), TimeUnit.SECONDS.toMillis(periodSeconds));
    }

    /** As EventBridge Scheduler runs a function: every {@code periodMillis}, the first after {@code delayMillis}. */
    void schedule(RequestHandler<ScheduledEvent, ?> handler, long delayMillis, long periodMillis) {
        reserveThreads(1);
        scheduler.scheduleAtFixedRate(() -> {
            try {
                handler.handleRequest(new ScheduledEvent(), null);
            } catch (RuntimeException e) {
                if (!scheduler.isShutdown()) {
                    LOG.error("scheduled run failed: {}", e.getMessage(), e);
                }
            }
        }, delayMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops as Lambda lets a run end: no run starts any more, and a run under way (a Square pull
     * mid-page, a sweep, a batch) finishes instead of being interrupted, which the handler would
     * report as a failure. An SQS poller in its long poll returns within its 1 s wait. A run still
     * going after {@link #CLOSE_GRACE} is interrupted.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("pollers still running {} after close: interrupted", CLOSE_GRACE);
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
