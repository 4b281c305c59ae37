package io.inventorysync.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.channels.OutboundSchemas;
import io.inventorysync.http.Json;
import io.inventorysync.testing.FakeShop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day in the life of a store and a web shop, through HTTP only: receipts, POS sales, holds that
 * commit, release and expire, webhooks delivered twice and out of order, an offline batch after a
 * cycle count, returns, a transfer, and bad traffic mixed in. Asserts the exact final levels from
 * the read API, every event's status, what each channel received (schema-valid, highest version =
 * final level) and empty dead-letter queues.
 *
 * <p>By default it starts the local cloud in this JVM. Against another deployment (LocalStack):
 * {@code -De2e.apiUrl=... -De2e.sqsUrl=... -De2e.posSecret=... -De2e.shopSecret=...
 * -De2e.channelQueues=name=url,... -De2e.dlqUrl=...}.
 */
class EndToEndIT {
    private static final Instant T = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static LocalCloud cloud;
    private static SignedClient api;
    private static SqsClient sqs;
    private static String pos;
    private static String shop;
    private static Map<String, String> channelQueues;
    private static String dlqUrl;
    private static FakeShop fakeShop;
    private static com.sun.net.httpserver.HttpServer square;
    private static final String SHOPIFY_CHANNEL = "shopify-e2e";
    private static final String SHOP_ITEM = "gid://shopify/InventoryItem/9007199254740995";

    @BeforeAll
    static void startTheCloud() throws java.io.IOException {
        if (System.getProperty("e2e.apiUrl") == null) {
            // The example channels: the shipped ones plus the SKU-prefix (HTTPS) channel, a queue here;
            // and a Shopify store as a channel (a fake shop answering like the Admin API), its own location.
            fakeShop = new FakeShop(1000, 100);
            com.fasterxml.jackson.databind.node.ObjectNode channels = (com.fasterxml.jackson.databind.node.ObjectNode)
                    Json.MAPPER.readTree(Path.of(System.getProperty("infra.dir")).resolve("channels.example.json").toFile());
            channels.withArray("channels").add(Json.MAPPER.readTree("""
                    {"name": "%s", "availability": {"locations": ["web-shopify-e2e"], "safetyStock": 1},
                     "target": {"kind": "SHOPIFY", "shopDomain": "acme-outfitters.myshopify.com", "apiVersion": "2026-04",
                       "tokenSecretName": "inventory-sync/vendors/%s/token", "locationId": "%s",
                       "items": {"SHP-E2E-OUT": "%s"}, "endpoint": "%s"}}
                    """.formatted(SHOPIFY_CHANNEL, SHOPIFY_CHANNEL, FakeShop.LOCATION, SHOP_ITEM, fakeShop.endpoint())));
            Path channelsFile = java.nio.file.Files.createTempFile("channels-e2e", ".json");
            channelsFile.toFile().deleteOnExit();
            Json.MAPPER.writeValue(channelsFile.toFile(), channels);
            cloud = LocalCloud.start(new LocalCloud.Options(0, Map.of(), null, channelsFile, false,
                    Path.of(System.getProperty("events.dir")), 1, 1));
            // The token secret was created with a placeholder; the operator puts the shop's token in it.
            cloud.secretsManager().put("inventory-sync/vendors/" + SHOPIFY_CHANNEL + "/token", FakeShop.TOKEN);
            api = new SignedClient(cloud.apiUrl());
            sqs = cloud.sqs();
            pos = cloud.sources().get("pos-demo");
            shop = cloud.sources().get("shop-web");
            // The connector reads the Shopify channel's queue: the suite never drains it.
            channelQueues = new LinkedHashMap<>(cloud.channelQueues());
            channelQueues.remove(SHOPIFY_CHANNEL);
            dlqUrl = cloud.movementsDeadLetterQueueUrl();
        } else {
            api = new SignedClient(URI.create(System.getProperty("e2e.apiUrl")));
            sqs = SqsClient.builder().endpointOverride(URI.create(System.getProperty("e2e.sqsUrl")))
                    .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
            pos = System.getProperty("e2e.posSecret");
            shop = System.getProperty("e2e.shopSecret");
            channelQueues = new LinkedHashMap<>();
            for (String pair : System.getProperty("e2e.channelQueues").split(",")) {
                channelQueues.put(pair.split("=", 2)[0], pair.split("=", 2)[1]);
            }
            dlqUrl = System.getProperty("e2e.dlqUrl");
        }
    }

    @AfterAll
    static void stopTheCloud() {
        if (cloud != null) {
            cloud.close();
        }
        if (fakeShop != null) {
            fakeShop.close();
        }
        if (square != null) {
            square.stop(0);
        }
    }

