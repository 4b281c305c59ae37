package io.inventorysync.movements;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.ReasonCode;
import io.inventorysync.domain.StockState;

import java.time.Instant;

/**
 * A movement as it travels on the movements queue (JSON, schema version {@code v}). Kept apart
 * from the domain record so the wire format changes only on purpose. The members of v1.1
 * ({@code from}, {@code to}, {@code reasonCode}, and {@code receivedAt}: when the webhook received
 * the event, which a count's effective time needs) are additive: written only when set, so a v1
 * movement's message is as before, and a message without them (sent before v1.1) still reads.
 */
public record MovementMessage(
        int v,
        String sourceId,
        String eventId,
        int lineNo,
        MovementKey.Leg leg,
        ChangeType type,
        String sku,
        String sourceSku,
        String locationId,
        long quantity,
        ItemCondition condition,
        Instant occurredAt,
        String reference,
        String reservationId,
        String counterpartLocationId,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) StockState from,
        @JsonInclude(JsonInclude.Include.NON_NULL) StockState to,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReasonCode reasonCode,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant receivedAt) {

    public static final int VERSION = 1;

    public static MovementMessage of(Movement m) {
        return new MovementMessage(VERSION, m.key().sourceId(), m.key().eventId(), m.key().lineNo(), m.key().leg(),
                m.type(), m.sku(), m.sourceSku(), m.locationId(), m.quantity(), m.condition(), m.occurredAt(),
                m.reference(), m.reservationId(), m.counterpartLocationId(), m.reason(), m.from(), m.to(),
                m.reasonCode(), m.receivedAt());
    }

    /** The domain movement; throws {@link IllegalArgumentException} or {@link NullPointerException} if incomplete. */
    public Movement toMovement() {
        if (v != VERSION) {
            throw new IllegalArgumentException("unsupported message version " + v);
        }
        return new Movement(new MovementKey(sourceId, eventId, lineNo, leg == null ? MovementKey.Leg.PRIMARY : leg),
                type, sku, sourceSku, locationId, quantity, condition, occurredAt, reference, reservationId,
                counterpartLocationId, reason, from, to, reasonCode, receivedAt);
    }
}
