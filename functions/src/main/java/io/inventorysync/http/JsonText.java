package io.inventorysync.http;

import io.inventorysync.json.PlainJson;

import java.io.IOException;

/**
 * {@link Json}'s writing and untyped reading without building {@link Json#MAPPER} for plain trees
 * ({@link PlainJson}: maps, lists, texts, {@code int}s and {@code long}s, booleans, {@code null}),
 * so a first event that reads and writes only such trees (a signed request's body, a reply, the
 * reconcile queue's message, a drift's detail) never builds the mapper (issue 16, fifth round).
 * Anything else goes to the mapper as before: its value, its text or its exception.
 */
public final class JsonText {
    private JsonText() {
    }

    /**
     * Whether a {@code content-type} header names JSON ({@code application/json} or
     * {@code application/*+json}). Here rather than in {@link Json}, whose first use builds the mapper.
     */
    public static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /** {@code value} as {@link Json#write} writes it. */
    public static String write(Object value) {
        String plain = PlainJson.writeOrNull(value);
        return plain != null ? plain : Json.write(value);
    }

    /**
     * {@code value} as {@code Json.MAPPER.writeValueAsBytes(value)} writes it: the plain text in
     * UTF-8. A text with any surrogate (an emoji, or half of one) goes to the mapper, whose UTF-8
     * writer has its own rules for them.
     */
    public static byte[] writeBytes(Object value) throws com.fasterxml.jackson.core.JsonProcessingException {
        String plain = PlainJson.writeOrNull(value);
        if (plain == null || hasSurrogate(plain)) {
            return Json.MAPPER.writeValueAsBytes(value);
        }
        return plain.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code body} as {@code Json.MAPPER.readValue(body, Map.class)} reads it: an object read by the
     * plain path; anything else (an array, a scalar, not JSON) by the mapper, its value or its exception.
     */
    public static java.util.Map<?, ?> readObject(byte[] body) throws IOException {
        try {
            if (PlainJson.read(body) instanceof java.util.Map<?, ?> object) {
                return object;
            }
        } catch (io.inventorysync.json.AsWritten.NotAsWritten notPlain) {
            // the mapper's answer below
        }
        return Json.MAPPER.readValue(body, java.util.Map.class);
    }

    /** As {@link #readObject(byte[])}, of a text. */
    public static java.util.Map<?, ?> readObject(String text) throws IOException {
        try {
            if (PlainJson.read(text) instanceof java.util.Map<?, ?> object) {
                return object;
            }
        } catch (io.inventorysync.json.AsWritten.NotAsWritten notPlain) {
            // the mapper's answer below
        }
        return Json.MAPPER.readValue(text, java.util.Map.class);
    }

    /**
     * {@code body} as {@code Json.MAPPER.readValue(body, Object.class)} reads it.
     *
     * @throws IOException as the mapper throws it, for a body that is not JSON
     */
    public static Object readTree(byte[] body) throws IOException {
        return PlainJson.readTree(body, () -> Json.MAPPER);
    }

    /** {@code text} as {@code Json.MAPPER.readValue(text, Object.class)} reads it. */
    public static Object readTree(String text) throws IOException {
        return PlainJson.readTree(text, () -> Json.MAPPER);
    }
}
