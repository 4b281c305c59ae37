package io.inventorysync.telemetry;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Embedded Metric Format lines, compared with what AWS's {@code aws-embedded-metrics} 4.2.0
 * wrote for the same calls (captured from the library before it was replaced, issue 16; the
 * library put the dimensions after the metrics' values when it split a line, which CloudWatch
 * does not care about: field order in the object is free).
 */
class TelemetryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_796_008_828_263L), ZoneOffset.UTC);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split(System.lineSeparator()));
    }

    @Test
    void metricsOfAnInvocation_oneLine_aRepeatedMetricAsItsValues_theFirstUnitKept() {
        Telemetry metrics = Telemetry.start("reservations", CLOCK, out);
        metrics.count("A", 1);
        metrics.milliseconds("B", 12);
        metrics.count("A", 1);
        metrics.milliseconds("A", 7);
        metrics.flush();

        assertThat(lines()).containsExactly("{\"_aws\":{\"Timestamp\":1796008828263,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"InventorySync\",\"Metrics\":[{\"Name\":\"A\",\"Unit\":\"Count\"},{\"Name\":\"B\",\"Unit\":\"Milliseconds\"}],"
                + "\"Dimensions\":[[\"Function\"]]}]},\"Function\":\"reservations\",\"A\":[1.0,1.0,7.0],\"B\":12.0}");
    }

    @Test
    void nothingRecorded_nothingWritten_andAFlushWritesWhatWasRecordedOnlyOnce() {
        Telemetry metrics = Telemetry.start("reservations", CLOCK, out);
        metrics.flush();
        assertThat(lines()).isEmpty();

        metrics.count("C", 0);
        metrics.flush();
        metrics.flush();
        assertThat(lines()).containsExactly("{\"_aws\":{\"Timestamp\":1796008828263,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"InventorySync\",\"Metrics\":[{\"Name\":\"C\",\"Unit\":\"Count\"}],\"Dimensions\":[[\"Function\"]]}]},"
                + "\"Function\":\"reservations\",\"C\":0.0}");
    }

    @Test
    void aCountUnderAnExtraDimension_isWrittenAtOnceOnItsOwnLine() {
        Telemetry metrics = Telemetry.start("webhook", CLOCK, out);
        metrics.count("EventsRejected", 1, "Code", "bad_code-1");

        assertThat(lines()).containsExactly("{\"_aws\":{\"Timestamp\":1796008828263,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"InventorySync\",\"Metrics\":[{\"Name\":\"EventsRejected\",\"Unit\":\"Count\"}],\"Dimensions\":"
                + "[[\"Function\",\"Code\"]]}]},\"Function\":\"webhook\",\"Code\":\"bad_code-1\",\"EventsRejected\":1.0}");
    }

    @Test
    void aDimensionTheFormatRefuses_isNotRecorded_andNothingIsWritten() {
        Telemetry metrics = Telemetry.start("webhook", CLOCK, out);
        metrics.count("EventsRejected", 1, "Code", "bad \"q\" é");
        metrics.count("EventsRejected", 1, "Code", " ");
        metrics.count("EventsRejected", 1, "Code", "x".repeat(1025));
        metrics.count("EventsRejected", 1, ":Code", "x");
        metrics.count("EventsRejected", 1, "Code", "line\nbreak");

        assertThat(lines()).isEmpty();
        assertThat(Telemetry.refusedDimension("Code", "x".repeat(1024))).isNull();
        assertThat(Telemetry.refusedDimension("C".repeat(251), "x")).isNotNull();
    }

    @Test
    void moreThan100ValuesOfAMetric_makeMoreLines_eachWithItsMetadataAndDimensions() {
        Telemetry metrics = Telemetry.start("f", CLOCK, out);
        for (int i = 0; i < 102; i++) {
            metrics.count("X", i);
        }
        metrics.count("Y", 5);
        metrics.flush();

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        StringBuilder hundred = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            hundred.append(i == 0 ? "" : ",").append(i).append(".0");
        }
        assertThat(lines.get(0)).isEqualTo("{\"_aws\":{\"Timestamp\":1796008828263,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"InventorySync\",\"Metrics\":[{\"Name\":\"X\",\"Unit\":\"Count\"},{\"Name\":\"Y\",\"Unit\":\"Count\"}],"
                + "\"Dimensions\":[[\"Function\"]]}]},\"Function\":\"f\",\"X\":[" + hundred + "],\"Y\":5.0}");
        assertThat(lines.get(1)).isEqualTo("{\"_aws\":{\"Timestamp\":1796008828263,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"InventorySync\",\"Metrics\":[{\"Name\":\"X\",\"Unit\":\"Count\"}],\"Dimensions\":[[\"Function\"]]}]},"
                + "\"Function\":\"f\",\"X\":[100.0,101.0]}");
    }

    @Test
    void moreThan100Metrics_makeMoreLines() {
        Telemetry metrics = Telemetry.start("f", CLOCK, out);
        for (int i = 0; i < 101; i++) {
            metrics.count("M" + i, i);
        }
        metrics.flush();

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("{\"Name\":\"M99\",\"Unit\":\"Count\"}]").doesNotContain("M100");
        assertThat(lines.get(1)).contains("\"Metrics\":[{\"Name\":\"M100\",\"Unit\":\"Count\"}]").endsWith("\"M100\":100.0}");
    }

    @Test
    void discardedMetrics_areNeverWritten() {
        Telemetry metrics = Telemetry.discarded();
        PrintStream stdout = System.out;
        System.setOut(out);
        try {
            metrics.count("Prime", 0);
            metrics.count("Prime", 0, "Code", "PRIME");
            metrics.flush();
        } finally {
            System.setOut(stdout);
        }
        assertThat(lines()).isEmpty();
    }

    @Test
    void onLambda_theLibrarysProperties_aTraceOnlyWhenSampled() {
        assertThat(Telemetry.lambdaProperties(Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_java21"))).isEmpty();
        assertThat(Telemetry.lambdaProperties(Map.of("AWS_LAMBDA_FUNCTION_NAME", "fn", "AWS_EXECUTION_ENV", "AWS_Lambda_java21",
                "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST", "AWS_LAMBDA_LOG_STREAM_NAME", "ls",
                "_X_AMZN_TRACE_ID", "Root=1-abc;Parent=x;Sampled=1")))
                .containsExactly(Map.entry("executionEnvironment", "AWS_Lambda_java21"), Map.entry("functionVersion", "$LATEST"),
                        Map.entry("logStreamId", "ls"), Map.entry("traceId", "Root=1-abc;Parent=x;Sampled=1"));
        assertThat(Telemetry.lambdaProperties(Map.of("AWS_LAMBDA_FUNCTION_NAME", "fn",
                "_X_AMZN_TRACE_ID", "Root=1-abc;Parent=x;Sampled=0"))).isEmpty();
    }
}
