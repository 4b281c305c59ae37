package io.inventorysync.ingest;

import io.inventorysync.auth.SigningSecrets;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Source;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.RecordingMovementQueue;
import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link IngestService} on the in-memory store and queue: contract v1's ingest and event-status routes. */
class IngestServiceTest {
    private static final String POS = "pos-acme";
    private static final String STRICT = "pos-strict";

    // Signatures are checked against the real clock (the Standard Webhooks library); the service's clock is now too.
    private final Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    private final Map<String, String> secrets = new HashMap<>();
    private final SigningSecrets signingSecrets = source -> secrets.containsKey(source.sourceId())
            ? List.of(secrets.get(source.sourceId()).split(" ")) : List.of();
    private final InMemorySourceRegistry sources = new InMemorySourceRegistry();
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final RecordingMovementQueue queue = new RecordingMovementQueue().relaying(store, clock);
    private final Telemetry telemetry = Telemetry.start("Test");
    private IngestService service;

    @BeforeEach
    void setUp() {
        register(POS, Map.of("SKU-4471", "BLU-SHIRT-M"), Source.UnknownSkuPolicy.PASS_THROUGH);
        register(STRICT, Map.of("SKU-4471", "BLU-SHIRT-M"), Source.UnknownSkuPolicy.REJECT);
        service = new IngestService(sources, signingSecrets, store, clock);
    }

    @Test
    void postEvents_shouldAcceptAndQueueEveryMovement_whenSignedBySource() {
        // given
        String body = "{\"events\":[" + sale("e-1", "BLU-SHIRT-M", 2) + "," + transferOut("e-2") + "]}";

        // when
        IngestResult result = post(POS, body);

        // then
        assertThat(result).isEqualTo(new IngestResult.Accepted(List.of("e-1", "e-2")));
        assertThat(queue.sent()).extracting(m -> m.key().toString())
                .containsExactly("pos-acme/e-1/0", "pos-acme/e-2/0", "pos-acme/e-2/0-dest");
        assertThat(store.eventStatus(POS, "e-1")).map(EventStatus::status).contains(EventStatus.Status.QUEUED);
        // and each movement carries when the webhook received it: a count's effective time needs it
        assertThat(queue.sent()).extracting(Movement::receivedAt).containsOnly(clock.instant());
    }

