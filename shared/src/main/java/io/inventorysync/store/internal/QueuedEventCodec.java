package io.inventorysync.store.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.ReasonCode;
import io.inventorysync.domain.StockState;

import java.time.Instant;
import java.util.List;

/**
 * An accepted event as its receipt holds it in the queue outbox: compact JSON with short member
 * names, a line's source SKU only where an alias changed it. Its size is bounded by the
 * validator's limits (ids and SKUs of 128 ASCII characters, free text of 256, 100 lines): at most
 * about 36 KB, so 100 receipts stay under a transaction's 4 MB.
 */
public final class QueuedEventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private QueuedEventCodec() {
    }

    record Stored(String id, ChangeType t, String at, String loc, String ref, String res, String to, String from,
                  String why, ReasonCode rc, List<Line> l) {
    }

    record Line(String s, String ss, long q, ItemCondition c, StockState f, StockState t) {
    }

    public static String encode(InventoryEvent e) {
        List<Line> lines = e.lines().stream().map(l -> new Line(l.sku(), l.sku().equals(l.sourceSku()) ? null : l.sourceSku(),
                l.quantity(), l.condition(), l.from(), l.to())).toList();
        try {
            return MAPPER.writeValueAsString(new Stored(e.eventId(), e.type(), e.occurredAt().toString(), e.locationId(),
                    e.reference(), e.reservationId(), e.toLocationId(), e.fromLocationId(), e.reason(), e.reasonCode(),
                    lines));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("event " + e.eventId() + " not encodable", ex);
        }
    }

    public static InventoryEvent decode(String json) {
        Stored s;
        try {
            s = MAPPER.readValue(json, Stored.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("held event not readable", ex);
        }
        List<EventLine> lines = s.l().stream().map(l -> new EventLine(l.s(), l.ss() == null ? l.s() : l.ss(), l.q(),
                l.c(), l.f(), l.t())).toList();
        return new InventoryEvent(s.id(), s.t(), Instant.parse(s.at()), s.loc(), lines, s.ref(), s.res(), s.to(),
                s.from(), s.why(), s.rc());
    }
}
