package io.inventorysync.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Source;
import io.inventorysync.functions.Handlers;
import io.inventorysync.reservations.HoldExpirySweep;
import io.inventorysync.reservations.ReservationService;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.InventoryStore;
import io.inventorysync.store.ReservationResult;
import io.inventorysync.telemetry.Telemetry;
import io.inventorysync.testing.Events;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.LocalSqs;
import io.inventorysync.testing.MutableClock;
import io.inventorysync.testing.Signer;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Reservations in process on DynamoDB Local: create latency through the handler (signature,
 * validation, one transaction), p50 and p99; then, on the same holds in the same run, alternating,
 * an immediate commit against a deferred commit followed by a fulfil of all that remains (each
 * through the handler), p50 and p99; and the hold-expiry sweep over a backlog of expired holds,
 * holds released per second.
 * Run: {@code mvn -B -q -pl functions -am test-compile exec:exec@bench -Dexec.skip -Dexec.executable=true -Dbench.main=io.inventorysync.bench.ReservationBenchmark}.
 */
public final class ReservationBenchmark {
    private ReservationBenchmark() {
    }

    public static void main(String[] args) {
        int creates = Integer.getInteger("bench.events", 2_000);
        int backlog = Integer.getInteger("bench.holds", 10_000);
        MutableClock clock = new MutableClock(Instant.now());
        IngestPipeline pipeline = new IngestPipeline(LocalDynamoDb.clientWithoutSdkRetries(), LocalSqs.client(), clock);
        String secret = pipeline.registerStorefront("shop-web");
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(pipeline.dynamo).tableName(pipeline.table)
                .clock(clock).build();
        var function = Handlers.reservations(new ReservationService(
                new SourceAuthenticator(pipeline.sources, pipeline.signingSecrets), store, new io.inventorysync.auth.Storefronts(pipeline.sources, clock), clock));
        for (int sku = 0; sku < 100; sku++) {
            store.apply(Events.one("stock-" + sku, ChangeType.RECEIPT, clock.instant(), "web-dc", "SKU-" + sku, 1_000_000));
        }

        List<APIGatewayV2HTTPEvent> requests = IntStream.range(0, creates + creates / 4).mapToObj(i -> {
            String body = "{\"reservationId\":\"chk-" + i + "\",\"locationId\":\"web-dc\",\"lines\":[{\"sku\":\"SKU-"
                    + (i % 100) + "\",\"quantity\":1},{\"sku\":\"SKU-" + ((i + 37) % 100) + "\",\"quantity\":2}]}";
            return IngestPipeline.request("POST", "/v1/reservations", Map.of(), body, Signer.headers(secret, body), false);
        }).toList();
        long[] latencies = new long[creates];
        for (int i = 0; i < requests.size(); i++) {
            long t = System.nanoTime();
            int status = function.handleRequest(requests.get(i), null).getStatusCode();
            if (status != 201) {
                throw new IllegalStateException("hold refused: " + status);
            }
            if (i >= creates / 4) {
                latencies[i - creates / 4] = System.nanoTime() - t;
            }
        }
        Arrays.sort(latencies);

        // Every created hold settles, alternating so both paths see the same table and machine load:
        // even holds commit immediately, odd ones commit deferred and are then fulfilled.
        int warmUp = creates / 4;
        long[] immediate = new long[creates / 2];
        long[] deferred = new long[creates / 2];
        long[] fulfil = new long[creates / 2];
        long[] deferredAndFulfil = new long[creates / 2];
        for (int i = 0; i < requests.size(); i++) {
            String id = "chk-" + i;
            int n = (i - warmUp) / 2;
            boolean measured = i >= warmUp && n < creates / 2;
            if (i % 2 == 0) {
                long t = System.nanoTime();
                expect(200, function.handleRequest(post("/v1/reservations/" + id + "/commit", id, "", secret), null)
                        .getStatusCode(), "immediate commit");
                if (measured) {
                    immediate[n] = System.nanoTime() - t;
                }
            } else {
                long t = System.nanoTime();
                expect(200, function.handleRequest(post("/v1/reservations/" + id + "/commit", id,
                        "{\"fulfilment\":\"DEFERRED\"}", secret), null).getStatusCode(), "deferred commit");
                long t2 = System.nanoTime();
                expect(200, function.handleRequest(post("/v1/reservations/" + id + "/fulfil", id,
                        "{\"fulfilmentId\":\"ship-" + i + "\"}", secret), null).getStatusCode(), "fulfil");
                long t3 = System.nanoTime();
                if (measured) {
                    deferred[n] = t2 - t;
                    fulfil[n] = t3 - t2;
                    deferredAndFulfil[n] = t3 - t;
                }
            }
        }
        for (long[] sample : List.of(immediate, deferred, fulfil, deferredAndFulfil)) {
            Arrays.sort(sample);
        }

        // A backlog of holds that expire together, then one sweep (4 threads, as deployed).
        for (int i = 0; i < backlog; i++) {
            if (!(store.reserve(Events.hold("exp-" + i, "web-dc", 60, Events.held("SKU-" + (i % 100), 1)))
                    instanceof ReservationResult.Held)) {
                throw new IllegalStateException("backlog hold refused");
            }
        }
        clock.advance(Duration.ofSeconds(86_401));
        long start = System.nanoTime();
        HoldExpirySweep.Result result = new HoldExpirySweep(store, clock, 4).run(() -> Long.MAX_VALUE, Telemetry.start("bench"));
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%nReservation benchmark: %d creates (2 lines each, after %d unmeasured), each hold then "
                + "settled (half immediate, half deferred + fulfil), sweep of %d expired holds, "
                + "DynamoDB Local in-process, JDK %s, %d cores%n", creates, creates / 4, backlog,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf("| reservation create through the handler, p50 (ms) | %.2f |%n", latencies[creates / 2] / 1e6);
        System.out.printf("| reservation create through the handler, p99 (ms) | %.2f |%n", latencies[(int) (creates * 0.99)] / 1e6);
        System.out.printf("| immediate commit through the handler, p50 / p99 (ms), %d holds | %.2f / %.2f |%n",
                immediate.length, p(immediate, 0.50), p(immediate, 0.99));
        System.out.printf("| deferred commit through the handler, p50 / p99 (ms), %d holds | %.2f / %.2f |%n",
                deferred.length, p(deferred, 0.50), p(deferred, 0.99));
        System.out.printf("| fulfil (all that remains) through the handler, p50 / p99 (ms) | %.2f / %.2f |%n",
                p(fulfil, 0.50), p(fulfil, 0.99));
        System.out.printf("| deferred commit + fulfil, per hold, p50 / p99 (ms) | %.2f / %.2f |%n",
                p(deferredAndFulfil, 0.50), p(deferredAndFulfil, 0.99));
        System.out.printf("| sweep: holds expired | %d |%n", result.expired());
        System.out.printf("| sweep: holds released per second | %.0f |%n", result.expired() / seconds);
        System.exit(0);
    }

    private static APIGatewayV2HTTPEvent post(String path, String id, String body, String secret) {
        return IngestPipeline.request("POST", path, Map.of("reservationId", id), body, Signer.headers(secret, body), false);
    }

    private static void expect(int expected, int status, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }

    /** The {@code q} quantile of sorted nanoseconds, in milliseconds. */
    private static double p(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }
}
