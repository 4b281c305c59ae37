package io.inventorysync.functions;

import io.inventorysync.auth.SecretsManagerSigningSecrets;
import io.inventorysync.settings.Settings;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of a function container, built once. Region and endpoints come from the SDK's
 * standard settings ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS},
 * ...), so the same jar runs on AWS, on LocalStack and on the local engines. One small HTTP client
 * (URLConnection); no Netty, no Apache.
 */
final class AwsClients {
    private AwsClients() {
    }

    /** Without SDK retries: the store's own bounded, jittered retries are the one retry layer. */
    static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static SqsClient sqs() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Source signing secrets from Secrets Manager, cached for {@link Settings#SECRET_CACHE_TTL_SECONDS} (default 300 s). */
    static SecretsManagerSigningSecrets signingSecrets(java.time.Clock clock) {
        return new SecretsManagerSigningSecrets(secretsManager(),
                java.time.Duration.ofSeconds(Long.parseLong(env(Settings.SECRET_CACHE_TTL_SECONDS,
                        Long.toString(Settings.SECRET_CACHE_TTL_DEFAULT.toSeconds())))), clock);
    }

    /**
     * A required setting from the function's environment, or from a JVM system property of the same
     * name (how the local cloud configures functions that share its JVM).
     */
    static String env(String name) {
        String value = setting(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    static String env(String name, String fallback) {
        String value = setting(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name);
    }
}
