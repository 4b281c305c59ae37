package io.inventorysync.ingest;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Movements;
import io.inventorysync.http.Json;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.movements.MovementQueue;
import io.inventorysync.movements.QueuedMovement;
import io.inventorysync.processor.MovementProcessor;
import io.inventorysync.store.EventReceipt;
import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.InventoryTable;
import io.inventorysync.store.OutboxEvent;
import io.inventorysync.store.StreamImages;
import io.inventorysync.telemetry.Telemetry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IngestRelay} on stream records built from the receipts' real images (the store's own
 * mapping), in front of an in-memory queue and, where the outcome matters, the processor on the
 * in-memory store: what it relays, what it ignores, what it parks, where it asks to be delivered
 * again, and that the order it relays a request's events in changes no final number.
 */
class IngestRelayTest {
    private static final String POS = "pos-acme";
    private static final String STORE = "store-12";
    private static final String SKU = "BLU-SHIRT-M";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final Telemetry telemetry = Telemetry.discarded();
    private final List<Movement> sent = new ArrayList<>();
    private final List<String> parked = new ArrayList<>();
    /** Events whose movements SQS does not take (throttled) while listed. */
    private final Set<String> failingEvents = new java.util.HashSet<>();
    private final MovementQueue queue = (movements, deadline) -> {
        List<Movement> unsent = movements.stream().filter(m -> failingEvents.contains(m.key().eventId())).toList();
        movements.stream().filter(m -> !unsent.contains(m)).forEach(sent::add);
        return new MovementQueue.Sent(unsent, null);
    };
    /** The receipts' refusals the relay records (sourceId#eventId: code). */
    private final List<String> refused = new ArrayList<>();
    private final IngestRelay relay = new IngestRelay(queue, (QueuedMovement m, String reason) ->
            parked.add(m.attributes().get("eventId") + ": " + reason),
            (sourceId, eventId, reason, lines) -> refused.add(sourceId + "#" + eventId + ": " + reason), clock);

    private OutboxEvent event(String eventId, ChangeType type, Instant occurredAt, long quantity) {
        InventoryEvent e = new InventoryEvent(eventId, type, occurredAt, STORE, List.of(new EventLine(SKU, quantity)),
                null, null, null, null, null, null);
        return new OutboxEvent(new EventReceipt(POS, eventId, "fp-" + eventId, Movements.of(POS, e).size(), now), e);
    }

    private static IngestRelay.Change insert(String sequence, OutboxEvent event, String token) {
        return new IngestRelay.Change(sequence, Map.of(), StreamImages.heldReceiptImage(new HeldEvent(event, token)));
    }

    @Test
    void relay_shouldSendEachNewlyHeldEvent_andIgnoreEveryOtherRecord() {
        // given: a new receipt; a retry of it under a new token; a rewrite under the same token (no new
        // hold); a refused vendor event's receipt (no event held); a stock level; a receipt's removal
        OutboxEvent sale = event("e-1", ChangeType.SALE, now.minusSeconds(60), 2);
        Map<String, AttributeValue> first = StreamImages.heldReceiptImage(new HeldEvent(sale, "t1"));
        Map<String, AttributeValue> retry = StreamImages.heldReceiptImage(new HeldEvent(sale, "t2"));
        Map<String, AttributeValue> unqueued = new HashMap<>(first);
        unqueued.remove(StreamImages.HELD_EVENT_ATTRIBUTE);
        unqueued.remove(StreamImages.HOLD_TOKEN_ATTRIBUTE);
        Map<String, AttributeValue> stock = Map.of("PK", AttributeValue.fromS("STOCK#" + SKU), "SK", AttributeValue.fromS("LOC#" + STORE),
                InventoryTable.ITEM_TYPE, AttributeValue.fromS("STOCK"));

        // when
        IngestRelay.Result result = relay.relay(List.of(
                new IngestRelay.Change("1", Map.of(), first),
                new IngestRelay.Change("2", first, retry),
                new IngestRelay.Change("3", retry, retry),
                new IngestRelay.Change("4", Map.of(), unqueued),
                new IngestRelay.Change("5", Map.of(), stock),
                new IngestRelay.Change("6", retry, Map.of())), Instant.MAX, telemetry);

        // then: sent twice (SQS deduplication and the ledger drop the copy), the rest ignored
        assertThat(result.relayed()).isEqualTo(2);
        assertThat(result.ignored()).isEqualTo(4);
        assertThat(result.failedAt()).isEmpty();
        assertThat(sent).extracting(m -> m.key().toString()).containsExactly("pos-acme/e-1/0", "pos-acme/e-1/0");
        assertThat(sent).extracting(Movement::receivedAt).containsOnly(now);
    }

