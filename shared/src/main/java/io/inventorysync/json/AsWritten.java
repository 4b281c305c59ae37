package io.inventorysync.json;

import com.fasterxml.jackson.core.JsonToken;

/**
 * The strict reading the streaming fast paths share ({@code QueuedEventCodec}, {@code MovementMessage},
 * {@code StreamItems}): a text or image is read directly only when it is exactly as this code writes
 * it; anything else is {@link NotAsWritten}, and the caller hands it to the mapper or the table schema
 * it was always read with, so the outcome (a value or the same exception) stays theirs.
 */
public final class AsWritten {
    private AsWritten() {
    }

    /** Not as written: read it the general way. One shared instance, no stack trace (it is control flow). */
    public static final class NotAsWritten extends Exception {
        public static final NotAsWritten INSTANCE = new NotAsWritten();

        private NotAsWritten() {
            super(null, null, false, false);
        }
    }

    public static void expect(JsonToken actual, JsonToken expected) throws NotAsWritten {
        if (actual != expected) {
            throw NotAsWritten.INSTANCE;
        }
    }

    /** The constant of that name ({@code null} for {@code null}); a name the enum does not have is not as written. */
    public static <E extends Enum<E>> E named(Class<E> type, String name) throws NotAsWritten {
        if (name == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw NotAsWritten.INSTANCE;
    }
}