    @Test
    void postEvents_shouldRefuseWithBadSignature_whenSignedWithAnotherSecret() {
        // given
        String body = sale("e-1", "BLU-SHIRT-M", 1);
        Map<String, String> headers = Signer.headers(Signer.newSecret(), body);

        // when
        IngestResult result = service.postEvents(request(POS, headers, body), telemetry);

        // then
        assertThat(result).isEqualTo(new IngestResult.RequestRefused(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.BAD_SIGNATURE, POS)));
        assertNothingRecorded("e-1");
    }

    @Test
    void postEvents_shouldRefuseAsUnsigned_whenSignatureHeaderIsMissing() {
        // given
        String body = sale("e-1", "BLU-SHIRT-M", 1);
        Map<String, String> headers = new HashMap<>(Signer.headers(secrets.get(POS), body));
        headers.remove("webhook-signature");

        // when
        IngestResult result = service.postEvents(request(POS, headers, body), telemetry);

        // then
        assertThat(refusal(result)).isEqualTo(SourceAuthenticator.Reason.UNSIGNED);
        assertNothingRecorded("e-1");
    }

    @Test
    void postEvents_shouldRefuseAsUnknownSource_whenSourceIsNotRegistered() {
        // given
        String body = sale("e-1", "BLU-SHIRT-M", 1);

        // when
        IngestResult result = service.postEvents(request("pos-nobody", Signer.headers(secrets.get(POS), body), body),
                telemetry);

        // then
        assertThat(refusal(result)).isEqualTo(SourceAuthenticator.Reason.UNKNOWN_SOURCE);
        assertThat(((IngestResult.Refused) result).code()).isEqualTo("UNKNOWN_SOURCE");
    }

    @Test
    void postEvents_shouldRefuseAsTooLarge_whenBodyIsOneByteOver256KB() {
        // given
        String body = padded(sale("e-1", "BLU-SHIRT-M", 1), IngestService.MAX_BODY_BYTES + 1);

        // when
        IngestResult result = post(POS, body);

        // then
        assertThat(result).isEqualTo(new IngestResult.TooLarge(256 * 1024 + 1, 256 * 1024));
        assertNothingRecorded("e-1");
    }

    @Test
    void postEvents_shouldAccept_whenBodyIsExactly256KB() {
        // given
        String body = padded(sale("e-1", "BLU-SHIRT-M", 1), 256 * 1024);

        // when
        IngestResult result = post(POS, body);

        // then
        assertThat(result).isEqualTo(new IngestResult.Accepted(List.of("e-1")));
    }

    @Test
    void postEvents_shouldRefuseAsUnsupportedMediaType_whenContentTypeIsNotJson() {
        // given
        String body = sale("e-1", "BLU-SHIRT-M", 1);
        Map<String, String> headers = new HashMap<>(Signer.headers(secrets.get(POS), body));
        headers.put("content-type", "text/plain");

        // when
        IngestResult result = service.postEvents(request(POS, headers, body), telemetry);

        // then
        assertThat(((IngestResult.Refused) result).code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertNothingRecorded("e-1");
    }

    @Test
    void postEvents_shouldRefuseAsInvalidJson_whenBodyIsNotJson() {
        // when
        IngestResult result = post(POS, "{\"eventId\":");

        // then
        assertThat(((IngestResult.Refused) result).code()).isEqualTo("INVALID_JSON");
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void postEvents_shouldQueueNothingAndListEveryProblem_whenOneEventOfABatchIsBad() {
        // given
        String body = "{\"events\":[" + sale("e-1", "BLU-SHIRT-M", 1) + "," + sale("e-2", "BLU-SHIRT-M", 0) + ","
                + sale("e-1", "RED-SHIRT-M", 1) + "]}";

        // when
        IngestResult result = post(POS, body);

        // then
        assertThat(result).isInstanceOf(IngestResult.InvalidEvents.class);
        assertThat(((IngestResult.InvalidEvents) result).problems()).extracting(p -> p.path())
                .containsExactly("events[1].lines[0].quantity", "events[2].eventId");
        assertNothingRecorded("e-1");
    }

    @Test
    void postEvents_shouldRefuseAsKeyReused_whenEventIdComesAgainWithAnotherBody() {
        // given
        post(POS, sale("e-1", "BLU-SHIRT-M", 1));

        // when
        IngestResult result = post(POS, sale("e-1", "BLU-SHIRT-M", 5));

        // then
        assertThat(result).isEqualTo(new IngestResult.EventIdsReused(List.of("e-1")));
        assertThat(((IngestResult.Refused) result).code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(queue.sent()).hasSize(1);
    }

    @Test
    void postEvents_shouldAcceptNothing_whenEventOneIsNewAndEventTwoReusesAnIdWithAnotherBody() {
        // given
        post(POS, sale("e-2", "BLU-SHIRT-M", 1));
        queue.sent().clear();

        // when
        IngestResult result = post(POS, "{\"events\":[" + sale("e-1", "BLU-SHIRT-M", 1) + ","
                + sale("e-2", "BLU-SHIRT-M", 9) + "]}");

        // then: e-1 is neither recorded, nor queued, nor held for the relay
        assertThat(result).isEqualTo(new IngestResult.EventIdsReused(List.of("e-2")));
        assertNothingRecorded("e-1");
    }

    @Test
    void postEvents_shouldQueueAgain_whenTheSameEventIsSentAgain() {
        // given
        post(POS, sale("e-1", "BLU-SHIRT-M", 1));

        // when
        IngestResult result = post(POS, sale("e-1", "BLU-SHIRT-M", 1));

        // then: the queue's deduplication and the ledger drop the copy
        assertThat(result).isEqualTo(new IngestResult.Accepted(List.of("e-1")));
        assertThat(queue.sent()).hasSize(2).extracting(Movement::fingerprint).containsOnly(queue.sent().getFirst().fingerprint());
    }

    @Test
    void postEvents_shouldRefuseAsUnknownSku_whenSourceRejectsSkusOutsideItsAliasMap() {
        // given
        String body = sale("e-1", "SKU-9999", 1);

        // when
        IngestResult result = post(STRICT, body);

        // then
        assertThat(result).isInstanceOf(IngestResult.UnknownSkus.class);
        assertThat(((IngestResult.UnknownSkus) result).problems()).extracting(p -> p.path())
                .containsExactly("lines[0].sku");
        assertNothingRecorded(STRICT, "e-1");
    }

    @Test
    void postEvents_shouldRefuseAsInvalidEvent_whenTwoLinesMapToTheSameSku() {
        // given
        String body = event("e-1", "SALE", "store-12", "{\"sku\":\"SKU-4471\",\"quantity\":1},"
                + "{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1}");

        // when
        IngestResult result = post(POS, body);

        // then
        assertThat(result).isInstanceOf(IngestResult.InvalidEvents.class);
        assertThat(((IngestResult.InvalidEvents) result).problems()).extracting(p -> p.path())
                .containsExactly("lines[1].sku");
        assertNothingRecorded("e-1");
    }

    @Test
    void postEvents_shouldQueueCanonicalSkusAndKeepTheSourcesOwn_whenSourceUsesAliases() {
        // when
        IngestResult result = post(STRICT, sale("e-1", "SKU-4471", 1));

        // then
        assertThat(result).isInstanceOf(IngestResult.Accepted.class);
        assertThat(queue.sent()).singleElement().satisfies(m -> {
            assertThat(m.sku()).isEqualTo("BLU-SHIRT-M");
            assertThat(m.sourceSku()).isEqualTo("SKU-4471");
        });
    }

    @Test
    void postEvents_shouldAccept_andTheRelaySendsOnceTheQueueRecovers_whenTheQueueFails() {
        // given: SQS is down (the webhook does not call it; the relay does)
        queue.failing = true;

        // when
        IngestResult result = post(POS, "{\"events\":[" + sale("e-1", "BLU-SHIRT-M", 1) + "," + transferOut("e-2") + "]}");
        IngestRelay.Result failed = queue.relayPending();

        // then: accepted (durable in the receipts), nothing queued yet, the relay reports the first record failed
        assertThat(result).isEqualTo(new IngestResult.Accepted(List.of("e-1", "e-2")));
        assertThat(failed.failedAt()).isPresent();
        assertThat(failed.relayed()).isZero();
        assertThat(store.eventStatus(POS, "e-2")).map(EventStatus::status).contains(EventStatus.Status.QUEUED);

        // and once SQS is back, the stream's delivery again sends every movement once, stamped as received
        queue.failing = false;
        assertThat(queue.sent()).extracting(m -> m.key().toString())
                .containsExactly("pos-acme/e-1/0", "pos-acme/e-2/0", "pos-acme/e-2/0-dest");
        assertThat(queue.sent()).extracting(Movement::receivedAt).containsOnly(clock.instant());
    }

    @Test
    void relay_shouldParkARecordTheQueueRefuses_andStillRelayTheNextOne() {
        // given: SQS refuses e-1's movements as malformed, whatever is tried (a sender fault)
        post(POS, sale("e-1", "BLU-SHIRT-M", 1));
        queue.refusing = "InvalidParameterValue: refused";
        IngestRelay.Result first = queue.relayPending();

        // when: the next request, SQS taking everything again
        queue.refusing = null;
        post(POS, sale("e-2", "BLU-SHIRT-M", 1));

        // then: e-1 parked with its reason (not retried for ever), e-2 sent
        assertThat(first.parked()).isEqualTo(1);
        assertThat(first.failedAt()).isEmpty();
        assertThat(queue.parked).singleElement().satisfies(p -> {
            assertThat(p.getKey()).isEqualTo("pos-acme#e-1");
            assertThat(p.getValue()).startsWith("REFUSED_BY_QUEUE: InvalidParameterValue");
        });
        assertThat(queue.sent()).extracting(m -> m.key().eventId()).containsExactly("e-2");
    }

    @Test
    void postEvents_aRetryAfterALostAnswer_shouldAnswerTheSame202_andBeRelayedAgainIdentically() {
        // given: the first copy accepted and relayed; its answer lost
        IngestResult first = post(POS, "{\"events\":[" + sale("e-1", "BLU-SHIRT-M", 1) + "," + transferOut("e-2") + "]}");
        List<Movement> firstSent = List.copyOf(queue.sent());

        // when: the sender retries the same body
        IngestResult again = post(POS, "{\"events\":[" + sale("e-1", "BLU-SHIRT-M", 1) + "," + transferOut("e-2") + "]}");

        // then: the same answer, the same movements (keys, fingerprints) sent again: SQS and the ledger drop them
        assertThat(again).isEqualTo(first);
        assertThat(queue.sent().subList(firstSent.size(), queue.sent().size()))
                .extracting(m -> m.key() + "|" + m.fingerprint())
                .containsExactlyElementsOf(firstSent.stream().map(m -> m.key() + "|" + m.fingerprint()).toList());
    }

    @Test
    void eventStatus_shouldShowTheEventQueued_whenItWasAccepted() {
        // given
        post(POS, sale("e-1", "SKU-4471", 1));

        // when
        EventStatusResult result = getStatus(POS, "e-1", "GET /v1/sources/pos-acme/events/e-1");

        // then
        assertThat(result).isInstanceOfSatisfying(EventStatusResult.Found.class, found -> {
            assertThat(found.status().status()).isEqualTo(EventStatus.Status.QUEUED);
            assertThat(found.status().eventId()).isEqualTo("e-1");
        });
    }

    @Test
    void eventStatus_shouldBeNotFound_whenAnotherSourceAsksForTheEvent() {
        // given
        post(POS, sale("e-1", "BLU-SHIRT-M", 1));

        // when
        EventStatusResult result = getStatus(STRICT, "e-1", "GET /v1/sources/pos-strict/events/e-1");

        // then
        assertThat(result).isEqualTo(new EventStatusResult.NotFound(STRICT, "e-1"));
    }

    @Test
    void eventStatus_shouldRefuse_whenASignedRequestIsReplayedOnAnotherRoute() {
        // given
        Map<String, String> headers = Signer.headers(secrets.get(POS), "");
        service.eventStatus(request(POS, headers, "", "GET /v1/sources/pos-acme/events/e-1"), "e-1", telemetry);

        // when
        EventStatusResult result = service.eventStatus(
                request(POS, headers, "", "GET /v1/sources/pos-acme/events/e-2"), "e-2", telemetry);

        // then
        assertThat(result).isEqualTo(new EventStatusResult.NotAuthenticated(
                new SourceAuthenticator.Refused(SourceAuthenticator.Reason.REQUEST_ID_REUSED, POS)));
    }

    @Test
    void eventStatus_shouldAnswerAgain_whenTheSameRequestIsRetriedOnItsRoute() {
        // given
        Map<String, String> headers = Signer.headers(secrets.get(POS), "");
        String route = "GET /v1/sources/pos-acme/events/e-1";
        service.eventStatus(request(POS, headers, "", route), "e-1", telemetry);

        // when
        EventStatusResult result = service.eventStatus(request(POS, headers, "", route), "e-1", telemetry);

        // then
        assertThat(result).isEqualTo(new EventStatusResult.NotFound(POS, "e-1"));
    }

    private void register(String sourceId, Map<String, String> aliases, Source.UnknownSkuPolicy policy) {
        secrets.put(sourceId, Signer.newSecret());
        sources.register(new Source(sourceId, Settings.SOURCE_SECRET_PREFIX + sourceId, aliases, policy));
    }

    @Test
    void postEvents_shouldClaimTheRequestId_soASignedSaleCannotBeReplayedAsAHold() {
        // given: a storefront's signed SALE, accepted on the ingest route
        String body = sale("e-replay", "BLU-SHIRT-M", 1);
        Map<String, String> headers = Signer.headers(secrets.get(POS), body);
        assertThat(service.postEvents(request(POS, headers, body), telemetry)).isInstanceOf(IngestResult.Accepted.class);
        sources.register(sources.source(POS).orElseThrow().withCanReserve(true));
        var reservations = new io.inventorysync.reservations.ReservationService(
                new SourceAuthenticator(sources, signingSecrets), store, new io.inventorysync.auth.Storefronts(sources, clock),
                clock);

        // when: the same body and headers are sent again within 5 minutes to the reservations route
        var replayed = reservations.create(new io.inventorysync.reservations.ReservationService.Request(headers,
                body.getBytes(StandardCharsets.UTF_8), "POST /v1/reservations"), telemetry);
        // and again to the route it was signed for (a sender's retry)
        IngestResult retry = service.postEvents(request(POS, headers, body), telemetry);

        // then: refused there, nothing held; the retry is fine
        assertThat(replayed).isInstanceOfSatisfying(io.inventorysync.reservations.ReservationOutcome.RequestRefused.class,
                r -> assertThat(r.refusal()).isEqualTo(new SourceAuthenticator.Refused(
                        SourceAuthenticator.Reason.REQUEST_ID_REUSED, POS)));
        assertThat(retry).isInstanceOf(IngestResult.Accepted.class);
    }

    // ------------------------------------------------------------ v1.1: scopes

    @Test
    void postEvents_shouldRefuseTheWholeBatchAsOutOfScope_namingEachPath_andQueueNothing() {
        // given: a store's till scoped to store-12* that may post sales, counts and transfers out
        sources.register(sources.source(POS).orElseThrow().withLocations(List.of("store-12*"))
                .withEventTypes(java.util.Set.of(io.inventorysync.domain.ChangeType.SALE,
                        io.inventorysync.domain.ChangeType.COUNT, io.inventorysync.domain.ChangeType.TRANSFER_OUT)));
        String body = "{\"events\":[" + sale("e-1", "BLU-SHIRT-M", 1) + ","
                + event("e-2", "COUNT", "web-dc", "{\"sku\":\"BLU-SHIRT-M\",\"quantity\":0}") + ","
                + event("e-3", "RECEIPT", "store-12", "{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1}") + ","
                + transferOut("e-4") + "]}";
        // when
        IngestResult result = post(POS, body);
        // then: every path out of scope, nothing queued, no receipt (the same ids can be sent again, fixed)
        assertThat(result).isInstanceOfSatisfying(IngestResult.OutOfScope.class, o -> {
            assertThat(o.code()).isEqualTo("OUT_OF_SCOPE");
            assertThat(o.problems()).extracting(io.inventorysync.domain.Problem::path)
                    .containsExactly("events[1].locationId", "events[2].type", "events[3].toLocationId");
        });
        assertThat(queue.sent()).isEmpty();
        for (String id : List.of("e-1", "e-2", "e-3", "e-4")) {
            assertThat(store.eventStatus(POS, id)).as(id).isEmpty();
        }
        assertThat(post(POS, "{\"events\":[" + sale("e-1", "BLU-SHIRT-M", 1) + "]}"))
                .isEqualTo(new IngestResult.Accepted(List.of("e-1")));
    }

    @Test
    void postEvents_shouldNameTheSingleEventsPaths_whenOneEventIsOutOfScope() {
        sources.register(sources.source(POS).orElseThrow().withLocations(List.of("store-1*")));
        IngestResult result = post(POS, event("c-1", "COUNT", "web-dc", "{\"sku\":\"BLU-SHIRT-M\",\"quantity\":0}"));
        assertThat(result).isInstanceOfSatisfying(IngestResult.OutOfScope.class, o -> assertThat(o.problems())
                .extracting(io.inventorysync.domain.Problem::path).containsExactly("locationId"));
        assertThat(queue.sent()).isEmpty();
    }

    private IngestResult post(String sourceId, String body) {
        return service.postEvents(request(sourceId, Signer.headers(secrets.get(sourceId), body), body), telemetry);
    }

    private EventStatusResult getStatus(String sourceId, String eventId, String route) {
        return service.eventStatus(request(sourceId, Signer.headers(secrets.get(sourceId), ""), "", route), eventId,
                telemetry);
    }

    private static IngestService.Request request(String sourceId, Map<String, String> headers, String body) {
        return request(sourceId, headers, body, "POST /v1/sources/" + sourceId + "/events");
    }

    private static IngestService.Request request(String sourceId, Map<String, String> headers, String body,
                                                 String route) {
        return new IngestService.Request(sourceId, headers, body.getBytes(StandardCharsets.UTF_8), route);
    }

    private static SourceAuthenticator.Reason refusal(IngestResult result) {
        return ((SourceAuthenticator.Refused) ((IngestResult.RequestRefused) result).refusal()).reason();
    }

    private void assertNothingRecorded(String eventId) {
        assertNothingRecorded(POS, eventId);
    }

    private void assertNothingRecorded(String sourceId, String eventId) {
        // the relay, fed by the stream, found nothing to send
        assertThat(queue.sent()).isEmpty();
        assertThat(store.receipt(sourceId, eventId)).isEmpty();
    }

    private String sale(String eventId, String sku, long quantity) {
        return event(eventId, "SALE", "store-12", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
    }

    private String transferOut(String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"TRANSFER_OUT\",\"occurredAt\":\"" + anHourAgo()
                + "\",\"locationId\":\"store-12\",\"toLocationId\":\"web-dc\",\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":3}]}";
    }

    private String event(String eventId, String type, String locationId, String lines) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + anHourAgo()
                + "\",\"locationId\":\"" + locationId + "\",\"lines\":[" + lines + "]}";
    }

    private String anHourAgo() {
        return clock.instant().minus(1, ChronoUnit.HOURS).toString();
    }

    /** {@code event} with an unknown member that pads it to exactly {@code bytes} (unknown members are ignored). */
    private static String padded(String event, int bytes) {
        String open = event.substring(0, event.length() - 1) + ",\"padding\":\"";
        String close = "\"}";
        return open + "x".repeat(bytes - open.length() - close.length()) + close;
    }
}
