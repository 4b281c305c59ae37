package io.inventorysync.movements;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.ItemCondition;
import io.inventorysync.domain.Movement;
import io.inventorysync.domain.MovementKey;
import io.inventorysync.domain.ReasonCode;
import io.inventorysync.domain.StockState;
import io.inventorysync.http.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The movements queue's wire format: v1.1 members travel, v1 messages read and write as before. */
class MovementMessageTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:15:00Z");

    @Test
    void toMovement_shouldKeepStatesAndReasonCode_whenAWriteOffTravels() throws Exception {
        // given
        Movement writeOff = new Movement(MovementKey.of("pos-acme", "wo-1", 0), ChangeType.WRITE_OFF, "BLU-SHIRT-M",
                "BLU-SHIRT-M", "store-12", 2, null, AT, "qc/7", null, null, "water damage", StockState.QUARANTINE,
                null, ReasonCode.DAMAGED);

        // when
        String wire = Json.write(MovementMessage.of(writeOff));
        Movement read = Json.MAPPER.readValue(wire, MovementMessage.class).toMovement();

        // then
        assertThat(read).isEqualTo(writeOff);
        assertThat(read.fingerprint()).isEqualTo(writeOff.fingerprint());
        assertThat(wire).contains("\"from\":\"QUARANTINE\"", "\"reasonCode\":\"DAMAGED\"").doesNotContain("\"to\"");
    }

    @Test
    void toMovement_shouldReadTheMovement_whenTheMessageWasWrittenBeforeV11() throws Exception {
        // given: a message as the v1 webhook wrote it, without from, to and reasonCode
        String v1 = """
                {"v":1,"sourceId":"pos-acme","eventId":"till-7-000141","lineNo":0,"leg":"PRIMARY","type":"RETURN",
                 "sku":"RED-SOCK","sourceSku":"RED-SOCK","locationId":"store-12","quantity":1,"condition":"DAMAGED",
                 "occurredAt":"2026-11-22T10:15:00Z","reference":"pos-return/78","reservationId":null,
                 "counterpartLocationId":null,"reason":null}""";

        // when
        Movement read = Json.MAPPER.readValue(v1, MovementMessage.class).toMovement();

        // then
        assertThat(read).isEqualTo(new Movement(MovementKey.of("pos-acme", "till-7-000141", 0), ChangeType.RETURN,
                "RED-SOCK", "RED-SOCK", "store-12", 1, ItemCondition.DAMAGED, AT, "pos-return/78", null, null, null));
    }

    @Test
    void of_shouldWriteNoV11Member_whenTheMovementIsOfV1() {
        // given
        Movement sale = new Movement(MovementKey.of("pos-acme", "till-7-000123", 0), ChangeType.SALE, "BLU-SHIRT-M",
                "BLU-SHIRT-M", "store-12", 2, null, AT, null, null, null, null);

        // when
        String wire = Json.write(MovementMessage.of(sale));

        // then: an older processor still running during a deployment reads exactly what it knew
        assertThat(wire).doesNotContain("\"from\"", "\"to\"", "\"reasonCode\"", "\"receivedAt\"");
    }

    @Test
    void toMovement_shouldKeepWhenTheWebhookReceivedIt_outsideTheFingerprint() throws Exception {
        // given: a count stamped ahead of the webhook's clock
        Movement count = new Movement(MovementKey.of("pos-acme", "cnt-1", 0), ChangeType.COUNT, "BLU-SHIRT-M",
                "BLU-SHIRT-M", "store-12", 9, null, AT, null, null, null, null).withReceivedAt(AT.minusSeconds(240));

        // when
        String wire = Json.write(MovementMessage.of(count));
        Movement read = Json.MAPPER.readValue(wire, MovementMessage.class).toMovement();

        // then: it travels, and a retry received later is the same movement
        assertThat(wire).contains("\"receivedAt\"");
        assertThat(read).isEqualTo(count);
        assertThat(read.fingerprint()).isEqualTo(count.withReceivedAt(AT).fingerprint()).isEqualTo(
                count.withReceivedAt(null).fingerprint());
    }

    /** What the relay sends ({@link MovementMessage#json}) is byte for byte what the mapper wrote, and reads back whole. */
    @Test
    void json_shouldBeWhatTheMapperWrote_forEveryShapeOfMovement() throws Exception {
        String odd = "é \"q\" \\ / \u0000\u001f\t\n \u2028 \uFFFE 😀 <&>";
        java.util.List<Movement> movements = new java.util.ArrayList<>();
        int line = 0;
        for (ChangeType type : ChangeType.values()) {
            if (!type.isInbound()) {
                continue;
            }
            for (MovementKey.Leg leg : MovementKey.Leg.values()) {
                // every member set, odd characters in every text, nanos (kept to the millisecond by Movement)
                movements.add(new Movement(new MovementKey("src" + odd, "evt" + odd, line++, leg), type, "SKU" + odd,
                        "alias" + odd, "loc" + odd, line % 2 == 0 ? -line : Long.MAX_VALUE - line,
                        ItemCondition.values()[line % ItemCondition.values().length], Instant.parse("2026-11-30T05:00:00.123456789Z"),
                        "ref" + odd, "res" + odd, "other" + odd, "why" + odd, StockState.values()[line % StockState.values().length],
                        StockState.values()[(line + 1) % StockState.values().length],
                        ReasonCode.values()[line % ReasonCode.values().length]).withReceivedAt(Instant.parse("2026-11-30T05:00:01Z")));
                // nothing optional set
                movements.add(new Movement(new MovementKey("s", "e", 0, leg), type, "S", "S", "L", 0, null, Instant.EPOCH,
                        null, null, null, null));
            }
        }
        for (Movement m : movements) {
            String json = MovementMessage.json(m);
            assertThat(json).isEqualTo(Json.write(MovementMessage.of(m)));
            assertThat(Json.MAPPER.readValue(json, MovementMessage.class).toMovement()).isEqualTo(m);
        }
    }
}
