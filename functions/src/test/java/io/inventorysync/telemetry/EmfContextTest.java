package io.inventorysync.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** An object of a line: its JSON pointer and the offsets of its braces. */
    private record Braces(String pointer, int open, int close) {
    }

    /** Every object of the line under {@code _aws} ({@code _aws} itself and each directive), innermost first. */
    private static List<Braces> metadataObjects(String line) throws Exception {
        List<Braces> found = new ArrayList<>();
        Deque<Braces> open = new ArrayDeque<>();
        try (JsonParser p = new JsonFactory().createParser(line)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    open.push(new Braces(p.getParsingContext().pathAsPointer().toString(),
                            (int) p.currentTokenLocation().getCharOffset(), -1));
                } else if (t == JsonToken.END_OBJECT) {
                    Braces o = open.pop();
                    if (o.pointer().startsWith("/_aws")) {
                        found.add(new Braces(o.pointer(), o.open(), (int) p.currentTokenLocation().getCharOffset()));
                    }
                }
            }
        }
        return found; // closed innermost first
    }

    /** The members of an object's text between its braces, each as written ({@code "name":value}). */
    private static List<String> members(String inside) {
        List<String> members = new ArrayList<>();
        int depth = 0;
        int from = 0;
        boolean inString = false;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                members.add(inside.substring(from, i));
                from = i + 1;
            }
        }
        if (from < inside.length()) {
            members.add(inside.substring(from));
        }
        return members;
    }

    /**
     * The library's line with the members of {@code _aws} and of each directive in the order
     * {@code ours} has them, moved as raw text (never re-serialized), every other character in place.
     * The library writes those members (its model's getters, ordered as reflection lists them) in an
     * order that differs from one JVM to the next; a root member's order (a {@code HashMap}'s) does not.
     */
    private static String inOrderOf(String library, String ours) throws Exception {
        JsonNode ourTree = JSON.readTree(ours);
        StringBuilder text = new StringBuilder(library);
        // Innermost first: reordering an object keeps its length, so the offsets of the objects around it hold.
        for (Braces o : metadataObjects(library)) {
            List<String> wanted = new ArrayList<>();
            ourTree.at(o.pointer()).fieldNames().forEachRemaining(wanted::add);
            Map<String, String> byName = new LinkedHashMap<>();
            for (String member : members(text.substring(o.open() + 1, o.close()))) {
                byName.put(JSON.readTree("{" + member + "}").fieldNames().next(), member);
            }
            if (!byName.keySet().equals(Set.copyOf(wanted))) {
                return library; // other members: the tree comparison reports it
            }
            text.replace(o.open() + 1, o.close(), String.join(",", wanted.stream().map(byName::get).toList()));
        }
        return text.toString();
    }

    /** The root's member names in order. */
    private static List<String> rootOrder(String line) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(line).fieldNames().forEachRemaining(names::add);
        return names;
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
            // The same members in the same order at the root (a HashMap's order: the same steps give the same order),
            assertThat(rootOrder(actual.get(i))).isEqualTo(rootOrder(expected.get(i)));
            // and the same text, escapes and number forms included, once the library's _aws and directive
            // members are in our order (they come in any order from the library itself: its model's getters
            // as reflection lists them in that JVM; moved as raw text, never re-serialized)
            assertThat(actual.get(i)).isEqualTo(inOrderOf(expected.get(i), actual.get(i)));
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
