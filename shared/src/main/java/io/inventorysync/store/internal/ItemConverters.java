package io.inventorysync.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DefaultAttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedTypeDocumentConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribute converters of the stored items: exactly the types {@link ItemSchemas} maps (String,
 * Long, Integer, Boolean, {@code List<String>}, {@code Map<String, String>}, a document of a table
 * schema, and a list of such documents), so building the schemas does not build the enhanced client's
 * {@code DefaultAttributeConverterProvider} (see {@link ItemSchema} for why the schemas are not
 * {@code StaticTableSchema}s, and {@link KeyedReads} for why the stores do not read through the SDK's
 * {@code Key}, whose builder builds it too; README "Fifth round" and "Sixth round: keyed reads"). It
 * builds a converter for every Java type the SDK knows: 140 to 144 of its internal converter classes
 * were loaded at every cold start that built the store, with the string converters of the map path.
 *
 * <p>Written as the default converters write, attribute value for attribute value: a string as
 * {@code S}, a Long or an Integer as {@code N} (its decimal text), a Boolean as {@code BOOL}, a list
 * as {@code L} and a map as {@code M} of their elements' values (a null element as {@code NULL}), a
 * document as the {@code M} its schema writes (nulls as {@code NULL} unless the document's
 * configuration ignores them). Read the same way from the form they write. Any other stored form
 * (a number stored as {@code S}, a Boolean as {@code N} or {@code S}, a string stored as a number, a
 * {@code NULL} list element, a set, bytes...) is handed to the default converter of the same type,
 * built on first need only, so its outcome, a value or the same exception, is the default's. The
 * SDK's own converters ({@code ...enhanced.dynamodb.internal.converter}) are {@code @SdkInternalApi}:
 * they may change or go in any SDK release; these use the public {@link AttributeConverter} and
 * {@link AttributeConverterProvider} interfaces only. A type not listed here fails when its schema is
 * built ({@link #converterFor}), never at the first item.
 *
 * <p>No lambdas: each would be a class the JVM spins up at a cold start.
 */
final class ItemConverters implements AttributeConverterProvider {
    static final ItemConverters PROVIDER = new ItemConverters();

    private static final Scalar<String> STRING = new Scalar<>(EnhancedType.of(String.class), AttributeValueType.S);
    private static final Scalar<Long> LONG = new Scalar<>(EnhancedType.of(Long.class), AttributeValueType.N);
    private static final Scalar<Integer> INTEGER = new Scalar<>(EnhancedType.of(Integer.class), AttributeValueType.N);
    private static final Scalar<Boolean> BOOLEAN = new Scalar<>(EnhancedType.of(Boolean.class), AttributeValueType.BOOL);

    private ItemConverters() {
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> AttributeConverter<T> converterFor(EnhancedType<T> type) {
        return (AttributeConverter<T>) find(type);
    }

    private static AttributeConverter<?> find(EnhancedType<?> type) {
        if (type.tableSchema().isPresent()) {
            return new Document<>(type);
        }
        Class<?> raw = type.rawClass();
        List<EnhancedType<?>> parameters = type.rawClassParameters();
        if (parameters == null || parameters.isEmpty()) {
            if (raw == String.class) {
                return STRING;
            } else if (raw == Long.class) {
                return LONG;
            } else if (raw == Integer.class) {
                return INTEGER;
            } else if (raw == Boolean.class) {
                return BOOLEAN;
            }
        } else if (raw == List.class && parameters.size() == 1) {
            EnhancedType<?> element = parameters.getFirst();
            if (element.tableSchema().isPresent() || isString(element)) {
                return listOf(type, find(element));
            }
        } else if (raw == Map.class && parameters.size() == 2
                && isString(parameters.get(0)) && isString(parameters.get(1))) {
            return new StringMap(type);
        }
        throw new IllegalArgumentException("No converter for " + type + " in ItemConverters: the stored items map String, Long, "
                + "Integer, Boolean, List<String>, Map<String, String>, documents and lists of documents only (add the type "
                + "there, written and read as the enhanced client's default converter does)");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AttributeConverter<?> listOf(EnhancedType<?> type, AttributeConverter<?> element) {
        return new ListOf(type, element);
    }

    /** The default converter of a type, for a stored form this class does not read itself. */
    private static <T> AttributeConverter<T> standard(EnhancedType<T> type) {
        return Defaults.PROVIDER.converterFor(type);
    }

    /** Built on first need only: the whole point of this class is that a cold start never builds it. */
    private static final class Defaults {
        static final DefaultAttributeConverterProvider PROVIDER = DefaultAttributeConverterProvider.create();
    }

    /**
     * Whether the defaults would read this value as a map: they test s, n, bool, nul, b, m, l, bs,
     * ss, ns in this order and take the first one set.
     */
    private static boolean isMap(AttributeValue value) {
        return value.s() == null && value.n() == null && value.bool() == null && value.nul() == null
                && value.b() == null && value.hasM();
    }

    /** Whether the defaults would read this value as a list (see {@link #isMap}). */
    private static boolean isList(AttributeValue value) {
        return value.s() == null && value.n() == null && value.bool() == null && value.nul() == null
                && value.b() == null && !value.hasM() && value.hasL();
    }

    private static boolean isString(EnhancedType<?> type) {
        return type.rawClass() == String.class && type.tableSchema().isEmpty()
                && (type.rawClassParameters() == null || type.rawClassParameters().isEmpty());
    }

    /** String, Long, Integer or Boolean. */
    private static final class Scalar<T> implements AttributeConverter<T> {
        final EnhancedType<T> type;
        private final AttributeValueType stored;

        Scalar(EnhancedType<T> type, AttributeValueType stored) {
            this.type = type;
            this.stored = stored;
        }

        @Override
        public AttributeValue transformFrom(T input) {
            if (input == null) {
                // The default string converter writes NULL (a null list element or map value); the
                // others fail as they fail.
                return stored == AttributeValueType.S ? AttributeValue.builder().nul(true).build() : standard(type).transformFrom(null);
            }
            return switch (stored) {
                case S -> AttributeValue.builder().s((String) input).build();
                case N -> AttributeValue.builder().n(input.toString()).build();
                case BOOL -> AttributeValue.builder().bool((Boolean) input).build();
                default -> throw new IllegalStateException("not a scalar type: " + stored);
            };
        }

        @Override
        @SuppressWarnings("unchecked")
        public T transformTo(AttributeValue input) {
            // Each default converter looks first at the form it writes (the string converter at s,
            // the number converters at n, the Boolean converter at bool), as these do.
            if (stored == AttributeValueType.S && input.s() != null) {
                return (T) input.s();
            } else if (stored == AttributeValueType.N && input.n() != null) {
                // Long.valueOf / Integer.valueOf, as the defaults parse (the same exception for a
                // fraction, an exponent or a number out of range).
                return type.rawClass() == Long.class ? (T) Long.valueOf(input.n()) : (T) Integer.valueOf(input.n());
            } else if (stored == AttributeValueType.BOOL && input.bool() != null) {
                return (T) input.bool();
            }
            return standard(type).transformTo(input);
        }

        @Override
        public EnhancedType<T> type() {
            return type;
        }

        @Override
        public AttributeValueType attributeValueType() {
            return stored;
        }
    }

    /** A list, as {@code L} of its elements' values, read back into an {@link ArrayList}. */
    private static final class ListOf<E> implements AttributeConverter<List<E>> {
        private final EnhancedType<List<E>> type;
        private final AttributeConverter<E> element;

        ListOf(EnhancedType<List<E>> type, AttributeConverter<E> element) {
            this.type = type;
            this.element = element;
        }

        @Override
        public AttributeValue transformFrom(List<E> input) {
            List<AttributeValue> values = new ArrayList<>(input.size());
            for (E e : input) {
                values.add(element.transformFrom(e));
            }
            return AttributeValue.builder().l(values).build();
        }

        @Override
        public List<E> transformTo(AttributeValue input) {
            if (!isList(input)) {
                return standard(type).transformTo(input);
            }
            List<AttributeValue> values = input.l();
            List<E> list = new ArrayList<>(values.size());
            for (AttributeValue value : values) {
                list.add(element.transformTo(value));
            }
            return list;
        }

        @Override
        public EnhancedType<List<E>> type() {
            return type;
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.L;
        }
    }

    /** A map of strings to strings, as {@code M} of {@code S}, read back into a {@link LinkedHashMap}. */
    private static final class StringMap implements AttributeConverter<Map<String, String>> {
        private final EnhancedType<Map<String, String>> type;

        @SuppressWarnings("unchecked")
        StringMap(EnhancedType<?> type) {
            this.type = (EnhancedType<Map<String, String>>) type;
        }

        @Override
        public AttributeValue transformFrom(Map<String, String> input) {
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : input.entrySet()) {
                if (e.getKey() == null) {
                    return standard(type).transformFrom(input); // refused as the default refuses it
                }
                values.put(e.getKey(), STRING.transformFrom(e.getValue()));
            }
            return AttributeValue.builder().m(values).build();
        }

        @Override
        public Map<String, String> transformTo(AttributeValue input) {
            if (!isMap(input)) {
                return standard(type).transformTo(input);
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> e : input.m().entrySet()) {
                map.put(e.getKey(), STRING.transformTo(e.getValue()));
            }
            return map;
        }

        @Override
        public EnhancedType<Map<String, String>> type() {
            return type;
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.M;
        }
    }

    /**
     * A document of another table schema, written and read through that schema as the default
     * document converter does (every stored form: a value that is not a map reads as no document).
     */
    private static final class Document<T> implements AttributeConverter<T> {
        private final EnhancedType<T> type;
        private final TableSchema<T> schema;
        private final boolean ignoreNulls;
        private final boolean preserveEmptyObject;

        Document(EnhancedType<T> type) {
            this.type = type;
            this.schema = type.tableSchema().orElseThrow();
            EnhancedTypeDocumentConfiguration configuration = type.documentConfiguration().orElse(null);
            this.ignoreNulls = configuration != null && configuration.ignoreNulls();
            this.preserveEmptyObject = configuration != null && configuration.preserveEmptyObject();
        }

        @Override
        public AttributeValue transformFrom(T input) {
            return AttributeValue.builder().m(schema.itemToMap(input, ignoreNulls)).build();
        }

        @Override
        public T transformTo(AttributeValue input) {
            return schema.mapToItem(input.m(), preserveEmptyObject);
        }

        @Override
        public EnhancedType<T> type() {
            return type;
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.M;
        }
    }
}
