package io.inventorysync.store;

/**
 * The store could not complete an operation. {@link #isRetryable()} tells a caller whether
 * trying again later can succeed (throttling, conflicts, timeouts after the store's own bounded
 * retries) or not (a misconfigured table, a request the database refuses).
 */
public class StoreException extends RuntimeException {
    private final boolean retryable;

    public StoreException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
