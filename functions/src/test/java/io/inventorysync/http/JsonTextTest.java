package io.inventorysync.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.json.AsWritten;
import io.inventorysync.json.PlainJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming reading and writing of plain JSON trees (issue 16, fifth round) against the mapper
 * they stand in for: every body reads to the same value (same number classes) or fails as the
 * mapper fails, every tree writes to the same text, and the plain ones really take the fast path.
 */
class JsonTextTest {
    /** What {@code VendorConfigJson} and {@code ChannelPools} fall back to: a default mapper. */
    private static final ObjectMapper DEFAULT = new ObjectMapper();

    /** Bodies the fast path reads itself: the mapper must read each to the same value. */
    static Stream<String> plainBodies() {
        return Stream.of("{}", "[]", "[[]]", "[{}]", " \n\t{\"a\":1}\r\n ",
                "{\"eventId\":\"e-1\",\"type\":\"SALE\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}],\"x\":null,\"t\":true,\"f\":false}",
                "{\"i\":2147483647,\"j\":2147483648,\"k\":-2147483648,\"l\":-2147483649,\"m\":9223372036854775807,"
                        + "\"n\":-9223372036854775808,\"z\":0,\"mz\":-0}",
                "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u2028\\u2029\\ufffe\\ud83d\\ude00 é ü 中\"}",
                "{\"\":\"\",\"\\u0000\":1,\"é\":[1,\"2\",null]}",
                "{\"lone\":\"\\ud800\"}",
                "[1,2,3,\"a\",[\"b\",[\"c\"]],{\"d\":{\"e\":{}}}]",
                "\uFEFF{\"bom\":1}",
                "{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}",
                nested(400));
    }

    /** Bodies the fast path leaves to the mapper: its value or its exception must be the answer. */
    static Stream<String> otherBodies() {
        return Stream.of("", "   ", "\"text\"", "1", "null", "true", "-1.5",
                "{\"a\":1,\"a\":2}", "{\"a\":[{\"b\":1,\"b\":{}}]}",
                "{\"q\":2.0}", "{\"q\":1e3}", "{\"q\":-0.0}", "[9223372036854775808]", "[-9223372036854775809]",
                "[123456789012345678901234567890]",
                "{\"a\":1} x", "{\"a\":1}{\"b\":2}", "[1] [2]", "{\"a\":1}}",
                "{\"a\":}", "{a:1}", "[1,]", "{\"a\":1", "['x']", "NaN", "{\"a\":NaN}", "[01]", "[+1]",
                "/* c */ {\"a\":1}", "{\"a\":\"\u0001\"}", "{\"a\":\"x\\q\"}",
                nested(1200));
    }

    @ParameterizedTest
    @MethodSource("plainBodies")
    void aPlainBody_isReadByTheFastPath_toWhatTheMapperReads(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Object fast = PlainJson.read(bytes);
        assertThat(classes(fast)).isEqualTo(classes(Json.MAPPER.readValue(bytes, Object.class)));
        assertThat(fast).isEqualTo(Json.MAPPER.readValue(bytes, Object.class)).isEqualTo(DEFAULT.readValue(bytes, Object.class));
        assertThat(JsonText.readTree(bytes)).isEqualTo(fast);
        if (!body.startsWith("\uFEFF")) {
            assertThat(PlainJson.read(body)).isEqualTo(Json.MAPPER.readValue(body, Object.class));
            assertThat(JsonText.readTree(body)).isEqualTo(fast);
        }
    }

