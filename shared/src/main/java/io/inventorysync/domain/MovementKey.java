package io.inventorysync.domain;

import java.util.Objects;

/**
 * The idempotency key of a movement: {@code sourceId/eventId/lineNo}, plus the leg for the
 * second record a transfer touches (the destination's in-transit count).
 */
public record MovementKey(String sourceId, String eventId, int lineNo, Leg leg) {

    /** Which record of a line this movement changes. */
    public enum Leg {
        /** The event's own location. */
        PRIMARY,
        /** The destination of a {@code TRANSFER_OUT}. */
        DESTINATION
    }

    public MovementKey {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(leg, "leg");
        if (lineNo < 0) {
            throw new IllegalArgumentException("lineNo must be >= 0");
        }
    }

    public static MovementKey of(String sourceId, String eventId, int lineNo) {
        return new MovementKey(sourceId, eventId, lineNo, Leg.PRIMARY);
    }

    /** The key whose {@link #lineKey()} is {@code lineKey}; throws {@link IllegalArgumentException} if malformed. */
    public static MovementKey parse(String sourceId, String eventId, String lineKey) {
        boolean destination = lineKey.endsWith("-dest");
        String number = destination ? lineKey.substring(0, lineKey.length() - "-dest".length()) : lineKey;
        try {
            return new MovementKey(sourceId, eventId, Integer.parseInt(number), destination ? Leg.DESTINATION : Leg.PRIMARY);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a line key: " + lineKey, e);
        }
    }

    /** The line's part of the key, e.g. {@code 3} or {@code 3-dest}. */
    public String lineKey() {
        return leg == Leg.PRIMARY ? Integer.toString(lineNo) : lineNo + "-dest";
    }

    @Override
    public String toString() {
        return sourceId + "/" + eventId + "/" + lineKey();
    }
}
