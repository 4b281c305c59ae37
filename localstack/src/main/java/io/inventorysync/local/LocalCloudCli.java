package io.inventorysync.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
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
            + " --sweep-every SECONDS, --square-pull-every SECONDS, --verbose";

    /** The command line as {@link LocalCloud.Options}; {@link IllegalArgumentException} names what is wrong. */
    static LocalCloud.Options parse(String[] args) {
        int port = 8080;
        Map<String, String> sources = new LinkedHashMap<>();
        Path dataDir = null;
        Path channels = Path.of("infra/channels.json");
        Path events = Path.of("events");
        boolean demo = false;
        int sweepEvery = (int) io.inventorysync.settings.Settings.SWEEP_INTERVAL.toSeconds();
        int squarePullEvery = (int) io.inventorysync.settings.Settings.SQUARE_PULL_INTERVAL.toSeconds();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--verbose")) {
                continue;
            }
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
                case "--square-pull-every" -> squarePullEvery = integer(option, args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + option + " (" + USAGE + ")");
            }
        }
        return new LocalCloud.Options(port, sources, dataDir, channels, demo, events, sweepEvery, squarePullEvery);
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not " + value);
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream terminal = System.out;
        if (!List.of(args).contains("--verbose")) {
            sendLogsToFile(terminal);
        }
        System.exit(run(args, terminal, terminal));
    }

    /**
     * The handlers log JSON lines and print EMF metric objects to standard output, as on Lambda;
     * between the demo's lines nobody can read them. Unless {@code --verbose}, standard output and
     * error (this process's, which the command owns) go to a file named here, and only the local
     * cloud's own lines reach the terminal.
     */
    private static void sendLogsToFile(PrintStream terminal) throws IOException {
        Path dir = Files.isDirectory(Path.of("localstack", "target")) ? Path.of("localstack", "target")
                : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = dir.resolve("local-cloud-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".log").toAbsolutePath();
        PrintStream log = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
        terminal.println("Logs and metrics of the functions and engines: " + file + " (--verbose prints them here)");
        System.setOut(log);
        System.setErr(log);
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
            new Demo(cloud, options.eventsDir(), out).run();
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
        out.println("  the webhook's function URL (as deployed with -c webhookFunctionUrl=true): " + cloud.webhookUrl());
        out.println("API_URL=" + cloud.apiUrl());
        out.println("WEBHOOK_URL=" + cloud.webhookUrl());
        cloud.endpoints().forEach((name, url) -> out.println(name + "=" + url));
        out.flush();
    }
}
