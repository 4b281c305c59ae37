package io.inventorysync.movements;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.inventorysync.http.Json;
import io.inventorysync.json.AsWritten.NotAsWritten;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.ReasonCode;
import io.inventorysync.domain.StockState;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;

import static io.inventorysync.json.AsWritten.named;

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

    /**
     * The message in {@code body}, as {@code Json.MAPPER} reads it: read with jackson-core's parser
     * when the body is as {@link #json} writes it (members once each, texts or {@code null}, integers,
     * enum names, instants in their canonical ISO-8601), so the processor's first event no longer
     * builds the mapper's deserializer for this record; any other body (an unknown member, a number as
     * a string, an offset time...) is read by the mapper, so its outcome, a message or a refusal, is
     * as before ({@code MovementMessageTest}).
     */
    public static MovementMessage read(String body) throws java.io.IOException {
        MovementMessage parsed = parsed(body);
        return parsed != null ? parsed : Json.MAPPER.readValue(body, MovementMessage.class);
    }

    /**
     * Writes and reads a made-up movement's message as the relay and the processor do: what a
     * container's priming runs (nothing sent, nothing kept).
     */
    public static Movement prime() {
        Movement movement = new Movement(MovementKey.of("prime", "prime-1", 0), ChangeType.SALE, "PRIME-SKU", "PRIME-SKU",
                "prime", 1, null, Instant.EPOCH, null, null, null, null);
        MovementMessage read = parsed(json(movement));
        if (read == null) {
            throw new IllegalStateException("a message as written was not read by the streaming parser");
        }
        return read.toMovement();
    }

    private static final String[] TEXTS = {"sourceId", "eventId", "leg", "type", "sku", "sourceSku", "locationId",
            "condition", "occurredAt", "reference", "reservationId", "counterpartLocationId", "reason", "from", "to",
            "reasonCode", "receivedAt"};
    /** Each text member's position in {@link #TEXTS}, looked up once per member read. */
    private static final java.util.Map<String, Integer> TEXT_AT = java.util.stream.IntStream.range(0, TEXTS.length)
            .boxed().collect(java.util.stream.Collectors.toUnmodifiableMap(k -> TEXTS[k], k -> k));

    /** The body read with the streaming parser, or {@code null} when it is not as {@link #json} writes it. */
    static MovementMessage parsed(String body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String[] text = new String[TEXTS.length];
            boolean[] seen = new boolean[TEXTS.length];
            Long v = null;
            Long lineNo = null;
            Long quantity = null;
            for (JsonToken token = p.nextToken(); token != JsonToken.END_OBJECT; token = p.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return null;
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "v" -> v = integer(p, value, v, true);
                    case "lineNo" -> lineNo = integer(p, value, lineNo, true);
                    case "quantity" -> quantity = integer(p, value, quantity, false);
                    default -> {
                        int at = TEXT_AT.getOrDefault(name, -1);
                        if (at < 0 || seen[at] || (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL)) {
                            throw NotAsWritten.INSTANCE;
                        }
                        seen[at] = true;
                        text[at] = value == JsonToken.VALUE_NULL ? null : p.getText();
                    }
                }
            }
            if (p.nextToken() != null || v == null || lineNo == null || quantity == null) {
                return null;
            }
            return new MovementMessage(v.intValue(), text[0], text[1], lineNo.intValue(),
                    named(MovementKey.Leg.class, text[2]), named(ChangeType.class, text[3]), text[4], text[5], text[6],
                    quantity, named(ItemCondition.class, text[7]), instant(text[8]), text[9], text[10], text[11],
                    text[12], named(StockState.class, text[13]), named(StockState.class, text[14]),
                    named(ReasonCode.class, text[15]), instant(text[16]));
        } catch (NotAsWritten | java.io.IOException e) {
            return null;
        }
    }

    private static Long integer(JsonParser p, JsonToken value, Long before, boolean asInt)
            throws java.io.IOException, NotAsWritten {
        JsonParser.NumberType type = value == JsonToken.VALUE_NUMBER_INT ? p.getNumberType() : null;
        if (before != null || type == null || type == JsonParser.NumberType.BIG_INTEGER
                || (asInt && type != JsonParser.NumberType.INT)) {
            throw NotAsWritten.INSTANCE;
        }
        return p.getLongValue();
    }

    /** An instant as {@link #json} writes it (its canonical text); any other form is the mapper's to read. */
    private static Instant instant(String text) throws NotAsWritten {
        if (text == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text);
            if (instant.toString().equals(text)) {
                return instant;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // the mapper's to read
        }
        throw NotAsWritten.INSTANCE;
    }
}
