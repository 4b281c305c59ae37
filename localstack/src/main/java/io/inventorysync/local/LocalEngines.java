package io.inventorysync.local;

import io.inventorysync.settings.Environment;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines of a local cloud, each on a free loopback port: DynamoDB Local (server mode, so the
 * functions talk to it over HTTP as on AWS), ElasticMQ (SQS), a local EventBridge and a local
 * Secrets Manager. Nothing here is JVM-wide: clients get the endpoints explicitly, and functions
 * get them in their environment ({@link #awsEnvironment()}), so one JVM can run several.
 */
final class LocalEngines implements AutoCloseable {
    static final String REGION = "us-east-1";
    private static final String KEY = "local";

    private final Running running = new Running();
    private final URI dynamoDbUrl;
    private final URI sqsUrl;
    private final LocalEventBridge bus;
    private final LocalSecretsManager secretsManager;

    private LocalEngines(Path dataDir) {
        try {
            int dynamoPort = freePort();
            List<String> dynamoArgs = new ArrayList<>(List.of("-port", Integer.toString(dynamoPort), "-disableTelemetry"));
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                dynamoArgs.addAll(List.of("-dbPath", dataDir.toString()));
            } else {
                dynamoArgs.add("-inMemory");
            }
            DynamoDBProxyServer dynamo = ServerRunner.createServerFromCommandLineArgs(dynamoArgs.toArray(String[]::new));
            dynamo.start();
            running.add(dynamo::stop);
            dynamoDbUrl = URI.create("http://127.0.0.1:" + dynamoPort);

            int sqsPort = freePort();
            var elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort).start();
            elasticMq.waitUntilStarted();
            running.add(elasticMq::stopAndWait);
            sqsUrl = URI.create("http://127.0.0.1:" + sqsPort);

            bus = new LocalEventBridge();
            running.add(bus);
            secretsManager = new LocalSecretsManager();
            running.add(secretsManager);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the local engines did not start: " + e.getMessage(), e);
        }
    }

    /** Starts every engine; DynamoDB keeps its data in {@code dataDir} when given, in memory otherwise. */
    static LocalEngines start(Path dataDir) {
        return new LocalEngines(dataDir);
    }

    LocalEventBridge bus() {
        return bus;
    }

    LocalSecretsManager secretsManager() {
        return secretsManager;
    }

    URI dynamoDbUrl() {
        return dynamoDbUrl;
    }

    /** The endpoints, as printed for scripts and the AWS CLI. */
    Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("DYNAMODB_URL", dynamoDbUrl.toString());
        endpoints.put("SQS_URL", sqsUrl.toString());
        endpoints.put("EVENTBRIDGE_URL", bus.endpoint().toString());
        endpoints.put("SECRETS_MANAGER_URL", secretsManager.endpoint().toString());
        return endpoints;
    }

    /** The SDK settings a function of this local cloud reads, with the names Lambda and the SDK use. */
    Map<String, String> awsEnvironment() {
        return Map.of(
                Environment.AWS_REGION, REGION,
                Environment.AWS_ACCESS_KEY_ID, KEY,
                Environment.AWS_SECRET_ACCESS_KEY, KEY,
                Environment.AWS_ENDPOINT_URL_DYNAMODB, dynamoDbUrl.toString(),
                Environment.AWS_ENDPOINT_URL_SQS, sqsUrl.toString(),
                Environment.AWS_ENDPOINT_URL_EVENTBRIDGE, bus.endpoint().toString(),
                Environment.AWS_ENDPOINT_URL_SECRETS_MANAGER, secretsManager.endpoint().toString());
    }

    /** A client of the local cloud's own (creating the table and queues, registering sources). */
    DynamoDbClient dynamoDbClient() {
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoDbUrl).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        running.add(client);
        return client;
    }

    SqsClient sqsClient() {
        SqsClient client = SqsClient.builder().endpointOverride(sqsUrl).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        running.add(client);
        return client;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY));
    }

    /** Stops the engines, last started first. */
    @Override
    public void close() {
        running.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
