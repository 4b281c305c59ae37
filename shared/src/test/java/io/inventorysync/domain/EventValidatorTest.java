package io.inventorysync.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Unit tests of {@link EventValidator} against contract v1 ("Ingest" in DESIGN.md). Inputs are
 * built the way a JSON parser would hand them over (maps, lists, strings, boxed numbers,
 * booleans), without depending on any JSON library.
 */
class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String OCCURRED_AT = "2026-11-22T10:15:00Z";
    private static final String ID_RULE = "must match [A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}";
    private static final String TYPE_RULE =
            "must be one of [SALE, RETURN, RECEIPT, ADJUSTMENT, COUNT, TRANSFER_OUT, TRANSFER_IN]";
    private static final String CONDITION_RULE = "must be one of [RESALABLE, DAMAGED]";
    private static final String DATE_RULE = "must be an RFC 3339 date-time with offset, e.g. 2026-11-22T10:15:00Z";
    private static final String FUTURE_RULE = "must not be more than 5 minutes in the future";
    private static final String POSITIVE = "must be a positive integer";
    private static final String NON_ZERO = "must be a non-zero integer";
    private static final String NON_NEGATIVE = "must be a non-negative integer";
    private static final String TOO_LARGE = "must be at most 1000000000 in absolute value";

    private final EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    // ---------------------------------------------------------------- valid events of every type

    @Test
    void validate_shouldReturnTypedSale_whenSaleHasNoReservation() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 2));
        raw.put("reference", "pos-order/889");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.eventId()).isEqualTo("till-7-000123");
        assertThat(event.type()).isEqualTo(ChangeType.SALE);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse(OCCURRED_AT));
        assertThat(event.locationId()).isEqualTo("store-12");
        assertThat(event.lines()).containsExactly(new EventLine("BLU-SHIRT-M", "BLU-SHIRT-M", 2, null));
        assertThat(event.reference()).isEqualTo("pos-order/889");
        assertThat(event.reservationId()).isNull();
        assertThat(event.toLocationId()).isNull();
        assertThat(event.fromLocationId()).isNull();
        assertThat(event.reason()).isNull();
    }

    @Test
    void validate_shouldKeepReservationId_whenSaleConsumesHold() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1), line("RED-HAT", 3));
        raw.put("reservationId", "chk-9f2");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.reservationId()).isEqualTo("chk-9f2");
        assertThat(event.lines()).containsExactly(new EventLine("BLU-SHIRT-M", 1), new EventLine("RED-HAT", 3));
    }

    @Test
    void validate_shouldDefaultConditionToResalable_whenReturnLineHasNoCondition() {
        // given
        Map<String, Object> explicitNull = line("RED-HAT", 1);
        explicitNull.put("condition", null);
        Map<String, Object> raw = event("RETURN", line("BLU-SHIRT-M", 2), explicitNull);

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.type()).isEqualTo(ChangeType.RETURN);
        assertThat(event.lines()).containsExactly(
                new EventLine("BLU-SHIRT-M", "BLU-SHIRT-M", 2, ItemCondition.RESALABLE),
                new EventLine("RED-HAT", "RED-HAT", 1, ItemCondition.RESALABLE));
    }

    @Test
    void validate_shouldKeepEachLinesCondition_whenReturnLinesAreDamagedOrResalable() {
        // given
        Map<String, Object> damaged = line("BLU-SHIRT-M", 2);
        damaged.put("condition", "DAMAGED");
        Map<String, Object> resalable = line("RED-HAT", 1);
        resalable.put("condition", "RESALABLE");
        Map<String, Object> raw = event("RETURN", damaged, resalable);

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.lines()).extracting(EventLine::sku, EventLine::quantity, EventLine::condition)
                .containsExactly(
                        tuple("BLU-SHIRT-M", 2L, ItemCondition.DAMAGED),
                        tuple("RED-HAT", 1L, ItemCondition.RESALABLE));
    }

    @Test
    void validate_shouldReturnTypedReceipt_whenReceiptIsValid() {
        // given
        Map<String, Object> raw = event("RECEIPT", line("BLU-SHIRT-M", 24));

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.type()).isEqualTo(ChangeType.RECEIPT);
        assertThat(event.lines()).containsExactly(new EventLine("BLU-SHIRT-M", "BLU-SHIRT-M", 24, null));
    }

    @Test
    void validate_shouldAcceptNegativeQuantityAndKeepReason_whenAdjustmentHasReason() {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", -3), line("RED-HAT", 5));
        raw.put("reason", "shrinkage");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.type()).isEqualTo(ChangeType.ADJUSTMENT);
        assertThat(event.reason()).isEqualTo("shrinkage");
        assertThat(event.lines()).extracting(EventLine::quantity).containsExactly(-3L, 5L);
    }

    @Test
    void validate_shouldAcceptZeroAndPositiveQuantities_whenCount() {
        // given
        Map<String, Object> raw = event("COUNT", line("BLU-SHIRT-M", 0), line("RED-HAT", 17));

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.type()).isEqualTo(ChangeType.COUNT);
        assertThat(event.lines()).extracting(EventLine::sku, EventLine::quantity)
                .containsExactly(tuple("BLU-SHIRT-M", 0L), tuple("RED-HAT", 17L));
    }

    @Test
    void validate_shouldKeepToLocationId_whenTransferOutNamesDestination() {
        // given
        Map<String, Object> raw = event("TRANSFER_OUT", line("BLU-SHIRT-M", 4));
        raw.put("toLocationId", "store-7");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.type()).isEqualTo(ChangeType.TRANSFER_OUT);
        assertThat(event.toLocationId()).isEqualTo("store-7");
        assertThat(event.fromLocationId()).isNull();
        assertThat(event.reservationId()).isNull();
    }

    @Test
    void validate_shouldKeepFromLocationId_whenTransferInNamesOrigin() {
        // given
        Map<String, Object> raw = event("TRANSFER_IN", line("BLU-SHIRT-M", 4));
        raw.put("fromLocationId", "web-dc");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.type()).isEqualTo(ChangeType.TRANSFER_IN);
        assertThat(event.fromLocationId()).isEqualTo("web-dc");
        assertThat(event.toLocationId()).isNull();
        assertThat(event.reservationId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ChangeType.class, names = {"SALE", "RETURN", "RECEIPT", "ADJUSTMENT", "COUNT"})
    void validate_shouldDropTransferLocations_whenTypeIsNotATransfer(ChangeType type) {
        // given
        Map<String, Object> raw = event(type.name(), line("BLU-SHIRT-M", 1));
        raw.put("reason", "recount");
        raw.put("toLocationId", "store-7");
        raw.put("fromLocationId", "web-dc");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.toLocationId()).isNull();
        assertThat(event.fromLocationId()).isNull();
    }

    @Test
    void validate_shouldDropFromLocationId_whenTransferOut() {
        // given
        Map<String, Object> raw = event("TRANSFER_OUT", line("BLU-SHIRT-M", 1));
        raw.put("toLocationId", "store-7");
        raw.put("fromLocationId", "web-dc");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.toLocationId()).isEqualTo("store-7");
        assertThat(event.fromLocationId()).isNull();
    }

    @Test
    void validate_shouldDropToLocationId_whenTransferIn() {
        // given
        Map<String, Object> raw = event("TRANSFER_IN", line("BLU-SHIRT-M", 1));
        raw.put("fromLocationId", "web-dc");
        raw.put("toLocationId", "store-7");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.fromLocationId()).isEqualTo("web-dc");
        assertThat(event.toLocationId()).isNull();
    }

    @Test
    void validate_shouldTruncateOccurredAtToMillis_whenTimestampHasNanos() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("occurredAt", "2026-11-22T10:15:00.123456789Z");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:15:00.123Z"));
    }

    @Test
    void validate_shouldConvertToInstant_whenOccurredAtHasNonUtcOffset() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("occurredAt", "2026-11-22T11:15:00.5+01:00");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:15:00.500Z"));
    }

    @Test
    void validate_shouldAccept_whenOccurredAtIsExactlyFiveMinutesInTheFuture() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("occurredAt", "2026-11-22T12:05:00Z");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.occurredAt()).isEqualTo(NOW.plusSeconds(300));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonIntegers")
    void validate_shouldAcceptQuantity_whenParserProducesAnyIntegerType(Object quantity) {
        // given
        Map<String, Object> raw = event("RECEIPT", line("BLU-SHIRT-M", quantity));

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.lines()).extracting(EventLine::quantity).containsExactly(7L);
    }

    static Stream<Object> jsonIntegers() {
        return Stream.of(7, 7L, (short) 7, BigInteger.valueOf(7));
    }

    @Test
    void validate_shouldAcceptQuantity_whenExactlyAtMaximum() {
        // given
        Map<String, Object> receipt = event("RECEIPT", line("BLU-SHIRT-M", 1_000_000_000));
        Map<String, Object> adjustment = event("ADJUSTMENT", line("BLU-SHIRT-M", -1_000_000_000L));
        adjustment.put("reason", "write-off");

        // when
        InventoryEvent receiptEvent = valid(receipt);
        InventoryEvent adjustmentEvent = valid(adjustment);

        // then
        assertThat(receiptEvent.lines().getFirst().quantity()).isEqualTo(1_000_000_000L);
        assertThat(adjustmentEvent.lines().getFirst().quantity()).isEqualTo(-1_000_000_000L);
    }

    @Test
    void validate_shouldAccept_whenEventHasExactlyOneHundredLines() {
        // given
        Map<String, Object> raw = event("RECEIPT", distinctLines(100).toArray());

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.lines()).hasSize(100);
        assertThat(event.lines().get(99).sku()).isEqualTo("SKU-99");
    }

    @Test
    void validate_shouldIgnoreUnknownMembers_whenEventAndLinesCarryExtras() {
        // given
        Map<String, Object> saleLine = line("BLU-SHIRT-M", 2);
        saleLine.put("price", 19.99);
        saleLine.put("condition", "DAMAGED");
        saleLine.put("tags", List.of("x", "y"));
        Map<String, Object> raw = event("SALE", saleLine);
        raw.put("schemaVersion", "1");
        raw.put("cashier", Map.of("id", 7, "name", "Ann"));
        raw.put("flag", true);
        raw.put("nothing", null);

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.lines()).containsExactly(new EventLine("BLU-SHIRT-M", "BLU-SHIRT-M", 2, null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a", "BLU-SHIRT-M", "pos/order:1+2.x_y", "0"})
    void validate_shouldAcceptIds_whenTheyMatchTheIdFormat(String id) {
        // given
        Map<String, Object> raw = event("SALE", line(id, 1));
        raw.put("eventId", id);
        raw.put("locationId", id);

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.eventId()).isEqualTo(id);
        assertThat(event.locationId()).isEqualTo(id);
        assertThat(event.lines().getFirst().sku()).isEqualTo(id);
    }

    @Test
    void validate_shouldAcceptId_whenExactly128Characters() {
        // given
        String id = "A".repeat(128);
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("eventId", id);

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.eventId()).isEqualTo(id);
    }

    // ---------------------------------------------------------------- every problem in one pass

    @Test
    void validate_shouldReportEveryProblemWithItsPath_whenEventHasSeveralFaults() {
        // given
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("eventId", "till 7");
        raw.put("occurredAt", "2026-11-22 10:15");
        raw.put("locationId", "store#12");
        raw.put("reservationId", 42);
        raw.put("lines", Arrays.asList(
                line("A", 1),
                line("B", "2"),
                line("C", 0),
                "oops",
                map("quantity", 1),
                line("A#", 1),
                line("A", 3)));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("eventId", ID_RULE),
                new Problem("type", "is required"),
                new Problem("occurredAt", DATE_RULE),
                new Problem("locationId", ID_RULE),
                new Problem("reservationId", "must be a string"),
                new Problem("lines[1].quantity", POSITIVE),
                new Problem("lines[2].quantity", POSITIVE),
                new Problem("lines[3]", "must be an object"),
                new Problem("lines[4].sku", "is required"),
                new Problem("lines[5].sku", ID_RULE),
                new Problem("lines[6].sku", "duplicates lines[0].sku (A); send one line per SKU"));
    }

    @Test
    void validate_shouldReportTypeRulesAlongsideLineProblems_whenTransferOutHasSeveralFaults() {
        // given
        Map<String, Object> raw = event("TRANSFER_OUT", line("A", 1), line("B", -2), line("C", 2.0));
        raw.put("occurredAt", "2026-11-22T12:30:00Z");
        raw.put("toLocationId", "store-12");
        raw.put("reservationId", "chk-1");
        raw.put("reason", "");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("occurredAt", FUTURE_RULE),
                new Problem("reason", "must not be blank"),
                new Problem("reservationId", "is only allowed on SALE"),
                new Problem("toLocationId", "must differ from locationId"),
                new Problem("lines[1].quantity", POSITIVE),
                new Problem("lines[2].quantity", POSITIVE));
    }

    @Test
    void validate_shouldPrefixEveryPath_whenPathPrefixIsGiven() {
        // given
        Map<String, Object> raw = event("ADJUSTMENT");
        raw.put("eventId", "");
        raw.put("occurredAt", "2026-11-22T10:15:00");
        raw.put("lines", List.of(line("A", 1), line("B", 2), line("C", 0), line("D", 1), line("A", 5)));

        // when
        List<Problem> problems = problems(raw, "events[3]");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("events[3].eventId", "must not be blank"),
                new Problem("events[3].occurredAt", DATE_RULE),
                new Problem("events[3].reason", "is required for ADJUSTMENT"),
                new Problem("events[3].lines[2].quantity", NON_ZERO),
                new Problem("events[3].lines[4].sku", "duplicates lines[0].sku (A); send one line per SKU"));
    }

    @Test
    void validate_shouldPrefixMissingFieldPaths_whenPathPrefixIsGiven() {
        // given
        Map<String, Object> raw = new LinkedHashMap<>();

        // when
        List<Problem> problems = problems(raw, "events[0]");

        // then
        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder(
                "events[0].eventId", "events[0].type", "events[0].occurredAt", "events[0].locationId",
                "events[0].lines");
    }

    @Test
    void validate_shouldRenderProblemLikeTheContractDetail_whenQuantityIsNotPositive() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 0));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).singleElement().hasToString("lines[0].quantity must be a positive integer");
    }

    // ---------------------------------------------------------------- body and required fields

    @ParameterizedTest(name = "{0}")
    @MethodSource("notObjects")
    void validate_shouldRefuseBody_whenBodyIsNotAnObject(Object body) {
        // when
        List<Problem> problems = problems(body, "");

        // then
        assertThat(problems).containsExactly(new Problem("(body)", "must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notObjects")
    void validate_shouldNameTheEventPath_whenBatchEntryIsNotAnObject(Object body) {
        // when
        List<Problem> problems = problems(body, "events[3]");

        // then
        assertThat(problems).containsExactly(new Problem("events[3]", "must be an object"));
    }

    static Stream<Object> notObjects() {
        return Stream.of("SALE", 42, true, List.of(Map.of("eventId", "x")), new ArrayList<>());
    }

    @Test
    void validate_shouldRefuseBody_whenBodyIsNull() {
        // when
        List<Problem> problems = problems(null, "");

        // then
        assertThat(problems).containsExactly(new Problem("(body)", "must be an object"));
    }

    @Test
    void validate_shouldReportEveryRequiredField_whenEventIsEmpty() {
        // when
        List<Problem> problems = problems(new LinkedHashMap<>(), "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("eventId", "is required"),
                new Problem("type", "is required"),
                new Problem("occurredAt", "is required"),
                new Problem("locationId", "is required"),
                new Problem("lines", "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventId", "type", "occurredAt", "locationId", "lines"})
    void validate_shouldReportExactlyThatField_whenOneRequiredFieldIsMissing(String field) {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.remove(field);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem(field, "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventId", "type", "occurredAt", "locationId", "lines"})
    void validate_shouldTreatNullAsMissing_whenRequiredFieldIsJsonNull(String field) {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put(field, null);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem(field, "is required"));
    }

    @Test
    void validate_shouldReportSkuAndQuantity_whenLineIsEmpty() {
        // given
        Map<String, Object> raw = event("SALE", new LinkedHashMap<String, Object>());

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("lines[0].sku", "is required"),
                new Problem("lines[0].quantity", "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventId", "locationId"})
    void validate_shouldRefuseId_whenBlank(String field) {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put(field, "   ");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem(field, "must not be blank"));
    }

    // ---------------------------------------------------------------- wrong JSON types

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventId", "occurredAt", "locationId", "reference", "reason"})
    void validate_shouldRefuseField_whenStringFieldIsANumber(String field) {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", 1));
        raw.put("reason", "recount");
        raw.put(field, 12345);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem(field, "must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notIntegers")
    void validate_shouldRefuseQuantity_whenItIsNotAJsonInteger(Object quantity) {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", quantity));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", POSITIVE));
    }

    static Stream<Object> notIntegers() {
        return Stream.of("2", 2.0, 2.5, 2.0f, true, false, List.of(2), Map.of("value", 2));
    }

    @Test
    void validate_shouldNameTypeSpecificExpectation_whenQuantityIsNotAnInteger() {
        // given
        Map<String, Object> adjustment = event("ADJUSTMENT", line("BLU-SHIRT-M", "-2"));
        adjustment.put("reason", "recount");
        Map<String, Object> count = event("COUNT", line("BLU-SHIRT-M", 3.0));

        // when
        List<Problem> adjustmentProblems = problems(adjustment, "");
        List<Problem> countProblems = problems(count, "");

        // then
        assertThat(adjustmentProblems).containsExactly(new Problem("lines[0].quantity", NON_ZERO));
        assertThat(countProblems).containsExactly(new Problem("lines[0].quantity", NON_NEGATIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notArrays")
    void validate_shouldRefuseLines_whenLinesIsNotAnArray(Object lines) {
        // given
        Map<String, Object> raw = event("SALE");
        raw.put("lines", lines);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines", "must be an array"));
    }

    static Stream<Object> notArrays() {
        return Stream.of(Map.of("sku", "BLU-SHIRT-M", "quantity", 1), "BLU-SHIRT-M", 1, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notObjects")
    void validate_shouldRefuseLine_whenLineIsNotAnObject(Object badLine) {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1), badLine);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[1]", "must be an object"));
    }

    @Test
    void validate_shouldRefuseLine_whenLineIsJsonNull() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1), null);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[1]", "must be an object"));
    }

    @Test
    void validate_shouldRefuseType_whenTypeIsNotAString() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("type", 0);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("type", TYPE_RULE));
    }

    // ---------------------------------------------------------------- quantity rules per type

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ChangeType.class, names = {"SALE", "RETURN", "RECEIPT", "TRANSFER_OUT", "TRANSFER_IN"})
    void validate_shouldRefuseZeroAndNegativeQuantities_whenTypeNeedsPositive(ChangeType type) {
        // given
        Map<String, Object> raw = event(type.name(), line("A", 0), line("B", -1), line("C", 1));
        raw.put("toLocationId", "store-7");
        raw.put("fromLocationId", "web-dc");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("lines[0].quantity", POSITIVE),
                new Problem("lines[1].quantity", POSITIVE));
    }

    @Test
    void validate_shouldRefuseZeroQuantity_whenSale() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 0));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", POSITIVE));
    }

    @Test
    void validate_shouldRefuseNegativeQuantity_whenSale() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", -2));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", POSITIVE));
    }

    @Test
    void validate_shouldRefuseZeroQuantity_whenAdjustment() {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", 0));
        raw.put("reason", "recount");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", NON_ZERO));
    }

    @Test
    void validate_shouldRefuseNegativeQuantity_whenCount() {
        // given
        Map<String, Object> raw = event("COUNT", line("BLU-SHIRT-M", -1));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", NON_NEGATIVE));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ChangeType.class, mode = EnumSource.Mode.MATCH_ALL, names = "^(?!RESERVATION_).*")
    void validate_shouldRefuseQuantity_whenAboveOneBillion(ChangeType type) {
        // given
        Map<String, Object> raw = event(type.name(), line("BLU-SHIRT-M", 1_000_000_001L));
        raw.put("reason", "recount");
        raw.put("toLocationId", "store-7");
        raw.put("fromLocationId", "web-dc");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", TOO_LARGE));
    }

    @Test
    void validate_shouldRefuseQuantity_whenAdjustmentBelowMinusOneBillion() {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", -1_000_000_001L));
        raw.put("reason", "write-off");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", TOO_LARGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeIntegers")
    void validate_shouldRefuseQuantity_whenBeyondLongRange(Object quantity) {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", quantity));
        raw.put("reason", "write-off");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).singleElement().extracting(Problem::path).isEqualTo("lines[0].quantity");
    }

    static Stream<Object> hugeIntegers() {
        return Stream.of(Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.TEN.pow(30), BigInteger.TEN.pow(30).negate());
    }

    // ---------------------------------------------------------------- occurredAt

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yesterday", "2026-11-22", "2026-13-01T00:00:00Z", "2026-11-22T25:00:00Z",
            "1763806500", "10:15:00Z"})
    void validate_shouldRefuseOccurredAt_whenUnparseable(String occurredAt) {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("occurredAt", occurredAt);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("occurredAt", DATE_RULE));
    }

    @Test
    void validate_shouldRefuseOccurredAt_whenItHasNoOffset() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("occurredAt", "2026-11-22T10:15:00");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("occurredAt", DATE_RULE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-11-22T12:05:00.001Z", "2026-11-22T12:05:01Z", "2026-11-22T13:05:01+01:00",
            "2027-01-01T00:00:00Z"})
    void validate_shouldRefuseOccurredAt_whenMoreThanFiveMinutesInTheFuture(String occurredAt) {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("occurredAt", occurredAt);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("occurredAt", FUTURE_RULE));
    }

    @Test
    void validate_shouldAccept_whenFiveMinutesAheadOnlyInAnotherOffset() {
        // given: 13:05+01:00 is 12:05Z, exactly the allowed skew
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("occurredAt", "2026-11-22T13:05:00+01:00");

        // when
        InventoryEvent event = valid(raw);

        // then
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T12:05:00Z"));
    }

    // ---------------------------------------------------------------- lines

    @Test
    void validate_shouldRefuseLines_whenMoreThanOneHundred() {
        // given
        Map<String, Object> raw = event("RECEIPT", distinctLines(101).toArray());

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines", "must have at most 100 entries"));
    }

    @Test
    void validate_shouldRefuseLines_whenEmpty() {
        // given
        Map<String, Object> raw = event("RECEIPT");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines", "must have at least 1 entry"));
    }

    @Test
    void validate_shouldReportDuplicateOnSecondLineNamingFirst_whenSkuRepeats() {
        // given
        Map<String, Object> raw = event("SALE", line("A", 1), line("B", 1), line("A", 2));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(
                new Problem("lines[2].sku", "duplicates lines[0].sku (A); send one line per SKU"));
    }

    @Test
    void validate_shouldNameTheFirstLineEachTime_whenSkuRepeatsThreeTimes() {
        // given
        Map<String, Object> raw = event("SALE", line("B", 1), line("A", 1), line("A", 2), line("A", 3));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(
                new Problem("lines[2].sku", "duplicates lines[1].sku (A); send one line per SKU"),
                new Problem("lines[3].sku", "duplicates lines[1].sku (A); send one line per SKU"));
    }

    @Test
    void validate_shouldReportDuplicate_whenSecondLineAlsoHasBadQuantity() {
        // given
        Map<String, Object> raw = event("SALE", line("A", 1), line("A", 0));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("lines[1].quantity", POSITIVE),
                new Problem("lines[1].sku", "duplicates lines[0].sku (A); send one line per SKU"));
    }

    @Test
    void validate_shouldRefuseDuplicate_whenReturnLinesHaveDifferentConditions() {
        // given
        Map<String, Object> damaged = line("A", 1);
        damaged.put("condition", "DAMAGED");
        Map<String, Object> raw = event("RETURN", line("A", 2), damaged);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(
                new Problem("lines[1].sku", "duplicates lines[0].sku (A); send one line per SKU"));
    }

    // ---------------------------------------------------------------- id format

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a#b", "a b", "BLU SHIRT", " lead", "trail ", "-lead", "tab\tx", "caf\u00e9"})
    void validate_shouldRefuseIds_whenTheyBreakTheIdFormat(String badId) {
        // given
        Map<String, Object> raw = event("SALE", line(badId, 1));
        raw.put("eventId", badId);
        raw.put("locationId", badId);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("eventId", ID_RULE),
                new Problem("locationId", ID_RULE),
                new Problem("lines[0].sku", ID_RULE));
    }

    @Test
    void validate_shouldRefuseHash_whenInSku() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU#SHIRT", 1));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].sku", ID_RULE));
    }

    @Test
    void validate_shouldRefuseSpace_whenInEventId() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("eventId", "till 7");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("eventId", ID_RULE));
    }

    @Test
    void validate_shouldRefuseHash_whenInLocationId() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("locationId", "store#12");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("locationId", ID_RULE));
    }

    @Test
    void validate_shouldRefuseOptionalIds_whenTheyBreakTheIdFormat() {
        // given
        Map<String, Object> sale = event("SALE", line("BLU-SHIRT-M", 1));
        sale.put("reservationId", "chk 9f2");
        Map<String, Object> out = event("TRANSFER_OUT", line("BLU-SHIRT-M", 1));
        out.put("toLocationId", "store#7");
        Map<String, Object> in = event("TRANSFER_IN", line("BLU-SHIRT-M", 1));
        in.put("fromLocationId", "web dc");

        // when / then: one format problem each, no "is required" on top
        assertThat(problems(sale, "")).containsExactly(new Problem("reservationId", ID_RULE));
        assertThat(problems(out, "")).containsExactly(new Problem("toLocationId", ID_RULE));
        assertThat(problems(in, "")).containsExactly(new Problem("fromLocationId", ID_RULE));
    }

    @Test
    void validate_shouldRefuseId_whenLongerThan128Characters() {
        // given
        Map<String, Object> raw = event("SALE", line("BLU-SHIRT-M", 1));
        raw.put("eventId", "A".repeat(129));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("eventId", "must be at most 128 characters"));
    }

    @Test
    void validate_shouldRefuseReferenceAndReason_whenLongerThan256Characters() {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", 1));
        raw.put("reference", "r".repeat(257));
        raw.put("reason", "r".repeat(257));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("reference", "must be at most 256 characters"),
                new Problem("reason", "must be at most 256 characters"));
    }

    // ---------------------------------------------------------------- type-specific fields

    @Test
    void validate_shouldRequireReason_whenAdjustmentHasNone() {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", -1));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("reason", "is required for ADJUSTMENT"));
    }

    @Test
    void validate_shouldRequireReason_whenAdjustmentReasonIsJsonNull() {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", -1));
        raw.put("reason", null);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("reason", "is required for ADJUSTMENT"));
    }

    @Test
    void validate_shouldReportOnlyBlankness_whenAdjustmentReasonIsBlank() {
        // given
        Map<String, Object> raw = event("ADJUSTMENT", line("BLU-SHIRT-M", -1));
        raw.put("reason", " ");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("reason", "must not be blank"));
    }

    @Test
    void validate_shouldRequireToLocationId_whenTransferOutHasNone() {
        // given
        Map<String, Object> raw = event("TRANSFER_OUT", line("BLU-SHIRT-M", 1));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("toLocationId", "is required for TRANSFER_OUT"));
    }

    @Test
    void validate_shouldRequireToLocationId_whenTransferOutToLocationIdIsJsonNull() {
        // given
        Map<String, Object> raw = event("TRANSFER_OUT", line("BLU-SHIRT-M", 1));
        raw.put("toLocationId", null);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("toLocationId", "is required for TRANSFER_OUT"));
    }

    @Test
    void validate_shouldRefuseToLocationId_whenEqualToLocationId() {
        // given
        Map<String, Object> raw = event("TRANSFER_OUT", line("BLU-SHIRT-M", 1));
        raw.put("toLocationId", "store-12");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("toLocationId", "must differ from locationId"));
    }

    @Test
    void validate_shouldRequireFromLocationId_whenTransferInHasNone() {
        // given
        Map<String, Object> raw = event("TRANSFER_IN", line("BLU-SHIRT-M", 1));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("fromLocationId", "is required for TRANSFER_IN"));
    }

    @Test
    void validate_shouldRequireFromLocationId_whenTransferInFromLocationIdIsJsonNull() {
        // given
        Map<String, Object> raw = event("TRANSFER_IN", line("BLU-SHIRT-M", 1));
        raw.put("fromLocationId", null);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("fromLocationId", "is required for TRANSFER_IN"));
    }

    @Test
    void validate_shouldRefuseFromLocationId_whenEqualToLocationId() {
        // given
        Map<String, Object> raw = event("TRANSFER_IN", line("BLU-SHIRT-M", 1));
        raw.put("fromLocationId", "store-12");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("fromLocationId", "must differ from locationId"));
    }

    @Test
    void validate_shouldReportToLocationIdOnlyForTransferOut_whenTransferInCarriesNoToLocationId() {
        // given: a TRANSFER_IN needs fromLocationId, never toLocationId
        Map<String, Object> raw = event("TRANSFER_IN", line("BLU-SHIRT-M", 1));
        raw.put("toLocationId", "store-12");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("fromLocationId", "is required for TRANSFER_IN"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ChangeType.class, names = {"RETURN", "RECEIPT", "ADJUSTMENT", "COUNT", "TRANSFER_OUT",
            "TRANSFER_IN"})
    void validate_shouldRefuseReservationId_whenTypeIsNotSale(ChangeType type) {
        // given
        Map<String, Object> raw = event(type.name(), line("BLU-SHIRT-M", 1));
        raw.put("reason", "recount");
        raw.put("toLocationId", "store-7");
        raw.put("fromLocationId", "web-dc");
        raw.put("reservationId", "chk-9f2");

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("reservationId", "is only allowed on SALE"));
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"REFUND", "sale", "Sale", " SALE", "", "RESERVATION_CREATED", "RESERVATION_COMMITTED",
            "RESERVATION_RELEASED", "RESERVATION_EXPIRED"})
    void validate_shouldRefuseType_whenUnknownOrNotInbound(String type) {
        // given
        Map<String, Object> raw = event(type, line("BLU-SHIRT-M", 1));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("type", TYPE_RULE));
    }

    @Test
    void validate_shouldStillCheckLines_whenTypeIsUnknown() {
        // given
        Map<String, Object> raw = event("REFUND", line("A", 1), line("A", "x"));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("type", TYPE_RULE),
                new Problem("lines[1].quantity", POSITIVE),
                new Problem("lines[1].sku", "duplicates lines[0].sku (A); send one line per SKU"));
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @MethodSource("badConditions")
    void validate_shouldRefuseCondition_whenReturnConditionIsNotKnown(Object condition) {
        // given
        Map<String, Object> returned = line("BLU-SHIRT-M", 1);
        returned.put("condition", condition);
        Map<String, Object> raw = event("RETURN", line("RED-HAT", 1), returned);

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).containsExactly(new Problem("lines[1].condition", CONDITION_RULE));
    }

    static Stream<Object> badConditions() {
        return Stream.of("BROKEN", "damaged", "", 1, true, List.of("DAMAGED"));
    }

    // ---------------------------------------------------------------- helpers

    private InventoryEvent valid(Object raw) {
        Validated<InventoryEvent> result = validator.validate(raw, "");
        assertThat(result).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<InventoryEvent>) result).value();
    }

    private List<Problem> problems(Object raw, String path) {
        Validated<InventoryEvent> result = validator.validate(raw, path);
        assertThat(result).isInstanceOf(Validated.Invalid.class);
        return ((Validated.Invalid<InventoryEvent>) result).problems();
    }

    /** A valid event of {@code type} at store-12 (without its type-specific members), as a mutable map. */
    private static Map<String, Object> event(String type, Object... lines) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "till-7-000123");
        event.put("type", type);
        event.put("occurredAt", OCCURRED_AT);
        event.put("locationId", "store-12");
        event.put("lines", Arrays.asList(lines));
        return event;
    }

    private static Map<String, Object> line(String sku, Object quantity) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", sku);
        line.put("quantity", quantity);
        return line;
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static List<Object> distinctLines(int count) {
        return IntStream.range(0, count).<Object>mapToObj(i -> line("SKU-" + i, 1)).toList();
    }
}
