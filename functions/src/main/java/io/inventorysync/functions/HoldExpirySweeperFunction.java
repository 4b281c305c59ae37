package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.inventorysync.ingest.OutboxRelay;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.reservations.HoldExpirySweep;
import io.inventorysync.settings.Environment;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.telemetry.Telemetry;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Runs every minute (EventBridge schedule): releases every hold past {@code expiresAt}, then relays
 * the events the webhook left in the queue outbox ({@link OutboxRelay}), both within the
 * invocation's time less a safety margin. A backlog larger than one run drains over the next runs.
 */
public final class HoldExpirySweeperFunction implements RequestHandler<ScheduledEvent, HoldExpirySweeperFunction.Run> {
    private final HoldExpirySweep sweep;
    private final OutboxRelay relay;

    /** What one scheduled run did: the holds it expired, the outbox events it relayed. */
    public record Run(HoldExpirySweep.Result holds, OutboxRelay.Result outbox) {
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

    HoldExpirySweeperFunction(Scheduled work) {
        this(work.sweep(), work.relay());
    }

    HoldExpirySweeperFunction(HoldExpirySweep sweep, OutboxRelay relay) {
        this.sweep = sweep;
        this.relay = relay;
    }

    private record Scheduled(HoldExpirySweep sweep, OutboxRelay relay) {
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final Scheduled SWEEP = Wiring.sweep(AWS);

        static {
            Priming.register(AWS, Priming::telemetry);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static Scheduled sweep(AwsClients aws) {
            Clock clock = Clock.systemUTC();
            DynamoDbInventoryStore store = DynamoDbInventoryStore.builder()
                    .dynamoDbClient(aws.dynamoDb()).tableName(aws.env(Settings.TABLE_NAME)).build();
            return new Scheduled(new HoldExpirySweep(store, clock, Integer.parseInt(aws.env(Settings.SWEEP_THREADS,
                    Integer.toString(Settings.SWEEP_THREADS_DEFAULT)))),
                    new OutboxRelay(store, new SqsMovementQueue(aws.sqs(), aws.env(Settings.MOVEMENTS_QUEUE_URL),
                            Settings.QUEUE_SEND_BASE_DELAY, Settings.QUEUE_SEND_LANES, clock), clock));
        }
    }

    @Override
    public Run handleRequest(ScheduledEvent event, Context context) {
        Telemetry telemetry = Telemetry.start("HoldExpirySweeper");
        LongSupplier remaining = () -> context == null ? Long.MAX_VALUE
                : context.getRemainingTimeInMillis() - Settings.SWEEP_SAFETY_MARGIN.toMillis();
        try {
            HoldExpirySweep.Result holds = sweep.run(remaining, telemetry);
            return new Run(holds, relay.run(remaining, telemetry));
        } finally {
            telemetry.flush();
        }
    }
}
