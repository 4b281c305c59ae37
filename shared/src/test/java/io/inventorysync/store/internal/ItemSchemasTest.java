package io.inventorysync.store.internal;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The static schemas store every item exactly as the bean mapping did ({@code Bean*Item}: the
 * annotated classes as they were, frozen): the same attribute map for every item type, with every
 * member set, with none set, and with empty lists and maps, with and without nulls; the same keys
 * and index keys; and what one schema writes, the other reads back whole.
 */
class ItemSchemasTest {
    private enum Fill { ALL, NONE, EMPTY_COLLECTIONS }

    private record Pair(String name, TableSchema<?> fresh, Class<?> item, TableSchema<?> bean, Class<?> beanItem) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("stock", Items.STOCK, StockItem.class, TableSchema.fromBean(BeanStockItem.class), BeanStockItem.class),
            new Pair("ledger", Items.LEDGER, LedgerItem.class, TableSchema.fromBean(BeanLedgerItem.class), BeanLedgerItem.class),
            new Pair("hold", Items.HOLD, HoldItem.class, TableSchema.fromBean(BeanHoldItem.class), BeanHoldItem.class),
            new Pair("receipt", Items.RECEIPT, ReceiptItem.class, TableSchema.fromBean(BeanReceiptItem.class), BeanReceiptItem.class),
            new Pair("source", Items.SOURCE, SourceItem.class, TableSchema.fromBean(BeanSourceItem.class), BeanSourceItem.class));

    @Test
    void everyItemTypeIsStoredAsTheBeanMappingStoredIt() throws Exception {
        for (Pair pair : PAIRS) {
            for (Fill fill : Fill.values()) {
                Object item = filled(pair.item(), fill);
                Object bean = copy(item, pair.beanItem());
                for (boolean ignoreNulls : new boolean[] {true, false}) {
                    Map<String, AttributeValue> expected = itemToMap(pair.bean(), bean, ignoreNulls);
                    Map<String, AttributeValue> actual = itemToMap(pair.fresh(), item, ignoreNulls);
                    assertEquals(expected, actual, pair.name() + " " + fill + " ignoreNulls=" + ignoreNulls);
                }
                if (fill == Fill.ALL) {
                    // Every member was set: the map names every attribute, none of them null.
                    Map<String, AttributeValue> map = itemToMap(pair.fresh(), item, true);
                    assertEquals(new HashSet<>(pair.bean().attributeNames()), map.keySet(), pair.name());
                    assertTrue(map.values().stream().noneMatch(v -> Boolean.TRUE.equals(v.nul())), pair.name());
                }
            }
        }
    }

    @Test
    void whatOneSchemaWritesTheOtherReadsBackWhole() throws Exception {
        for (Pair pair : PAIRS) {
            for (Fill fill : Fill.values()) {
                Object item = filled(pair.item(), fill);
                Map<String, AttributeValue> written = itemToMap(pair.bean(), copy(item, pair.beanItem()), false);
                Object read = pair.fresh().mapToItem(written);
                if (fill == Fill.NONE) {
                    // Nothing but NULLs: both mappings read no item at all.
                    assertEquals(null, read, pair.name());
                    assertEquals(null, pair.bean().mapToItem(written), pair.name());
                    continue;
                }
                assertEquals(written, itemToMap(pair.fresh(), read, false), pair.name() + " " + fill);
                assertEquals(written, itemToMap(pair.bean(), copy(read, pair.beanItem()), false), pair.name() + " " + fill);
            }
        }
    }

    @Test
    void keysAndIndexKeysAreTheBeanMappingsOnes() {
        for (Pair pair : PAIRS) {
            TableMetadata expected = pair.bean().tableMetadata();
            TableMetadata actual = pair.fresh().tableMetadata();
            assertEquals(expected.primaryPartitionKey(), actual.primaryPartitionKey(), pair.name());
            assertEquals(expected.primarySortKey(), actual.primarySortKey(), pair.name());
            assertEquals(new HashSet<>(expected.indices()), new HashSet<>(actual.indices()), pair.name());
            assertFalse(expected.indices().isEmpty() && !pair.name().equals("stock"), pair.name() + " has index keys");
            for (var index : expected.indices()) {
                assertEquals(expected.indexPartitionKey(index.name()), actual.indexPartitionKey(index.name()), pair.name());
                assertEquals(expected.indexSortKey(index.name()), actual.indexSortKey(index.name()), pair.name());
            }
            assertEquals(new HashSet<>(expected.keyAttributes()), new HashSet<>(actual.keyAttributes()), pair.name());
            assertEquals(Set.copyOf(pair.bean().attributeNames()), Set.copyOf(pair.fresh().attributeNames()), pair.name());
        }
    }

    @Test
    void theHoldsOfTheStoreAreStoredAlike() throws Exception {
        // Items.holdOf as the store builds it: lines with and without fulfilled units, no fulfilments.
        var hold = new io.inventorysync.domain.Reservation("r-1", "shop-1", "web-dc",
                List.of(new io.inventorysync.domain.ReservationLine("SKU-1", 2, 0),
                        new io.inventorysync.domain.ReservationLine("SKU-é#2", 3, 1)),
                io.inventorysync.domain.ReservationStatus.ACTIVE, java.time.Instant.parse("2026-11-29T10:00:00Z"),
                java.time.Instant.parse("2026-11-29T10:15:00Z"), null, "fp");
        HoldItem item = Items.holdOf(hold, "attempt-1", 3, java.time.Instant.parse("2026-11-29T10:01:00Z"));
        Map<String, AttributeValue> actual = Items.HOLD.itemToMap(item, true);
        assertEquals(itemToMap(PAIRS.get(2).bean(), copy(item, BeanHoldItem.class), true), actual);
        // A line without fulfilled units is stored as the bean mapping stored it (a NULL member).
        assertEquals(Boolean.TRUE, actual.get("lines").l().getFirst().m().get("fulfilled").nul());
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, AttributeValue> itemToMap(TableSchema<T> schema, Object item, boolean ignoreNulls) {
        return schema.itemToMap((T) item, ignoreNulls);
    }

    /** An item with every member set (odd characters, extreme numbers), none set, or with empty lists and maps. */
    private static Object filled(Class<?> type, Fill fill) throws Exception {
        Object item = type.getConstructor().newInstance();
        if (fill == Fill.NONE) {
            return item;
        }
        int n = 0;
        for (Method setter : setters(type)) {
            n++;
            Type t = setter.getGenericParameterTypes()[0];
            String name = setter.getName().substring(3);
            Object value;
            if (t == String.class) {
                value = name + "-é#|\u2603 " + n;
            } else if (t == Long.class) {
                value = n % 3 == 0 ? Long.MAX_VALUE - n : n % 3 == 1 ? Long.MIN_VALUE + n : (long) -n;
            } else if (t == Integer.class) {
                value = Integer.MAX_VALUE - n;
            } else if (t == Boolean.class) {
                value = n % 2 == 0;
            } else if (t instanceof ParameterizedType p && p.getRawType() == Map.class) {
                Map<String, String> map = new LinkedHashMap<>();
                if (fill == Fill.ALL) {
                    map.put("a", "1");
                    map.put("é#", "");
                }
                value = map;
            } else if (t instanceof ParameterizedType p && p.getRawType() == List.class
                    && p.getActualTypeArguments()[0] == String.class) {
                value = fill == Fill.ALL ? new ArrayList<>(List.of("x", "y", "x")) : new ArrayList<String>();
            } else if (t instanceof ParameterizedType p && p.getRawType() == List.class
                    && p.getActualTypeArguments()[0] == HoldLineItem.class) {
                List<HoldLineItem> lines = new ArrayList<>();
                if (fill == Fill.ALL) {
                    lines.add((HoldLineItem) filled(HoldLineItem.class, Fill.ALL));
                    HoldLineItem unfulfilled = new HoldLineItem();
                    unfulfilled.setSku("SKU-2");
                    unfulfilled.setQuantity(0L);
                    lines.add(unfulfilled);
                }
                value = lines;
            } else {
                throw new AssertionError("no test value for " + t + " (" + type.getSimpleName() + "." + setter.getName() + ")");
            }
            setter.invoke(item, value);
        }
        return item;
    }

    /** The same members on the frozen bean class, by property name (lines become bean lines). */
    private static Object copy(Object from, Class<?> to) throws Exception {
        Object target = to.getConstructor().newInstance();
        List<Method> toSetters = setters(to);
        List<Method> fromSetters = setters(from.getClass());
        assertEquals(fromSetters.stream().map(Method::getName).sorted().toList(),
                toSetters.stream().map(Method::getName).sorted().toList(), "the members of " + to.getSimpleName());
        for (Method setter : toSetters) {
            Method getter = from.getClass().getMethod("g" + setter.getName().substring(1));
            Object value = getter.invoke(from);
            if (value instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof HoldLineItem) {
                List<Object> lines = new ArrayList<>();
                for (Object line : list) {
                    lines.add(copy(line, BeanHoldLineItem.class));
                }
                value = lines;
            }
            setter.invoke(target, value);
        }
        assertNotNull(target);
        return target;
    }

    private static List<Method> setters(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1)
                .sorted(java.util.Comparator.comparing(Method::getName)).toList();
    }
}
