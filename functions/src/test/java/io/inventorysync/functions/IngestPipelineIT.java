package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.http.Json;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.store.LedgerEntry;
import io.inventorysync.store.ReservationResult;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Samples;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook → SQS FIFO (ElasticMQ) → processor → DynamoDB Local, through the real handlers, for
 * every sample in {@code events/}: the exact final levels, every event's status, and the same
 * result however the messages are batched or redelivered.
 */
class IngestPipelineIT {
    private static final String POS = "pos-acme";

    private IngestPipeline pipeline;
    private WebhookFunction webhook;
    private MovementProcessorFunction processor;
    private String secret;

    @BeforeEach
    void setUp() {
        pipeline = new IngestPipeline(LocalDynamoDb.client(), LocalSqs.client(), Clock.systemUTC());
        secret = pipeline.register(POS, Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        webhook = new WebhookFunction(new IngestService(pipeline.sources, pipeline.signingSecrets, pipeline.store,
                Clock.systemUTC()));
        processor = new MovementProcessorFunction(new MovementProcessor(pipeline.store,
                new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()), Clock.systemUTC()));
    }

    /** The web shop's hold that sample 09 consumes, placed once web-dc has stock (after sample 08). */
    private void placeHoldBefore(Path sample) {
        if (sample.getFileName().toString().startsWith("09-")) {
            assertThat(pipeline.store.reserve(new ReservationRequest("chk-9f2", "shop-web", "web-dc", 900,
                    List.of(new ReservationLine("BLU-SHIRT-M", 1))))).isInstanceOf(ReservationResult.Held.class);
        }
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {1, 10})
    void samples_shouldEndAtExactLevels_whateverTheBatchSize(int batchSize) {
        // given: every sample posted in order, each accepted
        for (Path sample : Samples.inbound()) {
            placeHoldBefore(sample);
            APIGatewayV2HTTPResponse response = post(Samples.read(sample));
            assertThat(response.getStatusCode()).as(sample.getFileName().toString()).isEqualTo(202);
            // Each sample is applied before the next is posted, as a day's events would be.
            pipeline.drain(batchSize, this::process);
        }
        // then
        assertLevels();
        assertThat(pipeline.queueDepth(pipeline.queues.deadLetterUrl())).isZero();
        assertThat(status("till-9-000312").path("lines").get(0).path("outcome").asText())
                .isEqualTo(Outcome.SUPERSEDED_BY_COUNT.name());
        assertThat(status("till-9-000311").path("status").asText()).isEqualTo("APPLIED");
        assertThat(status("web-order-4471").path("lines").get(0).path("reason").asText()).isEqualTo("RESERVATION_CONSUMED");
        for (String eventId : List.of("asn-5501", "till-7-000123", "till-7-000140", "till-7-000141", "adj-2026-11-21-1",
                "cycle-count-12-0042", "xfer-311-out", "xfer-311-in", "web-order-4471")) {
            assertThat(status(eventId).path("status").asText()).as(eventId).isEqualTo("APPLIED");
        }
    }

    @Test
    void samples_shouldGiveSameState_whenEveryWebhookIsDeliveredTwiceAndMessagesRedelivered() {
        // given: each sample posted twice (a sender's retry re-queues), messages processed twice
        for (Path sample : Samples.inbound()) {
            placeHoldBefore(sample);
            assertThat(post(Samples.read(sample)).getStatusCode()).isEqualTo(202);
            assertThat(post(Samples.read(sample)).getStatusCode()).isEqualTo(202);
            pipeline.drain(10, event -> {
                process(event);
                return process(event);
            });
        }
        // then
        assertLevels();
    }

    @Test
    void status_shouldShowQueued_untilTheProcessorRuns() {
        // given
        post(Samples.read(Samples.inbound().getFirst()));
        // when
        JsonNode queued = status("asn-5501");
        pipeline.drain(10, this::process);
        JsonNode applied = status("asn-5501");
        // then
        assertThat(queued.path("status").asText()).isEqualTo("QUEUED");
        assertThat(applied.path("status").asText()).isEqualTo("APPLIED");
        assertThat(applied.path("lines")).hasSize(2);
        assertThat(applied.path("lines").get(1).path("sku").asText()).isEqualTo("RED-SOCK");
    }

