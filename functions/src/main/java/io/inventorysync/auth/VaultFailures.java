package io.inventorysync.auth;

import io.inventorysync.store.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A Secrets Manager failure as the store's, told without the SDK's text: its message and its
 * service's error message name the secret (an ARN in an access denial, a name in a throttling or a
 * not-found message), so neither is kept, not even as the exception's cause (a logged stack trace
 * prints every cause). What stays is what an operator acts on: the SDK's error code, the HTTP
 * status and the request id (for AWS support), or the client-side failure's type and its causes'
 * types (a timeout, a DNS failure, a refused connection).
 */
public final class VaultFailures {
    private VaultFailures() {
    }

    /** How many causes deep a client-side failure's types are told. */
    private static final int CAUSES = 4;

    /**
     * {@code ThrottlingException (HTTP 400, request 1a2b...)}, or, when the service never answered, the
     * failure's type and its causes' types: {@code SdkClientException caused by UnknownHostException}
     * (a DNS failure) tells apart from {@code ... caused by SocketTimeoutException} (a timeout) or
     * {@code ... caused by ConnectException}. Types only: a cause's message may name the secret or its host.
     */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                    ? service.getClass().getSimpleName() : service.awsErrorDetails().errorCode();
            String request = service.requestId() == null || service.requestId().isBlank() ? "" : ", request " + service.requestId();
            return code + " (HTTP " + service.statusCode() + request + ")";
        }
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < CAUSES; depth++) {
            text.append(" caused by ").append(cause.getClass().getSimpleName());
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return text.toString();
    }

    /** A retryable {@link StoreException} saying {@code what} failed and {@link #code}, with no cause. */
    public static StoreException unavailable(String what, SdkException e) {
        return new StoreException(what + ": " + code(e), true, null);
    }
}
