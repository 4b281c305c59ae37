package io.inventorysync.domain;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Unit tests of {@link EventValidator} against contract v1 ("Ingest" in DESIGN.md), as tables:
 * each row names a case, builds a body the way a JSON parser hands it over (maps, lists,
 * strings, boxed numbers, booleans; no JSON library), and says what must come out: the typed
 * event, or each problem's path and message.
 */
class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String OCCURRED_AT = "2026-11-22T10:15:00Z";
    private static final String EVENT_ID = "till-7-000123";
    private static final String HERE = "store-12";
    private static final String SKU = "BLU-SHIRT-M";
    private static final String ID_RULE = "must match [A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}";
    private static final String TYPE_RULE =
            "must be one of [SALE, RETURN, RECEIPT, ADJUSTMENT, COUNT, TRANSFER_OUT, TRANSFER_IN, MOVE, WRITE_OFF, "
                    + "TRANSFER_CLOSE]";
    private static final String CONDITION_RULE = "must be one of [RESALABLE, DAMAGED, QUARANTINE]";
    private static final String STATE_RULE = "must be one of [ON_HAND, DAMAGED, QUARANTINE]";
    private static final String WRITE_OFF_CODE_RULE =
            "must be one of [DAMAGED, EXPIRED, THEFT, LOST, VENDOR_RETURN, OTHER]";
    private static final String REASON_CODE_RULE =
            "must be one of [DAMAGED, EXPIRED, THEFT, LOST, VENDOR_RETURN, OTHER, CORRECTION, FOUND]";
    private static final String DATE_RULE = "must be an RFC 3339 date-time with offset, e.g. 2026-11-22T10:15:00Z";
    private static final String FUTURE_RULE = "must not be more than 5 minutes in the future";
    private static final String POSITIVE = "must be a positive integer";
    private static final String NON_ZERO = "must be a non-zero integer";
    private static final String NON_NEGATIVE = "must be a non-negative integer";
    private static final String TOO_LARGE = "must be at most 1000000000 in absolute value";
    private static final String OUT_OF_RANGE = "is out of range";
    private static final String DUPLICATE_OF_A = "duplicates lines[0].sku (A); send one line per SKU";
    private static final List<ChangeType> INBOUND = List.of(ChangeType.SALE, ChangeType.RETURN, ChangeType.RECEIPT,
            ChangeType.ADJUSTMENT, ChangeType.COUNT, ChangeType.TRANSFER_OUT, ChangeType.TRANSFER_IN, ChangeType.MOVE,
            ChangeType.WRITE_OFF, ChangeType.TRANSFER_CLOSE);
    /** The largest magnitude the parser-level integer check lets through to the quantity rules. */
    private static final BigInteger TWO_POW_62 = BigInteger.TWO.pow(62);

    private final EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    // ================================================================ the tests

    @ParameterizedTest(name = "{0}")
    @MethodSource({"acceptedPerType", "acceptedTransferMembers", "acceptedOccurredAt", "acceptedQuantities",
            "acceptedIdsAndSizes", "acceptedStockStates", "acceptedMembersOfOtherTypes"})
    void validate_shouldReturnTheTypedEvent_whenEventIsValid(String name, JsonObject body, Typed expected) {
        // when
        InventoryEvent event = valid(body);

        // then
        assertThat(event).isEqualTo(expected.event());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"refusedBodies", "refusedRequiredFields", "refusedJsonTypes", "refusedQuantities",
            "refusedOccurredAt", "refusedLines", "refusedIds", "refusedTypeSpecificFields", "refusedStockStates"})
    void validate_shouldReportExactlyThatProblem_whenOneThingIsWrong(String name, Object body, String prefix,
                                                                     String path, String message) {
        // when
        List<Problem> problems = problems(body, prefix);

        // then
        assertThat(problems).containsExactly(new Problem(path, message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWithSeveralProblems")
    void validate_shouldReportEveryProblemWithItsPath_whenSeveralThingsAreWrong(String name, Object body,
                                                                                String prefix,
                                                                                List<Problem> expected) {
        // when
        List<Problem> problems = problems(body, prefix);

        // then
        assertThat(problems).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedInLineOrder")
    void validate_shouldReportDuplicatesInLineOrderNamingTheFirstLine_whenSkuRepeats(String name, Object body,
                                                                                   List<Problem> expected) {
        // when
        List<Problem> problems = problems(body, "");

        // then
        assertThat(problems).containsExactlyElementsOf(expected);
    }

    @Test
    void validate_shouldRenderProblemLikeTheContractDetail_whenQuantityIsNotPositive() {
        // given
        JsonObject raw = event("SALE", line(SKU, 0));

        // when
        List<Problem> problems = problems(raw, "");

        // then
        assertThat(problems).singleElement().hasToString("lines[0].quantity must be a positive integer");
    }

    @Test
    void limits_shouldBeTheDocumentedOnes_whenReadAsConstants() {
        // then: the tables above spell these numbers out; they must stay the validator's
        assertThat(EventValidator.MAX_LINES).isEqualTo(100);
        assertThat(EventValidator.MAX_QUANTITY).isEqualTo(1_000_000_000L);
        assertThat(EventValidator.EARLIEST_OCCURRED_AT).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(EventValidator.MAX_FUTURE_SKEW).hasMinutes(5);
    }

    // ================================================================ accepted: (case, body, typed event)

    static Stream<Arguments> acceptedPerType() {
        return Stream.of(
                accepted("SALE without hold keeps its reference",
                        event("SALE", line(SKU, 2)).with("reference", "pos-order/889"),
                        typed(ChangeType.SALE, new EventLine(SKU, 2)).reference("pos-order/889")),
                accepted("SALE consuming a hold keeps reservationId",
                        event("SALE", line(SKU, 1), line("RED-HAT", 3)).with("reservationId", "chk-9f2"),
                        typed(ChangeType.SALE, new EventLine(SKU, 1), new EventLine("RED-HAT", 3))
                                .reservationId("chk-9f2")),
                accepted("RETURN without condition, absent or null, is RESALABLE",
                        event("RETURN", line(SKU, 2), line("RED-HAT", 1).with("condition", null)),
                        typed(ChangeType.RETURN, returned(SKU, 2, ItemCondition.RESALABLE),
                                returned("RED-HAT", 1, ItemCondition.RESALABLE))),
                accepted("RETURN keeps each line's condition",
                        event("RETURN", line(SKU, 2).with("condition", "DAMAGED"),
                                line("RED-HAT", 1).with("condition", "RESALABLE")),
                        typed(ChangeType.RETURN, returned(SKU, 2, ItemCondition.DAMAGED),
                                returned("RED-HAT", 1, ItemCondition.RESALABLE))),
                accepted("RECEIPT",
                        event("RECEIPT", line(SKU, 24)),
                        typed(ChangeType.RECEIPT, new EventLine(SKU, 24))),
                accepted("ADJUSTMENT with reason takes negative and positive quantities",
                        event("ADJUSTMENT", line(SKU, -3), line("RED-HAT", 5)).with("reason", "shrinkage"),
                        typed(ChangeType.ADJUSTMENT, new EventLine(SKU, -3), new EventLine("RED-HAT", 5))
                                .reason("shrinkage")),
                accepted("COUNT takes zero and positive quantities",
                        event("COUNT", line(SKU, 0), line("RED-HAT", 17)),
                        typed(ChangeType.COUNT, new EventLine(SKU, 0), new EventLine("RED-HAT", 17))),
                accepted("TRANSFER_OUT keeps toLocationId",
                        event("TRANSFER_OUT", line(SKU, 4)).with("toLocationId", "store-7"),
                        typed(ChangeType.TRANSFER_OUT, new EventLine(SKU, 4)).toLocationId("store-7")),
                accepted("TRANSFER_IN keeps fromLocationId",
                        event("TRANSFER_IN", line(SKU, 4)).with("fromLocationId", "web-dc"),
                        typed(ChangeType.TRANSFER_IN, new EventLine(SKU, 4)).fromLocationId("web-dc")),
                accepted("unknown members of event and lines are ignored",
                        event("SALE", line(SKU, 2).with("price", 19.99).with("condition", "DAMAGED")
                                .with("tags", List.of("x", "y")))
                                .with("schemaVersion", "1").with("cashier", Map.of("id", 7, "name", "Ann"))
                                .with("flag", true).with("nothing", null),
                        typed(ChangeType.SALE, new EventLine(SKU, 2))));
    }

    static Stream<Arguments> acceptedTransferMembers() {
        Stream<Arguments> notTransfers = Stream.of(ChangeType.SALE, ChangeType.RETURN, ChangeType.RECEIPT,
                        ChangeType.ADJUSTMENT, ChangeType.COUNT)
                .map(type -> accepted(type + " drops toLocationId and fromLocationId",
                        event(type.name(), line(SKU, 1)).with("reason", "recount")
                                .with("toLocationId", "store-7").with("fromLocationId", "web-dc"),
                        typed(type, type == ChangeType.RETURN
                                ? returned(SKU, 1, ItemCondition.RESALABLE)
                                : new EventLine(SKU, 1)).reason("recount")));
        return Stream.concat(notTransfers, Stream.of(
                accepted("TRANSFER_OUT drops fromLocationId",
                        event("TRANSFER_OUT", line(SKU, 1)).with("toLocationId", "store-7")
                                .with("fromLocationId", "web-dc"),
                        typed(ChangeType.TRANSFER_OUT, new EventLine(SKU, 1)).toLocationId("store-7")),
                accepted("TRANSFER_IN drops toLocationId",
                        event("TRANSFER_IN", line(SKU, 1)).with("fromLocationId", "web-dc")
                                .with("toLocationId", "store-7"),
                        typed(ChangeType.TRANSFER_IN, new EventLine(SKU, 1)).fromLocationId("web-dc"))));
    }

    static Stream<Arguments> acceptedOccurredAt() {
        return Stream.of(
                acceptedAt("nanoseconds are truncated to millis",
                        "2026-11-22T10:15:00.123456789Z", "2026-11-22T10:15:00.123Z"),
                acceptedAt("a non-UTC offset is converted", "2026-11-22T11:15:00.5+01:00", "2026-11-22T10:15:00.500Z"),
                acceptedAt("exactly 5 minutes in the future", "2026-11-22T12:05:00Z", "2026-11-22T12:05:00Z"),
                acceptedAt("exactly 5 minutes ahead, in another offset", "2026-11-22T13:05:00+01:00",
                        "2026-11-22T12:05:00Z"),
                acceptedAt("exactly the earliest instant, 2000-01-01", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z"),
                acceptedAt("the earliest instant, in another offset", "2000-01-01T01:00:00+01:00",
                        "2000-01-01T00:00:00Z"));
    }

    static Stream<Arguments> acceptedQuantities() {
        Stream<Arguments> integerTypes = jsonIntegers().map(seven -> accepted(
                "quantity as " + seven.getName(),
                event("RECEIPT", line(SKU, seven.getPayload())),
                typed(ChangeType.RECEIPT, new EventLine(SKU, 7))));
        return Stream.concat(integerTypes, Stream.of(
                accepted("RECEIPT quantity exactly 1000000000",
                        event("RECEIPT", line(SKU, 1_000_000_000)),
                        typed(ChangeType.RECEIPT, new EventLine(SKU, 1_000_000_000L))),
                accepted("ADJUSTMENT quantity exactly -1000000000",
                        event("ADJUSTMENT", line(SKU, -1_000_000_000L)).with("reason", "write-off"),
                        typed(ChangeType.ADJUSTMENT, new EventLine(SKU, -1_000_000_000L)).reason("write-off")),
                accepted("COUNT quantity exactly 1000000000",
                        event("COUNT", line(SKU, 1_000_000_000L)),
                        typed(ChangeType.COUNT, new EventLine(SKU, 1_000_000_000L))),
                accepted("SALE quantity 1, the smallest positive",
                        event("SALE", line(SKU, 1)),
                        typed(ChangeType.SALE, new EventLine(SKU, 1))),
                accepted("ADJUSTMENT quantity -1, the smallest negative",
                        event("ADJUSTMENT", line(SKU, -1)).with("reason", "recount"),
                        typed(ChangeType.ADJUSTMENT, new EventLine(SKU, -1)).reason("recount"))));
    }

    static Stream<Arguments> acceptedIdsAndSizes() {
        Stream<Arguments> idFormats = Stream.of("a", "BLU-SHIRT-M", "pos/order:1+2.x_y", "0")
                .map(id -> accepted("id '" + id + "' as eventId, locationId and sku",
                        event("SALE", line(id, 1)).with("eventId", id).with("locationId", id),
                        typed(ChangeType.SALE, new EventLine(id, 1)).eventId(id).locationId(id)));
        String id128 = "A".repeat(128);
        String text256 = "r".repeat(256);
        return Stream.concat(idFormats, Stream.of(
                accepted("eventId of exactly 128 characters",
                        event("SALE", line(SKU, 1)).with("eventId", id128),
                        typed(ChangeType.SALE, new EventLine(SKU, 1)).eventId(id128)),
                accepted("locationId and sku of exactly 128 characters",
                        event("SALE", line(id128, 1)).with("locationId", id128),
                        typed(ChangeType.SALE, new EventLine(id128, 1)).locationId(id128)),
                accepted("reference and reason of exactly 256 characters",
                        event("ADJUSTMENT", line(SKU, 1)).with("reference", text256).with("reason", text256),
                        typed(ChangeType.ADJUSTMENT, new EventLine(SKU, 1)).reference(text256).reason(text256)),
                accepted("exactly 100 lines",
                        event("RECEIPT", distinctLines(100)),
                        typed(ChangeType.RECEIPT, IntStream.range(0, 100)
                                .mapToObj(i -> new EventLine("SKU-" + i, 1)).toArray(EventLine[]::new)))));
    }

    static Stream<Arguments> acceptedStockStates() {
        Stream<Arguments> moves = Stream.of(StockState.values()).flatMap(from -> Stream.of(StockState.values())
                .filter(to -> to != from)
                .map(to -> accepted("MOVE from " + from + " to " + to,
                        event("MOVE", line(SKU, 2).with("from", from.name()).with("to", to.name())),
                        typed(ChangeType.MOVE, moved(SKU, 2, from, to)))));
        Stream<Arguments> writeOffs = Stream.of(ReasonCode.values()).filter(ReasonCode::isWriteOff)
                .map(code -> accepted("WRITE_OFF with reasonCode " + code,
                        event("WRITE_OFF", line(SKU, 1).with("from", "DAMAGED")).with("reasonCode", code.name()),
                        typed(ChangeType.WRITE_OFF, moved(SKU, 1, StockState.DAMAGED, null)).reasonCode(code)));
        Stream<Arguments> adjustments = Stream.of(ReasonCode.values())
                .map(code -> accepted("ADJUSTMENT with reasonCode " + code,
                        event("ADJUSTMENT", line(SKU, -1)).with("reason", "shelf check").with("reasonCode", code.name()),
                        typed(ChangeType.ADJUSTMENT, new EventLine(SKU, -1)).reason("shelf check").reasonCode(code)));
        return Stream.of(moves, writeOffs, adjustments, Stream.of(
                accepted("WRITE_OFF from each state, with reason text",
                        event("WRITE_OFF", line(SKU, 1).with("from", "ON_HAND"), line("RED-HAT", 2)
                                .with("from", "QUARANTINE")).with("reasonCode", "EXPIRED").with("reason", "best before"),
                        typed(ChangeType.WRITE_OFF, moved(SKU, 1, StockState.ON_HAND, null),
                                moved("RED-HAT", 2, StockState.QUARANTINE, null))
                                .reasonCode(ReasonCode.EXPIRED).reason("best before")),
                accepted("ADJUSTMENT without reasonCode, as in v1",
                        event("ADJUSTMENT", line(SKU, 2)).with("reason", "recount").with("reasonCode", null),
                        typed(ChangeType.ADJUSTMENT, new EventLine(SKU, 2)).reason("recount")),
                accepted("TRANSFER_CLOSE keeps fromLocationId",
                        event("TRANSFER_CLOSE", line(SKU, 3)).with("fromLocationId", "web-dc")
                                .with("reference", "transfer/311"),
                        typed(ChangeType.TRANSFER_CLOSE, new EventLine(SKU, 3)).fromLocationId("web-dc")
                                .reference("transfer/311")),
                accepted("RETURN to QUARANTINE",
                        event("RETURN", line(SKU, 1).with("condition", "QUARANTINE")),
                        typed(ChangeType.RETURN, returned(SKU, 1, ItemCondition.QUARANTINE)))))
                .flatMap(s -> s);
    }

    /**
     * Members that only other types take are dropped, like {@code toLocationId} on a {@code SALE},
     * and not read at all, like {@code condition} on a {@code SALE} line: in v1 they were unknown
     * members, which a sender may carry with any value.
     */
    static Stream<Arguments> acceptedMembersOfOtherTypes() {
        Stream<Arguments> statesOffMoves = Stream.of(ChangeType.SALE, ChangeType.RECEIPT, ChangeType.COUNT, ChangeType.TRANSFER_OUT, ChangeType.TRANSFER_IN, ChangeType.TRANSFER_CLOSE)
                .map(type -> accepted(type + " drops from, to and reasonCode, whatever their values",
                        event(type.name(), line(SKU, 1).with("from", "shelf-3").with("to", "ON_HAND"))
                                .with("reasonCode", "SHRINK").with("reason", "recount")
                                .with("toLocationId", "store-7").with("fromLocationId", "web-dc"),
                        typedAsRead(type)));
        return Stream.concat(statesOffMoves, Stream.of(
                accepted("ADJUSTMENT drops from and to",
                        event("ADJUSTMENT", line(SKU, 1).with("from", "shelf-3").with("to", "ON_HAND"))
                                .with("reason", "recount").with("reasonCode", "FOUND"),
                        typed(ChangeType.ADJUSTMENT, new EventLine(SKU, 1)).reason("recount")
                                .reasonCode(ReasonCode.FOUND)),
                accepted("RETURN drops from and to",
                        event("RETURN", line(SKU, 1).with("from", "DAMAGED").with("to", "ON_HAND")),
                        typed(ChangeType.RETURN, returned(SKU, 1, ItemCondition.RESALABLE))),
                accepted("WRITE_OFF drops to, toLocationId and fromLocationId",
                        event("WRITE_OFF", line(SKU, 1).with("from", "DAMAGED").with("to", "ON_HAND"))
                                .with("reasonCode", "THEFT").with("toLocationId", "store-7")
                                .with("fromLocationId", "web-dc"),
                        typed(ChangeType.WRITE_OFF, moved(SKU, 1, StockState.DAMAGED, null))
                                .reasonCode(ReasonCode.THEFT)),
                accepted("MOVE drops reasonCode and condition",
                        event("MOVE", line(SKU, 1).with("from", "QUARANTINE").with("to", "ON_HAND")
                                .with("condition", "DAMAGED")).with("reasonCode", "nonsense"),
                        typed(ChangeType.MOVE, moved(SKU, 1, StockState.QUARANTINE, StockState.ON_HAND)))));
    }

    // ================================================================ refused: (case, body, prefix, path, message)

    static Stream<Arguments> refusedBodies() {
        Stream<Arguments> asBody = notObjects().map(v ->
                refused("body is " + v.getName(), v.getPayload(), "(body)", "must be an object"));
        Stream<Arguments> asBatchEntry = notObjects().map(v ->
                refusedAt("events[3]", "batch entry is " + v.getName(), v.getPayload(), "events[3]",
                        "must be an object"));
        Stream<Arguments> asLine = notObjects().map(v ->
                refused("line is " + v.getName(), event("SALE", line(SKU, 1), v.getPayload()), "lines[1]",
                        "must be an object"));
        return Stream.of(asBody, asBatchEntry, asLine, Stream.of(
                refused("body is null", null, "(body)", "must be an object"),
                refusedAt("events[3]", "batch entry is null", null, "events[3]", "must be an object"),
                refused("line is null", event("SALE", line(SKU, 1), null), "lines[1]", "must be an object")))
                .flatMap(s -> s);
    }

    static Stream<Arguments> refusedRequiredFields() {
        List<String> required = List.of("eventId", "type", "occurredAt", "locationId", "lines");
        Stream<Arguments> missing = required.stream().map(field ->
                refused(field + " missing", event("SALE", line(SKU, 1)).without(field), field, "is required"));
        Stream<Arguments> jsonNull = required.stream().map(field ->
                refused(field + " null", event("SALE", line(SKU, 1)).with(field, null), field, "is required"));
        Stream<Arguments> blank = Stream.of("eventId", "locationId", "occurredAt").map(field ->
                refused(field + " blank", event("SALE", line(SKU, 1)).with(field, "   "), field,
                        "must not be blank"));
        return Stream.of(missing, jsonNull, blank, Stream.of(
                refused("line without sku", event("SALE", map("quantity", 1)), "lines[0].sku", "is required"),
                refused("line sku null", event("SALE", line(null, 1)), "lines[0].sku", "is required"),
                refused("line sku blank", event("SALE", line(" ", 1)), "lines[0].sku", "must not be blank"),
                refused("line without quantity", event("SALE", map("sku", SKU)), "lines[0].quantity",
                        "is required"),
                refused("line quantity null", event("SALE", line(SKU, null)), "lines[0].quantity",
                        "is required")))
                .flatMap(s -> s);
    }

    static Stream<Arguments> refusedJsonTypes() {
        Stream<Arguments> stringFields = Stream.of("eventId", "occurredAt", "locationId", "reference", "reason")
                .map(field -> refused(field + " is a number",
                        event("ADJUSTMENT", line(SKU, 1)).with("reason", "recount").with(field, 12345),
                        field, "must be a string"));
        Stream<Arguments> quantities = notIntegers().map(q ->
                refused("SALE quantity is " + q.getName(), event("SALE", line(SKU, q.getPayload())),
                        "lines[0].quantity", POSITIVE));
        Stream<Arguments> lines = notArrays().map(v ->
                refused("lines is " + v.getName(), event("SALE").with("lines", v.getPayload()), "lines",
                        "must be an array"));
        Stream<Arguments> conditions = badConditions().map(c ->
                refused("RETURN condition is " + c.getName(),
                        event("RETURN", line("RED-HAT", 1), line(SKU, 1).with("condition", c.getPayload())),
                        "lines[1].condition", CONDITION_RULE));
        return Stream.of(stringFields, quantities, lines, conditions, Stream.of(
                refused("type is a number", event("SALE", line(SKU, 1)).with("type", 0), "type", TYPE_RULE),
                refused("ADJUSTMENT quantity is a string, expectation non-zero",
                        event("ADJUSTMENT", line(SKU, "-2")).with("reason", "recount"), "lines[0].quantity",
                        NON_ZERO),
                refused("COUNT quantity is a fraction, expectation non-negative",
                        event("COUNT", line(SKU, 3.0)), "lines[0].quantity", NON_NEGATIVE),
                refused("sku is a number", event("SALE", line(null, 1).with("sku", 4471)), "lines[0].sku",
                        "must be a string"),
                refused("toLocationId is a number, no 'is required' on top",
                        event("TRANSFER_OUT", line(SKU, 1)).with("toLocationId", 7), "toLocationId",
                        "must be a string"),
                refused("reservationId is an object",
                        event("SALE", line(SKU, 1)).with("reservationId", Map.of("id", "chk-9f2")),
                        "reservationId", "must be a string")))
                .flatMap(s -> s);
    }

    static Stream<Arguments> refusedQuantities() {
        Stream<Arguments> aboveMax = INBOUND.stream().map(type ->
                refused(type + " quantity 1000000001", transferReady(type, line(SKU, 1_000_000_001L)),
                        "lines[0].quantity", TOO_LARGE));
        Stream<Arguments> beyondLong = Stream.of(
                        Named.<Object>of("Long.MAX_VALUE", Long.MAX_VALUE),
                        Named.<Object>of("Long.MIN_VALUE", Long.MIN_VALUE),
                        Named.<Object>of("10^30", BigInteger.TEN.pow(30)),
                        Named.<Object>of("-10^30", BigInteger.TEN.pow(30).negate()),
                        Named.<Object>of("2^62", TWO_POW_62))
                .map(q -> refused("ADJUSTMENT quantity " + q.getName() + " is out of range",
                        event("ADJUSTMENT", line(SKU, q.getPayload())).with("reason", "write-off"),
                        "lines[0].quantity", OUT_OF_RANGE));
        return Stream.of(aboveMax, beyondLong, Stream.of(
                refused("SALE quantity 0", event("SALE", line(SKU, 0)), "lines[0].quantity", POSITIVE),
                refused("SALE quantity -2", event("SALE", line(SKU, -2)), "lines[0].quantity", POSITIVE),
                refused("ADJUSTMENT quantity 0", event("ADJUSTMENT", line(SKU, 0)).with("reason", "recount"),
                        "lines[0].quantity", NON_ZERO),
                refused("COUNT quantity -1", event("COUNT", line(SKU, -1)), "lines[0].quantity", NON_NEGATIVE),
                refused("ADJUSTMENT quantity -1000000001",
                        event("ADJUSTMENT", line(SKU, -1_000_000_001L)).with("reason", "write-off"),
                        "lines[0].quantity", TOO_LARGE),
                refused("ADJUSTMENT quantity 2^62-1, within long range but too large",
                        event("ADJUSTMENT", line(SKU, TWO_POW_62.subtract(BigInteger.ONE))).with("reason", "x"),
                        "lines[0].quantity", TOO_LARGE),
                refused("ADJUSTMENT quantity -2^62, within long range but too large",
                        event("ADJUSTMENT", line(SKU, TWO_POW_62.negate())).with("reason", "x"),
                        "lines[0].quantity", TOO_LARGE)))
                .flatMap(s -> s);
    }

    static Stream<Arguments> refusedOccurredAt() {
        Stream<Arguments> unparseable = Stream.of("yesterday", "2026-11-22", "2026-13-01T00:00:00Z",
                        "2026-11-22T25:00:00Z", "1763806500", "10:15:00Z", "2026-11-22T10:15:00")
                .map(at -> refused("occurredAt '" + at + "' is not RFC 3339 with offset",
                        event("SALE", line(SKU, 1)).with("occurredAt", at), "occurredAt", DATE_RULE));
        Stream<Arguments> future = Stream.of("2026-11-22T12:05:00.001Z", "2026-11-22T12:05:01Z",
                        "2026-11-22T13:05:01+01:00", "2027-01-01T00:00:00Z")
                .map(at -> refused("occurredAt " + at + " is more than 5 minutes ahead",
                        event("SALE", line(SKU, 1)).with("occurredAt", at), "occurredAt", FUTURE_RULE));
        Stream<Arguments> past = Stream.of("1999-12-31T23:59:59.999Z", "2000-01-01T00:59:59.999+01:00",
                        "1970-01-01T00:00:00Z")
                .map(at -> refused("occurredAt " + at + " is before 2000",
                        event("SALE", line(SKU, 1)).with("occurredAt", at), "occurredAt",
                        "must not be before 2000-01-01T00:00:00Z"));
        return Stream.of(unparseable, future, past, Stream.of(
                refused("occurredAt longer than 64 characters",
                        event("SALE", line(SKU, 1)).with("occurredAt", "2026-11-22T10:15:00." + "1".repeat(44) + "Z"),
                        "occurredAt", "must be at most 64 characters")))
                .flatMap(s -> s);
    }

    static Stream<Arguments> refusedLines() {
        return Stream.of(
                refused("101 lines", event("RECEIPT", distinctLines(101)), "lines", "must have at most 100 entries"),
                refused("no lines", event("RECEIPT"), "lines", "must have at least 1 entry"),
                refused("RETURN lines of one SKU with different conditions",
                        event("RETURN", line("A", 2), line("A", 1).with("condition", "DAMAGED")),
                        "lines[1].sku", DUPLICATE_OF_A));
    }

    static Stream<Arguments> refusedIds() {
        return Stream.of(
                refused("# in sku", event("SALE", line("BLU#SHIRT", 1)), "lines[0].sku", ID_RULE),
                refused("space in eventId", event("SALE", line(SKU, 1)).with("eventId", "till 7"), "eventId",
                        ID_RULE),
                refused("# in locationId", event("SALE", line(SKU, 1)).with("locationId", "store#12"), "locationId",
                        ID_RULE),
                refused("space in reservationId, no 'only on SALE' on top",
                        event("SALE", line(SKU, 1)).with("reservationId", "chk 9f2"), "reservationId", ID_RULE),
                refused("# in toLocationId, no 'is required' on top",
                        event("TRANSFER_OUT", line(SKU, 1)).with("toLocationId", "store#7"), "toLocationId",
                        ID_RULE),
                refused("space in fromLocationId, no 'is required' on top",
                        event("TRANSFER_IN", line(SKU, 1)).with("fromLocationId", "web dc"), "fromLocationId",
                        ID_RULE),
                refused("eventId of 129 characters", event("SALE", line(SKU, 1)).with("eventId", "A".repeat(129)),
                        "eventId", "must be at most 128 characters"),
                refused("locationId of 129 characters",
                        event("SALE", line(SKU, 1)).with("locationId", "A".repeat(129)),
                        "locationId", "must be at most 128 characters"),
                refused("sku of 129 characters", event("SALE", line("A".repeat(129), 1)),
                        "lines[0].sku", "must be at most 128 characters"));
    }

    static Stream<Arguments> refusedTypeSpecificFields() {
        Stream<Arguments> reservationIdOffSale = INBOUND.stream().filter(type -> type != ChangeType.SALE)
                .map(type -> refused(type + " with reservationId",
                        transferReady(type, line(SKU, 1)).with("reservationId", "chk-9f2"),
                        "reservationId", "is only allowed on SALE"));
        Stream<Arguments> unknownTypes = Stream.of("REFUND", "sale", "Sale", " SALE", "", "RESERVATION_CREATED",
                        "RESERVATION_COMMITTED", "RESERVATION_RELEASED", "RESERVATION_EXPIRED")
                .map(type -> refused("type '" + type + "' is unknown or not inbound", event(type, line(SKU, 1)),
                        "type", TYPE_RULE));
        return Stream.of(reservationIdOffSale, unknownTypes, Stream.of(
                refused("ADJUSTMENT without reason", event("ADJUSTMENT", line(SKU, -1)),
                        "reason", "is required for ADJUSTMENT"),
                refused("ADJUSTMENT reason null", event("ADJUSTMENT", line(SKU, -1)).with("reason", null),
                        "reason", "is required for ADJUSTMENT"),
                refused("ADJUSTMENT reason blank: blankness only",
                        event("ADJUSTMENT", line(SKU, -1)).with("reason", " "), "reason", "must not be blank"),
                refused("TRANSFER_OUT without toLocationId", event("TRANSFER_OUT", line(SKU, 1)),
                        "toLocationId", "is required for TRANSFER_OUT"),
                refused("TRANSFER_OUT toLocationId null",
                        event("TRANSFER_OUT", line(SKU, 1)).with("toLocationId", null),
                        "toLocationId", "is required for TRANSFER_OUT"),
                refused("TRANSFER_OUT toLocationId equals locationId",
                        event("TRANSFER_OUT", line(SKU, 1)).with("toLocationId", HERE),
                        "toLocationId", "must differ from locationId"),
                refused("TRANSFER_IN without fromLocationId", event("TRANSFER_IN", line(SKU, 1)),
                        "fromLocationId", "is required for TRANSFER_IN"),
                refused("TRANSFER_IN fromLocationId null",
                        event("TRANSFER_IN", line(SKU, 1)).with("fromLocationId", null),
                        "fromLocationId", "is required for TRANSFER_IN"),
                refused("TRANSFER_IN fromLocationId equals locationId",
                        event("TRANSFER_IN", line(SKU, 1)).with("fromLocationId", HERE),
                        "fromLocationId", "must differ from locationId"),
                refused("TRANSFER_IN with toLocationId only still needs fromLocationId",
                        event("TRANSFER_IN", line(SKU, 1)).with("toLocationId", HERE),
                        "fromLocationId", "is required for TRANSFER_IN")))
                .flatMap(s -> s);
    }

    static Stream<Arguments> refusedStockStates() {
        Stream<Arguments> badStates = badStates().flatMap(v -> Stream.of(
                refused("MOVE from is " + v.getName(),
                        event("MOVE", line(SKU, 1).with("from", v.getPayload()).with("to", "ON_HAND")),
                        "lines[0].from", STATE_RULE),
                refused("MOVE to is " + v.getName(),
                        event("MOVE", line(SKU, 1).with("from", "ON_HAND").with("to", v.getPayload())),
                        "lines[0].to", STATE_RULE),
                refused("WRITE_OFF from is " + v.getName(),
                        event("WRITE_OFF", line(SKU, 1).with("from", v.getPayload())).with("reasonCode", "LOST"),
                        "lines[0].from", STATE_RULE)));
        Stream<Arguments> sameState = Stream.of(StockState.values()).map(state ->
                refused("MOVE from and to both " + state,
                        event("MOVE", line(SKU, 1).with("from", state.name()).with("to", state.name())),
                        "lines[0].to", "must differ from lines[0].from"));
        Stream<Arguments> adjustmentOnlyCodes = Stream.of("CORRECTION", "FOUND").map(code ->
                refused("WRITE_OFF reasonCode " + code + " is for adjustments only",
                        event("WRITE_OFF", line(SKU, 1).with("from", "ON_HAND")).with("reasonCode", code),
                        "reasonCode", WRITE_OFF_CODE_RULE));
        Stream<Arguments> badCodes = Stream.of(Named.<Object>of("'SHRINK'", "SHRINK"),
                        Named.<Object>of("'damaged' (lower case)", "damaged"), Named.<Object>of("''", ""),
                        Named.<Object>of("a number", 3))
                .flatMap(code -> Stream.of(
                        refused("WRITE_OFF reasonCode is " + code.getName(),
                                event("WRITE_OFF", line(SKU, 1).with("from", "ON_HAND"))
                                        .with("reasonCode", code.getPayload()),
                                "reasonCode", WRITE_OFF_CODE_RULE),
                        refused("ADJUSTMENT reasonCode is " + code.getName(),
                                event("ADJUSTMENT", line(SKU, 1)).with("reason", "x")
                                        .with("reasonCode", code.getPayload()),
                                "reasonCode", REASON_CODE_RULE)));
        Stream<Arguments> positiveOnly = Stream.of(0L, -1L).flatMap(q -> Stream.of(
                refused("MOVE quantity " + q,
                        event("MOVE", line(SKU, q).with("from", "ON_HAND").with("to", "DAMAGED")),
                        "lines[0].quantity", POSITIVE),
                refused("WRITE_OFF quantity " + q,
                        event("WRITE_OFF", line(SKU, q).with("from", "ON_HAND")).with("reasonCode", "LOST"),
                        "lines[0].quantity", POSITIVE),
                refused("TRANSFER_CLOSE quantity " + q,
                        event("TRANSFER_CLOSE", line(SKU, q)).with("fromLocationId", "web-dc"),
                        "lines[0].quantity", POSITIVE)));
        return Stream.of(badStates, sameState, adjustmentOnlyCodes, badCodes, positiveOnly, Stream.of(
                refused("MOVE line without from", event("MOVE", line(SKU, 1).with("to", "ON_HAND")),
                        "lines[0].from", "is required for MOVE"),
                refused("MOVE line without to", event("MOVE", line(SKU, 1).with("from", "ON_HAND")),
                        "lines[0].to", "is required for MOVE"),
                refused("MOVE line with from null", event("MOVE", line(SKU, 1).with("from", null).with("to", "ON_HAND")),
                        "lines[0].from", "is required for MOVE"),
                refused("WRITE_OFF line without from", event("WRITE_OFF", line(SKU, 1)).with("reasonCode", "LOST"),
                        "lines[0].from", "is required for WRITE_OFF"),
                refused("WRITE_OFF without reasonCode",
                        event("WRITE_OFF", line(SKU, 1).with("from", "DAMAGED")).with("reason", "broken"),
                        "reasonCode", "is required for WRITE_OFF"),
                refused("WRITE_OFF reasonCode null",
                        event("WRITE_OFF", line(SKU, 1).with("from", "DAMAGED")).with("reasonCode", null),
                        "reasonCode", "is required for WRITE_OFF"),
                refused("ADJUSTMENT with reasonCode still needs reason",
                        event("ADJUSTMENT", line(SKU, 1)).with("reasonCode", "FOUND"),
                        "reason", "is required for ADJUSTMENT"),
                refused("TRANSFER_CLOSE without fromLocationId", event("TRANSFER_CLOSE", line(SKU, 1)),
                        "fromLocationId", "is required for TRANSFER_CLOSE"),
                refused("TRANSFER_CLOSE fromLocationId equals locationId",
                        event("TRANSFER_CLOSE", line(SKU, 1)).with("fromLocationId", HERE),
                        "fromLocationId", "must differ from locationId"),
                refused("TRANSFER_CLOSE with toLocationId only still needs fromLocationId",
                        event("TRANSFER_CLOSE", line(SKU, 1)).with("toLocationId", "web-dc"),
                        "fromLocationId", "is required for TRANSFER_CLOSE"),
                refused("RETURN condition QUARANTINED is not a condition",
                        event("RETURN", line(SKU, 1).with("condition", "QUARANTINED")),
                        "lines[0].condition", CONDITION_RULE)))
                .flatMap(s -> s);
    }

    // ================================================================ several problems: (case, body, prefix, problems)

    static Stream<Arguments> refusedWithSeveralProblems() {
        Stream<Arguments> positiveOnly = Stream.of(ChangeType.SALE, ChangeType.RETURN, ChangeType.RECEIPT,
                        ChangeType.TRANSFER_OUT, ChangeType.TRANSFER_IN)
                .map(type -> several(type + " quantities 0 and -1",
                        event(type.name(), line("A", 0), line("B", -1), line("C", 1))
                                .with("toLocationId", "store-7").with("fromLocationId", "web-dc"), "",
                        new Problem("lines[0].quantity", POSITIVE),
                        new Problem("lines[1].quantity", POSITIVE)));
        Stream<Arguments> badIds = Stream.of("a#b", "a b", "BLU SHIRT", " lead", "trail ", "-lead", "tab\tx",
                        "caf\u00e9")
                .map(id -> several("id '" + id + "' as eventId, locationId and sku",
                        event("SALE", line(id, 1)).with("eventId", id).with("locationId", id), "",
                        new Problem("eventId", ID_RULE),
                        new Problem("locationId", ID_RULE),
                        new Problem("lines[0].sku", ID_RULE)));
        return Stream.of(positiveOnly, badIds, Stream.of(
                several("every kind of fault at once",
                        new JsonObject().with("eventId", "till 7").with("occurredAt", "2026-11-22 10:15")
                                .with("locationId", "store#12").with("reservationId", 42)
                                .with("lines", Arrays.asList(line("A", 1), line("B", "2"), line("C", 0), "oops",
                                        map("quantity", 1), line("A#", 1), line("A", 3))),
                        "",
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
                        new Problem("lines[6].sku", "duplicates lines[0].sku (A); send one line per SKU")),
                several("TRANSFER_OUT: type rules alongside line problems",
                        event("TRANSFER_OUT", line("A", 1), line("B", -2), line("C", 2.0))
                                .with("occurredAt", "2026-11-22T12:30:00Z").with("toLocationId", HERE)
                                .with("reservationId", "chk-1").with("reason", ""),
                        "",
                        new Problem("occurredAt", FUTURE_RULE),
                        new Problem("reason", "must not be blank"),
                        new Problem("reservationId", "is only allowed on SALE"),
                        new Problem("toLocationId", "must differ from locationId"),
                        new Problem("lines[1].quantity", POSITIVE),
                        new Problem("lines[2].quantity", POSITIVE)),
                several("every path prefixed inside a batch",
                        event("ADJUSTMENT").with("eventId", "").with("occurredAt", "2026-11-22T10:15:00")
                                .with("lines", List.of(line("A", 1), line("B", 2), line("C", 0), line("D", 1),
                                        line("A", 5))),
                        "events[3]",
                        new Problem("events[3].eventId", "must not be blank"),
                        new Problem("events[3].occurredAt", DATE_RULE),
                        new Problem("events[3].reason", "is required for ADJUSTMENT"),
                        new Problem("events[3].lines[2].quantity", NON_ZERO),
                        new Problem("events[3].lines[4].sku", "duplicates lines[0].sku (A); send one line per SKU")),
                several("empty event inside a batch: missing fields prefixed",
                        new JsonObject(), "events[0]",
                        new Problem("events[0].eventId", "is required"),
                        new Problem("events[0].type", "is required"),
                        new Problem("events[0].occurredAt", "is required"),
                        new Problem("events[0].locationId", "is required"),
                        new Problem("events[0].lines", "is required")),
                several("empty event: every required field",
                        new JsonObject(), "",
                        new Problem("eventId", "is required"),
                        new Problem("type", "is required"),
                        new Problem("occurredAt", "is required"),
                        new Problem("locationId", "is required"),
                        new Problem("lines", "is required")),
                several("empty line: sku and quantity",
                        event("SALE", new JsonObject()), "",
                        new Problem("lines[0].sku", "is required"),
                        new Problem("lines[0].quantity", "is required")),
                several("reference and reason of 257 characters",
                        event("ADJUSTMENT", line(SKU, 1)).with("reference", "r".repeat(257))
                                .with("reason", "r".repeat(257)), "",
                        new Problem("reference", "must be at most 256 characters"),
                        new Problem("reason", "must be at most 256 characters")),
                several("unknown type: lines still checked",
                        event("REFUND", line("A", 1), line("A", "x")), "",
                        new Problem("type", TYPE_RULE),
                        new Problem("lines[1].quantity", POSITIVE),
                        new Problem("lines[1].sku", DUPLICATE_OF_A)),
                several("MOVE and WRITE_OFF: every line's states and the reason code at once",
                        event("WRITE_OFF", line("A", 1), line("B", 0).with("from", "SHELF"),
                                line("C", 1).with("from", "ON_HAND")).with("reasonCode", "FOUND"), "events[1]",
                        new Problem("events[1].reasonCode", WRITE_OFF_CODE_RULE),
                        new Problem("events[1].lines[0].from", "is required for WRITE_OFF"),
                        new Problem("events[1].lines[1].quantity", POSITIVE),
                        new Problem("events[1].lines[1].from", STATE_RULE)),
                several("MOVE: both states missing on one line, the same state on another",
                        event("MOVE", line("A", 1), line("B", 1).with("from", "DAMAGED").with("to", "DAMAGED")), "",
                        new Problem("lines[0].from", "is required for MOVE"),
                        new Problem("lines[0].to", "is required for MOVE"),
                        new Problem("lines[1].to", "must differ from lines[1].from")),
                several("duplicate line that also has a bad quantity",
                        event("SALE", line("A", 1), line("A", 0)), "",
                        new Problem("lines[1].quantity", POSITIVE),
                        new Problem("lines[1].sku", DUPLICATE_OF_A))))
                .flatMap(s -> s);
    }

    static Stream<Arguments> refusedInLineOrder() {
        return Stream.of(
                arguments("repeat on the third line names the first",
                        event("SALE", line("A", 1), line("B", 1), line("A", 2)),
                        List.of(new Problem("lines[2].sku", DUPLICATE_OF_A))),
                arguments("three lines of one SKU name its first line each time",
                        event("SALE", line("B", 1), line("A", 1), line("A", 2), line("A", 3)),
                        List.of(new Problem("lines[2].sku", "duplicates lines[1].sku (A); send one line per SKU"),
                                new Problem("lines[3].sku", "duplicates lines[1].sku (A); send one line per SKU"))));
    }

    // ================================================================ JSON values that are not what a field wants

    static Stream<Named<Object>> notObjects() {
        return Stream.of(
                Named.of("a string", "SALE"),
                Named.of("a number", 42),
                Named.of("a boolean", true),
                Named.of("an array of objects", List.of(Map.of("eventId", "x"))),
                Named.of("an empty array", new ArrayList<>()));
    }

    static Stream<Named<Object>> notIntegers() {
        return Stream.of(
                Named.of("the string \"2\"", "2"),
                Named.of("2.0 (double)", 2.0),
                Named.of("2.5", 2.5),
                Named.of("2.0f (float)", 2.0f),
                Named.of("true", true),
                Named.of("false", false),
                Named.of("an array [2]", List.of(2)),
                Named.of("an object", Map.of("value", 2)));
    }

    static Stream<Named<Object>> jsonIntegers() {
        return Stream.of(
                Named.of("Integer", 7),
                Named.of("Long", 7L),
                Named.of("Short", (short) 7),
                Named.of("BigInteger", BigInteger.valueOf(7)));
    }

    static Stream<Named<Object>> notArrays() {
        return Stream.of(
                Named.of("an object", Map.of("sku", SKU, "quantity", 1)),
                Named.of("a string", SKU),
                Named.of("a number", 1),
                Named.of("a boolean", true));
    }

    static Stream<Named<Object>> badStates() {
        return Stream.of(
                Named.of("'SELLABLE'", "SELLABLE"),
                Named.of("'on_hand' (lower case)", "on_hand"),
                Named.of("''", ""),
                Named.of("a number", 1),
                Named.of("an array", List.of("ON_HAND")));
    }

    static Stream<Named<Object>> badConditions() {
        return Stream.of(
                Named.of("'BROKEN'", "BROKEN"),
                Named.of("'damaged' (lower case)", "damaged"),
                Named.of("''", ""),
                Named.of("a number", 1),
                Named.of("a boolean", true),
                Named.of("an array", List.of("DAMAGED")));
    }

    // ================================================================ rows

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "NUL, 0000", "unit separator, 001F", "U+FFFE, FFFE", "U+FFFF, FFFF",
            "lone high surrogate, D800", "lone low surrogate, DC00"})
    void validate_shouldRefuseCharactersTheQueueCannotCarry_inFreeText(String name, String hex) {
        // given: a reference and a reason with a character SQS refuses
        String bad = "till-7 " + (char) Integer.parseInt(hex, 16) + " end";
        JsonObject body = event("ADJUSTMENT", line("A", 1)).with("reference", bad).with("reason", bad);
        // then: both named, nothing accepted
        assertThat(problems(body, "")).extracting(Problem::path).containsExactlyInAnyOrder("reference", "reason");
        assertThat(problems(body, "")).allSatisfy(p -> assertThat(p.message()).contains("U+" + hex));
    }

    @Test
    void validate_shouldAcceptTextTheQueueCarries_emojiTabsAndNewlinesIncluded() {
        JsonObject body = event("ADJUSTMENT", line("A", 1)).with("reference", "caf\u00e9 \uD83D\uDE00\tline\nnext")
                .with("reason", "ok");
        assertThat(validator.validate(body, "")).isInstanceOf(Validated.Valid.class);
    }

    private static Arguments accepted(String name, JsonObject body, Typed expected) {
        return arguments(name, body, expected);
    }

    private static Arguments acceptedAt(String name, String occurredAt, String expected) {
        return accepted("occurredAt " + occurredAt + ": " + name,
                event("SALE", line(SKU, 1)).with("occurredAt", occurredAt),
                typed(ChangeType.SALE, new EventLine(SKU, 1)).occurredAt(Instant.parse(expected)));
    }

    private static Arguments refused(String name, Object body, String path, String message) {
        return refusedAt("", name, body, path, message);
    }

    private static Arguments refusedAt(String prefix, String name, Object body, String path, String message) {
        return arguments(name, body, prefix, path, message);
    }

    private static Arguments several(String name, Object body, String prefix, Problem... problems) {
        return arguments(name, body, prefix, List.of(problems));
    }

    // ================================================================ helpers

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

    /** A valid event of {@code type} at {@link #HERE} (without its type-specific members). */
    private static JsonObject event(String type, Object... lines) {
        return new JsonObject()
                .with("eventId", EVENT_ID)
                .with("type", type)
                .with("occurredAt", OCCURRED_AT)
                .with("locationId", HERE)
                .with("lines", Arrays.asList(lines));
    }

    /** An event of {@code type} that carries every member some type requires, so only the line is at stake. */
    private static JsonObject transferReady(ChangeType type, JsonObject line) {
        return event(type.name(), line.with("from", "DAMAGED").with("to", "ON_HAND")).with("reason", "recount")
                .with("toLocationId", "store-7").with("fromLocationId", "web-dc").with("reasonCode", "OTHER");
    }

    private static JsonObject line(String sku, Object quantity) {
        return new JsonObject().with("sku", sku).with("quantity", quantity);
    }

    private static JsonObject map(String key, Object value) {
        return new JsonObject().with(key, value);
    }

    private static Object[] distinctLines(int count) {
        return IntStream.range(0, count).mapToObj(i -> line("SKU-" + i, 1)).toArray();
    }

    private static EventLine returned(String sku, long quantity, ItemCondition condition) {
        return new EventLine(sku, sku, quantity, condition);
    }

    private static EventLine moved(String sku, long quantity, StockState from, StockState to) {
        return new EventLine(sku, sku, quantity, null, from, to);
    }

    /** What {@link #acceptedMembersOfOtherTypes} expects of {@code type}: only the members it takes. */
    private static Typed typedAsRead(ChangeType type) {
        Typed typed = typed(type, new EventLine(SKU, 1)).reason("recount");
        return switch (type) {
            case TRANSFER_OUT -> typed.toLocationId("store-7");
            case TRANSFER_IN, TRANSFER_CLOSE -> typed.fromLocationId("web-dc");
            default -> typed;
        };
    }

    private static Typed typed(ChangeType type, EventLine... lines) {
        return new Typed(type, List.of(lines));
    }


    /** The typed event expected from a row: {@link #event}'s defaults, with the members the row sets. */
    static final class Typed {
        private final ChangeType type;
        private final List<EventLine> lines;
        private String eventId = EVENT_ID;
        private String locationId = HERE;
        private Instant occurredAt = Instant.parse(OCCURRED_AT);
        private String reference;
        private String reservationId;
        private String toLocationId;
        private String fromLocationId;
        private String reason;
        private ReasonCode reasonCode;

        Typed(ChangeType type, List<EventLine> lines) {
            this.type = type;
            this.lines = lines;
        }

        Typed eventId(String value) {
            eventId = value;
            return this;
        }

        Typed locationId(String value) {
            locationId = value;
            return this;
        }

        Typed occurredAt(Instant value) {
            occurredAt = value;
            return this;
        }

        Typed reference(String value) {
            reference = value;
            return this;
        }

        Typed reservationId(String value) {
            reservationId = value;
            return this;
        }

        Typed toLocationId(String value) {
            toLocationId = value;
            return this;
        }

        Typed fromLocationId(String value) {
            fromLocationId = value;
            return this;
        }

        Typed reason(String value) {
            reason = value;
            return this;
        }

        Typed reasonCode(ReasonCode value) {
            reasonCode = value;
            return this;
        }

        InventoryEvent event() {
            return new InventoryEvent(eventId, type, occurredAt, locationId, lines, reference, reservationId,
                    toLocationId, fromLocationId, reason, reasonCode);
        }
    }
}