    @Test
    void relay_shouldParkAnUnreadableHeldEvent_withItsReason_andStillRelayTheNextRecord() {
        // given: a receipt whose held event cannot be read, then a good one
        Map<String, AttributeValue> broken = new HashMap<>(StreamImages.heldReceiptImage(
                new HeldEvent(event("bad-1", ChangeType.SALE, now, 1), "t")));
        broken.put(StreamImages.HELD_EVENT_ATTRIBUTE, AttributeValue.fromS("{\"id\":\"bad-1\",\"l\":"));

        // when
        IngestRelay.Result result = relay.relay(List.of(new IngestRelay.Change("1", Map.of(), broken),
                insert("2", event("e-2", ChangeType.RECEIPT, now, 5), "t")), Instant.MAX, telemetry);

        // then
        assertThat(result.parked()).isEqualTo(1);
        assertThat(result.failedAt()).as("poison never blocks the records behind it").isEmpty();
        assertThat(parked).singleElement().asString().startsWith("bad-1: UNREADABLE_HELD_EVENT");
        assertThat(refused).as("its status says so, with the stable code only").containsExactly("pos-acme#bad-1: UNREADABLE_HELD_EVENT");
        assertThat(sent).extracting(m -> m.key().eventId()).containsExactly("e-2");
    }

    @Test
    void relay_shouldAskForARecordAgain_whenItsRefusalCannotBeRecorded() {
        // given: the table failing the refusal's write
        IngestRelay failing = new IngestRelay(queue, (QueuedMovement m, String reason) -> parked.add(reason),
                (sourceId, eventId, reason, lines) -> {
                    throw new io.inventorysync.store.StoreException("injected: throttled", true, null);
                }, clock);
        Map<String, AttributeValue> broken = new HashMap<>(StreamImages.heldReceiptImage(
                new HeldEvent(event("bad-2", ChangeType.SALE, now, 1), "t")));
        broken.put(StreamImages.HELD_EVENT_ATTRIBUTE, AttributeValue.fromS("not json"));

        // when
        IngestRelay.Result result = failing.relay(List.of(new IngestRelay.Change("7", Map.of(), broken)), Instant.MAX, telemetry);

        // then: parked, but delivered again from it until the status is recorded (not QUEUED for ever)
        assertThat(parked).hasSize(1);
        assertThat(result.parked()).isZero();
        assertThat(result.failedAt()).contains("7");
    }

    @Test
    void relay_shouldNotHoldTheShard_whenARefusalCanNeverBeRecorded() {
        // given: the table refusing the refusal's write for good (a denied or invalid request)
        IngestRelay denied = new IngestRelay(queue, (QueuedMovement m, String reason) -> parked.add(reason),
                (sourceId, eventId, reason, lines) -> {
                    throw new io.inventorysync.store.StoreException("injected: access denied", false, null);
                }, clock);
        Map<String, AttributeValue> broken = new HashMap<>(StreamImages.heldReceiptImage(
                new HeldEvent(event("bad-3", ChangeType.SALE, now, 1), "t")));
        broken.put(StreamImages.HELD_EVENT_ATTRIBUTE, AttributeValue.fromS("not json"));

        // when
        IngestRelay.Result result = denied.relay(List.of(new IngestRelay.Change("8", Map.of(), broken),
                insert("9", event("e-9", ChangeType.RECEIPT, now, 5), "t")), Instant.MAX, telemetry);

        // then: parked once and passed: a retry could never record it, so it must not block what follows
        assertThat(parked).hasSize(1);
        assertThat(result.parked()).isEqualTo(1);
        assertThat(result.failedAt()).isEmpty();
        assertThat(sent).extracting(m -> m.key().eventId()).containsExactly("e-9");
    }

    @Test
    void relay_shouldRecordWhichLinesWereRefused_whenSomeOfItsMovementsWereQueued() {
        // given: a three-line sale whose second line's movement SQS refuses as malformed, the others taken
        InventoryEvent threeLines = new InventoryEvent("e-3l", ChangeType.SALE, now, STORE,
                List.of(new EventLine(SKU, 1), new EventLine("RED-SHIRT-M", 1), new EventLine("GRN-SOCK", 1)),
                null, null, null, null, null, null);
        OutboxEvent held = new OutboxEvent(new EventReceipt(POS, "e-3l", "fp", Movements.of(POS, threeLines).size(), now), threeLines);
        MovementQueue refusingOne = (movements, deadline) -> {
            List<Movement> unsent = movements.stream().filter(m -> m.sku().equals("RED-SHIRT-M")).toList();
            movements.stream().filter(m -> !unsent.contains(m)).forEach(sent::add);
            return new MovementQueue.Sent(unsent, unsent.isEmpty() ? null : "InvalidParameterValue: injected");
        };
        IngestRelay partial = new IngestRelay(refusingOne, (QueuedMovement m, String reason) -> parked.add(reason),
                (sourceId, eventId, reason, lines) -> refused.add(sourceId + "#" + eventId + ": " + reason + " " + lines), clock);

        // when
        IngestRelay.Result result = partial.relay(List.of(insert("1", held, "t")), Instant.MAX, telemetry);

        // then: parked with its reason and passed; the receipt records the refused line (position 1) only,
        // so the queued lines still read from the ledger
        assertThat(result.failedAt()).isEmpty();
        assertThat(parked).singleElement().asString().startsWith("REFUSED_BY_QUEUE");
        assertThat(refused).containsExactly(POS + "#e-3l: REFUSED_BY_QUEUE [1]");
        assertThat(sent).extracting(Movement::sku).contains(SKU, "GRN-SOCK");
    }

