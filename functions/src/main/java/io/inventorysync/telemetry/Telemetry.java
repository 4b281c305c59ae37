package io.inventorysync.telemetry;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.cloudwatchlogs.emf.exception.DimensionSetExceededException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidDimensionException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidMetricException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidNamespaceException;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Metrics of one invocation, written as CloudWatch Embedded Metric Format by AWS's EMF library
 * (one JSON log line at {@link #flush()}; CloudWatch turns it into metrics, no API call).
 * Namespace {@code InventorySync}, dimension {@code Function}.
 */
public final class Telemetry {
    public static final String NAMESPACE = "InventorySync";
    private static final Logger LOG = LogManager.getLogger(Telemetry.class);

    static {
        // Outside Lambda (tests, the local cloud) write to stdout instead of probing for an agent.
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        }
    }

    private final MetricsLogger metrics = new MetricsLogger();
    private final String function;
    private final boolean discarded;
    private boolean recorded;

    private Telemetry(String function, boolean discarded) {
        this.function = function;
        this.discarded = discarded;
        try {
            metrics.setNamespace(NAMESPACE);
            metrics.setDimensions(DimensionSet.of("Function", function));
        } catch (InvalidNamespaceException | InvalidDimensionException | DimensionSetExceededException e) {
            throw new IllegalStateException("invalid metric set-up for " + function, e);
        }
    }

    /** Starts the metrics of one invocation of {@code function}. */
    public static Telemetry start(String function) {
        return new Telemetry(function, false);
    }

    /**
     * Metrics that are recorded as usual and never written: for priming, which runs an
     * invocation's code before any real invocation and must not count anything.
     */
    public static Telemetry discarded() {
        return new Telemetry("prime", true);
    }

    public void count(String metric, long value) {
        put(metric, value, Unit.COUNT);
    }

    /** A count under an extra dimension, e.g. rejected requests by problem code. */
    public void count(String metric, long value, String dimension, String dimensionValue) {
        try {
            MetricsLogger split = new MetricsLogger();
            split.setNamespace(NAMESPACE);
            split.setDimensions(DimensionSet.of("Function", function, dimension, dimensionValue));
            split.putMetric(metric, value, Unit.COUNT);
            if (!discarded) {
                split.flush();
            }
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
        if (recorded && !discarded) {
            metrics.flush();
        }
    }
}
