package io.inventorysync.local;

import io.inventorysync.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local cloud as a program: several in one JVM, and start-up failures that stop it. */
class LocalCloudIT {
    private static LocalCloud.Options options(Path channels) {
        return new LocalCloud.Options(0, Map.of(), null, channels, false, Path.of(System.getProperty("events.dir")), 60);
    }

    @Test
    void snapshot_shouldBeReconciledByTheReconcilerFunction_andItsCorrectionReadableInTheLedger() throws Exception {
        try (LocalCloud cloud = LocalCloud.start(options(Path.of(System.getProperty("infra.dir")).resolve("channels.json")))) {
            SignedClient client = new SignedClient(cloud.apiUrl());
            String secret = cloud.sources().get("pos-demo");
            String asOf = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            String part = "{\"snapshotId\":\"local-1\",\"asOf\":\"" + asOf + "\",\"measure\":\"ON_HAND\","
                    + "\"mode\":\"CORRECT\",\"part\":1,\"parts\":1,\"lines\":[{\"sku\":\"SNAP-SKU\","
                    + "\"locationId\":\"store-12\",\"quantity\":4}]}";
            var posted = client.post("/v1/sources/pos-demo/snapshots", secret, part);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            assertThat(posted.body()).contains("\"status\":\"RECONCILING\"");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            String report = "";
            while (Instant.now().isBefore(deadline) && !report.contains("\"DONE\"")) {
                Thread.sleep(100);
                report = client.get("/v1/sources/pos-demo/snapshots/local-1", secret).body();
            }
            assertThat(report).contains("\"status\":\"DONE\"", "\"linesDrifted\":1", "\"linesCorrected\":1");
            var ledger = client.get("/v1/inventory/SNAP-SKU/locations/store-12/ledger?limit=10");
            assertThat(ledger.statusCode()).isEqualTo(200);
            assertThat(ledger.body()).contains("\"type\":\"COUNT\"", "\"reference\":\"snapshot/local-1\"");
            assertThat(client.get("/v1/inventory/SNAP-SKU/locations/store-12").body()).contains("\"onHand\":4");
        }
    }

    @Test
    void start_shouldRunTwoIndependentClouds_whenStartedInOneJvm() throws Exception {
        // given: two clouds side by side (nothing JVM-wide: each handler has its own environment)
        try (LocalCloud a = LocalCloud.start(options(Path.of(System.getProperty("infra.dir")).resolve("channels.json")));
             LocalCloud b = LocalCloud.start(options(Path.of(System.getProperty("infra.dir")).resolve("channels.json")))) {
            assertThat(a.endpoints().get("DYNAMODB_URL")).isNotEqualTo(b.endpoints().get("DYNAMODB_URL"));
            String receipt = "{\"eventId\":\"iso-1\",\"type\":\"RECEIPT\",\"occurredAt\":\"" + Instant.now().minusSeconds(5)
                    + "\",\"locationId\":\"web-dc\",\"lines\":[{\"sku\":\"ISO-SKU\",\"quantity\":7}]}";
            // when: a receipt goes to the first cloud only
            var posted = new SignedClient(a.apiUrl()).post("/v1/sources/pos-demo/events", a.sources().get("pos-demo"),
                    receipt);
            assertThat(posted.statusCode()).isEqualTo(202);
            // then: the first applies it, the second never hears of it
            SignedClient readA = new SignedClient(a.apiUrl());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            int status = 0;
            while (Instant.now().isBefore(deadline) && (status = readA.get("/v1/inventory/ISO-SKU").statusCode()) != 200) {
                Thread.sleep(100);
            }
            assertThat(status).isEqualTo(200);
            assertThat(readA.get("/v1/inventory/ISO-SKU").body()).contains("\"onHand\":7");
            assertThat(new SignedClient(b.apiUrl()).get("/v1/inventory/ISO-SKU").statusCode()).isEqualTo(404);
            // and each has its own sources' secrets
            assertThat(a.sources().get("pos-demo")).isNotEqualTo(b.sources().get("pos-demo"));
            // and its movements queue is the deployed one's definition (Settings), not a local variant
            var attributes = a.sqs().getQueueAttributes(r -> r.queueUrl(a.movementsQueueUrl()).attributeNames(
                    QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY)).attributes();
            assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .isEqualTo(Long.toString(Settings.MOVEMENTS_VISIBILITY_TIMEOUT.toSeconds()));
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .containsPattern("\"maxReceiveCount\":\"?" + Settings.MOVEMENTS_MAX_RECEIVE_COUNT + "\"?[,}]");
        }
    }

    @Test
    void start_shouldFail_whenTheChannelsFileIsInvalid(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("channels.json"), "{\"channels\":[{\"name\":\"\"}]}");
        assertThatThrownBy(() -> LocalCloud.start(options(bad))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void run_shouldExitNonZero_whenTheCloudCannotStart(@TempDir Path dir) throws Exception {
        // given
        Path bad = Files.writeString(dir.resolve("channels.json"), "not json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // when
        int status = LocalCloudCli.run(new String[]{"--port", "0", "--channels", bad.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        // then
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("did not start");
    }

    @Test
    void run_shouldExitNonZero_whenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int status = LocalCloudCli.run(new String[]{"--port", Integer.toString(taken.getLocalPort()),
                            "--channels", Path.of(System.getProperty("infra.dir")).resolve("channels.json").toString()},
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
            assertThat(status).isEqualTo(1);
        }
    }

    @Test
    void parse_shouldRefuseBadOptions() {
        assertThat(LocalCloudCli.parse(new String[]{"--port", "0", "--demo"}).demo()).isTrue();
        assertThatThrownBy(() -> LocalCloudCli.parse(new String[]{"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalCloudCli.parse(new String[]{"--port", "x"})).hasMessageContaining("number");
        assertThatThrownBy(() -> LocalCloudCli.parse(new String[]{"--nope", "x"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> LocalCloudCli.parse(new String[]{"--source", "pos=abc"}))
                .hasMessageContaining("whsec_");
    }
}
