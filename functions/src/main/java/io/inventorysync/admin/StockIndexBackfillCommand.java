package io.inventorysync.admin;

import io.inventorysync.store.StockIndexBackfill;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the stock records written before the {@code StockByLocation} index existed their index keys
 * (what {@code completeFor} and {@code SinceCountRepairCommand --location} walk), once, after the deploy
 * that adds the index; with {@code --check}, writes nothing and counts the records still without them:
 *
 * <pre>
 * java -cp functions/target/functions.jar io.inventorysync.admin.StockIndexBackfillCommand \
 *     --table TABLE [--check] [--page-size 1000] [--from POSITION]
 * </pre>
 *
 * Prints the position after each page; interrupted, run it again with {@code --from} the last
 * position printed (or from the start: it is idempotent, only slower). Safe beside live traffic.
 * Reports the records it gave keys (the first {@value #NAMED} named, all counted). Exit status: 0 done
 * (with {@code --check}: no record lacks the keys), 1 with {@code --check} when some record lacks them
 * (run without it), 2 bad arguments. Uses the standard AWS credentials, region and endpoint settings.
 */
public final class StockIndexBackfillCommand {
    /** How many records a run names; the rest are counted. */
    static final int NAMED = 20;

    private StockIndexBackfillCommand() {
    }

    /** What a run found ({@code lacking}: stock records without the keys) and did ({@code updated}). */
    public record Summary(long scanned, long lacking, long updated) {
    }

    public static void main(String[] args) {
        String table = null;
        String from = null;
        boolean check = false;
        int pageSize = 1000;
        try {
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
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: --table TABLE [--check] [--page-size N] [--from POSITION]");
            System.exit(2);
            return;
        }
        Summary summary;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            summary = run(new StockIndexBackfill(dynamo, table), from, pageSize, check, System.out);
        }
        System.exit(exitStatus(summary, check));
    }

    /** 1 when a check found records without the keys, else 0. */
    public static int exitStatus(Summary summary, boolean check) {
        return check && summary.lacking() > 0 ? 1 : 0;
    }

    /**
     * Runs the backfill (or with {@code check} only its count) to the end of the table from {@code from}.
     */
    public static Summary run(StockIndexBackfill backfill, String from, int pageSize, boolean check, PrintStream out) {
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
                out.printf(check ? "%d items read, %d stock records without index keys; go on with --from %s%n"
                        : "%d items read, %d stock records given index keys; go on with --from %s%n", scanned,
                        check ? lacking : updated, position);
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
        return new Summary(scanned, lacking, updated);
    }
}