    @Test
    void relay_shouldDeliverAgain_notPark_whenWhatIsLeftWasNotAllRefused() {
        // given: SQS refuses one movement and throttles another of the same event
        InventoryEvent twoLines = new InventoryEvent("e-mix", ChangeType.SALE, now, STORE,
                List.of(new EventLine(SKU, 1), new EventLine("RED-SHIRT-M", 1)), null, null, null, null, null, null);
        OutboxEvent held = new OutboxEvent(new EventReceipt(POS, "e-mix", "fp", 2, now), twoLines);
        MovementQueue mixed = (movements, deadline) -> {
            List<Movement> refusedOnes = movements.stream().filter(m -> m.sku().equals("RED-SHIRT-M")).toList();
            return new MovementQueue.Sent(movements, "InvalidParameterValue: injected", refusedOnes);
        };
        IngestRelay relayOf = new IngestRelay(mixed, (QueuedMovement m, String reason) -> parked.add(reason),
                (sourceId, eventId, reason, lines) -> refused.add(eventId), clock);

        // when
        IngestRelay.Result result = relayOf.relay(List.of(insert("1", held, "t")), Instant.MAX, telemetry);

        // then: the record is asked for again (the throttled line may still go), nothing parked or recorded
        assertThat(result.failedAt()).contains("1");
        assertThat(parked).isEmpty();
        assertThat(refused).isEmpty();
    }

    @Test
    void relay_shouldAskForTheFirstRecordNotSent_andApplyEverythingOnce_whenDeliveredAgain() {
        // given: e-2's movements are throttled; e-1 and e-3 go through
        InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
        MovementProcessor processor = new MovementProcessor(store, (m, reason) -> parked.add(reason), clock);
        List<IngestRelay.Change> batch = List.of(insert("10", event("e-1", ChangeType.RECEIPT, now.minusSeconds(30), 10), "t"),
                insert("11", event("e-2", ChangeType.SALE, now.minusSeconds(20), 3), "t"),
                insert("12", event("e-3", ChangeType.SALE, now.minusSeconds(10), 1), "t"));
        failingEvents.add("e-2");

        // when: delivered, then (SQS recovered) delivered again from the record it named, as Lambda does
        IngestRelay.Result first = relay.relay(batch, Instant.MAX, telemetry);
        failingEvents.clear();
        IngestRelay.Result again = relay.relay(batch.subList(1, 3), Instant.MAX, telemetry);
        process(store, processor);

        // then: the failure names e-2's record; e-3, sent twice, is applied once: 10 - 3 - 1
        assertThat(first.failedAt()).contains("11");
        assertThat(again.failedAt()).isEmpty();
        assertThat(sent).extracting(m -> m.key().eventId()).containsExactly("e-1", "e-3", "e-2", "e-3");
        assertThat(store.level(SKU, STORE).orElseThrow().onHand()).isEqualTo(6);
        assertThat(store.ledger(SKU, STORE)).hasSize(3);
    }

    @Test
    void relay_inAnyOrder_shouldGiveTheSameFinalStock_forACountAndALaterSaleOfOneRequest() {
        // given: one request with a count (10 at t1) and a later sale (3 at t2): stream order is per item only
        OutboxEvent count = event("c-1", ChangeType.COUNT, now.minusSeconds(60), 10);
        OutboxEvent sale = event("s-1", ChangeType.SALE, now.minusSeconds(30), 3);

        // when: relayed in the request's order into one store, in reverse into another
        long forward = relayAndApply(List.of(insert("1", count, "t"), insert("2", sale, "t")));
        long reverse = relayAndApply(List.of(insert("1", sale, "t"), insert("2", count, "t")));

        // then: counts are ordered by time, so the order of arrival changes nothing
        assertThat(forward).isEqualTo(7);
        assertThat(reverse).isEqualTo(forward);
    }

    private long relayAndApply(List<IngestRelay.Change> changes) {
        sent.clear();
        InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
        assertThat(relay.relay(changes, Instant.MAX, telemetry).failedAt()).isEmpty();
        process(store, new MovementProcessor(store, (m, reason) -> parked.add(reason), clock));
        return store.level(SKU, STORE).orElseThrow().onHand();
    }

    /** What was sent, through the queue's wire format to the processor, one message at a time. */
    private void process(InMemoryInventoryStore store, MovementProcessor processor) {
        for (Movement m : sent) {
            assertThat(processor.process(List.of(new QueuedMovement("m", m.sku() + "#" + m.locationId(),
                    Json.write(MovementMessage.of(m)), Map.of(), 0)), telemetry)).isEmpty();
        }
        assertThat(parked).isEmpty();
    }
}
