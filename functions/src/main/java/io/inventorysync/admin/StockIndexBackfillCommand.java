package io.inventorysync.admin;

import io.inventorysync.store.StockIndexBackfill;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;

/**
 * Gives the stock records written before the {@code StockByLocation} index existed their index keys
 * (what {@code completeFor} walks), once, after the deploy that adds the index:
 *
 * <pre>
 * java -cp functions/target/functions.jar io.inventorysync.admin.StockIndexBackfillCommand \
 *     --table TABLE [--page-size 1000] [--from POSITION]
 * </pre>
 *
 * Prints the position after each page; interrupted, run it again with {@code --from} the last
 * position printed (or from the start: it is idempotent, only slower). Safe beside live traffic.
 * Uses the standard AWS credentials, region and endpoint settings.
 */
public final class StockIndexBackfillCommand {
    private StockIndexBackfillCommand() {
    }

    public static void main(String[] args) {
        String table = null;
        String from = null;
        int pageSize = 1000;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--table" -> table = args[++i];
                    case "--from" -> from = args[++i];
                    case "--page-size" -> pageSize = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (table == null || pageSize < 1) {
                throw new IllegalArgumentException("--table is required");
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: --table TABLE [--page-size N] [--from POSITION]");
            System.exit(2);
            return;
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            run(new StockIndexBackfill(dynamo, table), from, pageSize, System.out);
        }
    }

    /** Runs the backfill to the end of the table from {@code from}; answers the records updated. */
    static long run(StockIndexBackfill backfill, String from, int pageSize, PrintStream out) {
        long scanned = 0;
        long updated = 0;
        String position = from;
        do {
            StockIndexBackfill.Page page = backfill.page(position, pageSize);
            scanned += page.scanned();
            updated += page.updated();
            position = page.next();
            if (position != null) {
                out.printf("%d items read, %d stock records given index keys; go on with --from %s%n", scanned,
                        updated, position);
            }
        } while (position != null);
        out.printf("done: %d items read, %d stock records given index keys%n", scanned, updated);
        return updated;
    }
}
