package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.inventorysync.admin.IngestRedriveCommand;
import io.inventorysync.domain.Source;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.HeldReceiptScan;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's backstop for accepted events the relay never queued (the stream no longer has their
 * records), on DynamoDB Local and ElasticMQ: it re-sends exactly the events still {@code QUEUED} in
 * its window, the processor applies each once, and a second run re-sends nothing.
 */
class IngestRedriveCommandIT {
    private static final String SALE = "{\"eventId\":\"%s\",\"type\":\"SALE\",\"occurredAt\":\"%s\","
            + "\"locationId\":\"store-12\",\"lines\":[{\"sku\":\"%s\",\"quantity\":2}]}";

    private final IngestPipeline pipeline = new IngestPipeline(LocalDynamoDb.client(), LocalSqs.client(), Clock.systemUTC());
    private final String secret = pipeline.register("pos-acme", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
    private final WebhookFunction webhook = new WebhookFunction(new IngestService(pipeline.sources, pipeline.signingSecrets,
            pipeline.store, Clock.systemUTC()));
    private final MovementProcessorFunction processor = new MovementProcessorFunction(new MovementProcessor(pipeline.store,
            new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), Clock.systemUTC()));
    private final HeldReceiptScan scan = new HeldReceiptScan(pipeline.dynamo, pipeline.table);
    private final SqsMovementQueue queue = new SqsMovementQueue(pipeline.sqs, pipeline.queues.url(), Duration.ofMillis(2),
            Settings.QUEUE_SEND_LANES, Clock.systemUTC());
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private void post(String eventId, String sku) {
        String body = String.format(SALE, eventId, Instant.now().minusSeconds(60), sku);
        assertThat(webhook.handleRequest(IngestPipeline.post("pos-acme", body, Signer.headers(secret, body)), null)
                .getStatusCode()).isEqualTo(202);
    }

