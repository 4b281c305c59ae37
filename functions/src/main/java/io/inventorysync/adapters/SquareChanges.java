package io.inventorysync.adapters;

import io.inventorysync.domain.vendor.VendorConfig;

import java.time.Instant;

/** Square's {@code BatchRetrieveInventoryChanges}, one page at a time. */
public interface SquareChanges {

    /**
     * The page of changes after {@code since} ({@code cursor} {@code null} for the first page of a
     * query), as parsed JSON: {@code {"changes": [...], "cursor"?}}.
     *
     * @throws SquareUnavailableException when Square cannot answer now (the pull is resumed later)
     */
    Object page(VendorConfig.Square account, Instant since, String cursor);

    /** Square did not answer, or answered an error. */
    final class SquareUnavailableException extends RuntimeException {
        public SquareUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
