package io.inventorysync.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A table schema of one stored item type: its attributes, each a name, a converter of
 * {@link ItemConverters} and an accessor, and the table's keys and index keys from their tags. It maps
 * as the enhanced client's {@code StaticTableSchema} mapped the same declarations (nulls written as
 * {@code NULL}, or left out with {@code ignoreNulls}; {@code NULL}s and unknown attributes skipped on
 * reading; no item read from a map that sets none of its attributes), which {@code ItemSchemasTest}
 * checks against the frozen bean mapping. It exists because {@code StaticTableSchema}'s builder
 * cannot be used without building the default converter provider: its builder starts from
 * {@code ConverterProviderResolver.defaultConverterProvider()}, whose class initializer builds
 * {@code DefaultAttributeConverterProvider}, a converter for every type the SDK knows (102 classes at
 * a cold start), even when the schema names a provider of its own. Only the public {@link TableSchema},
 * {@link StaticTableMetadata} and {@link StaticAttributeTag} are used.
 */
final class ItemSchema<T> implements TableSchema<T> {
    private final EnhancedType<T> itemType;
    private final Supplier<T> newItem;
    private final List<Attribute<T>> attributes;
    private final Map<String, Attribute<T>> byName;
    private final List<String> attributeNames;
    private final StaticTableMetadata metadata;

    private ItemSchema(Builder<T> builder) {
        this.itemType = EnhancedType.of(builder.itemClass);
        this.newItem = builder.newItem;
        this.attributes = List.copyOf(builder.attributes);
        Map<String, Attribute<T>> names = new HashMap<>();
        List<String> list = new ArrayList<>();
        StaticTableMetadata.Builder metadata = StaticTableMetadata.builder();
        for (Attribute<T> attribute : attributes) {
            if (names.put(attribute.name, attribute) != null) {
                throw new IllegalArgumentException("Attempt to add an attribute to a mapper that already has one with the same name. "
                        + "[Attribute name: " + attribute.name + "]");
            }
            list.add(attribute.name);
            for (StaticAttributeTag tag : attribute.tags) {
                tag.validateType(attribute.name, attribute.type, attribute.converter.attributeValueType());
                tag.modifyMetadata(attribute.name, attribute.converter.attributeValueType()).accept(metadata);
            }
        }
        this.byName = names;
        this.attributeNames = Collections.unmodifiableList(list);
        this.metadata = metadata.build();
    }

    static <T> Builder<T> builder(Class<T> itemClass) {
        return new Builder<>(itemClass);
    }

    /**
     * One attribute: its converter is resolved here, so a type {@link ItemConverters} does not
     * convert fails when the schema is declared.
     */
    static <T, R> Attribute<T> attribute(String name, EnhancedType<R> type, Function<T, R> getter, BiConsumer<T, R> setter,
                                         StaticAttributeTag... tags) {
        return new Attribute<>(name, type, ItemConverters.PROVIDER.converterFor(type), getter, setter, List.of(tags));
    }

    @Override
    public T mapToItem(Map<String, AttributeValue> map) {
        return mapToItem(map, false);
    }