    private void process() {
        pipeline.drainQueue(10, e -> processor.handleRequest(e, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    private IngestRedriveCommand.Summary redrive(Instant from, Instant to, int pageSize) {
        return IngestRedriveCommand.run(scan, pipeline.store, queue, from, to, null, pageSize,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private EventStatus.Status status(String eventId) {
        return pipeline.store.eventStatus("pos-acme", eventId).orElseThrow().status();
    }

    @Test
    void acceptedEventsNeverRelayed_shouldBeResentOnce_andAppliedOnce_andASecondRunResendsNothing() {
        // given: one event relayed and applied; then two accepted (202) whose stream records the relay
        // never read (the mapping disabled, the records gone)
        Instant from = Instant.now().minusSeconds(1);
        post("till-1", "BLU-SHIRT-M");
        pipeline.drain(10, e -> processor.handleRequest(e, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertThat(status("till-1")).isEqualTo(EventStatus.Status.APPLIED);
        post("till-2", "RED-SOCK");
        post("till-3", "GRN-HAT");
        Instant to = Instant.now().plusSeconds(1);
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();

        // when: a window before them finds nothing to send
        IngestRedriveCommand.Summary before = redrive(from.minusSeconds(3600), from.minusSeconds(1800), 1000);
        assertThat(before.held()).isZero();
        assertThat(before.resent()).isZero();
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();

        // when: the operator re-sends the window, one item a page (paging and its positions too)
        IngestRedriveCommand.Summary first = redrive(from, to, 1);

        // then: exactly the two, one movement each; the applied one is counted, not sent
        assertThat(first.held()).isEqualTo(3);
        assertThat(first.resent()).isEqualTo(2);
        assertThat(first.alreadyApplied()).isEqualTo(1);
        assertThat(first.failed()).isZero();
        assertThat(first.scanned()).isGreaterThanOrEqualTo(3);
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("go on with --position ")
                .contains("done: ").contains("2 resent, 1 already applied");
        process();
        assertThat(pipeline.store.level("RED-SOCK", "store-12").orElseThrow().onHand()).isEqualTo(-2);
        assertThat(pipeline.store.level("GRN-HAT", "store-12").orElseThrow().onHand()).isEqualTo(-2);
        assertThat(pipeline.store.level("BLU-SHIRT-M", "store-12").orElseThrow().onHand()).isEqualTo(-2);
        assertThat(pipeline.store.ledger("RED-SOCK", "store-12")).hasSize(1);
        assertThat(pipeline.store.ledger("GRN-HAT", "store-12")).hasSize(1);
        assertThat(status("till-2")).isEqualTo(EventStatus.Status.APPLIED);
        assertThat(status("till-3")).isEqualTo(EventStatus.Status.APPLIED);

        // when: run again (an operator repeating it): everything has since applied
        IngestRedriveCommand.Summary second = redrive(from, to, 1000);

        // then
        assertThat(second.resent()).isZero();
        assertThat(second.alreadyApplied()).isEqualTo(3);
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isZero();
        assertThat(pipeline.queueDepth(pipeline.queues.deadLetterUrl())).isZero();
    }

    @Test
    void anEventTheRelayRefused_shouldBeCountedDone_andNotSentAgain() {
        // given: an accepted event whose stream record the relay parked (SQS refused its movements) and
        // recorded as refused on its receipt; another accepted event never relayed
        Instant from = Instant.now().minusSeconds(1);
        post("till-7", "BLU-SHIRT-M");
        post("till-8", "RED-SOCK");
        assertThat(pipeline.store.recordRelayRefusal("pos-acme", "till-7", io.inventorysync.ingest.IngestRelay.REFUSED_BY_QUEUE))
                .isTrue();
        Instant to = Instant.now().plusSeconds(1);

        // when
        IngestRedriveCommand.Summary summary = redrive(from, to, 1000);

        // then: the refused one is named and not sent (it would be refused again: exit 1 for nothing); the other is
        assertThat(summary.held()).isEqualTo(2);
        assertThat(summary.refused()).isEqualTo(1);
        assertThat(summary.resent()).isEqualTo(1);
        assertThat(summary.failed()).isZero();
        assertThat(pipeline.queueDepth(pipeline.queues.url())).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("event till-7 of pos-acme refused by the relay (REFUSED_BY_QUEUE").contains("1 refused by the relay");
        assertThat(pipeline.store.eventStatus("pos-acme", "till-7")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.REJECTED);
            assertThat(st.reason()).isEqualTo("REFUSED_BY_QUEUE");
        });
    }

    @Test
    void anEventSqsTookInPart_shouldHaveOnlyItsUnrefusedLinesResent_andEndAppliedWithTheRefusedLineRejected() {
        // given: a three-line sale; the relay recorded its middle line as refused by SQS, the others never arrived
        Instant from = Instant.now().minusSeconds(1);
        String body = "{\"eventId\":\"till-9\",\"type\":\"SALE\",\"occurredAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"locationId\":\"store-12\",\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1},"
                + "{\"sku\":\"RED-SOCK\",\"quantity\":1},{\"sku\":\"GRN-HAT\",\"quantity\":1}]}";
        assertThat(webhook.handleRequest(IngestPipeline.post("pos-acme", body, Signer.headers(secret, body)), null)
                .getStatusCode()).isEqualTo(202);
        assertThat(pipeline.store.recordRelayRefusal("pos-acme", "till-9", io.inventorysync.ingest.IngestRelay.REFUSED_BY_QUEUE,
                java.util.Set.of(1))).isTrue();
        Instant to = Instant.now().plusSeconds(1);
        assertThat(status("till-9")).isEqualTo(EventStatus.Status.QUEUED);

        // when
        IngestRedriveCommand.Summary summary = redrive(from, to, 1000);
        process();

        // then: lines 0 and 2 sent and applied, never the refused one; the event is done
        assertThat(summary.resent()).isEqualTo(1);
        assertThat(summary.failed()).isZero();
        assertThat(pipeline.store.level("RED-SOCK", "store-12")).isEmpty();
        assertThat(pipeline.store.level("GRN-HAT", "store-12").orElseThrow().onHand()).isEqualTo(-1);
        assertThat(pipeline.store.eventStatus("pos-acme", "till-9")).get().satisfies(st -> {
            assertThat(st.status()).isEqualTo(EventStatus.Status.APPLIED);
            assertThat(st.lines()).extracting(EventStatus.Line::sku, EventStatus.Line::outcome, EventStatus.Line::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("BLU-SHIRT-M", io.inventorysync.domain.Outcome.APPLIED, null),
                            org.assertj.core.groups.Tuple.tuple("RED-SOCK", io.inventorysync.domain.Outcome.REJECTED, "REFUSED_BY_QUEUE"),
                            org.assertj.core.groups.Tuple.tuple("GRN-HAT", io.inventorysync.domain.Outcome.APPLIED, null));
        });
    }
}