    @Test
    void aDayInTheLife_shouldEndAtExactLevelsWithEveryChannelInformed() throws Exception {
        // A hold that will expire: placed first, so its minute runs while the day goes on.
        post("E2", event("E2", "RECEIPT", 1, "web-dc", line("BLU-SHIRT-M", 10)));
        awaitApplied("E2");
        assertThat(reserve("H3", 3, 60).statusCode()).isEqualTo(201);
        Instant h3Expires = Instant.now().plusSeconds(60);

        // Receipts stock the store; the web DC was stocked above.
        post("E1", event("E1", "RECEIPT", 0, "store-12", line("BLU-SHIRT-M", 20), line("RED-SOCK", 10)));
        // POS sales; E3 delivered twice.
        String e3 = event("E3", "SALE", 10, "store-12", line("BLU-SHIRT-M", 2));
        post("E3", e3);
        post("E3", e3);
        post("E4", event("E4", "SALE", 12, "store-12", line("RED-SOCK", 1)));
        // Returns, delivered out of order.
        post("E6", event("E6", "RETURN", 21, "store-12", "{\"sku\":\"RED-SOCK\",\"quantity\":1,\"condition\":\"DAMAGED\"}"));
        post("E5", event("E5", "RETURN", 20, "store-12", line("BLU-SHIRT-M", 1)));
        awaitApplied("E1", "E3", "E4", "E5", "E6");
        // The cycle count, then the offline till's batch from before it.
        post("E7", event("E7", "COUNT", 30, "store-12", line("BLU-SHIRT-M", 17)));
        awaitApplied("E7");
        post("E8", "{\"events\":[" + event("E8a", "SALE", 25, "store-12", line("BLU-SHIRT-M", 1)) + ","
                + event("E8b", "SALE", 26, "store-12", line("RED-SOCK", 2)) + "]}");
        // A transfer from the store to the web DC.
        post("E9", event("E9", "TRANSFER_OUT", 40, "store-12", ",\"toLocationId\":\"web-dc\"", line("BLU-SHIRT-M", 3)));
        awaitApplied("E8a", "E8b", "E9");
        post("E10", event("E10", "TRANSFER_IN", 50, "web-dc", ",\"fromLocationId\":\"store-12\"", line("BLU-SHIRT-M", 3)));
        awaitApplied("E10");
        // The web shop: one hold commits, one is released, one is refused.
        assertThat(reserve("H1", 2, 900).statusCode()).isEqualTo(201);
        assertThat(api.post("/v1/reservations/H1/commit", shop, "").statusCode()).isEqualTo(200);
        assertThat(reserve("H2", 1, 900).statusCode()).isEqualTo(201);
        assertThat(api.post("/v1/reservations/H2/release", shop, "").statusCode()).isEqualTo(200);
        assertThat(reserve("H-too-big", 1000, 900).statusCode()).isEqualTo(409);

        // Bad traffic changes nothing.
        String bad = event("BAD-1", "SALE", 60, "store-12", line("BLU-SHIRT-M", 5));
        assertThat(api.post("/v1/sources/pos-demo/events", SignedClientSecrets.OTHER, bad).statusCode()).isEqualTo(401);
        assertThat(api.post("/v1/sources/pos-demo/events", pos, "{\"eventId\":\"BAD-2\",\"type\":\"SALE\"}").statusCode())
                .isEqualTo(400);
        assertThat(api.post("/v1/sources/pos-nobody/events", pos, bad).statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/sources/pos-demo/events/BAD-1", pos).statusCode()).isEqualTo(404);

        // The third hold expires (the sweeper runs every second here, every minute when deployed).
        await(() -> Instant.now().isAfter(h3Expires) && body(api.get("/v1/reservations/H3", shop)).path("status")
                .asText().equals("EXPIRED"), Duration.ofSeconds(90));

        // Final levels, from the read API.
        Map<String, long[]> expected = Map.of(
                "BLU-SHIRT-M@store-12", new long[] {14, 0, 0, 0, 5},
                "RED-SOCK@store-12", new long[] {7, 0, 1, 0, 4},
                "BLU-SHIRT-M@web-dc", new long[] {11, 0, 0, 0, 9});
        expected.forEach((record, level) -> {
            String[] parts = record.split("@");
            JsonNode actual = body(api.get("/v1/inventory/" + parts[0] + "/locations/" + parts[1]));
            assertThat(new long[] {actual.path("onHand").asLong(), actual.path("reserved").asLong(),
                    actual.path("damaged").asLong(), actual.path("inTransit").asLong(), actual.path("version").asLong()})
                    .as(record).containsExactly(level);
        });
        // Every event's status.
        for (String id : List.of("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8a", "E8b", "E9", "E10")) {
            assertThat(body(api.get("/v1/sources/pos-demo/events/" + id, pos)).path("status").asText()).as(id)
                    .isEqualTo("APPLIED");
        }
        assertThat(body(api.get("/v1/sources/pos-demo/events/E8a", pos)).path("lines").get(0).path("outcome").asText())
                .isEqualTo("SUPERSEDED_BY_COUNT");

        // What each channel received: valid events whose highest version per record is the final level.
        Map<String, List<JsonNode>> received = new HashMap<>();
        await(() -> {
            channelQueues.forEach((name, url) -> received.computeIfAbsent(name, n -> new ArrayList<>()).addAll(drain(url)));
            return highest(received.get("analytics")).getOrDefault("BLU-SHIRT-M@web-dc", -1L) == 9
                    && highest(received.get("analytics")).getOrDefault("BLU-SHIRT-M@store-12", -1L) == 5
                    && highest(received.get("analytics")).getOrDefault("RED-SOCK@store-12", -1L) == 4;
        }, Duration.ofSeconds(30));
        for (var entry : received.entrySet()) {
            for (JsonNode event : entry.getValue()) {
                assertThat(OutboundSchemas.problems(event.path("detail-type").asText(), event.path("detail").toString()))
                        .as(entry.getKey() + ": " + event).isEmpty();
            }
        }
        // web-storefront has a pool: its own numbers come besides its web-dc events, and no other channel's
        assertThat(received.get("web-storefront"))
                .filteredOn(e -> e.path("detail-type").asText().equals("ChannelAvailabilityChanged"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("detail").path("channel").asText()).isEqualTo("web-storefront"));
        assertThat(received.get("web-storefront")).isNotEmpty()
                .filteredOn(e -> !e.path("detail-type").asText().equals("ChannelAvailabilityChanged"))
                .allSatisfy(e -> assertThat(e.path("detail").path("locationId").asText()).isEqualTo("web-dc"))
                .anySatisfy(e -> assertThat(e.path("detail-type").asText()).isEqualTo("ReservationExpired"));
        if (channelQueues.containsKey("marketplace")) {
            // Deployed as shipped (e2e-localstack.sh), channels.json has no such channel.
            assertThat(received.get("marketplace")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.path("detail").path("sku").asText()).matches("(BLU-|RED-).*"));
        }
        assertThat(received.get("analytics")).extracting(e -> e.path("detail-type").asText())
                .contains("InventoryLevelChanged", "ReservationExpired").doesNotContain("StockDepleted", "StockWentNegative");
        // Nothing in a dead-letter queue.
        assertThat(depth(dlqUrl)).isZero();
    }