    @Override
    public T mapToItem(Map<String, AttributeValue> map, boolean preserveEmptyObject) {
        T item = preserveEmptyObject ? newItem() : null;
        for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
            AttributeValue value = entry.getValue();
            Attribute<T> attribute = byName.get(entry.getKey());
            if (attribute == null || isNull(value)) {
                continue;
            }
            if (item == null) {
                item = newItem();
            }
            attribute.read(item, value);
        }
        return item;
    }

    @Override
    public Map<String, AttributeValue> itemToMap(T item, boolean ignoreNulls) {
        Map<String, AttributeValue> map = new HashMap<>();
        for (Attribute<T> attribute : attributes) {
            AttributeValue value = attribute.write(item);
            if (!ignoreNulls || !isNull(value)) {
                map.put(attribute.name, value);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public Map<String, AttributeValue> itemToMap(T item, Collection<String> names) {
        Map<String, AttributeValue> map = new HashMap<>();
        for (String name : names) {
            AttributeValue value = attributeValue(item, name);
            if (value != null && !isNull(value)) {
                map.put(name, value);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public AttributeValue attributeValue(T item, String name) {
        Attribute<T> attribute = byName.get(name);
        if (attribute == null) {
            throw new IllegalArgumentException(String.format(
                    "TableSchema does not know how to retrieve requested attribute '%s' from mapped object.", name));
        }
        AttributeValue value = attribute.write(item);
        return isNull(value) ? null : value;
    }

    @Override
    public TableMetadata tableMetadata() {
        return metadata;
    }

    @Override
    public EnhancedType<T> itemType() {
        return itemType;
    }

    @Override
    public List<String> attributeNames() {
        return attributeNames;
    }

    @Override
    public boolean isAbstract() {
        return newItem == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public AttributeConverter<T> converterForAttribute(Object key) {
        Attribute<T> attribute = byName.get(key);
        if (attribute == null) {
            throw new IllegalArgumentException("No attribute " + key + " in the schema of " + itemType);
        }
        return (AttributeConverter<T>) attribute.converter;
    }

    private T newItem() {
        if (newItem == null) {
            throw new UnsupportedOperationException("An abstract TableSchema cannot be used to map a database record to a concrete "
                    + "object. Add a 'newItemSupplier' to the TableSchema to give it the ability to create mapped objects.");
        }
        return newItem.get();
    }

    private static boolean isNull(AttributeValue value) {
        return Boolean.TRUE.equals(value.nul());
    }

    /** One attribute of an item type. */
    static final class Attribute<T> {
        private static final AttributeValue NULL = AttributeValue.builder().nul(true).build();

        final String name;
        private final EnhancedType<?> type;
        private final AttributeConverter<Object> converter;
        private final Function<T, Object> getter;
        private final BiConsumer<T, Object> setter;
        private final List<StaticAttributeTag> tags;

        @SuppressWarnings("unchecked")
        private Attribute(String name, EnhancedType<?> type, AttributeConverter<?> converter, Function<T, ?> getter,
                          BiConsumer<T, ?> setter, List<StaticAttributeTag> tags) {
            this.name = name;
            this.type = type;
            this.converter = (AttributeConverter<Object>) converter;
            this.getter = (Function<T, Object>) getter;
            this.setter = (BiConsumer<T, Object>) setter;
            this.tags = tags;
        }

        /** The stored value: {@code NULL} for a null member, as the enhanced client writes it. */
        AttributeValue write(T item) {
            Object value = getter.apply(item);
            return value == null ? NULL : converter.transformFrom(value);
        }

        /** Sets the member from a stored value that is not {@code NULL}; a value read as null sets nothing. */
        void read(T item, AttributeValue value) {
            Object converted = converter.transformTo(value);
            if (converted != null) {
                setter.accept(item, converted);
            }
        }
    }

    static final class Builder<T> {
        private final Class<T> itemClass;
        private final List<Attribute<T>> attributes = new ArrayList<>();
        private Supplier<T> newItem;

        private Builder(Class<T> itemClass) {
            this.itemClass = itemClass;
        }

        Builder<T> newItemSupplier(Supplier<T> supplier) {
            this.newItem = supplier;
            return this;
        }

        /** The attributes of a schema of a superclass, first. */
        @SuppressWarnings("unchecked")
        Builder<T> extend(ItemSchema<? super T> parent) {
            for (Attribute<? super T> attribute : parent.attributes) {
                attributes.add((Attribute<T>) attribute);
            }
            return this;
        }

        Builder<T> addAttribute(Attribute<T> attribute) {
            attributes.add(attribute);
            return this;
        }

        ItemSchema<T> build() {
            return new ItemSchema<>(this);
        }
    }
}
