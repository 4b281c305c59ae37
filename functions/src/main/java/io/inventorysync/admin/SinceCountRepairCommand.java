package io.inventorysync.admin;

import io.inventorysync.store.DynamoDbInventoryStore;
import io.inventorysync.store.SinceCountRepair;
import io.inventorysync.store.StockIndexBackfill;
import io.inventorysync.store.StockReads;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the stock records whose {@code sinceCount} differs from what the ledger index shows (a record a hold
 * step stamped before the latest count left stuck, before that was fixed: its counts fail retryably and end
 * in the movements DLQ), and with {@code --apply} sets each right:
 *
 * <pre>
 * java -cp functions/target/functions.jar io.inventorysync.admin.SinceCountRepairCommand \
 *     --table TABLE (--record SKU@LOCATION ... | --location LOCATION) [--apply] [--settle-seconds 60] [--page-size 1000]
 * </pre>
 *
 * Without {@code --apply} it only reports. Each fix is conditioned on the values read ({@link SinceCountRepair}):
 * a movement in between makes it skip and say so. Records changed in the last {@code --settle-seconds} are
 * not judged (the index may not show their latest entries yet). Prints one line per record that is not
 * healthy, then a summary (with {@code --location}, how many records the index listed); exits 1 when a record
 * was left differing with {@code --apply} (changed while fixed, or settling: run it again), 3 when
 * {@code --location} is refused because the {@code StockByLocation} index is not {@code ACTIVE}, or no whole walk
 * of {@code StockIndexBackfillCommand} is recorded in the table (nothing walked or written), 2 on bad arguments, else 0. Uses the standard AWS credentials, region and endpoint settings.
 */
public final class SinceCountRepairCommand {
    private SinceCountRepairCommand() {
    }

    /** What a run found and did, by {@link SinceCountRepair.Verdict}. */
    public record Summary(long checked, long healthy, long differing, long fixed, long changed, long settling,
                          long withoutSinceCount, long notFound) {
        /** Records left differing (or not judged) after a run that was asked to fix. */
        public long leftOver() {
            return changed + settling;
        }
    }

