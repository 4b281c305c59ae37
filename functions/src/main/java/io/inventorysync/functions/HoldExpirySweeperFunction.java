package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.inventorysync.reservations.HoldExpirySweep;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.telemetry.Telemetry;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Runs every minute (EventBridge schedule): releases every hold past {@code expiresAt}, within the
 * invocation's time less a safety margin. A backlog larger than one run drains over the next runs.
 * (Accepted events reach the movements queue through the table's stream: {@link IngestRelayFunction}.)
 */
public final class HoldExpirySweeperFunction implements RequestHandler<ScheduledEvent, HoldExpirySweeperFunction.Run> {
    private final HoldExpirySweep sweep;

    /** What one scheduled run did: the holds it expired. */
    public record Run(HoldExpirySweep.Result holds) {
    }

    /** Lambda's entry: everything is built once per container, from the environment. */
    public HoldExpirySweeperFunction() {
        this(Container.SWEEP);
    }

    /**
     * For a runtime that hands the function its environment as Lambda would (the local cloud):
     * builds the function's own clients from it, reading nothing JVM-wide.
     */
    public HoldExpirySweeperFunction(Environment env) {
        this(Wiring.sweep(new AwsClients(env)));
    }

    HoldExpirySweeperFunction(HoldExpirySweep sweep) {
        this.sweep = sweep;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final HoldExpirySweep SWEEP = Wiring.sweep(AWS);

        static {
            Priming.register(AWS, Priming::telemetry);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        /**
         * One executor per container serves the sweep's workers and the due-hold index's shard reads
         * (one per shard but the first, which the calling thread reads): a run reads the shards' first
         * pages before it starts a worker, so the two never wait on each other.
         */
        static HoldExpirySweep sweep(AwsClients aws) {
            int threads = Integer.parseInt(aws.env(Settings.SWEEP_THREADS, Integer.toString(Settings.SWEEP_THREADS_DEFAULT)));
            var workers = HoldExpirySweep.workers(Math.max(io.inventorysync.store.InventoryTable.ACTIVE_HOLD_SHARDS - 1,
                    threads - 1));
            DynamoDbInventoryStore store = DynamoDbInventoryStore.builder()
                    .dynamoDbClient(aws.dynamoDb()).tableName(aws.env(Settings.TABLE_NAME))
                    .shardReads(workers).build();
            return new HoldExpirySweep(store, Clock.systemUTC(), threads, workers);
        }
    }

    @Override
    public Run handleRequest(ScheduledEvent event, Context context) {
        Telemetry telemetry = Telemetry.start("HoldExpirySweeper");
        LongSupplier remaining = () -> context == null ? Long.MAX_VALUE
                : context.getRemainingTimeInMillis() - Settings.SWEEP_SAFETY_MARGIN.toMillis();
        try {
            return new Run(sweep.run(remaining, telemetry));
        } finally {
            telemetry.flush();
        }
    }
}