    @ParameterizedTest
    @MethodSource("otherBodies")
    void anyOtherBody_isLeftToTheMapper_withItsValueOrItsException(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PlainJson.read(bytes)).isInstanceOf(AsWritten.NotAsWritten.class);
        Object expected;
        try {
            expected = Json.MAPPER.readValue(bytes, Object.class);
        } catch (Exception e) {
            assertThatThrownBy(() -> JsonText.readTree(bytes)).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
            assertThatThrownBy(() -> JsonText.readTree(body)).isInstanceOf(e.getClass());
            return;
        }
        assertThat(read(bytes)).isEqualTo(expected);
        assertThat(classes(read(bytes))).isEqualTo(classes(expected));
    }

    @Test
    void invalidUtf8_andOtherEncodings_areReadAsTheMapperReadsThem() throws Exception {
        List<byte[]> bodies = List.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},
                "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_16BE), "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_16LE),
                "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_16), "{\"a\":\"é\"}".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] body : bodies) {
            Object expected;
            try {
                expected = Json.MAPPER.readValue(body, Object.class);
            } catch (Exception e) {
                assertThatThrownBy(() -> JsonText.readTree(body)).isInstanceOf(e.getClass());
                continue;
            }
            assertThat(JsonText.readTree(body)).as(Arrays.toString(body)).isEqualTo(expected);
        }
    }

    /** Trees the fast path writes itself: byte for byte the mapper's text. */
    static Stream<Object> plainTrees() {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("quote\"back\\slash/", "\u0000\u001f\u007f\u2028\u2029\ufffe\ud83d\ude00 é \ud800");
        odd.put("", null);
        odd.put("min", Long.MIN_VALUE);
        odd.put("max", Integer.MAX_VALUE);
        odd.put("flags", new ArrayList<>(Arrays.asList(true, false, null)));
        odd.put("nested", Map.of("k", List.of(Map.of(), List.of())));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Invalid event");
        problem.put("status", 400);
        problem.put("code", "INVALID_EVENT");
        problem.put("detail", "lines[0].quantity: must be a positive integer (and 2 more problems)");
        problem.put("problems", List.of(Map.of("path", "lines[0].quantity", "message", "must be <b>positive</b>")));
        return Stream.of(Map.of(), List.of(), odd, problem, List.of(1, 2L, "3"), Map.of("a", List.of(List.of(List.of("deep")))),
                "text", 42, -7L, true, (Object) nestedTree(300));
    }

    /** Trees the fast path leaves to the mapper. */
    static Stream<Object> otherTrees() {
        Map<Object, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 1);
        return Stream.of(Map.of("at", Instant.parse("2026-01-01T00:00:00.120Z")), Map.of("d", 2.0), Map.of("f", 1.5f),
                Map.of("set", new TreeSet<>(Set.of("b", "a"))), Map.of("e", java.time.DayOfWeek.MONDAY),
                Map.of(1, "int key"), List.of(new io.inventorysync.domain.Problem("p", "m")), Map.of("s", (short) 3),
                Map.of("big", new java.math.BigInteger("123456789012345678901234567890")));
    }

    @ParameterizedTest
    @MethodSource("plainTrees")
    void aPlainTree_isWrittenByTheFastPath_asTheMapperWritesIt(Object tree) throws Exception {
        String fast = PlainJson.writeOrNull(tree);
        assertThat(fast).isNotNull().isEqualTo(Json.write(tree)).isEqualTo(DEFAULT.writeValueAsString(tree));
        assertThat(JsonText.write(tree)).isEqualTo(fast);
    }

    @ParameterizedTest
    @MethodSource("otherTrees")
    void anyOtherTree_isWrittenByTheMapper(Object tree) {
        assertThat(PlainJson.writeOrNull(tree)).isNull();
        assertThat(JsonText.write(tree)).isEqualTo(Json.write(tree));
    }

    /** The connector's and Square's request bodies, and every other tree: the mapper's bytes, or its exception. */
    static Stream<Object> requestBodies() {
        Map<String, Object> square = new LinkedHashMap<>();
        square.put("location_ids", List.of("L1", "L \"2\" é"));
        square.put("updated_after", "2026-11-30T12:00:00Z");
        square.put("limit", 100);
        square.put("cursor", "c\u0000ur/sor\u2028");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("input", Map.of("reason", "correction", "name", "available", "quantities",
                List.of(Map.of("inventoryItemId", "gid://shopify/InventoryItem/1", "locationId", "gid://shopify/Location/é\"1",
                        "quantity", 7, "compareQuantity", 6L))));
        Map<String, Object> emoji = new LinkedHashMap<>();
        emoji.put("sku", "TEE-\ud83d\ude00");
        emoji.put("lone", "\ud800");
        return Stream.concat(Stream.concat(plainTrees(), otherTrees()), Stream.of(square,
                Map.of("query", "mutation Set($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { field message } } }",
                        "variables", variables), emoji));
    }

    @ParameterizedTest
    @MethodSource("requestBodies")
    void bytes_areTheMappersBytes(Object tree) throws Exception {
        byte[] expected;
        try {
            expected = Json.MAPPER.writeValueAsBytes(tree);
        } catch (Exception e) {
            assertThatThrownBy(() -> JsonText.writeBytes(tree)).isInstanceOf(e.getClass());
            return;
        }
        assertThat(JsonText.writeBytes(tree)).isEqualTo(expected);
    }

    /** A message or an answer read as {@code readValue(body, Map.class)}: the mapper's map, or its exception. */
    @ParameterizedTest
    @MethodSource({"plainBodies", "otherBodies"})
    void anObject_isReadAsTheMapperReadsAMap(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Object expected;
        try {
            expected = Json.MAPPER.readValue(bytes, Map.class);
        } catch (Exception e) {
            assertThatThrownBy(() -> JsonText.readObject(bytes)).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
            assertThatThrownBy(() -> JsonText.readObject(body)).isInstanceOf(e.getClass());
            return;
        }
        try {
            assertThat(JsonText.readObject(bytes)).isEqualTo(expected);
            assertThat(classes(JsonText.readObject(bytes))).isEqualTo(classes(expected));
            if (!body.startsWith("\uFEFF")) {
                assertThat(JsonText.readObject(body)).isEqualTo(Json.MAPPER.readValue(body, Map.class));
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNullKey_failsAsTheMapperFails() {
        Map<Object, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 1);
        assertThat(PlainJson.writeOrNull(nullKey)).isNull();
        assertThatThrownBy(() -> Json.write(nullKey)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonText.write(nullKey)).isInstanceOf(IllegalStateException.class);
    }

    private static Object read(byte[] body) {
        try {
            return JsonText.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The tree with every leaf replaced by its class: Integer and Long must match, not only equal values. */
    private static Object classes(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, classes(v)));
            return out;
        }
        if (tree instanceof List<?> list) {
            return list.stream().map(JsonTextTest::classes).toList();
        }
        return tree == null ? "null" : tree.getClass().getName();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static Object nestedTree(int depth) {
        Object tree = List.of();
        for (int i = 0; i < depth; i++) {
            tree = List.of(tree);
        }
        return tree;
    }
}
