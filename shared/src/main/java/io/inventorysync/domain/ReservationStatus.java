package io.inventorysync.domain;

/**
 * Lifecycle of a checkout hold: {@code ACTIVE → COMMITTED → FULFILLED | CANCELLED} (a deferred
 * commitment), {@code ACTIVE → COMMITTED} (immediate), {@code ACTIVE → RELEASED | EXPIRED}. An
 * active hold reduces {@code available} as {@code reserved}, a deferred commitment as {@code committed}.
 */
public enum ReservationStatus {
    ACTIVE,
    COMMITTED,
    FULFILLED,
    CANCELLED,
    RELEASED,
    EXPIRED;

    /** The change type recorded when a hold ends in this status. */
    public ChangeType changeType() {
        return switch (this) {
            case ACTIVE -> ChangeType.RESERVATION_CREATED;
            case COMMITTED -> ChangeType.RESERVATION_COMMITTED;
            case FULFILLED -> ChangeType.RESERVATION_FULFILLED;
            case CANCELLED -> ChangeType.RESERVATION_CANCELLED;
            case RELEASED -> ChangeType.RESERVATION_RELEASED;
            case EXPIRED -> ChangeType.RESERVATION_EXPIRED;
        };
    }
}
