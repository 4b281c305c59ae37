package io.inventorysync.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.inventorysync.domain.Source;
import io.inventorysync.functions.Handlers;
import io.inventorysync.functions.WebhookFunction;
import io.inventorysync.ingest.IngestService;
import io.inventorysync.ingest.IngestRelay;
import io.inventorysync.processor.SqsPoisonQueue;
import io.inventorysync.testing.StreamRelay;
import io.inventorysync.settings.Settings;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.Signer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The largest requests the ingest route accepts, through the webhook handler and then the ingest
 * relay reading the table's real stream, on DynamoDB Local and ElasticMQ (loopback): the issue's
 * shape (100 events × 56 lines, about 235 KB) and the densest body that fits 256 KB (one- and
 * two-character SKUs), each as sales and as transfers (two movements a line). The webhook's answer
 * time (it sends nothing) and the relay's time to queue every movement, with one lane (baseline)
 * and with the deployed lanes, in the same run. Runs interleave shapes and modes; the queue is
 * purged after each run.
 * Run: {@code mvn -B -ntp -pl functions -am test-compile exec:exec@bench -Dexec.skip -Dexec.executable=true
 * -Dbench.main=io.inventorysync.bench.LargestRequestBenchmark [-Dbench.runs=5]}.
 */
public final class LargestRequestBenchmark {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private LargestRequestBenchmark() {
    }

    /** One request shape: its body builder. */
    record Shape(String name, String type, int linesPerEvent, boolean dense) {
        String body(String prefix) {
            StringBuilder b = new StringBuilder("{\"events\":[");
            String at = Instant.now().minusSeconds(60).toString();
            for (int e = 0; e < 100; e++) {
                b.append(e == 0 ? "" : ",").append("{\"eventId\":\"").append(prefix).append('-').append(e)
                        .append("\",\"type\":\"").append(type).append("\",\"occurredAt\":\"").append(at)
                        .append("\",\"locationId\":\"s").append(e % 7).append('"');
                if (type.equals("TRANSFER_OUT")) {
                    b.append(",\"toLocationId\":\"d\"");
                }
                b.append(",\"lines\":[");
                for (int l = 0; l < linesPerEvent; l++) {
                    b.append(l == 0 ? "" : ",").append("{\"sku\":\"").append(dense ? denseSku(l)
                            : String.format("BLU-SHIRT-M-%04d", l)).append("\",\"quantity\":1}");
                }
                b.append("]}");
            }
            return b.append("]}").toString();
        }

        int movements() {
            return 100 * linesPerEvent * (type.equals("TRANSFER_OUT") ? 2 : 1);
        }
    }

    private static String denseSku(int l) {
        return l < ALPHABET.length() ? ALPHABET.substring(l, l + 1)
                : "" + ALPHABET.charAt(l / ALPHABET.length()) + ALPHABET.charAt(l % ALPHABET.length());
    }

    /** The most lines per event (at most 100) whose 100-event body fits the contract's 256 KB. */
    private static int densestLines(String type) {
        int lines = 100;
        while (new Shape("", type, lines, true).body("x-00000").getBytes(StandardCharsets.UTF_8).length
                > IngestService.MAX_BODY_BYTES) {
            lines--;
        }
        return lines;
    }

    /** How the relay sends: its lanes (batches in flight at once). */
    record Mode(String name, int lanes) {
    }