    @Test
    void clickAndCollect_shouldKeepCommittedUnitsOffSale_untilTheyLeaveOnce() throws Exception {
        // Stock at the store, and a web order to be collected there: held, then committed DEFERRED.
        post("CC1", event("CC1", "RECEIPT", 0, "store-12", line("GRN-CAP", 10)));
        awaitApplied("CC1");
        assertThat(api.post("/v1/reservations", shop, "{\"reservationId\":\"CC-ORDER\",\"locationId\":\"store-12\","
                + "\"lines\":[{\"sku\":\"GRN-CAP\",\"quantity\":3}]}").statusCode()).isEqualTo(201);
        HttpResponse<String> committed = api.post("/v1/reservations/CC-ORDER/commit", shop, "{\"fulfilment\":\"DEFERRED\"}");
        assertThat(committed.statusCode()).isEqualTo(200);
        assertThat(body(committed).path("fulfilment").asText()).isEqualTo("DEFERRED");
        // A cycle count while the order waits: the committed units stay committed.
        post("CC2", event("CC2", "COUNT", 1, "store-12", line("GRN-CAP", 10)));
        awaitApplied("CC2");
        JsonNode counted = body(api.get("/v1/inventory/GRN-CAP/locations/store-12"));
        assertThat(counted.path("committed").asLong()).isEqualTo(3);
        assertThat(counted.path("available").asLong()).isEqualTo(7);
        // One unit handed over by the storefront (a repeat is harmless; more than remains is refused).
        String fulfilOne = "{\"fulfilmentId\":\"F-1\",\"lines\":[{\"sku\":\"GRN-CAP\",\"quantity\":1}]}";
        assertThat(api.post("/v1/reservations/CC-ORDER/fulfil", shop, fulfilOne).statusCode()).isEqualTo(200);
        assertThat(api.post("/v1/reservations/CC-ORDER/fulfil", shop, fulfilOne).statusCode()).isEqualTo(200);
        HttpResponse<String> over = api.post("/v1/reservations/CC-ORDER/fulfil", shop,
                "{\"fulfilmentId\":\"F-2\",\"lines\":[{\"sku\":\"GRN-CAP\",\"quantity\":5}]}");
        assertThat(over.statusCode()).isEqualTo(409);
        assertThat(body(over).path("code").asText()).isEqualTo("OVER_FULFILMENT");
        // The customer collects at the till: the POS sale names the order and picks up what remains.
        post("CC3", event("CC3", "SALE", 2, "store-12", ",\"reservationId\":\"CC-ORDER\"", line("GRN-CAP", 3)));
        awaitApplied("CC3");
        assertThat(body(api.get("/v1/reservations/CC-ORDER", shop)).path("status").asText()).isEqualTo("FULFILLED");
        assertThat(body(api.get("/v1/sources/pos-demo/events/CC3", pos)).path("lines").get(0).path("reason").asText())
                .isEqualTo("RESERVATION_FULFILLED");
        // A damaged cap goes to inspection; writing off more than is there is refused.
        post("CC4", event("CC4", "MOVE", 3, "store-12",
                "{\"sku\":\"GRN-CAP\",\"quantity\":1,\"from\":\"ON_HAND\",\"to\":\"QUARANTINE\"}"));
        post("CC5", event("CC5", "WRITE_OFF", 4, "store-12", ",\"reasonCode\":\"DAMAGED\"",
                "{\"sku\":\"GRN-CAP\",\"quantity\":2,\"from\":\"QUARANTINE\"}"));
        awaitApplied("CC4");
        await(() -> body(api.get("/v1/sources/pos-demo/events/CC5", pos)).path("status").asText().equals("REJECTED"),
                Duration.ofSeconds(30));
        assertThat(body(api.get("/v1/sources/pos-demo/events/CC5", pos)).path("lines").get(0).path("reason").asText())
                .isEqualTo("INSUFFICIENT_QUARANTINE");
        // 10 counted, 3 collected (1 by the storefront, 2 at the till: never twice), 1 in quarantine.
        JsonNode end = body(api.get("/v1/inventory/GRN-CAP/locations/store-12"));
        assertThat(new long[] {end.path("onHand").asLong(), end.path("committed").asLong(), end.path("quarantine").asLong(),
                end.path("available").asLong()}).containsExactly(6, 0, 1, 6);
    }

