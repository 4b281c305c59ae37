package io.inventorysync.domain;

/**
 * Why a movement came out as it did, beyond its {@link Outcome}: a stable code that senders read
 * in the event's status. The reservation reasons are for a {@code SALE} naming a hold; the sale
 * applies in every case (it is a physical fact), the reason says what became of the hold.
 */
public enum OutcomeReason {
    /** The movement key was used before for a different movement: this one was refused. */
    IDEMPOTENCY_KEY_REUSED,
    /** The sale consumed the active hold it named. */
    RESERVATION_CONSUMED,
    /** The named hold had already ended (committed, released or expired). */
    RESERVATION_NOT_ACTIVE,
    /** No hold has the named id. */
    RESERVATION_UNKNOWN,
    /**
     * Holds of several storefronts at the sale's location carry the id the sale names (ids are per
     * storefront): the sale applies alone and no hold is touched.
     */
    RESERVATION_AMBIGUOUS,
    /** The named hold is at another location than the sale. */
    RESERVATION_OTHER_LOCATION,
    /** The sale picked up (fulfilled) units of the deferred commitment it named. */
    RESERVATION_FULFILLED,
    /** The hold or commitment the sale named does not hold the sale's SKU: it stays as it is, the sale applies alone. */
    RESERVATION_SKU_NOT_HELD,
    /** A {@code MOVE} or {@code WRITE_OFF} asked for more damaged units than there are: nothing changed. */
    INSUFFICIENT_DAMAGED,
    /** A {@code MOVE} or {@code WRITE_OFF} asked for more quarantined units than there are: nothing changed. */
    INSUFFICIENT_QUARANTINE;

    /** The reason stored as {@code code}, or {@code null} for a code that is not one of these (a poison reason). */
    public static OutcomeReason parse(String code) {
        if (code == null) {
            return null;
        }
        for (OutcomeReason r : values()) {
            if (r.name().equals(code)) {
                return r;
            }
        }
        return null;
    }
}
