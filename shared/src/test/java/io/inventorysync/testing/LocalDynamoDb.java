package io.inventorysync.testing;

import io.inventorysync.store.InventoryTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DynamoDB Local in server mode, in this JVM, shared by every test class: clients talk to it
 * over HTTP exactly as they would to AWS. Each test makes its own table.
 */
public final class LocalDynamoDb {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static URI endpoint;

    private LocalDynamoDb() {
    }

    /** The endpoint, starting the server on first use. */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            if (System.getProperty("sqlite4java.library.path") == null) {
                throw new IllegalStateException("sqlite4java.library.path is not set; run the tests through Maven, "
                        + "which copies DynamoDB Local's native libraries to target/native-libs");
            }
            int port = freePort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is going away
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
            endpoint = URI.create("http://127.0.0.1:" + port);
        }
        return endpoint;
    }

    /** A client with the SDK's standard retries, for test set-up and checks. */
    public static DynamoDbClient client() {
        return client(RetryMode.STANDARD);
    }

    /**
     * A client whose failures come straight to the store, so a test of the store's own retries is
     * not slowed by the SDK's throttling backoff stacked underneath.
     */
    public static DynamoDbClient clientWithoutSdkRetries(ExecutionInterceptor... interceptors) {
        return client(null, interceptors);
    }

    private static DynamoDbClient client(RetryMode retryMode, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    o.executionInterceptors(List.of(interceptors));
                    if (retryMode == null) {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    } else {
                        o.retryStrategy(retryMode);
                    }
                })
                .build();
    }

    /** Creates a fresh table from {@link InventoryTable} and returns its name. */
    public static String createTable(DynamoDbClient client) {
        String name = "inventory-" + TABLES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.createTable(InventoryTable.createTableRequest(name));
        client.waiter().waitUntilTableExists(r -> r.tableName(name));
        client.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(InventoryTable.timeToLiveSpecification()));
        return name;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
