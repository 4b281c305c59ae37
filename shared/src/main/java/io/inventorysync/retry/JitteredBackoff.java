package io.inventorysync.retry;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;

/**
 * Full-jitter exponential backoff: before retry {@code n} (1-based), wait a random time between
 * zero and {@code min(cap, base * 2^(n-1))}, so many callers retrying together spread out.
 *
 * <p>The random source is one shared {@link Random} (thread-safe), not {@code ThreadLocalRandom}:
 * every Lambda environment restored from one SnapStart snapshot starts with the same random state,
 * so without a re-seed they would all wait the same "random" times and retry in lockstep. The
 * functions call {@link #reseed()} after a restore; {@code ThreadLocalRandom} has no such hook.
 */
public record JitteredBackoff(Duration base, Duration cap) {
    private static final Random JITTER = new Random(new SecureRandom().nextLong());

    /** Fresh entropy for the jitter of every thread: call after a snapshot restore. */
    public static void reseed() {
        reseed(new SecureRandom().nextLong());
    }

    /** A known seed, for tests that need repeatable waits. */
    public static void reseed(long seed) {
        JITTER.setSeed(seed);
    }

    /** The ceiling of the wait before retry {@code attempt}. */
    public long ceilingMillis(int attempt) {
        return Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    }

    /** A wait before retry {@code attempt}: uniform in {@code [0, ceilingMillis(attempt)]}. */
    public long waitMillis(int attempt) {
        return JITTER.nextLong(ceilingMillis(attempt) + 1);
    }

    /**
     * Waits before retry {@code attempt}.
     *
     * @return false if interrupted (the interrupt flag is set again for the caller to act on)
     */
    public boolean pause(int attempt) {
        try {
            Thread.sleep(waitMillis(attempt));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
