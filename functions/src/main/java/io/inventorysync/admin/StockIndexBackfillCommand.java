package io.inventorysync.admin;

import io.inventorysync.store.StockIndexBackfill;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the stock records written before the {@code StockByLocation} index existed their index keys
 * (what {@code completeFor} and {@code SinceCountRepairCommand --location} walk), once, after the deploy
 * that adds the index; with {@code --check}, writes nothing to the records and counts those still without them:
 *
 * <pre>
 * java -cp functions/target/functions.jar io.inventorysync.admin.StockIndexBackfillCommand \
 *     --table TABLE [--check | --from POSITION] [--page-size 1000]
 * </pre>
 *
 * The backfill prints the position after each page; interrupted, run it again with {@code --from} the last
 * position printed (or from the start: it is idempotent, only slower). Safe beside live traffic.
 * Reports the records it gave keys (the first {@value #NAMED} named, all counted). A walk of the whole
 * table (no {@code --from}) that leaves no stock record without keys (the backfill: every record found
 * given them; the check: none found) records so in the table ({@link StockIndexBackfill#recordWhole}), the mark
 * {@code SinceCountRepairCommand --location} requires; a table that had the index from the start needs one
 * {@code --check} to write it. A walk {@code --from} a position writes no mark, and {@code --check} takes no
 * {@code --from} (its verdict is on the whole table). Exit status: 0 done (with {@code --check}: no record lacks
 * the keys, mark written), 1 with {@code --check} when some record lacks them (run without it; no mark),
 * 2 bad arguments. Uses the standard AWS credentials, region and endpoint settings.
 */
public final class StockIndexBackfillCommand {
    /** How many records a run names; the rest are counted. */
    static final int NAMED = 20;

    private StockIndexBackfillCommand() {
    }

    /** What a run found ({@code lacking}: stock records without the keys) and did ({@code updated}). */
    public record Summary(long scanned, long lacking, long updated) {
    }

    /** The command's arguments, as {@link #options} read them. */
    public record Options(String table, String from, boolean check, int pageSize) {
    }

    /**
     * Reads the arguments.
     *
     * @throws IllegalArgumentException bad arguments (exit status 2): among them {@code --check} with {@code --from}
     */
    public static Options options(String... args) {
        String table = null;
        String from = null;
        boolean check = false;
        int pageSize = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--table" -> table = args[++i];
                case "--from" -> from = args[++i];
                case "--check" -> check = true;
                case "--page-size" -> pageSize = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (table == null || pageSize < 1) {
            throw new IllegalArgumentException("--table is required");
        }
        if (check && from != null) {
            throw new IllegalArgumentException("--check walks the whole table: it takes no --from");
        }
        return new Options(table, from, check, pageSize);
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = options(args);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: --table TABLE [--check | --from POSITION] [--page-size N]");
            System.exit(2);
            return;
        }
        Summary summary;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            summary = run(new StockIndexBackfill(dynamo, o.table()), o.from(), o.pageSize(), o.check(), System.out);
        }
        System.exit(exitStatus(summary, o.check()));
    }

    /** 1 when a check found records without the keys, else 0. */
    public static int exitStatus(Summary summary, boolean check) {
        return check && summary.lacking() > 0 ? 1 : 0;
    }

    /**
     * Runs the backfill (or with {@code check} only its count) to the end of the table from {@code from};
     * from the start ({@code from} null) and leaving no stock record without keys, records the whole walk
     * ({@link StockIndexBackfill#recordWhole}).
     *
     * @throws IllegalArgumentException a check {@code from} a position (a check's verdict is on the whole table)
     */
    public static Summary run(StockIndexBackfill backfill, String from, int pageSize, boolean check, PrintStream out) {
        return run(backfill, from, pageSize, check, out, Clock.systemUTC());
    }

    static Summary run(StockIndexBackfill backfill, String from, int pageSize, boolean check, PrintStream out, Clock clock) {
        if (check && from != null) {
            throw new IllegalArgumentException("--check walks the whole table: it takes no --from");
        }
        long scanned = 0;
        long lacking = 0;
        long updated = 0;
        List<String> named = new ArrayList<>();
        String position = from;
        do {
            StockIndexBackfill.Page page = check ? backfill.check(position, pageSize) : backfill.page(position, pageSize);
            scanned += page.scanned();
            lacking += page.lacking().size();
            updated += page.updated();
            for (String record : page.lacking()) {
                if (named.size() < NAMED) {
                    named.add(record);
                    out.printf("without index keys: %s%n", record);
                }
            }
            position = page.next();
            if (position != null) {
                if (check) {
                    // A check's verdict is on the whole table: interrupted, it starts again (no --from).
                    out.printf("%d items read, %d stock records without index keys so far%n", scanned, lacking);
                } else {
                    out.printf("%d items read, %d stock records given index keys; go on with --from %s%n", scanned,
                            updated, position);
                }
            }
        } while (position != null);
        String more = lacking > named.size() ? " (the first " + named.size() + " named above)" : "";
        if (check) {
            out.printf("done: %d items read, %d stock records without index keys%s%s%n", scanned, lacking, more,
                    lacking > 0 ? ": the StockByLocation index does not list them; run without --check" : "");
        } else {
            out.printf("done: %d items read, %d stock records given index keys%s%s%n", scanned, updated, more,
                    lacking > updated ? " (" + (lacking - updated) + " given them by a movement meanwhile)" : "");
        }
        if (from != null) {
            out.printf("walked from %s, not the whole table: no mark recorded (SinceCountRepairCommand --location "
                    + "needs one: run --check, from the start, once this is done)%n", from);
        } else if (!check || lacking == 0) {
            // The backfill gave every record it found its keys (or a movement did, or the record is gone: a
            // failure throws before here); the check found none without them. Records written since carry them.
            Instant at = clock.instant();
            backfill.recordWhole(at, scanned, check ? "check" : "backfill");
            out.printf("recorded: the whole table walked at %s, every stock record has its index keys "
                    + "(SinceCountRepairCommand --location may walk the index)%n", at);
        }
        return new Summary(scanned, lacking, updated);
    }
}