    private static Map<String, Long> highest(List<JsonNode> events) {
        Map<String, Long> highest = new HashMap<>();
        if (events == null) {
            return highest;
        }
        for (JsonNode e : events) {
            if (e.path("detail-type").asText().equals("InventoryLevelChanged")) {
                highest.merge(e.path("detail").path("sku").asText() + "@" + e.path("detail").path("locationId").asText(),
                        e.path("detail").path("version").asLong(), Math::max);
            }
        }
        return highest;
    }

    private static List<JsonNode> drain(String url) {
        List<JsonNode> events = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            for (Message m : messages) {
                events.add(parse(m.body()));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return events;
    }

    private static int depth(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values().stream()
                .mapToInt(Integer::parseInt).sum();
    }

    private static HttpResponse<String> reserve(String id, int quantity, int ttl) {
        return api.post("/v1/reservations", shop, "{\"reservationId\":\"" + id + "\",\"locationId\":\"web-dc\",\"ttlSeconds\":"
                + ttl + ",\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":" + quantity + "}]}");
    }

    private static void post(String name, String body) {
        HttpResponse<String> response = api.post("/v1/sources/pos-demo/events", pos, body);
        assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(202);
    }

    @Test
    void admin_shouldAddSourcesThatSignAtOnce_andRotateAndRevokeTheirKeys_withoutADeploy() {
        org.junit.jupiter.api.Assumptions.assumeTrue(cloud != null, "the admin routes take IAM outside the local cloud");
        String till = "pos-e2e-" + Long.toString(System.nanoTime(), 36);
        String path = "/v1/admin/sources/" + till;
        // create, replace, read
        HttpResponse<String> created = api.unsigned("PUT", path,
                "{\"locations\":[\"store-e2e*\"],\"eventTypes\":[\"SALE\",\"RECEIPT\"]}");
        HttpResponse<String> replaced = api.unsigned("PUT", path,
                "{\"locations\":[\"store-e2e*\"],\"eventTypes\":[\"SALE\",\"RECEIPT\",\"COUNT\"]}");
        HttpResponse<String> read = api.unsigned("GET", path, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String first = body(created).path("secret").asText();
        assertThat(first).startsWith("whsec_");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(replaced.body() + read.body()).doesNotContain("whsec_").doesNotContain("\"secret\"");
        assertThat(body(read).path("eventTypes").toString()).isEqualTo("[\"SALE\",\"RECEIPT\",\"COUNT\"]");
        assertThat(api.unsigned("GET", "/v1/admin/sources/pos-nobody", null).statusCode()).isEqualTo(404);
        // it signs at once, within its scope only
        String receipt = "{\"eventId\":\"ADM1\",\"type\":\"RECEIPT\",\"occurredAt\":\"" + T
                + "\",\"locationId\":\"store-e2e-1\",\"lines\":[{\"sku\":\"ADM-SKU\",\"quantity\":4}]}";
        assertThat(api.post("/v1/sources/" + till + "/events", first, receipt).statusCode()).isEqualTo(202);
        String countElsewhere = "{\"eventId\":\"ADM2\",\"type\":\"COUNT\",\"occurredAt\":\"" + T
                + "\",\"locationId\":\"web-dc\",\"lines\":[{\"sku\":\"ADM-SKU\",\"quantity\":0}]}";
        HttpResponse<String> refused = api.post("/v1/sources/" + till + "/events", first, countElsewhere);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(body(refused).path("code").asText()).isEqualTo("OUT_OF_SCOPE");
        // a second key beside the first: both verify (once the functions' key cache has passed)
        HttpResponse<String> rotated = api.unsigned("POST", path + "/secrets", "{\"revokeOthers\":false}");
        assertThat(rotated.statusCode()).isEqualTo(201);
        String second = body(rotated).path("secret").asText();
        await(() -> api.get("/v1/sources/" + till + "/events/ADM1", second).statusCode() == 200, Duration.ofSeconds(20));
        assertThat(api.get("/v1/sources/" + till + "/events/ADM1", first).statusCode()).isEqualTo(200);
        // a leaked key: a new one instead of every other
        HttpResponse<String> revoked = api.unsigned("POST", path + "/secrets", "{\"revokeOthers\":true}");
        String third = body(revoked).path("secret").asText();
        await(() -> api.get("/v1/sources/" + till + "/events/ADM1", third).statusCode() == 200, Duration.ofSeconds(20));
        assertThat(api.get("/v1/sources/" + till + "/events/ADM1", first).statusCode()).isEqualTo(401);
        assertThat(api.get("/v1/sources/" + till + "/events/ADM1", second).statusCode()).isEqualTo(401);

        // a storefront added by the admin route places holds at once when it names itself, and
        // through v1 requests (no source named) once the reservation function's list is read again
        String storefront = "shop-e2e-" + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> shopCreated = api.unsigned("PUT", "/v1/admin/sources/" + storefront,
                "{\"canReserve\":true,\"locations\":[\"store-e2e*\"]}");
        String shopKey = body(shopCreated).path("secret").asText();
        awaitAppliedBy(till, third, "ADM1");
        String hold = "{\"reservationId\":\"ADM-H1\",\"locationId\":\"store-e2e-1\",\"ttlSeconds\":900,"
                + "\"lines\":[{\"sku\":\"ADM-SKU\",\"quantity\":1}]}";
        HttpResponse<String> named = api.post("/v1/reservations", shopKey, hold, Map.of("x-source-id", storefront));
        assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
        String v1Hold = hold.replace("ADM-H1", "ADM-H2");
        await(() -> api.post("/v1/reservations", shopKey, v1Hold).statusCode() == 201, Duration.ofSeconds(30));
        // and its scope holds for reservations too
        HttpResponse<String> atWeb = api.post("/v1/reservations", shopKey, hold.replace("ADM-H1", "ADM-H3")
                .replace("store-e2e-1", "web-dc"), Map.of("x-source-id", storefront));
        assertThat(atWeb.statusCode()).isEqualTo(403);
        assertThat(body(api.get("/v1/inventory/ADM-SKU/locations/store-e2e-1")).path("reserved").asInt()).isEqualTo(2);
    }

    @Test
    void vendors_shouldSellThroughTheirOwnWebhooksOnce_andAShopifyChannelReceiveItsNumber() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(cloud != null, "the admin routes take IAM outside the local cloud");
        String run = Long.toString(System.nanoTime(), 36);
        String store = "store-shopify-" + run;
        String shirt = "SHP-SHIRT-" + run;
        String cap = "SHP-CAP-" + run;
        post("V0-" + run, event("V0-" + run, "RECEIPT", 0, store, line(shirt, 10), line(cap, 5)));
        awaitApplied("V0-" + run);

        // A Shopify store as a source: configured through the admin route, the app's secret given.
        String source = "shopify-" + run;
        HttpResponse<String> created = api.unsigned("PUT", "/v1/admin/sources/" + source, "{\"locations\":[\"" + store
                + "\"],\"eventTypes\":[\"SALE\",\"RETURN\"],\"vendor\":{\"kind\":\"SHOPIFY\","
                + "\"shopDomain\":\"acme-outfitters.myshopify.com\",\"webLocationId\":\"" + store + "\","
                + "\"locations\":{\"48752903\":\"" + store + "\"},"
                + "\"items\":{\"9007199254740993\":\"" + shirt + "\",\"44871100299\":\"" + cap + "\"}}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String whsec = body(created).path("secret").asText();
        String appSecret = "shpss_e2e_" + run;
        HttpResponse<String> given = api.unsigned("POST", "/v1/admin/sources/" + source + "/secrets",
                "{\"secret\":\"" + appSecret + "\"}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);

        // The shop's POS order, as Shopify sends it: signed with another key it is refused, nothing changes.
        byte[] order = java.nio.file.Files.readAllBytes(Path.of(System.getProperty("events.dir"))
                .resolve("vendors/shopify/orders-create/pos-order.json"));
        String eventId = "shopify:acme-outfitters.myshopify.com:order:5940139491234";
        HttpResponse<String> forged = vendorPost(source, "shopify", order, Map.of("X-Shopify-Topic", "orders/create",
                "X-Shopify-Hmac-Sha256", io.inventorysync.auth.VendorSignature.sign("not-the-app-secret", order)));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(body(forged).path("code").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(api.get("/v1/sources/" + source + "/events/" + eventId, whsec).statusCode()).isEqualTo(404);

        Map<String, String> signed = Map.of("X-Shopify-Topic", "orders/create",
                "X-Shopify-Hmac-Sha256", io.inventorysync.auth.VendorSignature.sign(appSecret, order));
        HttpResponse<String> sold = vendorPost(source, "shopify", order, signed);
        assertThat(sold.statusCode()).as(sold.body()).isEqualTo(200);
        assertThat(body(sold).path("events").get(0).path("status").asText()).isEqualTo("QUEUED");
        awaitAppliedBy(source, whsec, eventId);
        // Shopify retries the identical delivery; a later receipt of the same record shows it sold once.
        assertThat(vendorPost(source, "shopify", order, signed).statusCode()).isEqualTo(200);
        post("V1-" + run, event("V1-" + run, "RECEIPT", 1, store, line(shirt, 1)));
        awaitApplied("V1-" + run);
        assertThat(body(api.get("/v1/inventory/" + shirt + "/locations/" + store)).path("onHand").asLong()).isEqualTo(9);
        assertThat(body(api.get("/v1/inventory/" + cap + "/locations/" + store)).path("onHand").asLong()).isEqualTo(4);
        assertThat(body(api.get("/v1/sources/" + source + "/events/" + eventId, whsec)).path("status").asText())
                .isEqualTo("APPLIED");

        // A Square account as a source: a notification pulls at once, and the schedule pulls what came later.
        String squareStore = "store-square-" + run;
        String tea = "SQ-TEA-" + run;
        post("V2-" + run, event("V2-" + run, "RECEIPT", 0, squareStore, line(tea, 10)));
        awaitApplied("V2-" + run);
        List<String> changes = java.util.Collections.synchronizedList(new ArrayList<>(List.of(squareSale("SALE-A-" + run, 1))));
        // Kept until the cloud stops: the schedule goes on pulling this source.
        square = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        square.createContext("/v2/inventory/changes/batch-retrieve", exchange -> {
            boolean token = ("Bearer sq-token-" + run).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] page = ("{\"changes\":[" + String.join(",", changes) + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(token ? 200 : 401, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        square.start();
        String squareSource = "square-" + run;
        String notificationUrl = "https://inventory.example.com/v1/sources/" + squareSource + "/adapters/square";
        String tokenName = "inventory-sync/vendors/" + squareSource + "/token";
        cloud.secretsManager().put(tokenName, "sq-token-" + run);
        HttpResponse<String> squareCreated = api.unsigned("PUT", "/v1/admin/sources/" + squareSource,
                "{\"locations\":[\"" + squareStore + "\"],\"vendor\":{\"kind\":\"SQUARE\",\"merchantId\":\"M" + run
                        + "\",\"notificationUrl\":\"" + notificationUrl + "\",\"apiBaseUrl\":\"http://127.0.0.1:"
                        + square.getAddress().getPort() + "\",\"tokenSecretName\":\"" + tokenName
                        + "\",\"applicationId\":\"sq0idp-InventorySyncApp\",\"locations\":{\"SQLOC1\":\"" + squareStore
                        + "\"},\"items\":{\"SQ-VARIATION-1\":\"" + tea + "\"}}}");
        assertThat(squareCreated.statusCode()).as(squareCreated.body()).isEqualTo(201);
        String squareWhsec = body(squareCreated).path("secret").asText();
        String signatureKey = "sq-signature-key-" + run;
        assertThat(api.unsigned("POST", "/v1/admin/sources/" + squareSource + "/secrets",
                "{\"secret\":\"" + signatureKey + "\"}").statusCode()).isEqualTo(201);
        // The sample's notification, for this run's merchant (another merchant's pulls nothing).
        byte[] notification = java.nio.file.Files.readString(Path.of(System.getProperty("events.dir"))
                        .resolve("vendors/square/webhooks/inventory-count-updated.json"))
                .replace("\"merchant_id\": \"6SSW7HV8K2ST5\"", "\"merchant_id\": \"M" + run + "\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> notified = vendorPost(squareSource, "square", notification,
                Map.of("x-square-hmacsha256-signature", io.inventorysync.auth.VendorSignature.sign(signatureKey,
                        io.inventorysync.auth.VendorSignature.squareSigned(notificationUrl, notification))));
        assertThat(notified.statusCode()).as(notified.body()).isEqualTo(200);
        awaitAppliedBy(squareSource, squareWhsec, "square:M" + run + ":adj:SALE-A-" + run);
        // A later sale, not notified: the schedule (every second here, 5 minutes deployed) pulls it.
        changes.add(squareSale("SALE-B-" + run, 2));
        awaitAppliedBy(squareSource, squareWhsec, "square:M" + run + ":adj:SALE-B-" + run);
        assertThat(body(api.get("/v1/inventory/" + tea + "/locations/" + squareStore)).path("onHand").asLong())
                .isEqualTo(7);

        // And a Shopify store as a channel: its connector sets the shop's number (7 - 1 of safety stock),
        // compared and set on what the shop had.
        fakeShop.available.put(SHOP_ITEM, 2L);
        post("V3-" + run, event("V3-" + run, "RECEIPT", 0, "web-shopify-e2e", line("SHP-E2E-OUT", 7)));
        await(() -> fakeShop.applied.get() > 0, Duration.ofSeconds(30));
        assertThat(fakeShop.available.get(SHOP_ITEM)).isEqualTo(6);
        assertThat(fakeShop.mutations).singleElement().satisfies(m -> {
            assertThat(m.get("changeFromQuantity")).isEqualTo(2L);
            assertThat(m.get("outcome")).isEqualTo("APPLIED");
        });
    }

    /** A Square adjustment IN_STOCK → SOLD of {@code quantity} at SQLOC1, made now, as BatchRetrieveInventoryChanges answers it. */
    private static String squareSale(String id, int quantity) {
        String now = Instant.now().toString();
        return "{\"type\":\"ADJUSTMENT\",\"adjustment\":{\"id\":\"" + id + "\",\"from_state\":\"IN_STOCK\","
                + "\"to_state\":\"SOLD\",\"location_id\":\"SQLOC1\",\"catalog_object_id\":\"SQ-VARIATION-1\","
                + "\"quantity\":\"" + quantity + "\",\"occurred_at\":\"" + now + "\",\"created_at\":\"" + now + "\","
                + "\"source\":{\"product\":\"SQUARE_POS\",\"application_id\":\"sq0idp-SquarePOS\"}}}";
    }

    /** A vendor's delivery: the raw bytes with the vendor's own headers, no Standard Webhooks signature. */
    private static HttpResponse<String> vendorPost(String sourceId, String vendor, byte[] body, Map<String, String> headers)
            throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        cloud.apiUrl().resolve("/v1/sources/" + sourceId + "/adapters/" + vendor))
                .header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitAppliedBy(String sourceId, String secret, String eventId) {
        await(() -> {
            HttpResponse<String> status = api.get("/v1/sources/" + sourceId + "/events/" + eventId, secret);
            return status.statusCode() == 200 && body(status).path("status").asText().equals("APPLIED");
        }, Duration.ofSeconds(30));
    }

    private static void awaitApplied(String... eventIds) {
        for (String id : eventIds) {
            await(() -> {
                HttpResponse<String> status = api.get("/v1/sources/pos-demo/events/" + id, pos);
                return status.statusCode() == 200 && !body(status).path("status").asText().equals("QUEUED");
            }, Duration.ofSeconds(30));
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String event(String id, String type, int minutes, String location, String... linesOrExtra) {
        String extra = "";
        List<String> lines = new ArrayList<>();
        for (String part : linesOrExtra) {
            if (part.startsWith(",")) {
                extra = part;
            } else {
                lines.add(part);
            }
        }
        return "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + T.plus(Duration.ofMinutes(minutes))
                + "\",\"locationId\":\"" + location + "\"" + extra + ",\"reference\":\"e2e/" + id + "\",\"lines\":["
                + String.join(",", lines) + "]}";
    }

    private static String line(String sku, int quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
    }

    private static JsonNode body(HttpResponse<String> response) {
        return parse(response.body());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Per-channel availability (contract v1.1) through HTTP only: signed movements at three pool
     * locations of web-storefront ({@code web-dc} and {@code store-*}, 1 held back, 3 at store-12),
     * one of them oversold; the channel's own queue receives each new number once per change, with
     * the formula's number, {@code previous} and versions 1, 2, 3; no other channel's queue does;
     * the read route answers the last event's document.
     */
    @Test
    void channelAvailability_shouldReachItsOwnChannelOnly_withTheFormulasNumberEachVersionAndTheSameDocumentOnTheRoute() {
        String sku = "CHN-HAT-" + Long.toString(System.nanoTime(), 36).toUpperCase(java.util.Locale.ROOT);
        Map<String, List<JsonNode>> received = new HashMap<>();
        // web-dc: 7 - 1 = 6
        post("CH1-" + sku, event("CH1-" + sku, "RECEIPT", 0, "web-dc", line(sku, 7)));
        JsonNode v1 = awaitNumber(received, sku, 1);
        // store-12: 5 - 3 = 2, so 8
        post("CH2-" + sku, event("CH2-" + sku, "RECEIPT", 1, "store-12", line(sku, 5)));
        JsonNode v2 = awaitNumber(received, sku, 2);
        // store-14 sells 2 it never had: oversold, it counts 0 (not -3): the number stays 8, no event
        post("CH3-" + sku, event("CH3-" + sku, "SALE", 2, "store-14", line(sku, 2)));
        await(() -> {
            collect(received);
            return received.get("analytics").stream().anyMatch(e -> e.path("detail-type").asText().equals("StockWentNegative")
                    && e.path("detail").path("sku").asText().equals(sku));
        }, Duration.ofSeconds(30));
        // store-14 receives 5: 3 on hand, 3 - 1 = 2, so 10
        post("CH4-" + sku, event("CH4-" + sku, "RECEIPT", 3, "store-14", line(sku, 5)));
        JsonNode v3 = awaitNumber(received, sku, 3);

        assertThat(new long[] {v1.path("available").asLong(), v2.path("available").asLong(), v3.path("available").asLong()})
                .containsExactly(6, 8, 10);
        assertThat(v1.path("previous").toString()).isEqualTo("{\"available\":0,\"version\":0}");
        assertThat(v2.path("previous").toString()).isEqualTo("{\"available\":6,\"version\":1}");
        assertThat(v3.path("previous").toString()).isEqualTo("{\"available\":8,\"version\":2}");
        assertThat(v3.path("locations").toString()).isEqualTo("[{\"locationId\":\"store-12\",\"available\":2},"
                + "{\"locationId\":\"store-14\",\"available\":2},{\"locationId\":\"web-dc\",\"available\":6}]");
        // one number per version, nothing but versions 1, 2, 3, each valid against the schema
        List<JsonNode> numbers = numbers(received.get("web-storefront"), sku);
        assertThat(numbers).extracting(n -> n.path("version").asLong()).containsOnly(1L, 2L, 3L);
        assertThat(numbers).allSatisfy(n -> assertThat(n.path("available").asLong())
                .isEqualTo(List.of(v1, v2, v3).get((int) n.path("version").asLong() - 1).path("available").asLong()));
        assertThat(numbers).allSatisfy(n -> assertThat(OutboundSchemas.problems("ChannelAvailabilityChanged", n)).isEmpty());
        // no other channel hears of it
        received.forEach((channel, events) -> {
            if (!channel.equals("web-storefront")) {
                assertThat(events).as(channel).noneMatch(e -> e.path("detail-type").asText().equals("ChannelAvailabilityChanged"));
            }
        });
        // the route answers the same document as the last event
        HttpResponse<String> read = api.get("/v1/channels/web-storefront/availability/" + sku);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(body(read)).isEqualTo(v3);
        JsonNode never = body(api.get("/v1/channels/web-storefront/availability/" + sku + "-NEVER"));
        assertThat(never.path("version").asLong()).isZero();
        assertThat(never.path("available").asLong()).isZero();
        assertThat(never.path("previous").isNull()).isTrue();
        HttpResponse<String> noPool = api.get("/v1/channels/analytics/availability/" + sku);
        assertThat(noPool.statusCode()).isEqualTo(404);
        assertThat(body(noPool).path("code").asText()).isEqualTo("CHANNEL_NOT_FOUND");
    }

    /** Waits for web-storefront's number of {@code sku} at {@code version}; returns that event's detail. */
    private static JsonNode awaitNumber(Map<String, List<JsonNode>> received, String sku, long version) {
        await(() -> {
            collect(received);
            return numbers(received.get("web-storefront"), sku).stream().anyMatch(n -> n.path("version").asLong() == version);
        }, Duration.ofSeconds(30));
        return numbers(received.get("web-storefront"), sku).stream().filter(n -> n.path("version").asLong() == version)
                .findFirst().orElseThrow();
    }

    private static void collect(Map<String, List<JsonNode>> received) {
        channelQueues.forEach((name, url) -> received.computeIfAbsent(name, n -> new ArrayList<>()).addAll(drain(url)));
    }

    private static List<JsonNode> numbers(List<JsonNode> events, String sku) {
        return events == null ? List.of() : events.stream()
                .filter(e -> e.path("detail-type").asText().equals("ChannelAvailabilityChanged")
                        && e.path("detail").path("sku").asText().equals(sku))
                .map(e -> e.path("detail"))
                .toList();
    }

    /** A secret no source has. */
    private static final class SignedClientSecrets {
        static final String OTHER = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    }
}
