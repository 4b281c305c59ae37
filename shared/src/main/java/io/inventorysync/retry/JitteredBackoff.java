package io.inventorysync.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Full-jitter exponential backoff: before retry {@code n} (1-based), wait a random time between
 * zero and {@code min(cap, base * 2^(n-1))}, so many callers retrying together spread out.
 */
public record JitteredBackoff(Duration base, Duration cap) {

    /** The ceiling of the wait before retry {@code attempt}. */
    public long ceilingMillis(int attempt) {
        return Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    }

    /**
     * Waits before retry {@code attempt}.
     *
     * @return false if interrupted (the interrupt flag is set again for the caller to act on)
     */
    public boolean pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceilingMillis(attempt) + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
