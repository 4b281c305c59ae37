package io.inventorysync.channels;

/**
 * How long EventBridge keeps trying to deliver an event to a channel's target before it goes
 * to the channel's dead-letter queue. The ranges are EventBridge's own limits for a rule target.
 *
 * @param maximumRetryAttempts   0..185, default {@value #DEFAULT_MAXIMUM_RETRY_ATTEMPTS}
 * @param maximumEventAgeSeconds 60..86400, default {@value #DEFAULT_MAXIMUM_EVENT_AGE_SECONDS} (one day)
 */
public record RetryPolicy(int maximumRetryAttempts, int maximumEventAgeSeconds) {
    public static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 8;
    public static final int DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;
    public static final int MIN_RETRY_ATTEMPTS = 0;
    public static final int MAX_RETRY_ATTEMPTS = 185;
    public static final int MIN_EVENT_AGE_SECONDS = 60;
    public static final int MAX_EVENT_AGE_SECONDS = 86_400;

    /** The policy of a channel that names none. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(DEFAULT_MAXIMUM_RETRY_ATTEMPTS, DEFAULT_MAXIMUM_EVENT_AGE_SECONDS);
}
