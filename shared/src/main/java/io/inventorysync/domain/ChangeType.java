package io.inventorysync.domain;

/**
 * What caused a change to a stock level. The inbound types are those of contract v1 and v1.1
 * ({@code MOVE}, {@code WRITE_OFF}, {@code TRANSFER_CLOSE}); the reservation types are written by
 * the hold lifecycle.
 */
public enum ChangeType {
    SALE(true),
    RETURN(true),
    RECEIPT(true),
    ADJUSTMENT(true),
    COUNT(true),
    TRANSFER_OUT(true),
    TRANSFER_IN(true),
    MOVE(true),
    WRITE_OFF(true),
    TRANSFER_CLOSE(true),
    RESERVATION_CREATED(false),
    RESERVATION_COMMITTED(false),
    RESERVATION_FULFILLED(false),
    RESERVATION_CANCELLED(false),
    RESERVATION_RELEASED(false),
    RESERVATION_EXPIRED(false);

    private final boolean inbound;

    ChangeType(boolean inbound) {
        this.inbound = inbound;
    }

    /** True for the types a source may post to the ingest route. */
    public boolean isInbound() {
        return inbound;
    }
}
