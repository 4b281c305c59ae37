package io.inventorysync.movements;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.ReasonCode;
import io.inventorysync.domain.StockState;

import java.io.IOException;
import java.io.StringWriter;
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

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * The message of {@code m} as the queue carries it: byte for byte what {@code Json.MAPPER} writes
     * for {@link #of} ({@code MovementMessageTest} compares them), written with jackson-core's
     * generator. The ingest relay sends every movement so, and its first event no longer builds the
     * mapper's serializer for this record (issue 16, fourth round). Members in declaration order, a
     * {@code null} written as such but for the four of v1.1, which are left out when unset.
     */
    public static String json(Movement m) {
        MovementMessage msg = of(m);
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", msg.v());
            text(g, "sourceId", msg.sourceId(), true);
            text(g, "eventId", msg.eventId(), true);
            g.writeNumberField("lineNo", msg.lineNo());
            text(g, "leg", msg.leg(), true);
            text(g, "type", msg.type(), true);
            text(g, "sku", msg.sku(), true);
            text(g, "sourceSku", msg.sourceSku(), true);
            text(g, "locationId", msg.locationId(), true);
            g.writeNumberField("quantity", msg.quantity());
            text(g, "condition", msg.condition(), true);
            text(g, "occurredAt", msg.occurredAt(), true);
            text(g, "reference", msg.reference(), true);
            text(g, "reservationId", msg.reservationId(), true);
            text(g, "counterpartLocationId", msg.counterpartLocationId(), true);
            text(g, "reason", msg.reason(), true);
            text(g, "from", msg.from(), false);
            text(g, "to", msg.to(), false);
            text(g, "reasonCode", msg.reasonCode(), false);
            text(g, "receivedAt", msg.receivedAt(), false);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("movement " + m.key() + " not writable", e);
        }
        return out.toString();
    }

    /** A string member: an enum by its name, an instant in ISO-8601 (what the mapper's serializers write). */
    private static void text(JsonGenerator g, String name, Object value, boolean writeNull) throws IOException {
        if (value != null) {
            g.writeStringField(name, value instanceof Enum<?> e ? e.name() : value.toString());
        } else if (writeNull) {
            g.writeNullField(name);
        }
    }

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
