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
            // ...and the processor reads it with the streaming parser, as the mapper reads it
            assertThat(MovementMessage.parsed(json)).isNotNull().isEqualTo(Json.MAPPER.readValue(json, MovementMessage.class));
            assertThat(MovementMessage.read(json).toMovement()).isEqualTo(m);
        }
    }

    /** Bodies the relay never writes: the streaming parser declines them and the mapper's outcome stands. */
    @Test
    void read_shouldLeaveABodyNotAsWrittenToTheMapper() {
        String head = "{\"v\":1,\"sourceId\":\"pos\",\"eventId\":\"e\",\"lineNo\":0,\"leg\":\"PRIMARY\",\"type\":\"SALE\","
                + "\"sku\":\"A\",\"sourceSku\":\"A\",\"locationId\":\"L\",";
        String tail = "\"condition\":null,\"reference\":null,\"reservationId\":null,\"counterpartLocationId\":null,\"reason\":null";
        java.util.List<String> odd = java.util.List.of(
                head + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\"," + tail + ",\"new\":{\"x\":[1]}}",
                head + "\"quantity\":\"1\",\"occurredAt\":\"2026-11-22T10:15:00Z\"," + tail + "}",
                head + "\"quantity\":1.5,\"occurredAt\":\"2026-11-22T10:15:00Z\"," + tail + "}",
                head + "\"quantity\":99999999999999999999,\"occurredAt\":\"2026-11-22T10:15:00Z\"," + tail + "}",
                head + "\"quantity\":null,\"occurredAt\":\"2026-11-22T10:15:00Z\"," + tail + "}",
                head + "\"occurredAt\":\"2026-11-22T10:15:00Z\"," + tail + "}",
                head + "\"quantity\":1,\"quantity\":2,\"occurredAt\":\"2026-11-22T10:15:00Z\"," + tail + "}",
                head + "\"quantity\":1,\"occurredAt\":\"2026-11-22T12:15:00+02:00\"," + tail + "}",
                head + "\"quantity\":1,\"occurredAt\":\"2026-11-22t10:15:00z\"," + tail + "}",
                head + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00.000Z\"," + tail + "}",
                head + "\"quantity\":1,\"occurredAt\":1700000000," + tail + "}",
                head + "\"quantity\":1,\"occurredAt\":\"yesterday\"," + tail + "}",
                head + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\",\"condition\":\"damaged\"}",
                head + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\",\"sku\":\"B\"}",
                head.replace("\"lineNo\":0", "\"lineNo\":3000000000") + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\"}",
                head.replace("\"v\":1", "\"v\":\"1\"") + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\"}",
                head.replace("\"v\":1,", "") + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\"}",
                head + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\"} trailing",
                head + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\"",
                "", "[]", "null", "not json", "{\"v\":1,\"sku\":[\"A\"]}");
        for (String body : odd) {
            assertThat(MovementMessage.parsed(body)).as(body).isNull();
            assertThat(outcome(() -> MovementMessage.read(body).toMovement()))
                    .as(body).isEqualTo(outcome(() -> Json.MAPPER.readValue(body, MovementMessage.class).toMovement()));
        }
        // A body as written but incomplete for the domain is refused by toMovement, whoever read it.
        String noSku = head.replace("\"sku\":\"A\"", "\"sku\":null") + "\"quantity\":1,\"occurredAt\":\"2026-11-22T10:15:00Z\"}";
        assertThat(MovementMessage.parsed(noSku)).isNotNull();
        assertThat(outcome(() -> MovementMessage.read(noSku).toMovement()))
                .isEqualTo(outcome(() -> Json.MAPPER.readValue(noSku, MovementMessage.class).toMovement()))
                .isEqualTo(NullPointerException.class.getName() + ": sku");
    }

    /** Bodies the streaming parser reads though the relay did not write them so: it must read them as the mapper does. */
    @Test
    void parsed_shouldReadAsTheMapper_theBodiesItAcceptsThatJsonDidNotWrite() throws Exception {
        java.util.List<String> accepted = java.util.List.of(
                // members in another order, the v1.1 members written as null
                "{\"quantity\":-7,\"sku\":\"A\",\"v\":1,\"eventId\":\"e\",\"sourceId\":\"pos\",\"lineNo\":2,"
                        + "\"leg\":\"DESTINATION\",\"type\":\"TRANSFER_OUT\",\"sourceSku\":\"a\",\"locationId\":\"L\","
                        + "\"occurredAt\":\"2026-11-22T10:15:00.123456789Z\",\"from\":null,\"to\":null,\"reasonCode\":null,"
                        + "\"receivedAt\":null,\"counterpartLocationId\":\"M\"}",
                // optional members absent altogether, escapes the generator would not write
                "{\"v\":1,\"sourceId\":\"p\\u006fs\",\"eventId\":\"e\\/1\",\"lineNo\":0,\"leg\":\"PRIMARY\","
                        + "\"type\":\"SALE\",\"sku\":\"\\uD83D\\uDE00 \\\"q\\\"\",\"locationId\":\"L\",\"quantity\":0,"
                        + "\"occurredAt\":\"2026-11-22T10:15:00Z\"}",
                // whitespace everywhere, a negative zero quantity, the largest line number
                " {\n \"v\" : 1 , \"sourceId\":\"pos\",\"eventId\":\"e\",\"lineNo\":2147483647,\"leg\":\"PRIMARY\","
                        + "\"type\":\"RECEIPT\",\"sku\":\"A\",\"sourceSku\":null,\"locationId\":\"L\",\"quantity\":-0,"
                        + "\"condition\":\"DAMAGED\",\"occurredAt\":\"2026-11-22T10:15:00Z\",\"to\":\"QUARANTINE\","
                        + "\"reasonCode\":\"DAMAGED\",\"receivedAt\":\"2026-11-22T10:15:01Z\"} \t");
        for (String body : accepted) {
            MovementMessage fast = MovementMessage.parsed(body);
            assertThat(fast).as("accepted by the streaming parser: %s", body).isNotNull();
            assertThat(fast).as(body).isEqualTo(Json.MAPPER.readValue(body, MovementMessage.class));
        }
    }

    private interface Read {
        Object get() throws Exception;
    }

    /** The value, or what was thrown (its class and message: what the processor records against the message). */
    private static Object outcome(Read read) {
        try {
            return read.get();
        } catch (Exception e) {
            // The JVM's helpful text of a null dereference names the call site (the body "null"): its class only.
            return e instanceof NullPointerException && String.valueOf(e.getMessage()).startsWith("Cannot invoke")
                    ? e.getClass().getName() : e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
