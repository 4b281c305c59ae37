package io.inventorysync.admin;

import io.inventorysync.domain.Movement;
import io.inventorysync.movements.MovementQueue;
import io.inventorysync.movements.SqsMovementQueue;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.EventReceipts;
import io.inventorysync.store.EventStatus;
import io.inventorysync.store.HeldEvent;
import io.inventorysync.store.HeldReceiptScan;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Re-sends the movements of accepted events that the ingest relay never queued (the stream no longer
 * has their records: an outage past {@code INGEST_RELAY_MAX_RECORD_AGE}, a disabled mapping):
 *
 * <pre>
 * java -cp functions/target/functions.jar io.inventorysync.admin.IngestRedriveCommand \
 *     --table TABLE --queue-url MOVEMENTS_QUEUE_URL --from 2026-11-29T00:00:00Z --to 2026-11-30T06:00:00Z \
 *     [--page-size 1000] [--position POSITION]
 * </pre>
 *
 * Scans the receipts received in [from, to] still holding their event and, for each whose status
 * is {@code QUEUED} (a movement without a ledger outcome, and not refused by the relay: a parked
 * event's receipt records the refusal, and it is named, not sent), sends its movements that have no outcome
 * yet again (never the lines the relay recorded as refused by SQS: they read {@code REJECTED}) through
 * {@link SqsMovementQueue} (the relay's deduplication ids and message groups: a repeat within five
 * minutes is dropped by SQS, a later one by the ledger). Prints the position after each page;
 * interrupted, run it again with {@code --position} the last one printed (or from the start: it
 * only re-sends what is still {@code QUEUED}). Ends with a summary; exits 1 if anything could not be
 * sent (run it again). Uses the standard AWS credentials, region and endpoint settings.
 */
public final class IngestRedriveCommand {
    private IngestRedriveCommand() {
    }

    /**
     * What a run did.
     *
     * @param scanned        items of the table read
     * @param held           receipts in the window still holding their event
     * @param resent         events whose movements were sent again (status {@code QUEUED})
     * @param alreadyApplied events with an outcome for every movement ({@code APPLIED} or {@code REJECTED})
     * @param refused        events the relay parked and recorded as refused on their receipt (status
     *                       {@code REJECTED} or {@code APPLIED} with a {@code reason}): done, named, not sent
     * @param unreadable     receipts whose event cannot be read (the relay parked them): named, not sent
     * @param failed         events whose movements did not all reach the queue
     */
    public record Summary(long scanned, long held, long resent, long alreadyApplied, long refused, long unreadable,
                          long failed) {
    }

    public static void main(String[] args) {
        String table = null;
        String queueUrl = null;
        Instant from = null;
        Instant to = null;
        String position = null;
        int pageSize = 1000;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--table" -> table = args[++i];
                    case "--queue-url" -> queueUrl = args[++i];
                    case "--from" -> from = Instant.parse(args[++i]);
                    case "--to" -> to = Instant.parse(args[++i]);
                    case "--position" -> position = args[++i];
                    case "--page-size" -> pageSize = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (table == null || queueUrl == null || from == null || to == null || pageSize < 1 || to.isBefore(from)) {
                throw new IllegalArgumentException("--table, --queue-url, --from and --to (not before --from) are required");
            }
        } catch (RuntimeException e) {
            System.err.println(e instanceof DateTimeParseException ? "--from and --to are ISO instants, e.g. 2026-11-30T04:00:00Z"
                    : e.getMessage());
            System.err.println("usage: --table TABLE --queue-url URL --from INSTANT --to INSTANT [--page-size N] [--position POSITION]");
            System.exit(2);
            return;
        }
        Summary summary;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
             SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            EventReceipts store = DynamoDbInventoryStore.builder().dynamoDbClient(dynamo).tableName(table).build();
            summary = run(new HeldReceiptScan(dynamo, table), store, new SqsMovementQueue(sqs, queueUrl,
                    Settings.QUEUE_SEND_BASE_DELAY, Settings.QUEUE_SEND_LANES, Clock.systemUTC()), from, to, position,
                    pageSize, System.out);
        }
        System.exit(summary.failed() > 0 ? 1 : 0);
    }

    /** Re-sends every {@code QUEUED} event held by a receipt received in [from, to], from {@code position}. */
    public static Summary run(HeldReceiptScan scan, EventReceipts store, MovementQueue queue, Instant from, Instant to,
                              String position, int pageSize, PrintStream out) {
        long scanned = 0;
        long held = 0;
        long resent = 0;
        long applied = 0;
        long refused = 0;
        long unreadable = 0;
        long failed = 0;
        String at = position;
        do {
            HeldReceiptScan.Page page = scan.page(from, to, at, pageSize);
            scanned += page.scanned();
            held += page.held().size();
            for (HeldReceiptScan.Unreadable u : page.unreadable()) {
                unreadable++;
                out.printf("unreadable held event %s of %s (parked by the relay, see the movements DLQ): %s%n",
                        u.eventId(), u.sourceId(), u.reason());
            }
            for (HeldEvent event : page.held()) {
                var receipt = event.event().receipt();
                Optional<EventStatus> status = store.eventStatus(receipt.sourceId(), receipt.eventId());
                if (status.isPresent() && status.get().reason() != null) {
                    // The relay parked it (SQS refuses its movements): sending it again is refused again.
                    refused++;
                    out.printf("event %s of %s refused by the relay (%s, see the movements DLQ): not sent%n",
                            receipt.eventId(), receipt.sourceId(), status.get().reason());
                    continue;
                }
                if (status.isPresent() && status.get().status() != EventStatus.Status.QUEUED) {
                    applied++;
                    continue;
                }
                // Only the movements still without an outcome: lines the relay recorded as refused by SQS read
                // REJECTED in the status (SQS would refuse them again), and applied ones are done.
                Set<String> done = new HashSet<>();
                status.ifPresent(st -> st.lines().forEach(l -> done.add(l.lineKey())));
                List<Movement> movements = event.event().movements().stream()
                        .filter(m -> !done.contains(m.key().lineKey())).toList();
                MovementQueue.Sent sent = queue.send(movements, Instant.now().plus(Duration.ofMinutes(5)));
                if (sent.complete()) {
                    resent++;
                } else {
                    failed++;
                    out.printf("event %s of %s: %d of %d movements not sent%s; run again%n", receipt.eventId(),
                            receipt.sourceId(), sent.unsent().size(), movements.size(),
                            sent.refusal() == null ? "" : " (refused as malformed)");
                }
            }
            at = page.next();
            if (at != null) {
                out.printf("%d items read, %d held, %d resent, %d already applied; go on with --position %s%n",
                        scanned, held, resent, applied, at);
            }
        } while (at != null);
        Summary summary = new Summary(scanned, held, resent, applied, refused, unreadable, failed);
        out.printf("done: %d items read, %d receipts holding an event in the window, %d resent, %d already applied, "
                + "%d refused by the relay, %d unreadable, %d not sent%n", scanned, held, resent, applied, refused,
                unreadable, failed);
        return summary;
    }
}
