package io.inventorysync.processor;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Outcome;
import io.inventorysync.http.Json;
import io.inventorysync.movements.MovementMessage;
import io.inventorysync.movements.QueuedMovement;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.store.ApplyResult;
import io.inventorysync.store.InMemoryInventoryStore;
import io.inventorysync.store.MovementLedger;
import io.inventorysync.store.StoreException;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor on the in-memory store: deadlines, poison, and what a sender may read. */
class MovementProcessorTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> parked = new ArrayList<>();
    private final PoisonQueue poison = (message, reason) -> parked.add(message.messageId() + " " + reason);

    private static QueuedMovement queued(String id, Movement m) {
        return new QueuedMovement(id, SqsMovementQueue.groupOf(m.sku(), m.locationId()),
                Json.write(MovementMessage.of(m)), Map.of(
                SqsMovementQueue.ATTR_SOURCE_ID, m.key().sourceId(),
                SqsMovementQueue.ATTR_EVENT_ID, m.key().eventId(),
                SqsMovementQueue.ATTR_LINE_KEY, m.key().lineKey(),
                SqsMovementQueue.ATTR_SKU, m.sku(),
                SqsMovementQueue.ATTR_LOCATION_ID, m.locationId()), 0);
    }

    private static Movement receipt(String eventId, String sku) {
        return Events.one(eventId, ChangeType.RECEIPT, NOW.minusSeconds(60), "store-1", sku, 3);
    }

    @Test
    void process_shouldLeaveTheRestForRedelivery_whenTheInvocationIsNearlyOutOfTime() {
        // given: three messages of three records, and 12 s left that shrink by 4 s per message
        List<QueuedMovement> batch = List.of(queued("m-1", receipt("e-1", "A")), queued("m-2", receipt("e-2", "B")),
                queued("m-3", receipt("e-3", "C")));
        AtomicLong remaining = new AtomicLong(12_000);
        MovementProcessor processor = new MovementProcessor(store, poison, Clock.systemUTC());
        // when
        List<String> retry = processor.process(batch, () -> remaining.getAndAdd(-4_000), Telemetry.start("Test"));
        // then: two started with at least 7 s left (PROCESSOR_MESSAGE_BUDGET); the third is untouched, for its next delivery
        assertThat(retry).containsExactly("m-3");
        assertThat(store.level("A", "store-1")).isPresent();
        assertThat(store.level("B", "store-1")).isPresent();
        assertThat(store.level("C", "store-1")).isEmpty();
        assertThat(store.eventLedger(Events.SOURCE, "e-3")).isEmpty();
    }

    @Test
    void process_shouldRecordAStableReason_andKeepTheDetailOutOfTheStatus_whenTheMessageIsUnreadable() {
        // given
        Movement m = receipt("e-1", "A");
        QueuedMovement broken = new QueuedMovement("m-1", "A#store-1", "{not json", queued("m-1", m).attributes(), 0);
        // when
        List<String> retry = new MovementProcessor(store, poison, Clock.systemUTC()).process(List.of(broken),
                Telemetry.start("Test"));
        // then
        assertThat(retry).isEmpty();
        assertThat(store.eventLedger(Events.SOURCE, "e-1")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(e.outcomeReason()).isEqualTo("UNREADABLE_MESSAGE");
        });
        assertThat(parked).singleElement().asString().startsWith("m-1 UNREADABLE_MESSAGE: ");
    }

    @Test
    void process_shouldNotLeakTheStoresMessage_whenTheStoreRefusesTheMovement() {
        // given: a store that refuses with an internal message
        MovementLedger refusing = new MovementLedger() {
            @Override
            public ApplyResult apply(Movement movement) {
                throw new StoreException("apply failed: Transaction request cannot include multiple operations "
                        + "(Service: DynamoDb, Status Code: 400, Request ID: ABC123)", false, null);
            }

            @Override
            public void recordRejected(io.inventorysync.domain.MovementKey key, String sku, String locationId,
                                       String reason) {
                store.recordRejected(key, sku, locationId, reason);
            }
        };
        // when
        new MovementProcessor(refusing, poison, Clock.systemUTC()).process(List.of(queued("m-1", receipt("e-1", "A"))),
                Telemetry.start("Test"));
        // then: the sender reads a stable code; the operator's DLQ message keeps the detail
        assertThat(store.eventLedger(Events.SOURCE, "e-1")).singleElement()
                .satisfies(e -> assertThat(e.outcomeReason()).isEqualTo("STORE_REFUSED"));
        assertThat(parked).singleElement().asString().contains("Request ID");
    }
}
