package io.inventorysync.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.json.AsWritten.NotAsWritten;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JSON text of plain trees (maps with text keys, lists, texts, {@code int}s and {@code long}s,
 * booleans, {@code null}) with jackson-core's streaming generator and parser: exactly what a default
 * {@code ObjectMapper} writes for such a tree and reads with {@code readValue(text, Object.class)}
 * ({@code JsonTextTest} compares both over odd texts), without building a mapper (databind, its
 * configuration and its untyped deserializer: about 300 classes at a cold start; issue 16, fifth
 * round). Anything else is {@link NotAsWritten}: the caller hands it to its mapper, whose outcome (a
 * value, a text or the same exception) stays the answer.
 */
public final class PlainJson {
    /** What a default mapper's factory is: {@code new ObjectMapper()} and {@code JsonMapper.builder()} build a default one. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private PlainJson() {
    }

    /**
     * {@code value} as a mapper writes it, or {@code null} when it is not a plain tree (a record, an
     * enum, an {@code Instant}, a set, a fraction, a {@code null} or non-text key anywhere in it).
     */
    public static String writeOrNull(Object value) {
        if (!plain(value, 0)) {
            return null;
        }
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            return null;
        }
        return out.toString();
    }

    /**
     * {@code body} as a mapper's {@code readValue(body, Object.class)} reads it: a {@link LinkedHashMap}
     * or an {@link ArrayList} of texts, {@link Integer}s and {@link Long}s, booleans, {@code null}.
     *
     * @throws NotAsWritten for a root that is not an object or an array, a repeated member, a fraction,
     *                      an integer beyond {@code long}, content after the root value, or text that is
     *                      not JSON: read it with the mapper
     */
    public static Object read(byte[] body) throws NotAsWritten {
        try (JsonParser p = FACTORY.createParser(body)) {
            return tree(p);
        } catch (IOException e) {
            throw NotAsWritten.INSTANCE;
        }
    }

    /**
     * {@code body} as {@code mapper.readValue(body, Object.class)} reads it: the plain tree without the
     * mapper, anything else by the mapper, built only then (its value or its exception).
     */
    public static Object readTree(byte[] body, Supplier<ObjectMapper> mapper) throws IOException {
        try {
            return read(body);
        } catch (NotAsWritten notPlain) {
            return mapper.get().readValue(body, Object.class);
        }
    }

    /** As {@link #readTree(byte[], Supplier)}, of a text. */
    public static Object readTree(String text, Supplier<ObjectMapper> mapper) throws IOException {
        try {
            return read(text);
        } catch (NotAsWritten notPlain) {
            return mapper.get().readValue(text, Object.class);
        }
    }

    /** As {@link #read(byte[])}, of a text. */
    public static Object read(String text) throws NotAsWritten {
        try (JsonParser p = FACTORY.createParser(text)) {
            return tree(p);
        } catch (IOException e) {
            throw NotAsWritten.INSTANCE;
        }
    }

    private static Object tree(JsonParser p) throws IOException, NotAsWritten {
        JsonToken root = p.nextToken();
        if (root != JsonToken.START_OBJECT && root != JsonToken.START_ARRAY) {
            throw NotAsWritten.INSTANCE;
        }
        Object value = value(p, root);
        if (p.nextToken() != null) {
            throw NotAsWritten.INSTANCE;
        }
        return value;
    }

    /** The value that starts at {@code token}. */
    private static Object value(JsonParser p, JsonToken token) throws IOException, NotAsWritten {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    if (map.containsKey(name)) {
                        // The mapper's rule for a repeated member is its own: leave it to the mapper.
                        throw NotAsWritten.INSTANCE;
                    }
                    map.put(name, value(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(value(p, t));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> p.getIntValue();
                case LONG -> p.getLongValue();
                default -> throw NotAsWritten.INSTANCE;
            };
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw NotAsWritten.INSTANCE;
        };
    }

    /** Whether {@code value} is a tree of the plain kinds only. */
    private static boolean plain(Object value, int depth) {
        if (depth > 500) {
            return false;
        }
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!plain(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object item : (List<?>) value) {
                write(g, item);
            }
            g.writeEndArray();
        }
    }
}
