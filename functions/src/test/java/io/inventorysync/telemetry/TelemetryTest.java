package io.inventorysync.telemetry;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryTest {

    @Test
    void discarded_shouldSerializeThroughTheLibraryAndWriteNothing() {
        List<String> lines = new ArrayList<>();
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Telemetry metrics = Telemetry.discardedInto(lines::addAll);
            metrics.count("EventsAccepted", 3);
            metrics.milliseconds("RelayLag", 42);
            metrics.count("EventsRejected", 1, "Code", "INVALID_EVENT");
            metrics.flush();
            Telemetry.discarded().flush();
            Telemetry primed = Telemetry.discarded();
            primed.count("Prime", 0);
            primed.flush();
        } finally {
            System.setOut(out);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"Namespace\":\"InventorySync\"", "\"EventsRejected\":1",
                "\"Code\":\"INVALID_EVENT\"");
        assertThat(lines.get(1)).contains("\"EventsAccepted\":3", "\"RelayLag\":42", "\"Function\":\"prime\"");
    }

    /**
     * In Lambda (AWS_LAMBDA_FUNCTION_NAME set, no AWS_EMF_ENVIRONMENT) the first flush writes the
     * Lambda environment's line to stdout, as the library's discovery would choose, without running
     * discovery: no probe on the common ForkJoinPool (the EC2 probe's metadata call among them).
     * A fresh JVM, since the library keeps the environment it resolved for the life of the process;
     * its class-load log shows that the line was written without the library's bean serializers.
     */
    @Test
    void inLambda_theFirstFlushWritesTheLambdaLine_withoutDiscoveringTheEnvironment() throws Exception {
        ProcessBuilder child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Dlog4j2.configurationFile=log4j2-test.xml",
                "-Xlog:class+load=info:stdout:uptime",
                FirstFlushInLambda.class.getName()).redirectErrorStream(true);
        child.environment().put("AWS_LAMBDA_FUNCTION_NAME", "inventory-sync-test");
        child.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "7");
        child.environment().remove("AWS_EMF_ENVIRONMENT");
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String threads = output.lines().filter(line -> line.startsWith("threads after the flush: ")).findFirst()
                .orElseThrow();
        assertThat(threads).doesNotContain("ForkJoinPool");
        assertThat(output).contains("\"FirstFlush\":1", "\"Function\":\"test\"", "\"_aws\"",
                        "\"functionVersion\":\"7\"")
                // the line is written by EmfContext, not by the library's ObjectMapper's bean serializers
                .contains("io.inventorysync.telemetry.EmfContext ")
                // (the library's RootNode still builds its ObjectMapper when the first context is made; its
                // bean serializers, built at its first serialization, are not built)
                .doesNotContain("com.fasterxml.jackson.databind.ser.BeanSerializerBuilder ",
                        "software.amazon.cloudwatchlogs.emf.serializers.UnitSerializer ");
    }

    /** The child: one invocation's metrics flushed, then the names of the threads alive. */
    static final class FirstFlushInLambda {
        public static void main(String[] args) {
            Telemetry telemetry = Telemetry.start("test");
            telemetry.count("FirstFlush", 1);
            telemetry.flush();
            System.out.println("threads after the flush: " + Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName).sorted().toList());
        }
    }
}
