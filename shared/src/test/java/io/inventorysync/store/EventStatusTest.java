package io.inventorysync.store;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.Movements;
import io.inventorysync.domain.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Event status from a receipt the relay refused, whole or in part, before any line has applied. */
class EventStatusTest {
    private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
    private static final InventoryEvent SALE = new InventoryEvent("ev-1", ChangeType.SALE, AT, "store-12",
            List.of(new EventLine("A", 1), new EventLine("B", 1), new EventLine("C", 1)), null, null, null, null, null, null);
    private static final List<Movement> MOVEMENTS = Movements.of("pos-acme", SALE);
    private static final EventReceipt RECEIPT = new EventReceipt("pos-acme", "ev-1", "fp", MOVEMENTS.size(), AT);

    @Test
    void refusedWhole_shouldBeFinalRejectedWithTheReason() {
        EventStatus status = EventStatus.of(RECEIPT.refusedByRelay("REFUSED_BY_QUEUE", Set.of()), List.of());

        assertThat(status.status()).isEqualTo(EventStatus.Status.REJECTED);
        assertThat(status.reason()).isEqualTo("REFUSED_BY_QUEUE");
    }

    @Test
    void refusedInPart_shouldNameTheRefusedLine_andStayQueuedForTheOthers() {
        EventStatus status = EventStatus.of(RECEIPT.refusedByRelay("REFUSED_BY_QUEUE", Set.of(1)), List.of(), MOVEMENTS);

        assertThat(status.status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(status.reason()).isNull();
        assertThat(status.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo("B");
            assertThat(l.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(l.reason()).isEqualTo("REFUSED_BY_QUEUE");
        });
    }

    @Test
    void refusedInPart_withoutTheHeldEvent_shouldStayQueued_neverAFinalRejectedThatCouldTurnApplied() {
        // the lines the queue took may still apply: no final status, no event-level reason
        EventStatus status = EventStatus.of(RECEIPT.refusedByRelay("REFUSED_BY_QUEUE", Set.of(1)), List.of(), List.of());

        assertThat(status.status()).isEqualTo(EventStatus.Status.QUEUED);
        assertThat(status.reason()).isNull();
    }
}
