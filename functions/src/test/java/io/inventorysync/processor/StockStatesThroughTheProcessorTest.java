package io.inventorysync.processor;

import io.inventorysync.domain.Fulfilment;
import io.inventorysync.domain.FulfilmentRequest;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;
import io.inventorysync.domain.OutcomeReason;
import io.inventorysync.domain.ReservationLine;
import io.inventorysync.domain.ReservationRequest;
import io.inventorysync.domain.ReservationStatus;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.StockLevel;
import io.inventorysync.http.Json;
import io.inventorysync.ingest.IngestResult;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.movements.QueuedMovement;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events of contract v1.1 from the webhook through the queue's wire format to the processor, on
 * the in-memory store: what each does to the record, and what the event's status says.
 */
class StockStatesThroughTheProcessorTest {
    private static final String POS = "pos-acme";
    private static final String STORE = "store-12";
    private static final String SKU = "BLU-SHIRT-M";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final RecordingMovementQueue queue = new RecordingMovementQueue().relaying(store, clock);
    private final List<String> parked = new ArrayList<>();
    private final MovementProcessor processor = new MovementProcessor(store, (m, reason) -> parked.add(reason), clock);
    private final Telemetry telemetry = Telemetry.start("Test");
    private String secret;
    private IngestService ingest;

    @BeforeEach
    void setUp() {
        InMemorySourceRegistry sources = new InMemorySourceRegistry();
        sources.register(new Source(POS, Settings.SOURCE_SECRET_PREFIX + POS, Map.of(),
                Source.UnknownSkuPolicy.PASS_THROUGH));
        secret = Signer.newSecret();
        ingest = new IngestService(sources, source -> List.of(secret), store, clock);
        send(event("rcv-1", "RECEIPT", "{\"sku\":\"" + SKU + "\",\"quantity\":10}", ""));
    }

    @Test
    void process_shouldMoveUnitsBetweenStates_whenMoveAndWriteOffHaveEnough() {
        // given: 3 returned for inspection
        send(event("ret-1", "RETURN", line(3, "\"condition\":\"QUARANTINE\""), ""));

        // when: one released to the shelf, one found damaged, one damaged unit written off
        send(event("qc-1", "MOVE", line(1, "\"from\":\"QUARANTINE\",\"to\":\"ON_HAND\""), ""));
        send(event("qc-2", "MOVE", line(1, "\"from\":\"QUARANTINE\",\"to\":\"DAMAGED\""), ""));
        send(event("wo-1", "WRITE_OFF", line(1, "\"from\":\"DAMAGED\""), ",\"reasonCode\":\"DAMAGED\""));

        // then
        StockLevel level = level();
        assertThat(List.of(level.onHand(), level.quarantine(), level.damaged())).containsExactly(11L, 1L, 0L);
        for (String eventId : List.of("ret-1", "qc-1", "qc-2", "wo-1")) {
            assertThat(status(eventId).status()).as(eventId).isEqualTo(EventStatus.Status.APPLIED);
        }
    }