    private void assertLevels() {
        assertLevel("BLU-SHIRT-M", "store-12", 13, 0, 0, 0, 5);
        assertLevel("RED-SOCK", "store-12", 7, 0, 1, 0, 4);
        assertLevel("BLU-SHIRT-M", "web-dc", 4, 0, 0, 0, 4);
        assertThat(pipeline.store.ledger("BLU-SHIRT-M", "store-12")).extracting(LedgerEntry::outcome)
                .containsOnlyOnce(Outcome.SUPERSEDED_BY_COUNT);
    }

    private void assertLevel(String sku, String location, long onHand, long reserved, long damaged, long inTransit,
                             long version) {
        StockLevel level = pipeline.store.level(sku, location).orElseThrow();
        assertThat(List.of(level.onHand(), level.reserved(), level.damaged(), level.inTransit(), level.version()))
                .as(sku + " @ " + location).containsExactly(onHand, reserved, damaged, inTransit, version);
    }

    @Test
    void sale_byAnotherStoresTill_shouldNeverConsumeAHoldAtThisStore() {
        // given: a web order held for pick-up at store-1, and store-2's till scoped to store-2*
        String store2 = pipeline.register(new Source("pos-store-2", io.inventorysync.settings.Settings.SOURCE_SECRET_PREFIX
                + "pos-store-2", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH).withLocations(List.of("store-2*")));
        for (String store : List.of("store-1", "store-2")) {
            pipeline.store.apply(io.inventorysync.testing.Events.one("rcv-" + store, io.inventorysync.domain.ChangeType.RECEIPT,
                    java.time.Instant.now().minusSeconds(600), store, "BLU-SHIRT-M", 5));
        }
        assertThat(pipeline.store.reserve(new ReservationRequest("pickup-1", "shop-web", "store-1", 900,
                List.of(new ReservationLine("BLU-SHIRT-M", 2))))).isInstanceOf(ReservationResult.Held.class);
        String atStore1 = sale("s2-1", "store-1");
        String atStore2 = sale("s2-2", "store-2");
        // when: it sells at store-1 naming the hold (out of its scope), then at its own store naming it
        APIGatewayV2HTTPResponse refused = webhook.handleRequest(IngestPipeline.post("pos-store-2", atStore1,
                Signer.headers(store2, atStore1)), null);
        APIGatewayV2HTTPResponse accepted = webhook.handleRequest(IngestPipeline.post("pos-store-2", atStore2,
                Signer.headers(store2, atStore2)), null);
        pipeline.drain(10, this::process);
        // then: the first is refused whole (nothing queued), the second applies alone; the hold stays held
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(403);
        assertThat(refused.getBody()).contains("OUT_OF_SCOPE").contains("locationId");
        assertThat(accepted.getStatusCode()).isEqualTo(202);
        assertThat(pipeline.store.eventStatus("pos-store-2", "s2-1")).isEmpty();
        assertThat(pipeline.store.eventStatus("pos-store-2", "s2-2").orElseThrow().lines().getFirst().reason())
                .isEqualTo("RESERVATION_OTHER_LOCATION");
        assertThat(pipeline.store.reservation(new io.inventorysync.domain.HoldRef("shop-web", "pickup-1")).orElseThrow()
                .status()).isEqualTo(io.inventorysync.domain.ReservationStatus.ACTIVE);
        assertThat(pipeline.store.level("BLU-SHIRT-M", "store-1").orElseThrow().reserved()).isEqualTo(2);
        assertThat(pipeline.store.level("BLU-SHIRT-M", "store-2").orElseThrow().onHand()).isEqualTo(3);
    }

    private static String sale(String eventId, String locationId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"SALE\",\"occurredAt\":\"" + java.time.Instant.now().minusSeconds(60)
                + "\",\"locationId\":\"" + locationId + "\",\"reservationId\":\"pickup-1\","
                + "\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":2}]}";
    }

    private APIGatewayV2HTTPResponse post(String body) {
        return webhook.handleRequest(IngestPipeline.post(POS, body, Signer.headers(secret, body)), null);
    }

    private JsonNode status(String eventId) {
        APIGatewayV2HTTPResponse response = webhook.handleRequest(IngestPipeline.get(POS, eventId,
                Signer.headers(secret, "")), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> process(com.amazonaws.services.lambda.runtime.events.SQSEvent event) {
        SQSBatchResponse response = processor.handleRequest(event, null);
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
