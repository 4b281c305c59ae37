package io.inventorysync.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code localstack/run}: parses the options, starts a {@link LocalCloud}, prints how to reach it,
 * runs the demo when asked, and stops everything on Ctrl-C. Exits 2 on bad options and 1 when the
 * cloud cannot start (a bad channels file, a port in use), having stopped whatever had started.
 */
public final class LocalCloudCli {
    private LocalCloudCli() {
    }

    static final String USAGE = "options: --port N, --source ID=whsec_..., --data-dir DIR, --channels FILE, --demo,"
            + " --sweep-every SECONDS";

    /** The command line as {@link LocalCloud.Options}; {@link IllegalArgumentException} names what is wrong. */
    static LocalCloud.Options parse(String[] args) {
        int port = 8080;
        Map<String, String> sources = new LinkedHashMap<>();
        Path dataDir = null;
        Path channels = Path.of("infra/channels.json");
        Path events = Path.of("events");
        boolean demo = false;
        int sweepEvery = (int) io.inventorysync.settings.Settings.SWEEP_INTERVAL.toSeconds();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.equals("--demo") && i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
            }
            switch (option) {
                case "--port" -> port = integer(option, args[++i]);
                case "--source" -> {
                    String[] pair = args[++i].split("=", 2);
                    if (pair.length != 2 || !pair[1].startsWith("whsec_")) {
                        throw new IllegalArgumentException("--source takes ID=whsec_<base64>");
                    }
                    sources.put(pair[0], pair[1]);
                }
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--channels" -> channels = Path.of(args[++i]);
                case "--events" -> events = Path.of(args[++i]);
                case "--demo" -> demo = true;
                case "--sweep-every" -> sweepEvery = integer(option, args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + option + " (" + USAGE + ")");
            }
        }
        return new LocalCloud.Options(port, sources, dataDir, channels, demo, events, sweepEvery);
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not " + value);
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command until Ctrl-C; returns the exit status when it cannot run at all.
     *
     * @return 2 for bad options, 1 when the cloud did not start
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        LocalCloud.Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(options);
        } catch (RuntimeException e) {
            err.println("The local cloud did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping the local cloud");
            cloud.close();
            stopped.countDown();
        }));
        printSummary(cloud, out);
        if (options.demo()) {
            new Demo(cloud, options.eventsDir()).run();
        }
        stopped.await();
        return 0;
    }

    static void printSummary(LocalCloud cloud, PrintStream out) {
        out.println();
        out.println("inventory-sync local cloud is up (Ctrl-C stops it).");
        cloud.sources().forEach((id, secret) -> out.println("  source " + id + " signs with " + secret));
        cloud.channelQueues().forEach((name, url) -> out.println("  channel " + name + " receives in " + url));
        String sample = "events/inbound/v1/samples/01-receipt.json";
        out.println("  try: localstack/send " + cloud.apiUrl() + " pos-demo "
                + cloud.sources().getOrDefault("pos-demo", "<secret>") + " " + sample);
        out.println("       curl " + cloud.apiUrl() + "/v1/inventory/BLU-SHIRT-M");
        out.println("API_URL=" + cloud.apiUrl());
        cloud.endpoints().forEach((name, url) -> out.println(name + "=" + url));
        out.flush();
    }
}
