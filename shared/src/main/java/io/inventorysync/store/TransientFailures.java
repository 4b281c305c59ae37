package io.inventorysync.store;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import io.inventorysync.retry.JitteredBackoff;
import java.util.function.Supplier;

/**
 * Retries what can pass by itself (throttling, transaction conflicts, server errors, timeouts,
 * lost connections) with full-jitter exponential backoff, a bounded number of times; then
 * surfaces it as a retryable {@link StoreException}. Anything else surfaces at once as
 * non-retryable. Nothing is swallowed. This is the one retry layer for DynamoDB calls: build the
 * client without SDK retries, or the attempts multiply.
 *
 * @param maxAttempts attempts in all, at least 1
 */
public record TransientFailures(int maxAttempts, JitteredBackoff backoff) {
    /** Cancellation reasons that say "try again", as opposed to a condition that failed. */
    private static final Set<String> TRANSIENT_REASONS = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    public static final TransientFailures DEFAULT = new TransientFailures(6, Duration.ofMillis(20), Duration.ofMillis(1000));

    /** @param baseDelay the backoff ceiling of the first retry; doubles per retry up to {@code maxDelay} */
    public TransientFailures(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this(maxAttempts, new JitteredBackoff(baseDelay, maxDelay));
    }

    public TransientFailures {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    public <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                return call.get();
            } catch (TransactionCanceledException e) {
                if (e.cancellationReasons().stream().map(CancellationReason::code).noneMatch(TRANSIENT_REASONS::contains)) {
                    throw e;
                }
                failure = e;
            } catch (ProvisionedThroughputExceededException | RequestLimitExceededException
                     | TransactionInProgressException | InternalServerErrorException e) {
                failure = e;
            } catch (DynamoDbException e) {
                if (!isTransient(e)) {
                    throw new StoreException(operation + " failed: " + e.getMessage(), false, e);
                }
                failure = e;
            } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
                failure = e;
            } catch (SdkClientException e) {
                if (!isIo(e)) {
                    throw new StoreException(operation + " failed: " + e.getMessage(), false, e);
                }
                failure = e;
            }
            if (attempt >= maxAttempts) {
                throw new StoreException(operation + " still failing after " + attempt + " attempts: "
                        + failure.getMessage(), true, failure);
            }
            if (!backoff.pause(attempt)) {
                throw new StoreException(operation + " interrupted while backing off", true, failure);
            }
        }
    }

    private static boolean isTransient(DynamoDbException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        // A standard write to an item a transaction is writing at that moment: try again, as for a transaction.
        return "ThrottlingException".equals(code) || e.isThrottlingException() || e.statusCode() >= 500
                || e instanceof TransactionConflictException;
    }

    private static boolean isIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
