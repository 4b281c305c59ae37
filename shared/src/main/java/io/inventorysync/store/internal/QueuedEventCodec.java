package io.inventorysync.store.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.ReasonCode;
import io.inventorysync.domain.StockState;
import io.inventorysync.json.AsWritten.NotAsWritten;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.inventorysync.json.AsWritten.expect;
import static io.inventorysync.json.AsWritten.named;

/**
 * An accepted event as its receipt holds it in the queue outbox: compact JSON with short member
 * names, a line's source SKU only where an alias changed it. Its size is bounded by the
 * validator's limits (ids and SKUs of 128 ASCII characters, free text of 256, 100 lines): at most
 * about 36 KB, so 100 receipts stay under a transaction's 4 MB.
 *
 * <p>Written and read with jackson-core's streaming generator and parser (issue 16, fourth round):
 * the webhook's first event encodes one and the ingest relay's decodes one, and binding the two
 * records through an {@code ObjectMapper} of their own built its serializers and deserializers
 * (record introspection, about 100 ms and a hundred classes of a cold start) for a fixed
 * format of eleven members. The text is byte for byte what that mapper wrote ({@code
 * QueuedEventCodecTest} compares with it). A text not as {@link #encode} writes it (an unknown or
 * repeated member, a {@code null}, a number as a string...) is read by the mapper as before, so
 * its outcome, an event or a refusal, is unchanged.
 */
public final class QueuedEventCodec {
    private static final JsonFactory FACTORY = new JsonFactory();

    private QueuedEventCodec() {
    }

    record Stored(String id, ChangeType t, String at, String loc, String ref, String res, String to, String from,
                  String why, ReasonCode rc, List<Line> l) {
    }

    record Line(String s, String ss, long q, ItemCondition c, StockState f, StockState t) {
    }

    /** The mapper that bound the records: built only for a text the parser below does not read. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public static String encode(InventoryEvent e) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            string(g, "id", e.eventId());
            string(g, "t", e.type());
            string(g, "at", e.occurredAt().toString());
            string(g, "loc", e.locationId());
            string(g, "ref", e.reference());
            string(g, "res", e.reservationId());
            string(g, "to", e.toLocationId());
            string(g, "from", e.fromLocationId());
            string(g, "why", e.reason());
            string(g, "rc", e.reasonCode());
            g.writeArrayFieldStart("l");
            for (EventLine l : e.lines()) {
                g.writeStartObject();
                string(g, "s", l.sku());
                string(g, "ss", l.sku().equals(l.sourceSku()) ? null : l.sourceSku());
                g.writeNumberField("q", l.quantity());
                string(g, "c", l.condition());
                string(g, "f", l.from());
                string(g, "t", l.to());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException ex) {
            throw new IllegalStateException("event " + e.eventId() + " not encodable", ex);
        }
        return out.toString();
    }

    /** A member only when set (the mapper's {@code NON_NULL}); an enum by its name. */
    private static void string(JsonGenerator g, String name, Object value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value instanceof Enum<?> en ? en.name() : value.toString());
        }
    }

    public static InventoryEvent decode(String json) {
        Stored s = parsed(json);
        return toEvent(s != null ? s : bound(json));
    }

    /** What the mapper reads from {@code json}: the reading of every text before the streaming parser. */
    static InventoryEvent decodeWithMapper(String json) {
        return toEvent(bound(json));
    }

    private static Stored bound(String json) {
        try {
            return Mapper.MAPPER.readValue(json, Stored.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("held event not readable", ex);
        }
    }

    private static InventoryEvent toEvent(Stored s) {
        List<EventLine> lines = s.l().stream().map(l -> new EventLine(l.s(), l.ss() == null ? l.s() : l.ss(), l.q(),
                l.c(), l.f(), l.t())).toList();
        return new InventoryEvent(s.id(), s.t(), Instant.parse(s.at()), s.loc(), lines, s.ref(), s.res(), s.to(),
                s.from(), s.why(), s.rc());
    }

    /** The text read with the streaming parser, or {@code null} when it is not as {@link #encode} writes it. */
    static Stored parsed(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String[] text = new String[10];
            List<Line> lines = null;
            for (JsonToken token = p.nextToken(); token != JsonToken.END_OBJECT; token = p.nextToken()) {
                expect(token, JsonToken.FIELD_NAME);
                String name = p.currentName();
                if (name.equals("l")) {
                    if (lines != null) {
                        throw NotAsWritten.INSTANCE;
                    }
                    lines = lines(p);
                    continue;
                }
                int at = switch (name) {
                    case "id" -> 0;
                    case "t" -> 1;
                    case "at" -> 2;
                    case "loc" -> 3;
                    case "ref" -> 4;
                    case "res" -> 5;
                    case "to" -> 6;
                    case "from" -> 7;
                    case "why" -> 8;
                    case "rc" -> 9;
                    default -> throw NotAsWritten.INSTANCE;
                };
                expect(p.nextToken(), JsonToken.VALUE_STRING);
                if (text[at] != null) {
                    throw NotAsWritten.INSTANCE;
                }
                text[at] = p.getText();
            }
            if (p.nextToken() != null || lines == null) {
                throw NotAsWritten.INSTANCE;
            }
            return new Stored(text[0], named(ChangeType.class, text[1]), text[2], text[3], text[4], text[5], text[6],
                    text[7], text[8], named(ReasonCode.class, text[9]), lines);
        } catch (NotAsWritten | IOException e) {
            return null;
        }
    }

    private static List<Line> lines(JsonParser p) throws IOException, NotAsWritten {
        expect(p.nextToken(), JsonToken.START_ARRAY);
        List<Line> lines = new ArrayList<>();
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            expect(token, JsonToken.START_OBJECT);
            String[] text = new String[5];
            Long quantity = null;
            for (JsonToken member = p.nextToken(); member != JsonToken.END_OBJECT; member = p.nextToken()) {
                expect(member, JsonToken.FIELD_NAME);
                String name = p.currentName();
                if (name.equals("q")) {
                    expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
                    if (quantity != null || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw NotAsWritten.INSTANCE;
                    }
                    quantity = p.getLongValue();
                    continue;
                }
                int at = switch (name) {
                    case "s" -> 0;
                    case "ss" -> 1;
                    case "c" -> 2;
                    case "f" -> 3;
                    case "t" -> 4;
                    default -> throw NotAsWritten.INSTANCE;
                };
                expect(p.nextToken(), JsonToken.VALUE_STRING);
                if (text[at] != null) {
                    throw NotAsWritten.INSTANCE;
                }
                text[at] = p.getText();
            }
            if (quantity == null) {
                throw NotAsWritten.INSTANCE;
            }
            lines.add(new Line(text[0], text[1], quantity, named(ItemCondition.class, text[2]),
                    named(StockState.class, text[3]), named(StockState.class, text[4])));
        }
        return lines;
    }
}
