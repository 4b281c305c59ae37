package io.inventorysync.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.http.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --demo}: replays the {@code events/} samples through the real HTTP path (signed as
 * {@code pos-demo}, the web shop's hold placed as {@code shop-web}), waits until every event is
 * applied, then prints the stock levels and what each channel queue received.
 */
final class Demo {
    private final LocalCloud cloud;
    private final Path eventsDir;
    private final PrintStream out;

    /** @param out where the demo's own lines go (the terminal, also when logs go to a file) */
    Demo(LocalCloud cloud, Path eventsDir, PrintStream out) {
        this.cloud = cloud;
        this.eventsDir = eventsDir;
        this.out = out;
    }

    void run() throws Exception {
        SignedClient client = new SignedClient(cloud.apiUrl());
        String pos = cloud.sources().get("pos-demo");
        String shop = cloud.sources().get("shop-web");
        List<String> eventIds = new ArrayList<>();
        for (Path sample : samples()) {
            if (sample.getFileName().toString().startsWith("09-")) {
                var hold = client.post("/v1/reservations", shop, "{\"reservationId\":\"chk-9f2\",\"locationId\":\"web-dc\","
                        + "\"lines\":[{\"sku\":\"BLU-SHIRT-M\",\"quantity\":1}]}");
                out.println("POST /v1/reservations chk-9f2 -> " + hold.statusCode());
            }
            String body = Files.readString(sample);
            var response = client.post("/v1/sources/pos-demo/events", pos, body);
            out.println("POST " + sample.getFileName() + " -> " + response.statusCode());
            for (JsonNode accepted : Json.MAPPER.readTree(response.body()).path("accepted")) {
                eventIds.add(accepted.path("eventId").asText());
            }
            awaitApplied(client, pos, eventIds);
        }
        Thread.sleep(1_500);
        out.println();
        for (String sku : List.of("BLU-SHIRT-M", "RED-SOCK")) {
            out.println("GET /v1/inventory/" + sku + " -> " + client.get("/v1/inventory/" + sku).body());
        }
        try (SqsClient sqs = cloud.sqs()) {
            cloud.channelQueues().forEach((name, url) -> {
                String count = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
                out.println("channel " + name + " has " + count + " event(s) waiting in " + url);
            });
        }
    }

    private static void awaitApplied(SignedClient client, String secret, List<String> eventIds) throws Exception {
        for (String eventId : eventIds) {
            for (int i = 0; i < 200; i++) {
                var status = client.get("/v1/sources/pos-demo/events/" + eventId, secret);
                if (status.statusCode() == 200 && !status.body().contains("\"QUEUED\"")) {
                    break;
                }
                Thread.sleep(50);
            }
        }
    }

    private List<Path> samples() {
        try (Stream<Path> files = Files.list(eventsDir.resolve("inbound/v1/samples"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
