package io.inventorysync.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Unit tests of {@link ReservationValidator} against contract v1 ("Reservations" in DESIGN.md).
 * Inputs are built the way a JSON parser would hand them over.
 */
class ReservationValidatorTest {

    private static final String SOURCE = "shop-web";
    private static final String ID_RULE = "must match [A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}";
    private static final String TTL_RULE = "must be an integer from 60 to 86400";
    private static final String QUANTITY_RULE = "must be a positive integer up to 1000000000";

    // ---------------------------------------------------------------- valid requests

    @Test
    void validate_shouldReturnTypedRequest_whenRequestIsValid() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1), line("RED-HAT", 2));
        raw.put("ttlSeconds", 1800);

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.reservationId()).isEqualTo("chk-9f2");
        assertThat(request.sourceId()).isEqualTo(SOURCE);
        assertThat(request.locationId()).isEqualTo("web-dc");
        assertThat(request.ttlSeconds()).isEqualTo(1800);
        assertThat(request.lines()).containsExactly(
                new ReservationLine("BLU-SHIRT-M", 1), new ReservationLine("RED-HAT", 2));
    }

    @Test
    void validate_shouldDefaultTtlTo900_whenTtlSecondsIsAbsent() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.ttlSeconds()).isEqualTo(900).isEqualTo(ReservationValidator.DEFAULT_TTL_SECONDS);
    }

    @Test
    void validate_shouldDefaultTtlTo900_whenTtlSecondsIsJsonNull() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.put("ttlSeconds", null);

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.ttlSeconds()).isEqualTo(900);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {60, 61, 900, 86_399, 86_400})
    void validate_shouldAcceptTtl_whenWithin60To86400(int ttl) {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.put("ttlSeconds", ttl);

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.ttlSeconds()).isEqualTo(ttl);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ttlAsOtherIntegerTypes")
    void validate_shouldAcceptTtl_whenParserProducesLongOrBigInteger(Object ttl) {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.put("ttlSeconds", ttl);

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.ttlSeconds()).isEqualTo(3600);
    }

    static Stream<Object> ttlAsOtherIntegerTypes() {
        return Stream.of(3600L, BigInteger.valueOf(3600), (short) 3600);
    }

    @Test
    void validate_shouldAccept_whenRequestHasOneLine() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.lines()).containsExactly(new ReservationLine("BLU-SHIRT-M", 1));
    }

    @Test
    void validate_shouldAccept_whenRequestHas49Lines() {
        // given
        Map<String, Object> raw = request(distinctLines(49).toArray());

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.lines()).hasSize(49).hasSize(ReservationValidator.MAX_LINES);
        assertThat(request.lines().getLast()).isEqualTo(new ReservationLine("SKU-48", 1));
    }

    @Test
    void validate_shouldAcceptQuantity_whenExactlyOneBillion() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1_000_000_000L));

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.lines().getFirst().quantity()).isEqualTo(1_000_000_000L);
    }

    @Test
    void validate_shouldIgnoreUnknownMembers_whenRequestCarriesExtras() {
        // given
        Map<String, Object> extraLine = line("BLU-SHIRT-M", 1);
        extraLine.put("price", 19.99);
        Map<String, Object> raw = request(extraLine);
        raw.put("customer", Map.of("email", "a@b.c"));
        raw.put("status", "COMMITTED");
        raw.put("expiresAt", "2026-11-22T10:15:00Z");

        // when
        ReservationRequest request = valid(raw);

        // then
        assertThat(request.lines()).containsExactly(new ReservationLine("BLU-SHIRT-M", 1));
        assertThat(request.ttlSeconds()).isEqualTo(900);
    }

    // ---------------------------------------------------------------- ttlSeconds

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {59, 86_401, 0, -1, -900, 1_000_000})
    void validate_shouldRefuseTtl_whenOutside60To86400(long ttl) {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.put("ttlSeconds", ttl);

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("ttlSeconds", TTL_RULE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notIntegers")
    void validate_shouldRefuseTtl_whenNotAJsonInteger(Object ttl) {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.put("ttlSeconds", ttl);

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("ttlSeconds", TTL_RULE));
    }

    @Test
    void validate_shouldRefuseTtl_whenBeyondLongRange() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.put("ttlSeconds", BigInteger.TEN.pow(25));

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).singleElement().extracting(Problem::path).isEqualTo("ttlSeconds");
    }

    // ---------------------------------------------------------------- lines

    @Test
    void validate_shouldRefuseLines_whenMoreThan49() {
        // given
        Map<String, Object> raw = request(distinctLines(50).toArray());

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("lines", "must have at most 49 entries"));
    }

    @Test
    void validate_shouldRefuseLines_whenEmpty() {
        // given
        Map<String, Object> raw = request();

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("lines", "must have at least 1 entry"));
    }

    @Test
    void validate_shouldRefuseLines_whenMissing() {
        // given
        Map<String, Object> raw = request();
        raw.remove("lines");

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("lines", "is required"));
    }

    @Test
    void validate_shouldRefuseLines_whenNotAnArray() {
        // given
        Map<String, Object> raw = request();
        raw.put("lines", Map.of("sku", "BLU-SHIRT-M", "quantity", 1));

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("lines", "must be an array"));
    }

    @Test
    void validate_shouldRefuseLine_whenNotAnObject() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1), "RED-HAT", null);

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(
                new Problem("lines[1]", "must be an object"),
                new Problem("lines[2]", "must be an object"));
    }

    @Test
    void validate_shouldReportDuplicateOnSecondLineNamingFirst_whenSkuRepeats() {
        // given
        Map<String, Object> raw = request(line("A", 1), line("B", 1), line("A", 2));

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("lines[2].sku", "duplicates lines[0].sku (A)"));
    }

    @Test
    void validate_shouldNameTheFirstLineEachTime_whenSkuRepeatsThreeTimes() {
        // given
        Map<String, Object> raw = request(line("A", 1), line("A", 2), line("A", 3));

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(
                new Problem("lines[1].sku", "duplicates lines[0].sku (A)"),
                new Problem("lines[2].sku", "duplicates lines[0].sku (A)"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {0, -1, -1_000, 1_000_000_001L})
    void validate_shouldRefuseQuantity_whenNotPositiveOrAboveOneBillion(long quantity) {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", quantity));

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", QUANTITY_RULE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notIntegers")
    void validate_shouldRefuseQuantity_whenNotAJsonInteger(Object quantity) {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", quantity));

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem("lines[0].quantity", "must be a positive integer"));
    }

    static Stream<Object> notIntegers() {
        return Stream.of("900", 900.0, 1.5, true, List.of(900), Map.of("seconds", 900));
    }

    @Test
    void validate_shouldReportSkuAndQuantity_whenLineIsEmpty() {
        // given
        Map<String, Object> raw = request(new LinkedHashMap<String, Object>());

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("lines[0].sku", "is required"),
                new Problem("lines[0].quantity", "is required"));
    }

    // ---------------------------------------------------------------- ids and body

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reservationId", "locationId"})
    void validate_shouldRequireField_whenMissing(String field) {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.remove(field);

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem(field, "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reservationId", "locationId"})
    void validate_shouldRequireField_whenJsonNull(String field) {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.put(field, null);

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactly(new Problem(field, "is required"));
    }

    @Test
    void validate_shouldRefuseIds_whenTheyBreakTheIdFormat() {
        // given
        Map<String, Object> raw = request(line("BLU SHIRT", 1));
        raw.put("reservationId", "chk#9f2");
        raw.put("locationId", "web dc");

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("reservationId", ID_RULE),
                new Problem("locationId", ID_RULE),
                new Problem("lines[0].sku", ID_RULE));
    }

    @Test
    void validate_shouldRefuseIds_whenNotStrings() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));
        raw.put("reservationId", 42);
        raw.put("locationId", "");

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("reservationId", "must be a string"),
                new Problem("locationId", "must not be blank"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notObjects")
    void validate_shouldRefuseBody_whenNotAnObject(Object body) {
        // when
        List<Problem> problems = problems(body);

        // then
        assertThat(problems).containsExactly(new Problem("(body)", "must be an object"));
    }

    static Stream<Object> notObjects() {
        return Stream.of("chk-9f2", 1, true, List.of());
    }

    @Test
    void validate_shouldRefuseBody_whenNull() {
        // when
        List<Problem> problems = problems(null);

        // then
        assertThat(problems).containsExactly(new Problem("(body)", "must be an object"));
    }

    // ---------------------------------------------------------------- every problem in one pass

    @Test
    void validate_shouldReportEveryProblem_whenRequestHasSeveralFaults() {
        // given
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("locationId", "web#dc");
        raw.put("ttlSeconds", 59);
        raw.put("lines", Arrays.asList(
                line("A", 1),
                line("B", 0),
                "oops",
                line("A", "2"),
                map("quantity", 1),
                line("C", 2.0)));

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("reservationId", "is required"),
                new Problem("locationId", ID_RULE),
                new Problem("ttlSeconds", TTL_RULE),
                new Problem("lines[1].quantity", QUANTITY_RULE),
                new Problem("lines[2]", "must be an object"),
                new Problem("lines[3].quantity", "must be a positive integer"),
                new Problem("lines[3].sku", "duplicates lines[0].sku (A)"),
                new Problem("lines[4].sku", "is required"),
                new Problem("lines[5].quantity", "must be a positive integer"));
    }

    @Test
    void validate_shouldReportEveryRequiredField_whenRequestIsEmpty() {
        // when
        List<Problem> problems = problems(new LinkedHashMap<>());

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("reservationId", "is required"),
                new Problem("locationId", "is required"),
                new Problem("lines", "is required"));
    }

    @Test
    void validate_shouldReportTtlAndLines_whenBothOutOfRange() {
        // given
        Map<String, Object> raw = request(distinctLines(50).toArray());
        raw.put("ttlSeconds", 86_401);

        // when
        List<Problem> problems = problems(raw);

        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("ttlSeconds", TTL_RULE),
                new Problem("lines", "must have at most 49 entries"));
    }

    // ---------------------------------------------------------------- fingerprint

    @Test
    void fingerprint_shouldBeEqual_whenRetryListsLinesInAnotherOrder() {
        // given
        ReservationRequest first = valid(request(line("BLU-SHIRT-M", 1), line("RED-SOCK", 2)));
        ReservationRequest reordered = valid(request(line("RED-SOCK", 2), line("BLU-SHIRT-M", 1)));
        // when / then
        assertThat(reordered.fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void fingerprint_shouldBeEqual_whenTwoRequestsAreEqual() {
        // given
        ReservationRequest first = valid(request(line("BLU-SHIRT-M", 1), line("RED-HAT", 2)));
        ReservationRequest second = valid(request(line("BLU-SHIRT-M", 1), line("RED-HAT", 2)));

        // when
        String a = first.fingerprint();
        String b = second.fingerprint();

        // then
        assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
    }

    @Test
    void fingerprint_shouldBeEqual_whenDefaultTtlIsSpelledOut() {
        // given
        Map<String, Object> explicit = request(line("BLU-SHIRT-M", 1));
        explicit.put("ttlSeconds", 900);

        // when
        String implicitFingerprint = valid(request(line("BLU-SHIRT-M", 1))).fingerprint();
        String explicitFingerprint = valid(explicit).fingerprint();

        // then
        assertThat(explicitFingerprint).isEqualTo(implicitFingerprint);
    }

    @Test
    void fingerprint_shouldBeEqual_whenOnlyUnknownMembersDiffer() {
        // given
        Map<String, Object> withExtras = request(line("BLU-SHIRT-M", 1));
        withExtras.put("note", "gift wrap");

        // when
        String plain = valid(request(line("BLU-SHIRT-M", 1))).fingerprint();
        String extras = valid(withExtras).fingerprint();

        // then
        assertThat(extras).isEqualTo(plain);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldChanged")
    void fingerprint_shouldDiffer_whenAnyFieldDiffers(String change, Consumer<Map<String, Object>> mutation) {
        // given
        Map<String, Object> base = request(line("BLU-SHIRT-M", 1), line("RED-HAT", 2));
        Map<String, Object> changed = request(line("BLU-SHIRT-M", 1), line("RED-HAT", 2));
        mutation.accept(changed);

        // when
        String baseFingerprint = valid(base).fingerprint();
        String changedFingerprint = valid(changed).fingerprint();

        // then
        assertThat(changedFingerprint).as(change).isNotEqualTo(baseFingerprint);
    }

    static Stream<Arguments> oneFieldChanged() {
        return Stream.of(
                arguments("reservationId", mutation(m -> m.put("reservationId", "chk-9f3"))),
                arguments("locationId", mutation(m -> m.put("locationId", "store-12"))),
                arguments("ttlSeconds", mutation(m -> m.put("ttlSeconds", 901))),
                arguments("sku", mutation(m -> m.put("lines", List.of(line("BLU-SHIRT-L", 1), line("RED-HAT", 2))))),
                arguments("quantity", mutation(m -> m.put("lines", List.of(line("BLU-SHIRT-M", 2), line("RED-HAT", 2))))),
                arguments("extra line", mutation(m -> m.put("lines",
                        List.of(line("BLU-SHIRT-M", 1), line("RED-HAT", 2), line("GRN-SOCK", 1))))),
                arguments("missing line", mutation(m -> m.put("lines", List.of(line("BLU-SHIRT-M", 1))))));
    }

    @Test
    void fingerprint_shouldDiffer_whenSourceDiffers() {
        // given
        Map<String, Object> raw = request(line("BLU-SHIRT-M", 1));

        // when
        String fromShop = valid(raw).fingerprint();
        String fromOtherShop = ((Validated.Valid<ReservationRequest>) ReservationValidator.validate(raw, "other-shop"))
                .value().fingerprint();

        // then
        assertThat(fromOtherShop).isNotEqualTo(fromShop);
    }

    @Test
    void fingerprint_shouldDiffer_whenSkuAndQuantityBoundaryShifts() {
        // given: "A1" x 1 against "A" x 11 must not collide through concatenation
        ReservationRequest a = new ReservationRequest("chk-1", SOURCE, "web-dc", 900,
                List.of(new ReservationLine("A1", 1)));
        ReservationRequest b = new ReservationRequest("chk-1", SOURCE, "web-dc", 900,
                List.of(new ReservationLine("A", 11)));

        // when / then
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    // ---------------------------------------------------------------- helpers

    private static ReservationRequest valid(Object raw) {
        Validated<ReservationRequest> result = ReservationValidator.validate(raw, SOURCE);
        assertThat(result).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<ReservationRequest>) result).value();
    }

    private static List<Problem> problems(Object raw) {
        Validated<ReservationRequest> result = ReservationValidator.validate(raw, SOURCE);
        assertThat(result).isInstanceOf(Validated.Invalid.class);
        return ((Validated.Invalid<ReservationRequest>) result).problems();
    }

    private static Consumer<Map<String, Object>> mutation(Consumer<Map<String, Object>> mutation) {
        return mutation;
    }

    /** A valid request without ttlSeconds, as a mutable map. */
    private static Map<String, Object> request(Object... lines) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reservationId", "chk-9f2");
        request.put("locationId", "web-dc");
        request.put("lines", Arrays.asList(lines));
        return request;
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
