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
