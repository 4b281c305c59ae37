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

/**
 * Runs every minute (EventBridge schedule): releases every hold past {@code expiresAt}, within the
 * invocation's time less a safety margin. A backlog larger than one run drains over the next runs.
 */
public final class HoldExpirySweeperFunction implements RequestHandler<ScheduledEvent, HoldExpirySweep.Result> {
    private final HoldExpirySweep sweep;

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
            Priming.register(AWS);
        }
    }

    /** How the function is built: once per container, or from an environment it is given. */
    private static final class Wiring {
        static HoldExpirySweep sweep(AwsClients aws) {
            return new HoldExpirySweep(DynamoDbInventoryStore.builder()
                    .dynamoDbClient(aws.dynamoDb()).tableName(aws.env(Settings.TABLE_NAME)).build(),
                    Clock.systemUTC(), Integer.parseInt(aws.env(Settings.SWEEP_THREADS,
                            Integer.toString(Settings.SWEEP_THREADS_DEFAULT))));
        }
    }

    @Override
    public HoldExpirySweep.Result handleRequest(ScheduledEvent event, Context context) {
        Telemetry telemetry = Telemetry.start("HoldExpirySweeper");
        try {
            return sweep.run(() -> context == null ? Long.MAX_VALUE
                    : context.getRemainingTimeInMillis() - Settings.SWEEP_SAFETY_MARGIN.toMillis(), telemetry);
        } finally {
            telemetry.flush();
        }
    }
}
