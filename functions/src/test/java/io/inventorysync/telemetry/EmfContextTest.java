package io.inventorysync.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.exception.InvalidDimensionException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidMetricException;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.StorageResolution;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lines an {@link EmfContext} writes are the EMF library's, member for member: each case feeds
 * the same calls to the library's own {@link MetricsContext} and to an {@code EmfContext}, and
 * compares the lines as JSON trees and as text (same members in the same order).
 */
class EmfContextTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-30T12:34:56.789Z");

    /** The line written again with its directive's "Metrics" before its "Dimensions", every other member in place. */
    private static String metricsFirst(String line) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
        if (root.has("_aws")) {
            for (JsonNode directive : root.get("_aws").get("CloudWatchMetrics")) {
                JsonNode dimensions = ((com.fasterxml.jackson.databind.node.ObjectNode) directive).remove("Dimensions");
                ((com.fasterxml.jackson.databind.node.ObjectNode) directive).set("Dimensions", dimensions);
            }
        }
        return JSON.writeValueAsString(root);
    }

    /** The line's own text with each directive's "Dimensions" member moved behind its "Metrics" member. */
    private static String metricsFirstAsText(String line) throws Exception {
        StringBuilder text = new StringBuilder(line);
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(line)) {
            int dimensionsStart = -1;
            int dimensionsEnd = -1;
            int metricsEnd = -1;
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && p.getParsingContext().getParent() != null
                        && p.getParsingContext().getParent().inArray() && p.getParsingContext().getParent().getParent() != null
                        && "CloudWatchMetrics".equals(p.getParsingContext().getParent().getParent().getCurrentName())) {
                    String name = p.currentName();
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.nextToken();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getCharOffset();
                    if (name.equals("Dimensions")) {
                        dimensionsStart = start;
                        dimensionsEnd = end;
                    } else if (name.equals("Metrics")) {
                        metricsEnd = end;
                    }
                }
            }
            if (dimensionsStart >= 0 && metricsEnd > dimensionsEnd) {
                // ...,"Dimensions":[..],"Metrics":[..]} -> ...,"Metrics":[..],"Dimensions":[..]}
                String dimensions = line.substring(dimensionsStart, dimensionsEnd);
                String metrics = line.substring(dimensionsEnd + 1, metricsEnd);
                text.replace(dimensionsStart, metricsEnd, metrics + "," + dimensions);
            }
        }
        return text.toString();
    }

    /** The calls of one invocation, made on both contexts. */
    private static void assertSameLines(Consumer<MetricsContext> calls) throws Exception {
        MetricsContext library = new MetricsContext();
        EmfContext ours = new EmfContext();
        for (MetricsContext context : List.of(library, ours)) {
            context.setNamespace(Telemetry.NAMESPACE);
            context.setTimestamp(AT);
            calls.accept(context);
        }
        List<String> expected = library.serialize();
        List<String> actual = ours.serialize();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = JSON.readTree(expected.get(i));
            JsonNode got = JSON.readTree(actual.get(i));
            assertThat(got).isEqualTo(want);
            // The same members in the same order at the root and in _aws (the directive's "Metrics" and
            // "Dimensions" come in either order from the library itself: Jackson orders those getter-named
            // members as reflection lists the methods, which differs from one JVM to the next).
            assertThat(metricsFirst(actual.get(i))).isEqualTo(metricsFirst(expected.get(i)));
            // and the same text, escapes and number forms included, once the library's directive members are
            // in our order (swapped as raw text, never re-serialized)
            assertThat(actual.get(i)).isEqualTo(metricsFirstAsText(expected.get(i)));
        }
        // and its own library model agrees too
        assertThat(ours.serializedByTheLibrary()).isEqualTo(expected);
    }

    private static void functionDimension(MetricsContext context, String... extra) {
        try {
            context.setDimensions(extra.length == 0 ? DimensionSet.of("Function", "Reservations")
                    : DimensionSet.of("Function", "Reservations", extra[0], extra[1]));
        } catch (InvalidDimensionException e) {
            throw new AssertionError(e);
        }
    }

    private static void put(MetricsContext context, String name, double value, Unit unit) {
        try {
            context.putMetric(name, value, unit);
        } catch (InvalidMetricException e) {
            throw new AssertionError(e);
        }
    }

    /** The Lambda environment's properties, as its {@code configureContext} adds them. */
    private static void lambdaProperties(MetricsContext context) {
        context.putProperty("executionEnvironment", "AWS_Lambda_java21");
        context.putProperty("functionVersion", "$LATEST");
        context.putProperty("logStreamId", "2026/11/30/[$LATEST]0123456789abcdef");
        context.putProperty("traceId", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
    }

    @Test
    void aCount_isTheLibrarysLine() throws Exception {
        assertSameLines(c -> {
            functionDimension(c);
            lambdaProperties(c);
            put(c, "HoldsCreated", 1, Unit.COUNT);
        });
    }

    @Test
    void milliseconds_areTheLibrarysLine() throws Exception {
        assertSameLines(c -> {
            functionDimension(c);
            put(c, "RelayLag", 42, Unit.MILLISECONDS);
        });
    }

    @Test
    void theExtraDimensionCount_isTheLibrarysLine() throws Exception {
        assertSameLines(c -> {
            functionDimension(c, "Code", "INVALID_EVENT");
            lambdaProperties(c);
            put(c, "EventsRejected", 1, Unit.COUNT);
        });
    }

    @Test
    void severalMetrics_repeatedOnes_andOddValues_areTheLibrarysLine() throws Exception {
        assertSameLines(c -> {
            functionDimension(c);
            lambdaProperties(c);
            put(c, "EventsAccepted", 3, Unit.COUNT);
            put(c, "EventsDuplicate", 0, Unit.COUNT);
            put(c, "RelayLag", 1234.5, Unit.MILLISECONDS);
            put(c, "RelayLag", 7, Unit.SECONDS); // a second value: an array, the first unit stays
            put(c, "RelayLag", -0.0, Unit.MILLISECONDS);
            put(c, "Big", Long.MAX_VALUE, Unit.COUNT);
            put(c, "Tiny", 1e-300, Unit.NONE);
            put(c, "Negative", -17, Unit.COUNT);
            put(c, "Bytes", 4_000_000, Unit.BYTES);
        });
    }

    @Test
    void oddCharacters_inNamesAndDimensionValues_areEscapedAsTheLibraryDoes() throws Exception {
        // The library admits printable ASCII in dimension values and any text in a metric name.
        assertSameLines(c -> {
            functionDimension(c, "Code", "\"quoted\" back\\slash </script> & 'x' {}[]:,~");
            c.putProperty("functionVersion", "ünïcødé 🚀 \u2028 \u0000 \t\n\"");
            put(c, "Names \"quoted\"\n\tünïcødé 🚀 \u0001", 2, Unit.COUNT);
            put(c, "EventsRejected", 1, Unit.COUNT);
        });
    }

    @Test
    void aHighResolutionMetric_isTheLibrarysLine() throws Exception {
        assertSameLines(c -> {
            functionDimension(c);
            try {
                c.putMetric("Fast", 5, Unit.MILLISECONDS, StorageResolution.HIGH);
            } catch (InvalidMetricException e) {
                throw new AssertionError(e);
            }
            put(c, "Slow", 6, Unit.MILLISECONDS);
        });
    }

    @Test
    void oneHundredMetrics_areOneLine_asTheLibrarysLine() throws Exception {
        assertSameLines(c -> {
            functionDimension(c);
            for (int i = 0; i < EmfContext.MAX_METRICS; i++) {
                put(c, "Metric" + i, i, Unit.COUNT);
            }
        });
    }

    @Test
    void overOneHundredMetrics_areSplitByTheLibraryItself() throws Exception {
        EmfContext ours = new EmfContext();
        functionDimension(ours);
        for (int i = 0; i <= EmfContext.MAX_METRICS; i++) {
            put(ours, "Metric" + i, i, Unit.COUNT);
        }
        assertThat(ours.serialize()).hasSize(2).isEqualTo(ours.serializedByTheLibrary());
        assertSameLines(c -> {
            functionDimension(c);
            for (int i = 0; i <= EmfContext.MAX_METRICS; i++) {
                put(c, "Metric" + i, i, Unit.COUNT);
            }
        });
    }

    @Test
    void oneHundredValues_areOneLine_andMoreAreSplitByTheLibrary() throws Exception {
        for (int values : new int[]{EmfContext.MAX_VALUES, EmfContext.MAX_VALUES + 1}) {
            assertSameLines(c -> {
                functionDimension(c);
                for (int i = 0; i < values; i++) {
                    put(c, "Repeated", i, Unit.MILLISECONDS);
                }
                put(c, "Once", 1, Unit.COUNT);
            });
        }
    }

    @Test
    void noMetric_customMetadata_orAPropertyThatIsNotText_areWrittenByTheLibrary() throws Exception {
        assertSameLines(EmfContextTest::functionDimension);
        assertSameLines(c -> {
            functionDimension(c);
            c.putMetadata("Custom", "value");
            put(c, "Counted", 1, Unit.COUNT);
        });
        assertSameLines(c -> {
            functionDimension(c);
            c.putProperty("Attempts", 3);
            put(c, "Counted", 1, Unit.COUNT);
        });
    }

    @Test
    void whatTheLibraryRefuses_isNotRecorded() {
        EmfContext ours = new EmfContext();
        assertThatThrownBy(() -> ours.putMetric("NotANumber", Double.NaN, Unit.COUNT))
                .isInstanceOf(InvalidMetricException.class);
        assertThatThrownBy(() -> ours.putMetric(" ", 1, Unit.COUNT)).isInstanceOf(InvalidMetricException.class);
        assertThatThrownBy(() -> DimensionSet.of("Code", "ünïcødé")).isInstanceOf(InvalidDimensionException.class);
        put(ours, "Counted", 1, Unit.COUNT);
        assertThat(ours.getProperty("NotANumber")).isNull();
        assertThat(String.join("\n", assertDoesNotThrow(ours))).doesNotContain("NotANumber").contains("\"Counted\":1.0");
    }

    private static List<String> assertDoesNotThrow(EmfContext context) {
        try {
            return context.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
