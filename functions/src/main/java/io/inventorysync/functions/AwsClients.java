package io.inventorysync.functions;

import io.inventorysync.auth.SecretsManagerSigningSecrets;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The SDK clients of a function container, built once each (one per service, on the first ask), and its settings. On Lambda region,
 * credentials and endpoints come from the SDK's standard settings ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, ...), so the same jar runs on AWS, on LocalStack and on the
 * local engines; an environment given as a map (the local cloud's) supplies the same names. One
 * small HTTP client (URLConnection); no Netty, no Apache. Remembers what it built, for
 * {@link Priming}.
 */
final class AwsClients {
    private final Environment env;
    private final List<SdkClient> built = new CopyOnWriteArrayList<>();
    private final List<Supplier<? extends SdkClient>> deferred = new CopyOnWriteArrayList<>();
    // One client per service and container: a second wiring that asks for the same service gets the
    // same client (a second build was 30 to 70 ms of a cold start and a second connection pool). Plain
    // fields, not suppliers built at construction: a lambda returning an SqsClient would load that
    // class in a jar that leaves SQS out (the webhook's), where only a method that is never called may name it.
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private EventBridgeClient eventBridge;
    private SecretsManagerClient secretsManager;

    AwsClients(Environment env) {
        this.env = env;
    }

    /** The container's DynamoDB client, without SDK retries: the store's own bounded, jittered retries are the one retry layer. */
    synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = remember(configure(DynamoDbClient.builder(), Environment.AWS_ENDPOINT_URL_DYNAMODB)
                    .httpClient(Priming.httpClient())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build());
        }
        return dynamoDb;
    }

    /** The container's SQS client. */
    synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = remember(configure(SqsClient.builder(), Environment.AWS_ENDPOINT_URL_SQS)
                    .httpClient(Priming.httpClient()).build());
        }
        return sqs;
    }

    /** The container's EventBridge client. */
    synchronized EventBridgeClient eventBridge() {
        if (eventBridge == null) {
            eventBridge = remember(configure(EventBridgeClient.builder(), Environment.AWS_ENDPOINT_URL_EVENTBRIDGE)
                    .httpClient(Priming.httpClient()).build());
        }
        return eventBridge;
    }

    /** The container's Secrets Manager client. */
    synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = remember(configure(SecretsManagerClient.builder(), Environment.AWS_ENDPOINT_URL_SECRETS_MANAGER)
                    .httpClient(Priming.httpClient()).build());
        }
        return secretsManager;
    }

    /** Source signing secrets from Secrets Manager, cached for {@link Settings#SECRET_CACHE_TTL_SECONDS} (default 300 s). */
    SecretsManagerSigningSecrets signingSecrets(Clock clock) {
        return new SecretsManagerSigningSecrets(secretsManager(),
                Duration.ofSeconds(Long.parseLong(env.optional(Settings.SECRET_CACHE_TTL_SECONDS,
                        Long.toString(Settings.SECRET_CACHE_TTL_DEFAULT.toSeconds())))), clock);
    }

    /**
     * A client built on its first use instead of at init: for a client the function's first event
     * seldom calls (the reconciler's SQS client, which only queues the rest of a run cut short).
     * A cold start that never calls it never pays for its build (issue 16); {@link Priming} builds
     * every deferred client before it primes, so a SnapStart snapshot holds it built and primed as
     * before. Thread-safe; built at most once.
     */
    <C extends SdkClient> Supplier<C> onFirstUse(Supplier<C> build) {
        Supplier<C> once = once(build);
        deferred.add(once);
        return once;
    }

    /** {@code build}'s value, built at the first {@code get} and the same one after it (thread-safe). */
    static <T> Supplier<T> once(Supplier<T> build) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = build.get();
                }
                return value;
            }
        };
    }

    /** Builds every client deferred by {@link #onFirstUse} that is not built yet (for priming). */
    void buildDeferred() {
        deferred.forEach(Supplier::get);
    }

    /** The clients built so far. */
    List<SdkClient> built() {
        return List.copyOf(built);
    }

    private <C extends SdkClient> C remember(C client) {
        built.add(client);
        return client;
    }

    /** A required setting of the function's environment. */
    String env(String name) {
        return env.required(name);
    }

    String env(String name, String fallback) {
        return env.optional(name, fallback);
    }

    /** For an environment given as a map, the region, credentials and endpoint it names; on Lambda, the SDK's own. */
    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String endpointVariable) {
        if (env.isProcess()) {
            return builder;
        }
        String region = env.optional(Environment.AWS_REGION, null);
        if (region != null) {
            builder.region(Region.of(region));
        }
        String key = env.optional(Environment.AWS_ACCESS_KEY_ID, null);
        if (key != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key, env.required(Environment.AWS_SECRET_ACCESS_KEY))));
        }
        String endpoint = env.optional(endpointVariable, null);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }
}
