package io.inventorysync.domain;

import java.util.Objects;

/**
 * A hold as its storefront names it: reservation ids are the storefront's own (contract v1.1), so
 * two storefronts may use one id independently, and a hold is found only under the storefront
 * that placed it.
 *
 * @param sourceId      the storefront (a source) that placed the hold
 * @param reservationId the id it gave the hold
 */
public record HoldRef(String sourceId, String reservationId) {
    public HoldRef {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(reservationId, "reservationId");
    }

    @Override
    public String toString() {
        return sourceId + "/" + reservationId;
    }
}
