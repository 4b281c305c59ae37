package io.inventorysync.store.internal;

import io.inventorysync.store.InventoryTable;
import io.inventorysync.testing.LocalDynamoDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.DefaultAttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ItemConverters} against the enhanced client's default converters, which wrote every item
 * stored so far: each item type written by the new schemas and by the frozen bean mapping (the
 * default converters) into DynamoDB Local is stored alike, and what either stored reads back alike;
 * every registered type converts every attribute value, the odd stored forms included, with the
 * default converter's outcome (the same value or the same exception); and a type nobody registered
 * fails when its schema is built.
 */
class ItemConvertersIT {
    private static final DefaultAttributeConverterProvider DEFAULTS = DefaultAttributeConverterProvider.create();
    /** Odd characters: accents, a snowman, quotes and a backslash, LINE SEPARATOR, a noncharacter, an emoji. */
    private static final String ODD = "é#|\u2603 \"q\" \\ \u2028 \uFFFE \uD83D\uDE00";

    private enum Fill { ALL, KEYS_ONLY, EMPTY, MAX }

    private record Pair(String name, TableSchema<?> fresh, Class<?> item, TableSchema<?> bean, Class<?> beanItem) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("stock", Items.STOCK, StockItem.class, TableSchema.fromBean(BeanStockItem.class), BeanStockItem.class),
            new Pair("ledger", Items.LEDGER, LedgerItem.class, TableSchema.fromBean(BeanLedgerItem.class), BeanLedgerItem.class),
            new Pair("hold", Items.HOLD, HoldItem.class, TableSchema.fromBean(BeanHoldItem.class), BeanHoldItem.class),
            new Pair("receipt", Items.RECEIPT, ReceiptItem.class, TableSchema.fromBean(BeanReceiptItem.class), BeanReceiptItem.class),
            new Pair("source", Items.SOURCE, SourceItem.class, TableSchema.fromBean(BeanSourceItem.class), BeanSourceItem.class));

    private static DynamoDbClient dynamo;
    private static String table;

    @BeforeAll
    static void table() {
        dynamo = LocalDynamoDb.client();
        table = LocalDynamoDb.createTable(dynamo);
    }

    @Test
    void everyAttributeOfEverySchemaConvertsThroughItemConverters() {
        List<TableSchema<?>> schemas = new ArrayList<>(PAIRS.stream().<TableSchema<?>>map(Pair::fresh).toList());
        schemas.add(ItemSchemas.HOLD_LINE);
        schemas.add(ItemSchemas.STORED);
        for (TableSchema<?> schema : schemas) {
            for (String name : schema.attributeNames()) {
                AttributeConverter<?> converter = schema.converterForAttribute(name);
                assertEquals(ItemConverters.class, converter.getClass().getEnclosingClass(),
                        schema.itemType() + "." + name + " converts through " + converter.getClass().getName());
                // The key types the table's metadata takes from the converter are the default's.
                AttributeConverter<?> standard = DEFAULTS.converterFor(converter.type());
                assertEquals(standard.attributeValueType(), converter.attributeValueType(), name);
                assertEquals(standard.type(), converter.type(), name);
            }
        }
    }

    @Test
    void aTypeNobodyRegisteredFailsWhenItsSchemaIsBuilt() {
        List<EnhancedType<?>> unregistered = List.of(EnhancedType.of(Double.class), EnhancedType.of(Instant.class),
                EnhancedType.of(long.class), EnhancedType.listOf(Long.class), EnhancedType.setOf(String.class),
                EnhancedType.mapOf(String.class, Long.class), EnhancedType.mapOf(Long.class, String.class),
                EnhancedType.listOf(EnhancedType.listOf(String.class)), EnhancedType.of(HoldLineItem.class));
        for (EnhancedType<?> type : unregistered) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schemaWith(type), type.toString());
            assertTrue(e.getMessage().contains("No converter for " + type), e.getMessage());
        }
        // The registered ones build (the schema's own provider, not a fallback to the default).
        schemaWith(EnhancedType.mapOf(String.class, String.class));
        schemaWith(EnhancedType.listOf(EnhancedType.documentOf(HoldLineItem.class, ItemSchemas.HOLD_LINE)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void schemaWith(EnhancedType<?> type) {
        ItemSchema.builder(StockItem.class)
                .newItemSupplier(StockItem::new)
                .addAttribute(ItemSchema.attribute("x", (EnhancedType) type, item -> null, (item, value) -> { }))
                .build();
    }

    @Test
    void everyItemTypeIsStoredInDynamoDbAsTheDefaultConvertersStoredItAndReadsBackAlike() throws Exception {
        for (Pair pair : PAIRS) {
            for (Fill fill : Fill.values()) {
                if (fill == Fill.MAX && !pair.name().equals("hold")) {
                    continue; // the largest: a 300 KB string and 100 lines, once (the converters are the same for every type)
                }
                String label = pair.name() + " " + fill;
                Object item = filled(pair.item(), fill, pair.fresh());
                Object bean = copy(item, pair.beanItem());
                String key = pair.name() + "-" + fill;
                ((StoredItem) item).setPk("NEW#" + key + ODD);
                ((BeanStoredItem) bean).setPk("OLD#" + key + ODD);

                // What each puts (as the store puts: nulls left out) is the same map but for the key.
                Map<String, AttributeValue> written = itemToMap(pair.fresh(), item, true);
                Map<String, AttributeValue> writtenBefore = itemToMap(pair.bean(), bean, true);
                assertEquals(withoutPk(writtenBefore), withoutPk(written), label);
                dynamo.putItem(r -> r.tableName(table).item(written));
                dynamo.putItem(r -> r.tableName(table).item(writtenBefore));
                Map<String, AttributeValue> stored = get(written);
                Map<String, AttributeValue> storedBefore = get(writtenBefore);
                assertEquals(withoutPk(storedBefore), withoutPk(stored), label + ": stored alike");
                assertEquals(written, stored, label + ": stored as written");

                // What the default converters stored reads alike through both, and is written back unchanged.
                Object read = pair.fresh().mapToItem(storedBefore);
                Object readBefore = pair.bean().mapToItem(storedBefore);
                assertNotNull(read, label);
                assertEquals(storedBefore, itemToMap(pair.fresh(), read, true), label + ": read back whole");
                assertEquals(itemToMap(pair.bean(), readBefore, false), itemToMap(pair.bean(), copy(read, pair.beanItem()), false),
                        label + ": the same members as the default converters read");
                assertMutableCollections(read, label);
            }
        }
    }

    @Test
    void theOddStoredFormsOfARegisteredTypeReadAsTheDefaultConvertersReadThem() {
        EnhancedType<?> line = EnhancedType.documentOf(HoldLineItem.class, ItemSchemas.HOLD_LINE);
        List<EnhancedType<?>> types = List.of(EnhancedType.of(String.class), EnhancedType.of(Long.class),
                EnhancedType.of(Integer.class), EnhancedType.of(Boolean.class), EnhancedType.listOf(String.class),
                EnhancedType.mapOf(String.class, String.class), line, EnhancedType.listOf(line));
        List<AttributeValue> forms = oddForms();
        int compared = 0;
        for (EnhancedType<?> type : types) {
            AttributeConverter<?> ours = ItemConverters.PROVIDER.converterFor(type);
            AttributeConverter<?> standard = DEFAULTS.converterFor(type);
            for (AttributeValue form : forms) {
                String label = type + " from " + form;
                Object expected;
                try {
                    expected = comparable(standard.transformTo(form));
                } catch (RuntimeException e) {
                    RuntimeException actual = assertThrows(RuntimeException.class, () -> ours.transformTo(form), label);
                    assertEquals(e.getClass(), actual.getClass(), label);
                    assertEquals(e.getMessage(), actual.getMessage(), label);
                    compared++;
                    continue;
                }
                Object actual = comparable(ours.transformTo(form));
                assertEquals(expected, actual, label);
                compared++;
            }
        }
        assertEquals(types.size() * forms.size(), compared);
    }

    @Test
    void everyValueIsWrittenAsTheDefaultConvertersWroteIt() {
        EnhancedType<?> line = EnhancedType.documentOf(HoldLineItem.class, ItemSchemas.HOLD_LINE);
        HoldLineItem full = new HoldLineItem();
        full.setSku(ODD);
        full.setQuantity(Long.MAX_VALUE);
        full.setFulfilled(Long.MIN_VALUE);
        List<String> withNull = new ArrayList<>(Arrays.asList("a", null, "", ODD));
        Map<String, String> mapWithNull = new LinkedHashMap<>();
        mapWithNull.put(ODD, null);
        mapWithNull.put("", "");
        mapWithNull.put("b", ODD);
        Map<String, String> mapWithNullKey = new HashMap<>();
        mapWithNullKey.put(null, "x");
        List<Object[]> cases = List.of(
                new Object[] {EnhancedType.of(String.class), List.of("", " ", ODD, "x".repeat(1000))},
                new Object[] {EnhancedType.of(Long.class), List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE)},
                new Object[] {EnhancedType.of(Integer.class), List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)},
                new Object[] {EnhancedType.of(Boolean.class), List.of(true, false)},
                new Object[] {EnhancedType.listOf(String.class), List.of(List.of(), withNull, List.of(ODD, ODD))},
                new Object[] {EnhancedType.mapOf(String.class, String.class), List.of(Map.of(), mapWithNull, mapWithNullKey)},
                new Object[] {line, List.of(new HoldLineItem(), full)},
                new Object[] {EnhancedType.listOf(line), List.of(List.of(), List.of(full, new HoldLineItem()))});
        for (Object[] c : cases) {
            EnhancedType<?> type = (EnhancedType<?>) c[0];
            for (Object value : (List<?>) c[1]) {
                String label = type + " " + value;
                AttributeValue expected;
                try {
                    expected = transformFrom(DEFAULTS.converterFor(type), value);
                } catch (RuntimeException e) {
                    RuntimeException actual = assertThrows(RuntimeException.class,
                            () -> transformFrom(ItemConverters.PROVIDER.converterFor(type), value), label);
                    assertEquals(e.getClass(), actual.getClass(), label);
                    continue;
                }
                assertEquals(expected, transformFrom(ItemConverters.PROVIDER.converterFor(type), value), label);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> AttributeValue transformFrom(AttributeConverter<T> converter, Object value) {
        return converter.transformFrom((T) value);
    }

    /** Every stored form a value can take, the ones the store writes and the odd ones. */
    private static List<AttributeValue> oddForms() {
        List<AttributeValue> forms = new ArrayList<>();
        for (String s : List.of("", "x", ODD, "5", "-9223372036854775808", "9223372036854775808", "2147483648", "1.0",
                "1e3", " 1", "+1", "true", "false", "TRUE", "0", "1")) {
            forms.add(AttributeValue.fromS(s));
        }
        for (String n : List.of("0", "1", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                "2147483647", "-2147483649", "1.0", "1.5", "1e3", "-0", "00012")) {
            forms.add(AttributeValue.fromN(n));
        }
        AttributeValue nul = AttributeValue.fromNul(true);
        AttributeValue lineMap = AttributeValue.fromM(Map.of("sku", AttributeValue.fromS("S-1"),
                "quantity", AttributeValue.fromN("2"), "fulfilled", nul));
        forms.addAll(List.of(AttributeValue.fromBool(true), AttributeValue.fromBool(false), nul,
                AttributeValue.builder().build(),
                AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")),
                AttributeValue.fromSs(List.of("a", "b")), AttributeValue.fromNs(List.of("1", "2")),
                AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("b"))),
                AttributeValue.fromL(List.of()), AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromS(ODD))),
                AttributeValue.fromL(List.of(AttributeValue.fromS("a"), nul)),
                AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromBool(true))),
                AttributeValue.fromL(List.of(lineMap, nul, AttributeValue.fromM(Map.of()))),
                AttributeValue.fromL(List.of(AttributeValue.fromL(List.of()))),
                AttributeValue.fromM(Map.of()), AttributeValue.fromM(Map.of("a", AttributeValue.fromS(ODD), ODD, nul)),
                AttributeValue.fromM(Map.of("a", AttributeValue.fromN("1"))), lineMap,
                AttributeValue.fromM(Map.of("sku", AttributeValue.fromN("7"), "quantity", AttributeValue.fromS("3"))),
                AttributeValue.fromM(Map.of("quantity", AttributeValue.fromS("x"))),
                // Two members set (no answer from DynamoDB has that; the defaults take the first in their order).
                AttributeValue.builder().s("s").n("1").build(), AttributeValue.builder().n("1").bool(true).build(),
                AttributeValue.builder().nul(true).l(List.of()).build(),
                AttributeValue.builder().m(Map.of()).l(List.of()).build()));
        return forms;
    }

    /** A converted value in a form that equals compares: a document as its attribute map. */
    private static Object comparable(Object value) {
        if (value instanceof HoldLineItem line) {
            return ItemSchemas.HOLD_LINE.itemToMap(line, false);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                out.add(comparable(e));
            }
            return List.of(value.getClass(), out);
        }
        if (value instanceof Map<?, ?> map) {
            return List.of(value.getClass(), new ArrayList<>(map.entrySet()));
        }
        return value;
    }

    private static void assertMutableCollections(Object item, String label) throws Exception {
        for (Method getter : item.getClass().getMethods()) {
            if (getter.getName().startsWith("get") && getter.getParameterCount() == 0) {
                Object value = getter.invoke(item);
                if (value instanceof List<?> || value instanceof Map<?, ?>) {
                    // The default converters read into an ArrayList and a LinkedHashMap: code may change them.
                    assertTrue(value instanceof ArrayList<?> || value instanceof LinkedHashMap<?, ?>,
                            label + " " + getter.getName() + " " + value.getClass());
                }
            }
        }
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = Map.of(InventoryTable.PK, item.get(InventoryTable.PK), InventoryTable.SK, item.get(InventoryTable.SK));
        return dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> withoutPk(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.remove(InventoryTable.PK);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, AttributeValue> itemToMap(TableSchema<T> schema, Object item, boolean ignoreNulls) {
        return schema.itemToMap((T) item, ignoreNulls);
    }

    /**
     * An item filled for the fill: every member with odd characters and numbers at their bounds
     * (ALL), the keys only (KEYS_ONLY), empty strings, lists and maps where the table allows them
     * (EMPTY), or a string near the item size limit and a hold of 100 lines (MAX).
     */
    private static Object filled(Class<?> type, Fill fill, TableSchema<?> schema) throws Exception {
        Object item = type.getConstructor().newInstance();
        Set<String> keys = Set.copyOf(schema.tableMetadata().primaryKeys());
        List<String> indexKeys = new ArrayList<>();
        for (var index : schema.tableMetadata().indices()) {
            indexKeys.add(schema.tableMetadata().indexPartitionKey(index.name()));
            schema.tableMetadata().indexSortKey(index.name()).ifPresent(indexKeys::add);
        }
        int n = 0;
        boolean big = fill == Fill.MAX;
        for (Method setter : setters(type)) {
            n++;
            String property = Character.toLowerCase(setter.getName().charAt(3)) + setter.getName().substring(4);
            boolean key = property.equals("pk") || property.equals("sk");
            if (fill == Fill.KEYS_ONLY && !key) {
                continue;
            }
            boolean indexKey = property.startsWith("gsi") || keys.contains(property) || indexKeys.contains(property);
            Type t = setter.getGenericParameterTypes()[0];
            Object value;
            if (t == String.class) {
                if (key || indexKey) {
                    value = property + "#" + ODD + n;
                } else if (fill == Fill.EMPTY) {
                    value = "";
                } else if (big) {
                    value = "x".repeat(300_000) + ODD; // one string near the 400 KB item limit
                    big = false;
                } else {
                    value = property + ODD + n;
                }
            } else if (t == Long.class) {
                value = n % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            } else if (t == Integer.class) {
                value = n % 2 == 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            } else if (t == Boolean.class) {
                value = n % 2 == 0;
            } else if (t instanceof ParameterizedType p && p.getRawType() == Map.class) {
                Map<String, String> map = new LinkedHashMap<>();
                if (fill != Fill.EMPTY) {
                    map.put("a", ODD);
                    map.put(ODD, "");
                }
                value = map;
            } else if (t instanceof ParameterizedType p && p.getRawType() == List.class
                    && p.getActualTypeArguments()[0] == String.class) {
                value = fill == Fill.EMPTY ? new ArrayList<String>() : new ArrayList<>(List.of(ODD, "", ODD));
            } else if (t instanceof ParameterizedType p && p.getRawType() == List.class
                    && p.getActualTypeArguments()[0] == HoldLineItem.class) {
                List<HoldLineItem> lines = new ArrayList<>();
                int count = fill == Fill.EMPTY ? 0 : fill == Fill.MAX ? 100 : 2;
                for (int i = 0; i < count; i++) {
                    HoldLineItem line = new HoldLineItem();
                    line.setSku("SKU-" + i + ODD);
                    line.setQuantity(i == 0 ? Long.MAX_VALUE : (long) i);
                    line.setFulfilled(i % 2 == 0 ? null : Long.MIN_VALUE);
                    lines.add(line);
                }
                value = lines;
            } else {
                throw new AssertionError("no test value for " + t + " (" + type.getSimpleName() + "." + setter.getName() + ")");
            }
            setter.invoke(item, value);
        }
        return item;
    }

    /** The same members on the frozen bean class (lines become bean lines). */
    private static Object copy(Object from, Class<?> to) throws Exception {
        Object target = to.getConstructor().newInstance();
        for (Method setter : setters(to)) {
            Object value = from.getClass().getMethod("g" + setter.getName().substring(1)).invoke(from);
            if (value instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof HoldLineItem) {
                List<Object> lines = new ArrayList<>();
                for (Object line : list) {
                    lines.add(line == null ? null : copy(line, BeanHoldLineItem.class));
                }
                value = lines;
            }
            setter.invoke(target, value);
        }
        return target;
    }

    private static List<Method> setters(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1)
                .sorted(Comparator.comparing(Method::getName)).toList();
    }

    @Test
    void theTestItemsCoverEveryRegisteredType() throws Exception {
        // A test that fills no list, map or document would compare nothing there.
        Map<String, AttributeValue> hold = itemToMap(Items.HOLD, filled(HoldItem.class, Fill.ALL, Items.HOLD), true);
        Map<String, AttributeValue> source = itemToMap(Items.SOURCE, filled(SourceItem.class, Fill.ALL, Items.SOURCE), true);
        Map<String, AttributeValue> receipt = itemToMap(Items.RECEIPT, filled(ReceiptItem.class, Fill.ALL, Items.RECEIPT), true);
        assertEquals(2, hold.get("lines").l().size());
        assertEquals(Boolean.TRUE, hold.get("lines").l().getFirst().m().get("fulfilled").nul());
        assertFalse(hold.get("fulfilments").m().isEmpty());
        assertFalse(source.get("locations").l().isEmpty());
        assertNotNull(source.get("canReserve").bool());
        assertTrue(Set.of(Integer.toString(Integer.MIN_VALUE), Integer.toString(Integer.MAX_VALUE))
                .contains(receipt.get("movementCount").n()));
        assertTrue(Set.of(Long.toString(Long.MIN_VALUE), Long.toString(Long.MAX_VALUE)).contains(hold.get("expiresAt").n()));
    }
}
