package io.inventorysync.telemetry;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import com.fasterxml.jackson.core.JsonProcessingException;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.exception.DimensionSetExceededException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidDimensionException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidMetricException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidNamespaceException;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Metrics of one invocation, written as CloudWatch Embedded Metric Format by AWS's EMF library
 * (one JSON log line at {@link #flush()}; CloudWatch turns it into metrics, no API call).
 * Namespace {@code InventorySync}, dimension {@code Function}. The library's logger works on an
 * {@link EmfContext}: the library's own context, whose lines are written through jackson-core
 * instead of its {@code ObjectMapper}'s bean serializers, member for member as the library writes them.
 */
public final class Telemetry {
    public static final String NAMESPACE = "InventorySync";
    private static final Logger LOG = LogManager.getLogger(Telemetry.class);

    static {
        var config = EnvironmentConfigurationProvider.getConfig();
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            // Outside Lambda (tests, the local cloud) write to stdout instead of probing for an agent.
            config.setEnvironmentOverride(Environments.Local);
        } else if (config.getEnvironmentOverride() == Environments.Unknown) {
            // In Lambda: the environment the library's discovery picks there (its first probe is
            // AWS_LAMBDA_FUNCTION_NAME), named at once. Discovery would run its four probes on the
            // common ForkJoinPool at the container's first flush, the EC2 one an HTTP call to the
            // instance metadata address. An AWS_EMF_ENVIRONMENT set on the function still wins.
            config.setEnvironmentOverride(Environments.Lambda);
        }
    }

    /**
     * What a discarded {@code Telemetry} flushes into: the Lambda environment's context set-up and
     * the library's own serialization run as in a real flush (so priming warms them), and the lines
     * are dropped, never written.
     */
    private static final Environment DISCARDING = new DiscardingEnvironment(lines -> { });

    private final MetricsLogger metrics;
    private final String function;
    private final Environment discardTo;
    private boolean recorded;

    private Telemetry(String function, Environment discardTo) {
        this.function = function;
        this.discardTo = discardTo;
        this.metrics = logger();
        try {
            metrics.setNamespace(NAMESPACE);
            metrics.setDimensions(DimensionSet.of("Function", function));
        } catch (InvalidNamespaceException | InvalidDimensionException | DimensionSetExceededException e) {
            throw new IllegalStateException("invalid metric set-up for " + function, e);
        }
    }

    /** Starts the metrics of one invocation of {@code function}. */
    public static Telemetry start(String function) {
        return new Telemetry(function, null);
    }

    /**
     * Metrics that are recorded as usual and never written: for priming, which runs an
     * invocation's code before any real invocation and must not count anything.
     */
    public static Telemetry discarded() {
        return new Telemetry("prime", DISCARDING);
    }

    /** As {@link #discarded()}, handing each serialized line to {@code lines} instead of writing it: for tests. */
    static Telemetry discardedInto(Consumer<List<String>> lines) {
        return new Telemetry("prime", new DiscardingEnvironment(lines));
    }

    /**
     * The library's logger over an {@link EmfContext}: the library's own context, written without its
     * {@code ObjectMapper}'s bean serializers (issue 16, sixth round).
     */
    private MetricsLogger logger() {
        return new MetricsLogger(discardTo == null ? new EnvironmentProvider() : new Fixed(discardTo), new EmfContext());
    }

    /** The library's provider, answering one environment (the discarding one) instead of resolving it. */
    private static final class Fixed extends EnvironmentProvider {
        private final CompletableFuture<Environment> environment;

        Fixed(Environment environment) {
            this.environment = CompletableFuture.completedFuture(environment);
        }

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return environment;
        }
    }

    public void count(String metric, long value) {
        put(metric, value, Unit.COUNT);
    }

    /** A count under an extra dimension, e.g. rejected requests by problem code. */
    public void count(String metric, long value, String dimension, String dimensionValue) {
        try {
            MetricsLogger split = logger();
            split.setNamespace(NAMESPACE);
            split.setDimensions(DimensionSet.of("Function", function, dimension, dimensionValue));
            split.putMetric(metric, value, Unit.COUNT);
            split.flush();
        } catch (InvalidNamespaceException | InvalidDimensionException | DimensionSetExceededException
                 | InvalidMetricException e) {
            LOG.warn("metric {} not recorded: {}", metric, e.getMessage());
        }
    }

    public void milliseconds(String metric, long value) {
        put(metric, value, Unit.MILLISECONDS);
    }

    private void put(String metric, long value, Unit unit) {
        try {
            metrics.putMetric(metric, value, unit);
            recorded = true;
        } catch (InvalidMetricException e) {
            LOG.warn("metric {} not recorded: {}", metric, e.getMessage());
        }
    }

    /** Writes the invocation's metrics, if it recorded any. */
    public void flush() {
        if (recorded) {
            metrics.flush();
        }
    }

    /** The Lambda environment's context set-up with a sink that serializes and drops. */
    private record DiscardingEnvironment(Consumer<List<String>> lines) implements Environment {
        private static final Environment LAMBDA = new LambdaEnvironment();

        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return "discarded";
        }

        @Override
        public String getType() {
            return "discarded";
        }

        @Override
        public String getLogGroupName() {
            return "";
        }

        @Override
        public void configureContext(MetricsContext context) {
            LAMBDA.configureContext(context);
        }

        @Override
        public ISink getSink() {
            return new ISink() {
                @Override
                public void accept(MetricsContext context) {
                    try {
                        lines.accept(context.serialize());
                    } catch (JsonProcessingException e) {
                        LOG.warn("discarded metrics not serialized: {}", e.getMessage());
                    }
                }

                @Override
                public CompletableFuture<Void> shutdown() {
                    return CompletableFuture.completedFuture(null);
                }
            };
        }
    }
}