    public static void main(String[] args) {
        int runs = Integer.getInteger("bench.runs", 5);
        IngestPipeline pipeline = new IngestPipeline(LocalDynamoDb.clientWithoutSdkRetries(), LocalSqs.client(),
                Clock.systemUTC());
        String secret = pipeline.register("pos-bench", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        WebhookFunction webhook = Handlers.webhook(new IngestService(pipeline.sources, pipeline.signingSecrets,
                pipeline.store, Clock.systemUTC()));
        List<Mode> modes = List.of(new Mode("relay, 1 lane (baseline)", 1),
                new Mode("relay, " + Settings.QUEUE_SEND_LANES + " lanes (deployed)", Settings.QUEUE_SEND_LANES));
        // One stream reader per mode; each mode's relay reads every record, the other's included: a
        // request is relayed by the mode under test only, the other reader skips what it sees.
        List<StreamRelay> relays = modes.stream().map(mode -> new StreamRelay(LocalDynamoDb.client(), pipeline.table,
                new IngestRelay(new SqsMovementQueue(pipeline.sqs, pipeline.queues.url(), Duration.ofMillis(50), mode.lanes(),
                        Clock.systemUTC()), new SqsPoisonQueue(pipeline.sqs, pipeline.queues.deadLetterUrl()),
                        pipeline.store::recordRelayRefusal, Clock.systemUTC()))).toList();
        List<Shape> shapes = List.of(
                new Shape("issue's shape, sales", "SALE", 56, false),
                new Shape("issue's shape, transfers", "TRANSFER_OUT", 56, false),
                new Shape("densest, sales", "SALE", densestLines("SALE"), true),
                new Shape("densest, transfers", "TRANSFER_OUT", densestLines("TRANSFER_OUT"), true));

        for (int m = 0; m < modes.size(); m++) {
            post(pipeline, relays, m, webhook, secret, shapes.getFirst(), "warm-" + m);
        }
        long[][][] answers = new long[modes.size()][shapes.size()][runs];
        long[][][] relayed = new long[modes.size()][shapes.size()][runs];
        for (int run = 0; run < runs; run++) {
            for (int s = 0; s < shapes.size(); s++) {
                for (int m = 0; m < modes.size(); m++) {
                    long[] result = post(pipeline, relays, m, webhook, secret, shapes.get(s), "r" + run + "s" + s + "m" + m);
                    answers[m][s][run] = result[0];
                    relayed[m][s][run] = result[1];
                }
            }
        }

        System.out.printf("%nLargest request benchmark: %d runs per shape and mode, DynamoDB Local + ElasticMQ on loopback, "
                + "JDK %s, %d cores, load average %.1f%n", runs, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| request | body KB | movements | relay | answer p50 (ms) | answer max (ms) | relayed p50 (ms) | relayed max (ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int s = 0; s < shapes.size(); s++) {
            Shape shape = shapes.get(s);
            for (int m = 0; m < modes.size(); m++) {
                long[] t = answers[m][s].clone();
                long[] r = relayed[m][s].clone();
                Arrays.sort(t);
                Arrays.sort(r);
                System.out.printf("| %s (100 x %d lines) | %.0f | %,d | %s | %.0f | %.0f | %.0f | %.0f |%n", shape.name(),
                        shape.linesPerEvent(), shape.body("x-00000").getBytes(StandardCharsets.UTF_8).length / 1024.0,
                        shape.movements(), modes.get(m).name(), t[t.length / 2] / 1e6, t[t.length - 1] / 1e6,
                        r[r.length / 2] / 1e6, r[r.length - 1] / 1e6);
            }
        }
        System.exit(0);
    }

    /**
     * Posts one request, then relays it from the table's stream with mode {@code m}'s relay (the
     * other modes' readers skip it), checks every movement reached the queue, and purges it.
     *
     * @return the answer time and the relay time (ns)
     */
    private static long[] post(IngestPipeline pipeline, List<StreamRelay> relays, int m, WebhookFunction webhook,
                               String secret, Shape shape, String prefix) {
        String body = shape.body(prefix);
        APIGatewayV2HTTPEvent request = IngestPipeline.post("pos-bench", body, Signer.headers(secret, body));
        long start = System.nanoTime();
        int status = webhook.handleRequest(request, null).getStatusCode();
        long elapsed = System.nanoTime() - start;
        if (status != 202) {
            throw new IllegalStateException(shape.name() + " refused: " + status);
        }
        int before = relays.get(m).results().size();
        long relayStart = System.nanoTime();
        if (!relays.get(m).deliverUntilDone(3)) {
            throw new IllegalStateException(shape.name() + " not relayed");
        }
        long relayTime = System.nanoTime() - relayStart;
        int queued = relays.get(m).results().subList(before, relays.get(m).results().size()).stream()
                .mapToInt(IngestRelay.Result::movementsQueued).sum();
        if (queued != shape.movements()) {
            throw new IllegalStateException(shape.name() + ": " + queued + " of " + shape.movements() + " movements relayed");
        }
        for (int other = 0; other < relays.size(); other++) {
            if (other != m) {
                relays.get(other).skip();
            }
        }
        pipeline.sqs.purgeQueue(r -> r.queueUrl(pipeline.queues.url()));
        return new long[] {elapsed, relayTime};
    }
}