    public static void main(String[] args) {
        String table = null;
        List<String[]> records = new ArrayList<>();
        String location = null;
        boolean apply = false;
        long settleSeconds = 60;
        int pageSize = 1000;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--table" -> table = args[++i];
                    case "--record" -> {
                        String r = args[++i];
                        int at = r.lastIndexOf('@');
                        if (at <= 0 || at == r.length() - 1) {
                            throw new IllegalArgumentException("--record is SKU@LOCATION, not " + r);
                        }
                        records.add(new String[]{r.substring(0, at), r.substring(at + 1)});
                    }
                    case "--location" -> location = args[++i];
                    case "--apply" -> apply = true;
                    case "--settle-seconds" -> settleSeconds = Long.parseLong(args[++i]);
                    case "--page-size" -> pageSize = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (table == null || (records.isEmpty() == (location == null)) || pageSize < 1 || settleSeconds < 0) {
                throw new IllegalArgumentException("--table and either --record (repeatable) or --location are required");
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: --table TABLE (--record SKU@LOCATION ... | --location LOCATION) [--apply] "
                    + "[--settle-seconds 60] [--page-size 1000]");
            System.exit(2);
            return;
        }
        int status;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            SinceCountRepair repair = new SinceCountRepair(DynamoDbInventoryStore.builder().dynamoDbClient(dynamo)
                    .tableName(table).build(), Clock.systemUTC(), Duration.ofSeconds(settleSeconds));
            if (location == null) {
                status = exitStatus(run(repair, records, apply, System.out), apply);
            } else {
                status = location(new StockIndexBackfill(dynamo, table), repair, location, pageSize, apply, System.out,
                        System.err);
            }
        }
        System.exit(status);
    }

    /** 1 when a run asked to fix left a record differing or not judged, else 0. */
    public static int exitStatus(Summary summary, boolean apply) {
        return apply && summary.leftOver() > 0 ? 1 : 0;
    }

    /**
     * {@link #runLocation} once the {@code StockByLocation} index can be read (one {@code DescribeTable}) and is
     * known to list every stock record (one {@code GetItem}: the mark a whole walk of
     * {@code StockIndexBackfillCommand} leaves, {@link StockIndexBackfill#whole}); refused with
     * {@value #INDEX_NOT_READY} and nothing walked or written while the index is absent, being created or being
     * filled, or while no such walk is recorded (an {@code ACTIVE} index over a table never backfilled lists only
     * the records that moved since): a walk of it would list only part of the location, and say nothing of the rest.
     *
     * @return the exit status
     */
    public static int location(StockIndexBackfill backfill, SinceCountRepair repair, String location, int pageSize,
                               boolean apply, PrintStream out, PrintStream err) {
        StockIndexBackfill.IndexState index = backfill.index();
        if (!index.ready()) {
            err.printf("refused: the StockByLocation index is %s, not ACTIVE: a walk of it would miss records. "
                    + "Wait until it is ACTIVE, run StockIndexBackfillCommand (then --check), or name records with "
                    + "--record SKU@LOCATION%n", index.describe());
            return INDEX_NOT_READY;
        }
        Optional<StockIndexBackfill.WholeWalk> whole = backfill.whole();
        if (whole.isEmpty()) {
            err.printf("refused: no whole walk of StockIndexBackfillCommand is recorded in this table, so the "
                    + "StockByLocation index may miss records written before it. Run StockIndexBackfillCommand "
                    + "--table TABLE, then the same with --check (exit 0 records it; a table that had the index from "
                    + "the start needs that one --check too), or name records with --record SKU@LOCATION%n");
            return INDEX_NOT_READY;
        }
        out.printf("the StockByLocation index lists every stock record since %s (%s, %d items read)%n",
                whole.get().at(), whole.get().by(), whole.get().itemsRead());
        return exitStatus(runLocation(repair, location, pageSize, apply, out), apply);
    }

    /** Exit status of a {@code --location} run refused because its index cannot be walked yet, or is not known whole. */
    public static final int INDEX_NOT_READY = 3;

    /** Checks (and with {@code apply} fixes) every record at {@code location}, as the stock-by-location index lists them. */
    public static Summary runLocation(SinceCountRepair repair, String location, int pageSize, boolean apply, PrintStream out) {
        Tally tally = new Tally();
        String after = null;
        do {
            StockReads.SkuPage page = repair.skusAt(location, after, pageSize);
            for (String sku : page.skus()) {
                tally.add(one(repair, sku, location, apply, out));
            }
            after = page.next();
        } while (after != null);
        out.printf("walked %d records at %s, as the StockByLocation index lists them (a record without its keys is "
                + "not listed: StockIndexBackfillCommand --check counts those)%n", tally.checked, location);
        return tally.done(apply, out);
    }

    /** Checks (and with {@code apply} fixes) the given records, each {@code {sku, locationId}}. */
    public static Summary run(SinceCountRepair repair, List<String[]> records, boolean apply, PrintStream out) {
        Tally tally = new Tally();
        for (String[] r : records) {
            tally.add(one(repair, r[0], r[1], apply, out));
        }
        return tally.done(apply, out);
    }

    private static SinceCountRepair.Finding one(SinceCountRepair repair, String sku, String location, boolean apply,
                                                PrintStream out) {
        SinceCountRepair.Finding found = repair.check(sku, location);
        SinceCountRepair.Finding result = apply ? repair.fix(found) : found;
        SinceCountRepair.Reading r = result.reading();
        switch (result.verdict()) {
            case HEALTHY, NO_SINCE_COUNT -> {
            }
            case NOT_FOUND -> out.printf("not found: %s at %s%n", sku, location);
            case SETTLING -> out.printf("changed in the settle time, not judged now (run again): %s at %s%n", sku, location);
            case DIFFERS -> out.printf("differs: %s at %s: sinceCount %d, the ledger index shows %d on-hand entries since %s "
                    + "(version %d)%n", sku, location, r.sinceCount(), r.onIndex(), since(r), r.version());
            case FIXED -> out.printf("fixed: %s at %s: sinceCount %d -> %d (since %s, version %d)%n", sku, location,
                    r.sinceCount(), r.onIndex(), since(r), r.version());
            case CHANGED -> out.printf("skipped: %s at %s changed since it was read (a movement in between): "
                    + "nothing written; run again%n", sku, location);
        }
        return result;
    }

    private static String since(SinceCountRepair.Reading r) {
        return r.lastCountAt() == null ? "its first entry (never counted)" : "lastCountAt " + r.lastCountAt();
    }

    private static final class Tally {
        long checked;
        long healthy;
        long differing;
        long fixed;
        long changed;
        long settling;
        long withoutSinceCount;
        long notFound;

        void add(SinceCountRepair.Finding f) {
            checked++;
            switch (f.verdict()) {
                case HEALTHY -> healthy++;
                case DIFFERS -> differing++;
                case FIXED -> {
                    differing++;
                    fixed++;
                }
                case CHANGED -> {
                    differing++;
                    changed++;
                }
                case SETTLING -> settling++;
                case NO_SINCE_COUNT -> withoutSinceCount++;
                case NOT_FOUND -> notFound++;
            }
        }

        Summary done(boolean apply, PrintStream out) {
            out.printf("done: %d records checked, %d healthy, %d differ%s, %d changed in the settle time, "
                    + "%d without sinceCount (written before v1.1), %d not found%n", checked, healthy, differing,
                    apply ? " (" + fixed + " fixed, " + changed + " skipped: changed while fixed)" : " (run with --apply to fix)",
                    settling, withoutSinceCount, notFound);
            return new Summary(checked, healthy, differing, fixed, changed, settling, withoutSinceCount, notFound);
        }
    }
}
