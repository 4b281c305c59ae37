package io.inventorysync.admin;

import io.inventorysync.availability.ChannelAvailabilityService;
import io.inventorysync.availability.ChannelRecompute;
import io.inventorysync.channels.ChannelPools;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbChannelAvailabilities;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Recomputes every channel's number of every SKU after {@code channels.json} changed, resumably:
 *
 * <pre>
 * java -cp functions/target/functions.jar io.inventorysync.admin.ChannelRecomputeCommand \
 *     --table TABLE --channels infra/channels.json [--page-size 500] [--restart]
 * </pre>
 *
 * Run it after the deploy that changed the pools (the functions then compute with the new pools
 * too). Interrupted, it resumes from its stored cursor when run again with the same file; with
 * the same file after it finished, it says so and does nothing ({@code --restart} walks again).
 * Uses the standard AWS credentials, region and endpoint settings.
 */
public final class ChannelRecomputeCommand {
    private ChannelRecomputeCommand() {
    }

    public static void main(String[] args) {
        String table = null;
        Path channels = null;
        int pageSize = 500;
        boolean restart = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--table" -> table = args[++i];
                    case "--channels" -> channels = Path.of(args[++i]);
                    case "--page-size" -> pageSize = Integer.parseInt(args[++i]);
                    case "--restart" -> restart = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (table == null || channels == null || pageSize < 1) {
                throw new IllegalArgumentException("--table and --channels are required");
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: --table TABLE --channels channels.json [--page-size N] [--restart]");
            System.exit(2);
            return;
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            run(dynamo, table, ChannelsConfig.load(channels), pageSize, restart, System.out);
        }
    }

    /** Runs the recompute to its end, printing its progress. */
    static ChannelRecompute.Report run(DynamoDbClient dynamo, String table, ChannelsConfig config, int pageSize,
                                       boolean restart, PrintStream out) {
        String pools = ChannelPools.toJson(config);
        DynamoDbChannelAvailabilities store = new DynamoDbChannelAvailabilities(dynamo, table);
        ChannelAvailabilityService availability = new ChannelAvailabilityService(ChannelPools.parse(pools), store,
                Clock.systemUTC(), Settings.CHANNEL_AVAILABILITY_READS);
        ChannelRecompute recompute = new ChannelRecompute(availability, store, Clock.systemUTC());
        String runId = ChannelRecompute.runId(pools);
        ChannelRecompute.Report report = recompute.run(runId, pageSize, 1, restart);
        while (!report.done()) {
            out.printf("run %s: %d SKUs so far, %d numbers stored%n", runId, report.skus(), report.writes());
            report = recompute.run(runId, pageSize, 1, false);
        }
        out.printf(report.alreadyDone()
                ? "run %s was already done for this configuration (%d SKUs, %d numbers stored); --restart to walk again%n"
                : "run %s done: %d SKUs, %d numbers stored%n", runId, report.skus(), report.writes());
        return report;
    }
}
