package io.inventorysync.domain;

/** Lifecycle of a checkout hold. Only {@link #ACTIVE} holds reduce {@code available}. */
public enum ReservationStatus {
    ACTIVE,
    COMMITTED,
    RELEASED,
    EXPIRED;

    /** The change type recorded when a hold ends in this status. */
    public ChangeType changeType() {
        return switch (this) {
            case ACTIVE -> ChangeType.RESERVATION_CREATED;
            case COMMITTED -> ChangeType.RESERVATION_COMMITTED;
            case RELEASED -> ChangeType.RESERVATION_RELEASED;
            case EXPIRED -> ChangeType.RESERVATION_EXPIRED;
        };
    }
}
