package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.inventorysync.adapters.DriftReports;
import io.inventorysync.connector.ShopifyAdminApi;
import io.inventorysync.connector.ShopifyConnector;
import io.inventorysync.domain.vendor.ShopifyTarget;
import io.inventorysync.http.Json;
import io.inventorysync.retry.JitteredBackoff;
import io.inventorysync.store.InMemoryVendorState;
import io.inventorysync.testing.FakeShop;
import io.inventorysync.testing.LocalSqs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector function on a real queue (ElasticMQ) with the redrive policy the stack gives the
 * channel's queue: a push the shop keeps failing is received again, then parked in the DLQ; a push
 * that succeeds is deleted.
 */
class ShopifyConnectorFunctionIT {
    private static final String ITEM = "gid://shopify/InventoryItem/9007199254740995";
    private final SqsClient sqs = LocalSqs.client();
    private FakeShop shop;
    private ShopifyConnectorFunction function;
    private String queue;
    private String dlq;

    @BeforeEach
    void setUp() throws IOException {
        shop = new FakeShop(1000, 50);
        ShopifyTarget target = new ShopifyTarget("acme.myshopify.com", "2026-04", "token", FakeShop.LOCATION,
                Map.of("BLU-SHIRT-M", ITEM), shop.endpoint());
        function = new ShopifyConnectorFunction(new ShopifyConnector("shopify-web", target,
                new ShopifyAdminApi(HttpClient.newHttpClient(), Thread::sleep), name -> FakeShop.TOKEN,
                new InMemoryVendorState(), (DriftReports.Drift d) -> true, new JitteredBackoff(Duration.ofMillis(1),
                Duration.ofMillis(5)), Clock.systemUTC()));
        String name = "shopify-web-" + UUID.randomUUID().toString().substring(0, 8);
        dlq = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        queue = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + 2 + "\",\"deadLetterTargetArn\":\""
                        + dlqArn + "\"}"))).queueUrl();
    }

    @AfterEach
    void tearDown() {
        shop.close();
    }

    private void send(String sku, long available, long version) {
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(Json.write(Map.of("detail-type", "ChannelAvailabilityChanged",
                "detail", Map.of("schemaVersion", "1", "channel", "shopify-web", "sku", sku, "available", available,
                        "version", version)))));
    }

    /** One poll as the event source mapping does it: receive, invoke, delete what did not fail. */
    private int poll() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(2)
                .attributeNamesWithStrings("All")).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        SQSBatchResponse response = function.handleRequest(SqsEvents.of(messages), null);
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        messages.stream().filter(m -> !failed.contains(m.messageId()))
                .forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
        return messages.size();
    }

    @Test
    void pushTheShopKeepsFailing_shouldEndInTheDlq_andAGoodOneBeDeleted() throws InterruptedException {
        shop.failNext.set(1_000);
        send("BLU-SHIRT-M", 5, 1);

        for (int i = 0; i < 6 && queueDepth(dlq) == 0; i++) {
            poll();
            Thread.sleep(1_100);
        }

        assertThat(queueDepth(dlq)).isEqualTo(1);
        assertThat(shop.applied.get()).isZero();

        shop.failNext.set(0);
        send("BLU-SHIRT-M", 4, 2);
        poll();
        assertThat(shop.available.get(ITEM)).isEqualTo(4);
        Thread.sleep(1_100);
        assertThat(poll()).isZero();
    }

    private int queueDepth(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

}
