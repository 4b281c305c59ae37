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
 * validation, one transaction), p50 and p99; and the hold-expiry sweep over a backlog of expired
 * holds, holds released per second.
 * Run: {@code mvn -B -q -pl functions test-compile exec:exec@bench -Dbench.main=io.inventorysync.bench.ReservationBenchmark}.
 */
public final class ReservationBenchmark {
    private ReservationBenchmark() {
    }

    public static void main(String[] args) {
        int creates = Integer.getInteger("bench.events", 2_000);
        int backlog = Integer.getInteger("bench.holds", 10_000);
        MutableClock clock = new MutableClock(Instant.now());
        IngestPipeline pipeline = new IngestPipeline(LocalDynamoDb.clientWithoutSdkRetries(), LocalSqs.client(), clock);
        String secret = pipeline.register("shop-web", Map.of(), Source.UnknownSkuPolicy.PASS_THROUGH);
        InventoryStore store = DynamoDbInventoryStore.builder().dynamoDbClient(pipeline.dynamo).tableName(pipeline.table)
                .clock(clock).build();
        var function = Handlers.reservations(new ReservationService(
                new SourceAuthenticator(pipeline.sources, pipeline.signingSecrets), store, List.of("shop-web"), clock));
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

        System.out.printf("%nReservation benchmark: %d creates (2 lines each), sweep of %d expired holds (plus the %d created), "
                + "DynamoDB Local in-process, JDK %s, %d cores%n", creates, backlog, creates + creates / 4,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf("| reservation create through the handler, p50 (ms) | %.2f |%n", latencies[creates / 2] / 1e6);
        System.out.printf("| reservation create through the handler, p99 (ms) | %.2f |%n", latencies[(int) (creates * 0.99)] / 1e6);
        System.out.printf("| sweep: holds expired | %d |%n", result.expired());
        System.out.printf("| sweep: holds released per second | %.0f |%n", result.expired() / seconds);
        System.exit(0);
    }
}
