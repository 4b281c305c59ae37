package io.inventorysync.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of one invocation, written as CloudWatch Embedded Metric Format: one JSON line on
 * standard output at {@link #flush()}, which CloudWatch Logs turns into metrics (no API call).
 * Namespace {@code InventorySync}, dimension {@code Function}.
 *
 * <p>The lines are those AWS's {@code aws-embedded-metrics} library wrote for the same calls (that
 * library was used until issue 16: its model is serialized by a Jackson {@code ObjectMapper} of its
 * own through bean introspection, about 0.1 to 0.2 s and 350 classes at the first flush of a cold
 * start, which no other code of a function needs): the {@code _aws} metadata (timestamp, namespace,
 * metric names and units, one dimension set), the dimensions and each metric's value, a metric
 * recorded several times as an array of its values, at most 100 metrics and 100 values of a metric
 * per line (the format's limits; more make more lines), every number a double; on Lambda the
 * library's properties {@code executionEnvironment}, {@code functionVersion}, {@code logStreamId}
 * and, for a sampled trace, {@code traceId}. A dimension the format refuses (empty, too long, not
 * printable ASCII) is refused as the library refused it: the metric is not recorded, with a WARN.
 * Specification: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
public final class Telemetry {
    public static final String NAMESPACE = "InventorySync";
    /** The format's limits: metrics per line, values per metric and line. */
    static final int MAX_METRICS = 100;
    static final int MAX_VALUES = 100;
    private static final Logger LOG = LogManager.getLogger(Telemetry.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** On Lambda: the properties the library added to every line (name, environment variable). */
    private static final Map<String, String> LAMBDA_PROPERTIES = lambdaProperties(System.getenv());

    private final String function;
    private final boolean discarded;
    private final Clock clock;
    private final PrintStream out;
    /** Metric name to its unit and values, in the order first recorded. */
    private final Map<String, Metric> metrics = new LinkedHashMap<>();

    private Telemetry(String function, boolean discarded, Clock clock, PrintStream out) {
        this.function = function;
        this.discarded = discarded;
        this.clock = clock;
        this.out = out;
    }

    /** Starts the metrics of one invocation of {@code function}. */
    public static Telemetry start(String function) {
        return new Telemetry(function, false, Clock.systemUTC(), System.out);
    }

    /** For tests: the lines go to {@code out}, stamped by {@code clock}. */
    static Telemetry start(String function, Clock clock, PrintStream out) {
        return new Telemetry(function, false, clock, out);
    }

    /**
     * Metrics that are recorded as usual and never written: for priming, which runs an
     * invocation's code before any real invocation and must not count anything.
     */
    public static Telemetry discarded() {
        return new Telemetry("prime", true, Clock.systemUTC(), System.out);
    }

    public void count(String metric, long value) {
        put(metric, value, "Count");
    }

    /** A count under an extra dimension, e.g. rejected requests by problem code; written at once, on its own line. */
    public void count(String metric, long value, String dimension, String dimensionValue) {
        String refused = refusedDimension(dimension, dimensionValue);
        if (refused != null || !validMetricName(metric)) {
            LOG.warn("metric {} not recorded: {}", metric, refused != null ? refused : "invalid metric name");
            return;
        }
        if (!discarded) {
            Map<String, Metric> one = new LinkedHashMap<>();
            one.put(metric, new Metric("Count"));
            one.get(metric).values.add((double) value);
            write(one, List.of("Function", dimension), List.of(function, dimensionValue));
        }
    }

    public void milliseconds(String metric, long value) {
        put(metric, value, "Milliseconds");
    }

    private void put(String metric, long value, String unit) {
        if (!validMetricName(metric)) {
            LOG.warn("metric {} not recorded: {}", metric, "invalid metric name");
            return;
        }
        // As the library: a metric keeps the unit it was first recorded with.
        metrics.computeIfAbsent(metric, m -> new Metric(unit)).values.add((double) value);
    }

    /** Writes the invocation's metrics, if it recorded any, and forgets them. */
    public void flush() {
        if (!metrics.isEmpty() && !discarded) {
            write(metrics, List.of("Function"), List.of(function));
        }
        metrics.clear();
    }

    private void write(Map<String, Metric> recorded, List<String> dimensions, List<String> dimensionValues) {
        long timestamp = clock.millis();
        // Each metric's values from this offset on are still to be written.
        Map<String, Integer> offsets = new LinkedHashMap<>();
        recorded.keySet().forEach(name -> offsets.put(name, 0));
        while (!offsets.isEmpty()) {
            List<String> names = new ArrayList<>(offsets.keySet()).subList(0, Math.min(MAX_METRICS, offsets.size()));
            StringWriter line = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(line)) {
                json.writeStartObject();
                json.writeObjectFieldStart("_aws");
                json.writeNumberField("Timestamp", timestamp);
                json.writeArrayFieldStart("CloudWatchMetrics");
                json.writeStartObject();
                json.writeStringField("Namespace", NAMESPACE);
                json.writeArrayFieldStart("Metrics");
                for (String name : names) {
                    json.writeStartObject();
                    json.writeStringField("Name", name);
                    json.writeStringField("Unit", recorded.get(name).unit);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("Dimensions");
                json.writeStartArray();
                for (String dimension : dimensions) {
                    json.writeString(dimension);
                }
                json.writeEndArray();
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
                for (int i = 0; i < dimensions.size(); i++) {
                    json.writeStringField(dimensions.get(i), dimensionValues.get(i));
                }
                for (String name : names) {
                    List<Double> values = recorded.get(name).values;
                    int from = offsets.get(name);
                    int to = Math.min(values.size(), from + MAX_VALUES);
                    json.writeFieldName(name);
                    if (to - from == 1) {
                        json.writeNumber(values.get(from));
                    } else {
                        json.writeStartArray();
                        for (int v = from; v < to; v++) {
                            json.writeNumber(values.get(v));
                        }
                        json.writeEndArray();
                    }
                    if (to == values.size()) {
                        offsets.remove(name);
                    } else {
                        offsets.put(name, to);
                    }
                }
                for (Map.Entry<String, String> property : LAMBDA_PROPERTIES.entrySet()) {
                    json.writeStringField(property.getKey(), property.getValue());
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println(line);
        }
    }

    /** Why the format refuses a dimension (the library's rules), or null. */
    static String refusedDimension(String name, String value) {
        if (name == null || name.isBlank() || value == null || value.isBlank()) {
            return "dimension name and value must not be empty";
        }
        if (name.length() > 250 || value.length() > 1024) {
            return "dimension name or value too long";
        }
        if (!printableAscii(name) || !printableAscii(value)) {
            return "dimension has invalid characters";
        }
        if (name.startsWith(":")) {
            return "dimension name must not start with ':'";
        }
        return null;
    }

    private static boolean validMetricName(String name) {
        return name != null && !name.isBlank() && name.length() <= 1024;
    }

    private static boolean printableAscii(String s) {
        return s.chars().allMatch(c -> c >= 32 && c < 127);
    }

    /** The library's Lambda properties, from the function's environment; none outside Lambda. */
    static Map<String, String> lambdaProperties(Map<String, String> env) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (env.get("AWS_LAMBDA_FUNCTION_NAME") == null) {
            return properties;
        }
        putIfSet(properties, "executionEnvironment", env.get("AWS_EXECUTION_ENV"));
        putIfSet(properties, "functionVersion", env.get("AWS_LAMBDA_FUNCTION_VERSION"));
        putIfSet(properties, "logStreamId", env.get("AWS_LAMBDA_LOG_STREAM_NAME"));
        String trace = env.get("_X_AMZN_TRACE_ID");
        if (trace != null && trace.contains("Sampled=1")) {
            properties.put("traceId", trace);
        }
        return properties;
    }

    private static void putIfSet(Map<String, String> properties, String name, String value) {
        if (value != null && !value.isEmpty()) {
            properties.put(name, value);
        }
    }

    private static final class Metric {
        final String unit;
        final List<Double> values = new ArrayList<>();

        Metric(String unit) {
            this.unit = unit;
        }
    }
}