    @Test
    void process_shouldRejectWithTheShortStateAndChangeNothing_whenMoveOrWriteOffTakesMoreThanThereIs() {
        // given: 1 unit damaged, none in quarantine
        send(event("ret-1", "RETURN", line(1, "\"condition\":\"DAMAGED\""), ""));
        long version = level().version();

        // when
        send(event("wo-1", "WRITE_OFF", line(2, "\"from\":\"DAMAGED\""), ",\"reasonCode\":\"EXPIRED\""));
        send(event("mv-1", "MOVE", line(1, "\"from\":\"QUARANTINE\",\"to\":\"ON_HAND\""), ""));

        // then
        assertThat(status("wo-1").status()).isEqualTo(EventStatus.Status.REJECTED);
        assertThat(status("wo-1").lines()).singleElement().satisfies(l -> {
            assertThat(l.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(l.reason()).isEqualTo(OutcomeReason.INSUFFICIENT_DAMAGED.name());
        });
        assertThat(status("mv-1").lines()).singleElement()
                .satisfies(l -> assertThat(l.reason()).isEqualTo(OutcomeReason.INSUFFICIENT_QUARANTINE.name()));
        assertThat(level().version()).isEqualTo(version);
        assertThat(level().damaged()).isEqualTo(1);
        assertThat(parked).as("a refused movement is an outcome, not poison").isEmpty();
    }

    @Test
    void process_shouldTakeFromOnHandEvenBelowZero_whenWriteOffIsFromOnHand() {
        // when
        send(event("wo-1", "WRITE_OFF", line(12, "\"from\":\"ON_HAND\""), ",\"reasonCode\":\"THEFT\""));

        // then
        assertThat(level().onHand()).isEqualTo(-2);
        assertThat(status("wo-1").status()).isEqualTo(EventStatus.Status.APPLIED);
    }

    @Test
    void process_shouldCloseWhatWillNotArrive_whenTransferCloseNamesTheOrigin() {
        // given: 4 shipped from the web DC to the store, 3 arrive
        send(event("xfer-1-out", "TRANSFER_OUT", line(4, ""), ",\"toLocationId\":\"" + STORE + "\"")
                .replace("\"locationId\":\"" + STORE + "\"", "\"locationId\":\"web-dc\""));
        send(event("xfer-1-in", "TRANSFER_IN", line(3, ""), ",\"fromLocationId\":\"web-dc\""));

        // when
        send(event("xfer-1-close", "TRANSFER_CLOSE", line(1, ""), ",\"fromLocationId\":\"web-dc\""));

        // then
        assertThat(level().inTransit()).isZero();
        assertThat(level().onHand()).isEqualTo(13);
        assertThat(status("xfer-1-close").status()).isEqualTo(EventStatus.Status.APPLIED);
    }

    @Test
    void process_shouldFulfilTheCommitmentOnce_whenASaleNamesADeferredHold() {
        // given: 3 ordered for pick-up, 1 already handed over through the fulfil route
        store.reserve(new ReservationRequest("chk-1", "shop-web", STORE, 900, List.of(new ReservationLine(SKU, 3))));
        store.commit(io.inventorysync.testing.Events.ref("chk-1"), Fulfilment.DEFERRED);
        store.fulfil(io.inventorysync.testing.Events.ref("chk-1"), new FulfilmentRequest("ful-1", List.of(new ReservationLine(SKU, 1))));

        // when: the customer picks up all 3 at the till, and the till sends its sale twice
        String sale = event("till-1", "SALE", line(3, ""), ",\"reservationId\":\"chk-1\"");
        send(sale);
        send(sale);

        // then: 3 left the shelf in all, the commitment is gone, nothing twice
        StockLevel level = level();
        assertThat(List.of(level.onHand(), level.committed(), level.available())).containsExactly(7L, 0L, 7L);
        assertThat(store.reservation(io.inventorysync.testing.Events.ref("chk-1"))).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ReservationStatus.FULFILLED);
            assertThat(r.lines().getFirst().fulfilled()).isEqualTo(3);
        });
        assertThat(status("till-1").lines()).singleElement()
                .satisfies(l -> assertThat(l.reason()).isEqualTo(OutcomeReason.RESERVATION_FULFILLED.name()));
    }

    private String event(String eventId, String type, String line, String members) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + now
                + "\",\"locationId\":\"" + STORE + "\",\"reason\":\"test\",\"lines\":[" + line + "]" + members + "}";
    }

    private static String line(int quantity, String members) {
        return "{\"sku\":\"" + SKU + "\",\"quantity\":" + quantity + (members.isEmpty() ? "" : "," + members) + "}";
    }

    /** Posts {@code body} as the POS, then processes what it queued, as the SQS trigger would. */
    private void send(String body) {
        IngestResult result = ingest.postEvents(new IngestService.Request(POS, Signer.headers(secret, body),
                body.getBytes(StandardCharsets.UTF_8), "POST /v1/sources/" + POS + "/events"), telemetry);
        assertThat(result).as(body).isInstanceOf(IngestResult.Accepted.class);
        List<QueuedMovement> batch = new ArrayList<>();
        for (Movement m : queue.sent()) {
            batch.add(new QueuedMovement("m-" + batch.size(), m.sku() + "#" + m.locationId(),
                    Json.write(MovementMessage.of(m)), Map.of(), 0));
        }
        queue.sent().clear();
        assertThat(processor.process(batch, telemetry)).isEmpty();
    }

    private StockLevel level() {
        return store.level(SKU, STORE).orElseThrow();
    }

    private EventStatus status(String eventId) {
        return store.eventStatus(POS, eventId).orElseThrow();
    }
}
