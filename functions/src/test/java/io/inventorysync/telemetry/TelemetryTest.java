package io.inventorysync.telemetry;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
}
