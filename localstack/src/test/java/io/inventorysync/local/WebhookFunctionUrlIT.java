package io.inventorysync.local;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local cloud's second door to the webhook, its function URL (as deployed with
 * {@code webhookFunctionUrl}), on the embedded engines: a signed sale posted through the URL is applied
 * once and published; the same request again through the HTTP API is a retry of it (the request id
 * is claimed across doors), and nothing is applied or published twice.
 */
class WebhookFunctionUrlIT {
    private static final String SKU = "URL-DOOR-SKU";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sale_shouldBeAppliedOnceAndPublished_whenPostedThroughTheUrl_andItsReplayThroughTheApiIsARetry()
            throws Exception {
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, Map.of(), null,
                Path.of(System.getProperty("infra.dir")).resolve("channels.json"), false,
                Path.of(System.getProperty("events.dir")), 60))) {
            // given: one signed request, sent as a source sends it, its source id percent-encoded in the URL
            String sale = "{\"eventId\":\"url-sale-1\",\"type\":\"SALE\",\"occurredAt\":\"" + Instant.now().minusSeconds(5)
                    + "\",\"locationId\":\"store-12\",\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":2}]}";
            Map<String, String> signed = sign(cloud.sources().get("pos-demo"), sale);
            // when: through the URL
            HttpResponse<String> viaUrl = post(cloud.webhookUrl(), "/v1/sources/pos%2Ddemo/events", signed, sale);
            // then: accepted, applied once, published to the channel that takes every location
            assertThat(viaUrl.statusCode()).as(viaUrl.body()).isEqualTo(202);
            assertThat(viaUrl.body()).contains("\"eventId\":\"url-sale-1\"", "\"status\":\"QUEUED\"");
            SignedClient reads = new SignedClient(cloud.apiUrl());
            String level = awaitLevel(reads);
            assertThat(level).contains("\"onHand\":-2", "\"version\":1");
            List<String> published = awaitPublished(cloud, 1);
            assertThat(published).singleElement().asString().contains("InventoryLevelChanged", "url-sale-1");

            // when: the very same request (same webhook-id) through the HTTP API door
            HttpResponse<String> viaApi = post(cloud.apiUrl(), "/v1/sources/pos-demo/events", signed, sale);
            // then: the sender's retry of the same request: the same answer, nothing applied or published again
            assertThat(viaApi.statusCode()).as(viaApi.body()).isEqualTo(202);
            assertThat(viaApi.body()).isEqualTo(viaUrl.body());
            Thread.sleep(1500);
            assertThat(reads.get("/v1/inventory/" + SKU + "/locations/store-12").body())
                    .contains("\"onHand\":-2", "\"version\":1");
            assertThat(awaitPublished(cloud, 0)).as("no second InventoryLevelChanged").isEmpty();

            // and: its request id, claimed on the ingest route, is refused on another route of either door
            HttpResponse<String> elsewhere = get(cloud.webhookUrl(), "/v1/sources/pos-demo/events/url-sale-1",
                    sign(cloud.sources().get("pos-demo"), "", signed.get("webhook-id")));
            assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(401);
            assertThat(elsewhere.body()).contains("already used on another route");

            // and: the URL serves the webhook's routes only
            HttpResponse<String> reservation = post(cloud.webhookUrl(), "/v1/reservations",
                    sign(cloud.sources().get("pos-demo"), "{}"), "{}");
            assertThat(reservation.statusCode()).isEqualTo(404);
            assertThat(reservation.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(reservation.body()).contains("\"code\":\"ROUTE_NOT_FOUND\"");
        }
    }

    private String awaitLevel(SignedClient reads) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> level = reads.get("/v1/inventory/" + SKU + "/locations/store-12");
        while (level.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            level = reads.get("/v1/inventory/" + SKU + "/locations/store-12");
        }
        assertThat(level.statusCode()).as("the sale is applied within 30 s").isEqualTo(200);
        return level.body();
    }

    /** The analytics channel's {@code InventoryLevelChanged} events for the SKU, waiting up to 30 s for {@code expected}. */
    private static List<String> awaitPublished(LocalCloud cloud, int expected) throws InterruptedException {
        String queue = cloud.channelQueues().get("analytics");
        List<String> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(expected == 0 ? Duration.ofSeconds(2) : Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && (expected == 0 || found.size() < expected)) {
            for (Message m : cloud.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                cloud.sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
                if (m.body().contains(SKU) && m.body().contains("InventoryLevelChanged")) {
                    found.add(m.body());
                }
            }
        }
        return found;
    }

    private static Map<String, String> sign(String secret, String body) throws Exception {
        return sign(secret, body, "msg_" + UUID.randomUUID());
    }

    private static Map<String, String> sign(String secret, String body, String id) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", new Webhook(secret).sign(id, timestamp, body), "content-type", "application/json");
    }

    private HttpResponse<String> post(URI base, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI base, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
