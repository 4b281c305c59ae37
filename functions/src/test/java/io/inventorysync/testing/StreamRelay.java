package io.inventorysync.testing;

import io.inventorysync.ingest.IngestRelay;
import io.inventorysync.settings.Settings;
import io.inventorysync.telemetry.Telemetry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest relay's event source mapping, for tests: reads the table's real stream records on
 * DynamoDB Local and hands them to the real {@link IngestRelay} in batches, delivering again from
 * the record it reports failed (records before it are done), as Lambda does with
 * {@code ReportBatchItemFailures}. No sleeping: each {@link #deliver} is one delivery.
 */
public final class StreamRelay {
    private final TableStreamRecords stream;
    private final IngestRelay relay;
    private final List<IngestRelay.Change> pending = new ArrayList<>();
    private final List<IngestRelay.Result> results = new ArrayList<>();

    public StreamRelay(DynamoDbClient dynamo, String table, IngestRelay relay) {
        this.stream = new TableStreamRecords(dynamo, table);
        this.relay = relay;
    }

    /** Reads what the stream has since the last call and delivers it; true when nothing is left pending. */
    public boolean deliver() {
        stream.poll().forEach(c -> pending.add(new IngestRelay.Change(c.sequenceNumber(), c.oldImage(), c.newImage())));
        while (!pending.isEmpty()) {
            List<IngestRelay.Change> batch = List.copyOf(pending.subList(0, Math.min(Settings.INGEST_RELAY_BATCH_SIZE, pending.size())));
            IngestRelay.Result result = relay.relay(batch, Instant.now().plus(Settings.INGEST_RELAY_TIMEOUT)
                    .minus(Settings.INGEST_RELAY_SAFETY_MARGIN), Telemetry.discarded());
            results.add(result);
            if (result.failedAt().isPresent()) {
                String failed = result.failedAt().get();
                int done = 0;
                while (!batch.get(done).sequenceNumber().equals(failed)) {
                    done++;
                }
                pending.subList(0, done).clear();
                return false;
            }
            pending.subList(0, batch.size()).clear();
        }
        return true;
    }

    /** Reads past what the stream has now without relaying it (another consumer relays it). */
    public void skip() {
        stream.poll();
        pending.clear();
    }

    /** Delivers until nothing is pending, at most {@code deliveries} times; false if something is still pending. */
    public boolean deliverUntilDone(int deliveries) {
        for (int i = 0; i < deliveries; i++) {
            if (deliver()) {
                return true;
            }
        }
        return false;
    }

    /** Every delivery's result so far. */
    public List<IngestRelay.Result> results() {
        return List.copyOf(results);
    }
}
