package io.inventorysync.testing;

import io.inventorysync.auth.SecretsManagerSigningSecrets;
import io.inventorysync.auth.SigningSecrets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Secrets Manager failing as it fails in production (an internal error, throttling, a timeout), through
 * the SDK's own client: every call fails before it is sent. No Secrets Manager engine runs locally, so
 * this is failure injection only; the answers of a working vault come from the test's own map.
 */
public final class SecretsManagerFaults {
    private SecretsManagerFaults() {
    }

    /** The failures, each with the internal text (secret names, ARNs) an answer must never show. */
    public static Stream<SdkException> failures() {
        return Stream.of(
                InternalServiceErrorException.builder().message("internal failure at arn:aws:secretsmanager:us-east-1:1:secret:inventory-sync/sources/pos-1")
                        .statusCode(500).awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServiceError")
                                .errorMessage("internal failure").build()).build(),
                SecretsManagerException.builder().message("Rate exceeded for inventory-sync/sources/pos-1").statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build()).build(),
                ApiCallAttemptTimeoutException.create("HTTP request to secretsmanager timed out after 2000 ms"));
    }

    /**
     * Client-side failures (the service never answered) whose causes tell them apart: a DNS failure, a
     * read timeout, a refused connection. Each cause's message names the secret, as a host or path might.
     */
    public static Stream<SdkException> clientFailures() {
        return Stream.of(
                software.amazon.awssdk.core.exception.SdkClientException.create("Unable to execute HTTP request",
                        new java.net.UnknownHostException("secretsmanager.us-east-1.amazonaws.com for inventory-sync/sources/pos-1")),
                software.amazon.awssdk.core.exception.SdkClientException.create("Unable to execute HTTP request",
                        new java.io.UncheckedIOException(new java.net.SocketTimeoutException("Read timed out: inventory-sync/sources/pos-1"))));
    }

    /** The SDK's client, failing every call with {@code failure} before it is sent; no retries. */
    public static SecretsManagerClient failing(SdkException failure) {
        return SecretsManagerClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        throw failure;
                    }
                }).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /**
     * Signing secrets read through {@link SecretsManagerSigningSecrets} from a vault that fails with
     * {@code failure} while {@code down} is set, and answers {@code working}'s keys otherwise (a
     * container that has read no key yet: its cache is empty while the vault fails).
     */
    public static SigningSecrets signingSecrets(SdkException failure, AtomicBoolean down, SigningSecrets working) {
        SigningSecrets failing = new SecretsManagerSigningSecrets(failing(failure), Duration.ofMinutes(5), Clock.systemUTC());
        return source -> down.get() ? failing.secretsFor(source) : working.secretsFor(source);
    }
}
