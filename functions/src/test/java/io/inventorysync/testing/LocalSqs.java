package io.inventorysync.testing;

import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** ElasticMQ (a real SQS protocol engine) in this JVM, shared by every test class. */
public final class LocalSqs {
    private static URI endpoint;

    private LocalSqs() {
    }

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).start().waitUntilStarted();
            endpoint = URI.create("http://127.0.0.1:" + port);
        }
        return endpoint;
    }

    public static SqsClient client(ExecutionInterceptor... interceptors) {
        return SqsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.executionInterceptors(List.of(interceptors)))
                .build();
    }

    /** A FIFO movements queue and its FIFO dead-letter queue, as the stack defines them. */
    public record FifoQueues(String url, String deadLetterUrl) {
    }

    public static FifoQueues createMovementQueues(SqsClient sqs, int maxReceiveCount) {
        String name = "movements-" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = sqs.createQueue(r -> r.queueName(name + "-dlq.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"" + maxReceiveCount + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();
        return new FifoQueues(url, dlq);
    }
}
