package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventSourcePollers} reading partial batch responses as Lambda does, and at shutdown: a scheduled run under way (the Square pull mid-page) ends
 * as it would have, without an interruption the handler reports as a failure, and none starts after.
 */
class EventSourcePollersTest {
    private final List<LogEvent> errors = new CopyOnWriteArrayList<>();
    private final Appender capture = new AbstractAppender("capture-errors", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            if (event.getLevel().isMoreSpecificThan(Level.ERROR)) {
                errors.add(event.toImmutable());
            }
        }
    };
    private final Logger root = (Logger) LogManager.getRootLogger();

    @BeforeEach
    void captureErrors() {
        capture.start();
        root.addAppender(capture);
    }

    @AfterEach
    void stopCapturing() {
        root.removeAppender(capture);
        capture.stop();
    }

    @Test
    void close_shouldLetAScheduledRunUnderWayFinish_logNoError_andStartNoOther() throws Exception {
        // given: a scheduled run blocked in a call, as the Square pull waits on Square
        BlockedRun run = new BlockedRun();
        EventSourcePollers pollers = new EventSourcePollers();
        pollers.schedule(run, 0, 10);
        assertThat(run.started.await(10, TimeUnit.SECONDS)).isTrue();
        // when: the local cloud stops while the run waits; the call then answers
        Thread closer = new Thread(pollers::close, "closer");
        closer.start();
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
            Thread.onSpinWait();
        }
        run.answer.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        // then
        assertThat(closer.isAlive()).isFalse();
        assertThat(run.interrupted).hasValue(0);
        assertThat(run.completed).hasValue(1);
        assertThat(run.runs).hasValue(1);
        assertThat(errors).isEmpty();
    }

    /**
     * A partial batch response naming an item that is not in the batch (or null, or empty) fails the
     * whole batch, as Lambda does (AWS Lambda guide, "Configuring partial batch response": "Lambda
     * treats a batch as a complete failure if ... itemIdentifier with a bad key name"), never a success
     * that would drop the records; the earliest reported record is the checkpoint.
     */
    @Test
    void aStreamBatchResponse_shouldFailTheWholeBatch_whenItNamesARecordNotInIt() {
        List<String> batch = List.of("100", "200", "300");
        // as Lambda: nothing reported, all done; the earliest reported is where delivery starts again
        assertThat(EventSourcePollers.recordsDone(batch, List.of())).isEqualTo(3);
        assertThat(EventSourcePollers.recordsDone(batch, List.of("200"))).isEqualTo(1);
        assertThat(EventSourcePollers.recordsDone(batch, List.of("300", "200"))).isEqualTo(1);
        // an unknown, null or empty identifier: the whole batch again, whatever else is reported
        assertThat(EventSourcePollers.recordsDone(batch, List.of("999"))).isZero();
        assertThat(EventSourcePollers.recordsDone(batch, List.of("300", "150"))).isZero();
        assertThat(EventSourcePollers.recordsDone(batch, java.util.Arrays.asList((String) null))).isZero();
        assertThat(EventSourcePollers.recordsDone(batch, List.of(""))).isZero();
    }

    @Test
    void anSqsBatchResponse_shouldRetryEveryMessage_whenItNamesAMessageNotInIt() {
        List<String> batch = List.of("m-1", "m-2", "m-3");
        assertThat(EventSourcePollers.messagesToRetry(batch, List.of())).isEmpty();
        assertThat(EventSourcePollers.messagesToRetry(batch, List.of("m-2"))).containsExactly("m-2");
        assertThat(EventSourcePollers.messagesToRetry(batch, List.of("m-2", "other"))).containsExactlyInAnyOrderElementsOf(batch);
        assertThat(EventSourcePollers.messagesToRetry(batch, java.util.Arrays.asList((String) null))).containsExactlyInAnyOrderElementsOf(batch);
        assertThat(EventSourcePollers.messagesToRetry(batch, List.of(""))).containsExactlyInAnyOrderElementsOf(batch);
    }

    /** A scheduled handler whose run waits on a call that answers when told; logs an error when interrupted. */
    private static final class BlockedRun implements RequestHandler<ScheduledEvent, Void> {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger interrupted = new AtomicInteger();

        @Override
        public Void handleRequest(ScheduledEvent event, Context context) {
            runs.incrementAndGet();
            started.countDown();
            try {
                if (answer.await(10, TimeUnit.SECONDS)) {
                    completed.incrementAndGet();
                }
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                LogManager.getLogger(BlockedRun.class).error("square pull failed; the next run resumes it", e);
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }
}
