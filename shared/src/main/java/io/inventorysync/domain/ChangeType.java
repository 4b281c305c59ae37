package io.inventorysync.domain;

/**
 * What caused a change to a stock level. The first seven are the inbound event types of
 * contract v1; the reservation types are written by the hold lifecycle.
 */
public enum ChangeType {
    SALE(true),
    RETURN(true),
    RECEIPT(true),
    ADJUSTMENT(true),
    COUNT(true),
    TRANSFER_OUT(true),
    TRANSFER_IN(true),
    RESERVATION_CREATED(false),
    RESERVATION_COMMITTED(false),
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
