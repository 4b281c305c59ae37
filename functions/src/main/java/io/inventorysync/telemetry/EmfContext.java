package io.inventorysync.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import software.amazon.cloudwatchlogs.emf.exception.DimensionSetExceededException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidMetricException;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.StorageResolution;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The EMF library's metrics context, written by jackson-core's streaming generator instead of the
 * library's own {@code ObjectMapper} (issue 16, sixth round).
 *
 * <p>The library still does everything else: it validates every name, value, unit and dimension
 * ({@link #putMetric} calls the library's first and records only what it accepted), keeps its own
 * model, resolves the environment, lets the Lambda environment add its properties, and its sink
 * writes the lines. Only {@link #serialize()} differs: the first flush of a container no longer
 * builds the library's bean serializers for its model (about 180 databind classes and 300 ms of a
 * cold first event). The line is the library's, member for member and in its order: the
 * {@code _aws} member (its {@code Timestamp} in epoch milliseconds, one {@code CloudWatchMetrics}
 * directive with {@code Namespace}, {@code Metrics} as name, unit and, when not standard, storage
 * resolution, and {@code Dimensions}), then the properties, the dimension values and each metric's
 * value (one number, or an array of them) as top-level members, in the order of the library's
 * {@code HashMap}. (The library itself writes the directive's {@code Metrics} and {@code Dimensions}
 * in either order, as reflection lists its getters in that JVM; this writes {@code Metrics} first.)
 * {@code EmfContextTest} compares both lines.
 *
 * <p>Whatever the library would split or write otherwise is left to the library itself
 * ({@code super.serialize()}): no metric (it leaves {@code _aws} out), more than 100 metrics or more
 * than 100 values of one metric (it splits the document), custom metadata, a property that is not a
 * text, dimension sets it refuses.
 */
final class EmfContext extends MetricsContext {
    /** The library's limits per document (its {@code Constants}; the EMF specification's 100 metrics). */
    static final int MAX_METRICS = 100;
    static final int MAX_VALUES = 100;

    /** What the library's {@code new ObjectMapper()} writes with: a default factory. */
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The metrics the library accepted, in a map of the library's kind so that they iterate in its order. */
    private final Map<String, Recorded> metrics = new ConcurrentHashMap<>();
    /** The properties as the library keeps them. */
    private final Map<String, Object> properties = new HashMap<>();
    private boolean customMetadata;

    @Override
    public void putMetric(String key, double value, Unit unit, StorageResolution resolution)
            throws InvalidMetricException {
        super.putMetric(key, value, unit, resolution);
        // As the library's directive: the first unit and resolution stay, later values are appended.
        metrics.compute(key, (name, recorded) -> recorded == null ? new Recorded(name, unit, resolution, value)
                : recorded.with(value));
    }

    @Override
    public void putProperty(String name, Object value) {
        super.putProperty(name, value);
        properties.put(name, value);
    }

    @Override
    public void putMetadata(String key, Object value) {
        super.putMetadata(key, value);
        customMetadata = true;
    }

    @Override
    public List<String> serialize() throws JsonProcessingException {
        String line = line();
        return line == null ? super.serialize() : List.of(line);
    }

    /** The library's own lines, for tests that compare. */
    List<String> serializedByTheLibrary() throws JsonProcessingException {
        return super.serialize();
    }

    /** The one line, or {@code null} when the library is to write it (see the class comment). */
    private String line() {
        if (metrics.isEmpty() || metrics.size() > MAX_METRICS || customMetadata) {
            return null;
        }
        for (Recorded metric : metrics.values()) {
            if (metric.values.size() > MAX_VALUES) {
                return null;
            }
        }
        for (Object value : properties.values()) {
            if (!(value instanceof String)) {
                return null;
            }
        }
        List<DimensionSet> dimensionSets;
        try {
            dimensionSets = getDimensions();
        } catch (DimensionSetExceededException e) {
            return null;
        }
        // The root's other members, gathered step by step as the library's root node gathers them
        // (the properties, then one map of the dimensions' values, then the metrics' values): a
        // HashMap's order follows its table's growth, so the same steps give the same order.
        Map<String, String> dimensions = new HashMap<>();
        for (DimensionSet set : dimensionSets) {
            Map<String, String> records = new LinkedHashMap<>();
            for (String key : set.getDimensionKeys()) {
                records.put(key, set.getDimensionValue(key));
            }
            dimensions.putAll(records);
        }
        Map<String, Object> members = new HashMap<>();
        members.putAll(properties);
        members.putAll(dimensions);
        for (Recorded metric : metrics.values()) {
            members.put(metric.name, metric.values.size() == 1 ? metric.values.get(0) : metric.values);
        }
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("_aws");
            g.writeStartObject();
            g.writeNumberField("Timestamp", getTimestamp().toEpochMilli());
            g.writeFieldName("CloudWatchMetrics");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("Namespace", getNamespace());
            g.writeFieldName("Metrics");
            g.writeStartArray();
            for (Recorded metric : metrics.values()) {
                g.writeStartObject();
                g.writeStringField("Name", metric.name);
                g.writeStringField("Unit", metric.unit.toString());
                if (metric.resolution != StorageResolution.STANDARD) {
                    g.writeNumberField("StorageResolution", metric.resolution.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("Dimensions");
            g.writeStartArray();
            for (DimensionSet set : dimensionSets) {
                g.writeStartArray();
                for (String key : set.getDimensionKeys()) {
                    g.writeString(key);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            for (Map.Entry<String, Object> member : members.entrySet()) {
                g.writeFieldName(member.getKey());
                writeValue(g, member.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            return null;
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String text) {
            g.writeString(text);
        } else if (value instanceof Double number) {
            g.writeNumber(number);
        } else {
            g.writeStartArray();
            for (Object each : (List<?>) value) {
                g.writeNumber((Double) each);
            }
            g.writeEndArray();
        }
    }

    /** One metric as the library keeps it: its name, its first unit and resolution, its values. */
    private record Recorded(String name, Unit unit, StorageResolution resolution, List<Double> values) {
        Recorded(String name, Unit unit, StorageResolution resolution, double value) {
            this(name, unit, resolution, new ArrayList<>(List.of(value)));
        }

        Recorded with(double value) {
            values.add(value);
            return this;
        }
    }
}
