package io.inventorysync.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.http.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole path on the embedded engines: latency from the webhook POST to the event in a
 * channel's queue (p50, p99) at a steady rate, and the sustained rate with four senders posting as
 * fast as they can, measured from the first POST to the last event reaching the channel.
 * Run: with {@code java} on the reactor's class path, as the README's Benchmark section shows (no {@code mvn install};
 * optional {@code -Dbench.events=N}).
 */
public final class EndToEndBenchmark {
    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 2_000);
        LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, Map.of(), null,
                Path.of(System.getProperty("infra.dir")).resolve("channels.json"), false,
                Path.of(System.getProperty("events.dir")), 60));
        SignedClient api = new SignedClient(cloud.apiUrl());
        String secret = cloud.sources().get("pos-demo");
        SqsClient sqs = cloud.sqs();
        String analytics = cloud.channelQueues().get("analytics");

        Map<String, Long> posted = new ConcurrentHashMap<>();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> {
            while (running.get()) {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(analytics).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                long now = System.nanoTime();
                for (Message m : messages) {
                    try {
                        JsonNode e = Json.MAPPER.readTree(m.body());
                        if (e.path("detail-type").asText().equals("InventoryLevelChanged")) {
                            arrived.putIfAbsent(e.path("detail").path("cause").path("eventId").asText(), now);
                        }
                    } catch (java.io.IOException ex) {
                        throw new IllegalStateException(ex);
                    }
                    sqs.deleteMessage(r -> r.queueUrl(analytics).receiptHandle(m.receiptHandle()));
                }
            }
        });
        consumer.start();

        // Phase 1: a steady 25 events/s, so latency is the path's, not a queue's.
        int paced = Math.max(100, events / 4);
        for (int i = 0; i < paced; i++) {
            long next = System.nanoTime() + 40_000_000L;
            post(api, secret, "lat-" + i, i, posted);
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
        }
        await(arrived, posted.keySet().stream().filter(k -> k.startsWith("lat-")).toList(), 60);
        long[] latencies = posted.entrySet().stream().filter(e -> e.getKey().startsWith("lat-"))
                .mapToLong(e -> arrived.get(e.getKey()) - e.getValue()).sorted().toArray();

        // Phase 2: four senders as fast as they go.
        ExecutorService senders = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            int n = i;
            senders.submit(() -> post(api, secret, "load-" + n, n, posted));
        }
        senders.shutdown();
        senders.awaitTermination(10, TimeUnit.MINUTES);
        double postSeconds = (System.nanoTime() - start) / 1e9;
        List<String> load = posted.keySet().stream().filter(k -> k.startsWith("load-")).toList();
        await(arrived, load, 600);
        long last = load.stream().mapToLong(arrived::get).max().orElseThrow();
        double endToEndSeconds = (last - start) / 1e9;
        running.set(false);
        consumer.join();

        System.out.printf("%nEnd-to-end benchmark on the embedded engines (local cloud, one JVM), JDK %s, %d cores%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf("| webhook POST to channel queue, p50 (ms), %d events at 25/s | %.1f |%n", paced,
                latencies[latencies.length / 2] / 1e6);
        System.out.printf("| webhook POST to channel queue, p99 (ms) | %.1f |%n", latencies[(int) (latencies.length * 0.99)] / 1e6);
        System.out.printf("| accepted by the webhook, events/s (4 senders, %d events) | %.0f |%n", events, events / postSeconds);
        System.out.printf("| sustained end to end (first POST to last event in the channel), events/s | %.0f |%n",
                events / endToEndSeconds);
        cloud.close();
        System.exit(0);
    }

    private static void post(SignedClient api, String secret, String id, int n, Map<String, Long> posted) {
        String body = "{\"eventId\":\"" + id + "\",\"type\":\"RECEIPT\",\"occurredAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"locationId\":\"store-" + (n % 5) + "\",\"lines\":[{\"sku\":\"SKU-" + (n % 200) + "\",\"quantity\":1}]}";
        long t = System.nanoTime();
        int status = api.post("/v1/sources/pos-demo/events", secret, body).statusCode();
        if (status != 202) {
            throw new IllegalStateException("event " + id + " refused: " + status);
        }
        posted.put(id, t);
    }

    private static void await(Map<String, Long> arrived, List<String> ids, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!arrived.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((ids.size() - ids.stream().filter(arrived::containsKey).count())
                        + " events never reached the channel");
            }
            Thread.sleep(50);
        }
    }

}
